//! Birth dates as lists record them: whole, partial, estimated from an age,
//! or wrong in the ways clerks get them wrong.

use rand::{Rng, RngExt};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

/// How much of a date a record gives.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Precision {
    Day,
    Month,
    Year,
    Missing,
}

/// How a list writes full dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateStyle {
    /// `2014-03-27`
    Iso,
    /// `27.03.2014`
    Dotted,
}

pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        _ => 28,
    }
}

impl Date {
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        ((1..=12).contains(&month) && day >= 1 && day <= days_in_month(year, month))
            .then_some(Date { year, month, day })
    }

    /// A uniformly random day in the years `from..=to`.
    pub fn random<R: Rng>(rng: &mut R, from: i32, to: i32) -> Date {
        let year = rng.random_range(from..=to);
        let month = rng.random_range(1..=12);
        let day = rng.random_range(1..=days_in_month(year, month));
        Date { year, month, day }
    }

    /// The same day `years` later, or the 28th of February for the 29th.
    pub fn plus_years(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date { year, day, ..self }
    }

    pub fn render(self, precision: Precision, style: DateStyle) -> String {
        match precision {
            Precision::Missing => String::new(),
            Precision::Year => format!("{:04}", self.year),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Day => match style {
                DateStyle::Iso => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
                DateStyle::Dotted => format!("{:02}.{:02}.{:04}", self.day, self.month, self.year),
            },
        }
    }

    /// Day and month read the other way round, when that is still a date
    /// and a different one.
    pub fn swapped(self) -> Option<Date> {
        (self.day != self.month)
            .then(|| Date::new(self.year, self.day, self.month))
            .flatten()
    }

    /// One digit of day, month or year mistyped, still a valid date.
    pub fn digit_typo<R: Rng>(self, rng: &mut R) -> Date {
        for _ in 0..20 {
            let candidate = match rng.random_range(0..5) {
                0 => Date::new(self.year, self.month, retype_digit(rng, self.day, 10)),
                1 => Date::new(self.year, self.month, retype_digit(rng, self.day, 1)),
                2 => Date::new(self.year, retype_digit(rng, self.month, 1), self.day),
                3 => Date::new(
                    self.year - (self.year % 10) + rng.random_range(0..10),
                    self.month,
                    self.day,
                ),
                _ => Date::new(self.year, self.month, self.day % 10 * 10 + self.day / 10),
            };
            if let Some(d) = candidate.filter(|&d| d != self) {
                return d;
            }
        }
        self.plus_years(1)
    }
}

fn retype_digit<R: Rng>(rng: &mut R, value: u32, unit: u32) -> u32 {
    let digit = value / unit % 10;
    let new = if rng.random_bool(0.5) {
        (digit + 1) % 10
    } else {
        (digit + 9) % 10
    };
    value - digit * unit + new * unit
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_every_cli_format() {
        let d = Date::new(2014, 3, 7).unwrap();
        for (p, s, expect) in [
            (Precision::Day, DateStyle::Iso, "2014-03-07"),
            (Precision::Day, DateStyle::Dotted, "07.03.2014"),
            (Precision::Month, DateStyle::Dotted, "2014-03"),
            (Precision::Year, DateStyle::Iso, "2014"),
            (Precision::Missing, DateStyle::Iso, ""),
        ] {
            assert_eq!(d.render(p, s), expect);
        }
    }

    #[test]
    fn swaps_only_when_the_result_is_a_different_date() {
        assert_eq!(
            Date::new(2014, 3, 7).unwrap().swapped(),
            Date::new(2014, 7, 3)
        );
        assert_eq!(Date::new(2014, 3, 27).unwrap().swapped(), None);
        assert_eq!(Date::new(2014, 5, 5).unwrap().swapped(), None);
    }
}
