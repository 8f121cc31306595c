//! Unicode normalisation, script detection and tokens.

use homeward_linkage::normalize::{Script, detect_script, normalize, tokens};
use proptest::prelude::*;

#[test]
fn normalize_cases() {
    let cases = [
        ("  Олександр   ШЕВЧЕНКО ", "олександр шевченко"),
        ("Дар’я", "дар'я"),
        ("Дарʼя", "дар'я"),
        ("Дар`я", "дар'я"),
        ("Дар´я", "дар'я"),
        ("O′Brien", "o'brien"),
        ("Анна–Марія", "анна-марія"),
        ("Анна—Марія", "анна-марія"),
        ("Anna\u{2212}Maria", "anna-maria"),
        ("Zoë Müller", "zoe muller"),
        ("José", "jose"),
        ("Ševčenko", "shevchenko"),
        ("ŽUKOV", "zhukov"),
        ("Michał Łukasz", "michal lukasz"),
        ("Straße", "strasse"),
        // Cyrillic letters with breve or diaeresis stay; stress marks go.
        ("Йосип Їжак Фёдор Ўладзь", "йосип їжак фёдор ўладзь"),
        ("Алекса\u{301}ндр", "александр"),
        // Decomposed input composes.
        ("И\u{306}осип", "йосип"),
        // Look-alike Latin letters inside a Cyrillic word, and the reverse.
        ("Oлена", "олена"),
        ("ОЛEНА", "олена"),
        ("Іvan", "ivan"),
        ("Shevсhenko", "shevchenko"),
        // Zero-width and soft hyphen disappear; tabs and newlines are spaces.
        ("Ол\u{AD}ена\u{200B}", "олена"),
        ("a\tb\nc", "a b c"),
        // Full-width forms (NFKC).
        ("ＡＢＣ", "abc"),
        ("", ""),
    ];
    for (input, expect) in cases {
        assert_eq!(normalize(input), expect, "{input:?}");
    }
}

#[test]
fn scripts() {
    let cases = [
        ("Олександр", Script::Cyrillic),
        ("Oleksandr", Script::Latin),
        ("Shevchenko-Шевченко", Script::Mixed),
        ("محمد", Script::Other),
        ("محمد Ali", Script::Mixed),
        ("", Script::Empty),
        ("12.03.2014", Script::Empty),
        ("Ševčenko", Script::Latin),
        ("Ўладзь", Script::Cyrillic),
    ];
    for (s, expect) in cases {
        assert_eq!(detect_script(s), expect, "{s}");
    }
}

#[test]
fn tokens_split_multi_part_names() {
    let cases: [(&str, &[&str]); 6] = [
        ("Анна-Марія", &["анна", "марія"]),
        ("Petrenko-Kovalenko", &["petrenko", "kovalenko"]),
        ("  Дар’я   Олександрівна ", &["дар'я", "олександрівна"]),
        ("O'Brien, John", &["o'brien", "john"]),
        ("'Оля'", &["оля"]),
        ("", &[]),
    ];
    for (s, expect) in cases {
        assert_eq!(tokens(s), expect, "{s}");
    }
}

fn name_like() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::sample::select(
            "абвгґдеєжзиіїйклмнопрстуфхцчшщьюяёъыэАБВГЁЇЙabcdefghijklmnopqrstuvwxyzÉéčšžłß'’ʼ`´′-–— \t\u{301}\u{306}\u{308}\u{AD}ＡΩ"
                .chars()
                .collect::<Vec<_>>(),
        ),
        0..24,
    )
    .prop_map(|v| v.into_iter().collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn normalize_is_idempotent_on_name_like_text(s in name_like()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_is_idempotent_on_any_text(s in any::<String>()) {
        let once = normalize(&s);
        prop_assert_eq!(normalize(&once), once);
    }

    #[test]
    fn normalize_output_is_trimmed_lowercase_without_double_spaces(s in name_like()) {
        let n = normalize(&s);
        prop_assert_eq!(n.trim(), n.as_str());
        prop_assert!(!n.contains("  "));
        prop_assert_eq!(n.to_lowercase(), n.clone());
    }
}
