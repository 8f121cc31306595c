//! Dates, times and numbers in the reader's language: the month names, the
//! order of the parts, digit grouping and the digits come from CLDR through
//! ICU4X, not from our own tables. Every time the UI shows is UTC and says
//! so; forms keep ISO 8601 (`datetime-local`, `YYYY-MM-DD`).

use super::i18n::Lang;
use homeward_domain::transit::civil_date;
use icu_calendar::Gregorian;
use icu_datetime::FixedCalendarDateTimeFormatter;
use icu_datetime::fieldsets::{YMD, YMDT};
use icu_datetime::input::{Date, DateTime, Time};
use icu_datetime::options::TimePrecision;
use icu_decimal::DecimalFormatter;
use icu_decimal::input::Decimal;
use icu_locale_core::Locale;
use std::sync::OnceLock;

struct Formatters {
    date_time: FixedCalendarDateTimeFormatter<Gregorian, YMDT>,
    date: FixedCalendarDateTimeFormatter<Gregorian, YMD>,
    number: DecimalFormatter,
}

/// The locale whose patterns a language uses. English is British: a day
/// before its month and a 24-hour clock read the same on both sides.
/// Arabic keeps CLDR's words and digits but a 24-hour clock (`hc-h23`): a
/// handover time an escort reads in Arabic must be the same figure the
/// transit state's officer reads in English, with no ص/م to misread.
fn locale(lang: Lang) -> Locale {
    let tag = match lang {
        Lang::En => "en-GB",
        Lang::Ar => "ar-u-hc-h23",
        other => other.tag(),
    };
    tag.parse().expect("the UI's languages are valid locales")
}

fn formatters(lang: Lang) -> &'static Formatters {
    static ALL: OnceLock<Vec<Formatters>> = OnceLock::new();
    let all = ALL.get_or_init(|| {
        Lang::ALL
            .iter()
            .map(|&l| {
                let locale = locale(l);
                Formatters {
                    date_time: FixedCalendarDateTimeFormatter::try_new(
                        (&locale).into(),
                        YMDT::medium().with_time_precision(TimePrecision::Minute),
                    )
                    .expect("ICU4X's compiled data has the UI's languages"),
                    date: FixedCalendarDateTimeFormatter::try_new((&locale).into(), YMD::medium())
                        .expect("ICU4X's compiled data has the UI's languages"),
                    number: DecimalFormatter::try_new((&locale).into(), Default::default())
                        .expect("ICU4X's compiled data has the UI's languages"),
                }
            })
            .collect()
    });
    let i = Lang::ALL
        .iter()
        .position(|&l| l == lang)
        .expect("every language is in Lang::ALL");
    &all[i]
}

fn gregorian((y, m, d): (i32, u8, u8)) -> Option<Date<Gregorian>> {
    Date::try_new_gregorian(y, m, d).ok()
}

impl Lang {
    /// The day and minute of `secs` (seconds since the epoch), in UTC:
    /// "2 Dec 2026, 13:53 UTC", "2 груд. 2026 р., 13:53 UTC".
    pub fn date_time(self, secs: i64) -> String {
        let rem = secs.rem_euclid(86_400);
        let (h, m) = ((rem / 3600) as u8, ((rem % 3600) / 60) as u8);
        let Some(date) = gregorian(civil_date(secs)) else {
            return String::new();
        };
        let time = Time::try_new(h, m, 0, 0).expect("an hour and a minute of a day");
        let dt = DateTime { date, time };
        format!("{} UTC", formatters(self).date_time.format(&dt))
    }

    /// A calendar day: "2 Dec 2026", "2 груд. 2026 р.".
    pub fn date(self, day: (i32, u8, u8)) -> String {
        gregorian(day).map_or_else(
            || format!("{:04}-{:02}-{:02}", day.0, day.1, day.2),
            |d| formatters(self).date.format(&d).to_string(),
        )
    }

    /// A whole number with the language's grouping: "12,345", "12 345".
    pub fn number(self, n: i64) -> String {
        formatters(self)
            .number
            .format(&Decimal::from(n))
            .to_string()
    }

    /// [`Lang::date_time`] of a time in microseconds, as the ledger keeps it.
    pub fn date_time_micros(self, micros: i64) -> String {
        self.date_time(micros.div_euclid(1_000_000))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // 2026-12-02 13:53:07 UTC
    const AT: i64 = 1_796_219_587;

    #[test]
    fn each_language_writes_the_month_its_own_way() {
        assert_eq!(civil_date(AT), (2026, 12, 2));
        let en = Lang::En.date_time(AT);
        assert!(
            en.contains("Dec") && en.contains("13:53") && en.ends_with(" UTC"),
            "{en}"
        );
        assert!(en.starts_with('2'), "day first: {en}");
        let uk = Lang::Uk.date_time(AT);
        assert!(uk.contains("груд") && uk.contains("13:53"), "{uk}");
        let ru = Lang::Ru.date_time(AT);
        assert!(ru.contains("дек") && ru.contains("13:53"), "{ru}");
        // CLDR's Arabic order and marks, on a 24-hour clock: 13:53, no
        // ص/م (CLDR's default is "1:53 م").
        let ar = Lang::Ar.date_time(AT);
        assert!(
            ar.contains("2026") && ar.contains("13:53") && ar.ends_with(" UTC"),
            "{ar}"
        );
        assert!(
            !ar.split_whitespace().any(|w| w == "م" || w == "ص"),
            "no day period: {ar}"
        );
        assert_ne!(uk, ru);
    }

    #[test]
    fn numbers_are_grouped_the_languages_way() {
        assert_eq!(Lang::En.number(12_345), "12,345");
        assert_eq!(Lang::Uk.number(12_345), "12\u{a0}345");
        assert_eq!(Lang::Ru.number(12_345), "12\u{a0}345");
        assert_eq!(Lang::En.number(-7), "-7");
        assert!(!Lang::Ar.number(12_345).is_empty());
    }

    #[test]
    fn a_day_is_written_without_a_time() {
        let d = Lang::Uk.date((2027, 1, 2));
        assert!(
            d.contains("січ") && d.contains("2027") && !d.contains(':'),
            "{d}"
        );
        assert!(Lang::En.date((2027, 1, 2)).contains("Jan"));
        assert_eq!(Lang::En.date((2027, 2, 30)), "2027-02-30");
    }
}
