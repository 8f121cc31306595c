//! Places of birth under all their names.

use homeward_linkage::places::{place_count, place_id, place_key, place_name, place_names};

fn check(expect: &str, spellings: &[&str]) {
    for s in spellings {
        assert_eq!(place_id(s).map(place_name), Some(expect), "{s}");
    }
}

#[test]
fn places_under_every_name() {
    check(
        "Бахмут",
        &[
            "Бахмут",
            "Артемівськ",
            "Артемовск",
            "Artemivsk",
            "Bakhmut",
            "м. Бахмут",
            "г. Артемовск",
            "Бахмут, Донецька обл.",
        ],
    );
    check(
        "Дніпро",
        &[
            "Дніпро",
            "Днепр",
            "Днепропетровск",
            "Dnipropetrovsk",
            "Dnipro",
            "Dnepropetrovsk",
            "м.Дніпро",
        ],
    );
    check(
        "Кропивницький",
        &[
            "Кропивницький",
            "Кировоград",
            "Кіровоград",
            "Kirovohrad",
            "Kropyvnytskyi",
        ],
    );
    check("Краматорськ", &["Краматорськ", "Краматорск", "Kramatorsk"]);
    check(
        "Маріуполь",
        &["Маріуполь", "Мариуполь", "Mariupol", "Жданов"],
    );
    check("Херсон", &["Херсон", "Kherson", "city of Kherson"]);
    check("Мелітополь", &["Мелітополь", "Мелитополь", "Melitopol"]);
    check(
        "Бердянськ",
        &["Бердянськ", "Бердянск", "Berdiansk", "Berdyansk"],
    );
    check(
        "Харків",
        &[
            "Харків",
            "Харьков",
            "Kharkiv",
            "Kharkov",
            "KHARKIV",
            "Charkiw",
        ],
    );
    check(
        "Київ",
        &[
            "Київ",
            "Киев",
            "Kyiv",
            "Kiev",
            "city of Kyiv",
            "м. Київ",
            "г. Киев",
        ],
    );
    check("Одеса", &["Одеса", "Одесса", "Odesa", "Odessa"]);
    check(
        "Львів",
        &["Львів", "Львов", "Lviv", "Lvov", "Lwów", "Lemberg"],
    );
    check(
        "Запоріжжя",
        &["Запоріжжя", "Запорожье", "Zaporizhzhia", "Zaporozhye"],
    );
    check(
        "Миколаїв",
        &["Миколаїв", "Николаев", "Mykolaiv", "Nikolaev", "Nikolayev"],
    );
    check("Донецьк", &["Донецьк", "Донецк", "Donetsk"]);
    check(
        "Луганськ",
        &["Луганськ", "Луганск", "Luhansk", "Lugansk", "Ворошиловград"],
    );
    check("Сімферополь", &["Сімферополь", "Симферополь", "Simferopol"]);
    check("Севастополь", &["Севастополь", "Sevastopol"]);
    check(
        "Горлівка",
        &["Горлівка", "Горловка", "Horlivka", "Gorlovka"],
    );
    check(
        "Сєвєродонецьк",
        &[
            "Сєвєродонецьк",
            "Северодонецк",
            "Північнодонецьк",
            "Severodonetsk",
            "Sievierodonetsk",
        ],
    );
    check("Лисичанськ", &["Лисичанськ", "Лисичанск", "Lysychansk"]);
    check("Ізюм", &["Ізюм", "Изюм", "Izium", "Izyum"]);
    check(
        "Куп'янськ",
        &["Куп'янськ", "Купянск", "Куп’янськ", "Kupiansk", "Kupyansk"],
    );
    check(
        "Нова Каховка",
        &["Нова Каховка", "Новая Каховка", "Nova Kakhovka"],
    );
    check(
        "Енергодар",
        &["Енергодар", "Энергодар", "Enerhodar", "Energodar"],
    );
    check(
        "Кадіївка",
        &["Стаханов", "Кадиевка", "Kadiivka", "Stakhanov"],
    );
    check(
        "Покровськ",
        &["Покровськ", "Красноармейск", "Krasnoarmiisk"],
    );
    check(
        "Кам'янське",
        &["Дніпродзержинськ", "Днепродзержинск", "Kamianske"],
    );
}

#[test]
fn every_name_in_the_table_finds_its_own_row() {
    assert!(place_count() >= 150);
    for i in 0..place_count() {
        let id = homeward_linkage::places::PlaceId(i as u16);
        for name in place_names(id) {
            let found = place_id(name).expect(name);
            // A name shared by two towns (Первомайськ) finds the first.
            assert!(
                found == id || place_names(found).contains(name),
                "{name} found {}",
                place_name(found)
            );
        }
    }
}

#[test]
fn place_keys() {
    assert_eq!(place_key("Харьков"), place_key("Kharkiv"));
    assert!(place_key("Kharkiv").starts_with('p'));
    // Unknown places fall back to the phonetic key of the bare name.
    assert_eq!(place_key("с. Вишневе"), place_key("Vyshneve"));
    assert_eq!(
        place_key("село Вишневе, Київська обл."),
        place_key("Vyshneve")
    );
    assert_eq!(place_key(""), "");
    assert_eq!(place_id(""), None);
    assert_eq!(place_id("Невідоме місце"), None);
}
