//! Partial dates: parsing, every error, every comparison level, sex.

use homeward_linkage::dates::{
    DateError, DateLevel, PartialDate, Sex, SexLevel, compare_dates, compare_sex, parse,
};

fn d(y: i32, m: Option<u8>, day: Option<u8>) -> PartialDate {
    PartialDate {
        year: y,
        month: m,
        day,
    }
}

#[test]
fn parses_every_accepted_form() {
    let cases = [
        ("2014-03-05", Some(d(2014, Some(3), Some(5)))),
        ("2014-03", Some(d(2014, Some(3), None))),
        ("2014", Some(d(2014, None, None))),
        ("05.03.2014", Some(d(2014, Some(3), Some(5)))),
        ("5.3.2014", Some(d(2014, Some(3), Some(5)))),
        ("03.2014", Some(d(2014, Some(3), None))),
        (" 2014 ", Some(d(2014, None, None))),
        ("29.02.2016", Some(d(2016, Some(2), Some(29)))),
        ("2000-02-29", Some(d(2000, Some(2), Some(29)))),
        ("", None),
        ("   ", None),
    ];
    for (s, expect) in cases {
        assert_eq!(parse(s), Ok(expect), "{s}");
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let cases = [
        (
            "31.02.2014",
            "'31.02.2014' is not a date: February has 28 days in 2014",
        ),
        (
            "29.02.1900",
            "'29.02.1900' is not a date: February has 28 days in 1900",
        ),
        (
            "2015-04-31",
            "'2015-04-31' is not a date: April has 30 days in 2015",
        ),
        (
            "13.13.2014",
            "'13.13.2014' is not a date: month 13 is not between 1 and 12",
        ),
        (
            "2014-00",
            "'2014-00' is not a date: month 0 is not between 1 and 12",
        ),
        (
            "00.03.2014",
            "'00.03.2014' is not a date: day 0 does not exist",
        ),
        (
            "14",
            "'14' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY",
        ),
        (
            "2014/03/05",
            "'2014/03/05' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY",
        ),
        (
            "March 2014",
            "'March 2014' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY",
        ),
        (
            "05.03.14",
            "'05.03.14' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY",
        ),
        (
            "2014-03-05-01",
            "'2014-03-05-01' is not a date: expected YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY",
        ),
        (
            "0214",
            "'0214' is not a birth date: year 214 is outside 1900–2100",
        ),
    ];
    for (s, msg) in cases {
        let err: DateError = parse(s).unwrap_err();
        assert_eq!(err.to_string(), msg, "{s}");
    }
}

#[test]
fn display_is_iso_like() {
    for s in ["2014-03-05", "2014-03", "2014"] {
        assert_eq!(parse(s).unwrap().unwrap().to_string(), s);
    }
}

#[test]
fn from_age_gives_a_year_estimate() {
    let est = PartialDate::from_age(8, (2022, 5, 1));
    assert_eq!(est, d(2014, None, None));
    // Born later in 2013 and not yet 9 on that day: one year off.
    let born = parse("2013-11-20").unwrap();
    assert_eq!(
        compare_dates(Some(&est), born.as_ref()),
        DateLevel::YearOff1
    );
}

fn level(a: &str, b: &str) -> DateLevel {
    let (a, b) = (parse(a).unwrap(), parse(b).unwrap());
    let l = compare_dates(a.as_ref(), b.as_ref());
    assert_eq!(compare_dates(b.as_ref(), a.as_ref()), l, "symmetric");
    l
}

#[test]
fn every_level() {
    use DateLevel::*;
    let cases = [
        ("2014-03-05", "05.03.2014", Exact),
        ("2014-03-05", "2014-05-03", DayMonthSwap),
        ("2014-03-05", "2014-03-06", OneDigitTypo),
        ("2014-03-05", "2014-08-05", OneDigitTypo),
        ("2014-03-05", "2015-03-05", OneDigitTypo),
        ("2014-03-05", "2014-03", YearMonthOnly),
        ("2014-03", "03.2014", YearMonthOnly),
        ("2014-03-05", "2014", YearOnly),
        ("2014", "2014", YearOnly),
        ("2014-03", "2014", YearOnly),
        ("2019-03-05", "2020-03-05", YearOff1),
        ("2014", "2013-07-09", YearOff1),
        ("2014-03", "2015", YearOff1),
        ("2014-03-05", "2014-07-21", Mismatch),
        ("2014-03-05", "2014-03-27", TwoDigits),
        ("2014-03", "2014-04", Mismatch),
        ("2014", "2016", Mismatch),
        ("2019-03-05", "2020-04-05", Mismatch),
        // Transposed digits are two differing digits, not one.
        ("2014-12-13", "2014-12-31", TwoDigits),
        ("2014-03-05", "2041-03-05", TwoDigits),
        ("2014-03-05", "2016-08-05", TwoDigits),
        ("2014-03-05", "2016-08-06", Mismatch),
        ("2014-03-03", "2014-03-03", Exact),
        ("2014-05-20", "2014-05-20", Exact),
        ("2014-03-05", "", Missing),
        ("", "", Missing),
    ];
    for (a, b, expect) in cases {
        assert_eq!(level(a, b), expect, "{a} vs {b}");
    }
}

#[test]
fn day_month_swap_needs_both_at_most_twelve() {
    // 13 cannot be a month, so 13.05 vs 05.13 cannot arise; and equal day
    // and month are Exact, not a swap.
    assert_eq!(level("2014-05-13", "2014-05-13"), DateLevel::Exact);
    assert_eq!(level("2014-04-04", "2014-04-04"), DateLevel::Exact);
    assert_eq!(level("2014-02-11", "2014-11-02"), DateLevel::DayMonthSwap);
    assert_eq!(level("2014-02-11", "2015-11-02"), DateLevel::Mismatch);
}

#[test]
fn levels_are_ordered_strongest_first() {
    let all = DateLevel::ALL;
    assert!(all.windows(2).all(|w| w[0] < w[1]));
    assert_eq!(all[0], DateLevel::Exact);
    assert_eq!(all[8], DateLevel::Missing);
}

#[test]
fn sex_comparison() {
    use SexLevel::*;
    let (m, f) = (Some(Sex::Male), Some(Sex::Female));
    for (a, b, expect) in [
        (m, m, Agree),
        (f, f, Agree),
        (m, f, Disagree),
        (f, m, Disagree),
        (m, None, Missing),
        (None, f, Missing),
        (None, None, Missing),
    ] {
        assert_eq!(compare_sex(a, b), expect);
    }
    assert_eq!(compare_sex(Sex::parse("M"), Sex::parse("")), Missing);
}

#[test]
fn an_impossible_date_is_compared_by_the_part_that_can_be_read() {
    use DateLevel::*;
    // (text that is no date, what it still says, a valid date, their level)
    let cases = [
        ("1945-04-93", Some("1945-04"), "1945-04-13", YearMonthOnly),
        ("1945-04-93", Some("1945-04"), "1945-05-13", Mismatch),
        ("1945-04-93", Some("1945-04"), "1945", YearOnly),
        ("1945-04-93", Some("1945-04"), "1946-04-13", YearOff1),
        ("31.02.2014", Some("2014-02"), "2014-02-28", YearMonthOnly),
        ("2015-04-31", Some("2015-04"), "2015-04", YearMonthOnly),
        ("00.03.2014", Some("2014-03"), "2014-03-10", YearMonthOnly),
        ("1945-13-01", Some("1945"), "1945-03-01", YearOnly),
        ("1945-13-01", Some("1945"), "1946-03-01", YearOff1),
        ("13.13.2014", Some("2014"), "2014-12-13", YearOnly),
        ("2014-00", Some("2014"), "2013", YearOff1),
        ("19450413", None, "1945-04-13", Missing),
        ("1945-04-9x", None, "1945-04-09", Missing),
        ("unknown", None, "1945-04-13", Missing),
        ("0214", None, "2014", Missing),
    ];
    for (bad, readable, other, expect) in cases {
        let err = parse(bad).unwrap_err();
        let part = err.readable_part();
        assert_eq!(part.map(|p| p.to_string()).as_deref(), readable, "{bad}");
        let other = parse(other).unwrap();
        assert_eq!(
            compare_dates(part.as_ref(), other.as_ref()),
            expect,
            "{bad}"
        );
        assert_eq!(
            compare_dates(other.as_ref(), part.as_ref()),
            expect,
            "{bad}"
        );
    }
}
