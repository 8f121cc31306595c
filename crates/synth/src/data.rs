//! The name and place tables, parsed once from the text files in `data/`.
//!
//! The files are compiled into the crate (`include_str!`), so the generator
//! stays free of IO and a seed always yields the same lists.

use std::sync::LazyLock;

/// A family name in its masculine Ukrainian and Russian spellings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Surname {
    pub uk: String,
    pub ru: String,
}

/// A given name with its equivalent on the other side of the language line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct GivenName {
    pub uk: String,
    pub ru: String,
    pub uk_diminutives: Vec<String>,
    pub ru_diminutives: Vec<String>,
    /// The spelling used in English-language papers ("Alexander"), if any.
    pub conventional: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Place {
    pub uk: String,
    pub ru: String,
    pub former_uk: Option<String>,
    pub former_ru: Option<String>,
    pub weight: u32,
}

pub(crate) struct Tables {
    pub surnames_uk: Vec<Surname>,
    pub surnames_tail: Vec<Surname>,
    pub surnames_ru: Vec<Surname>,
    pub boys: Vec<GivenName>,
    pub girls: Vec<GivenName>,
    pub places: Vec<Place>,
}

pub(crate) static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let surnames_uk = parse_surnames(include_str!("data/surnames_uk.txt"));
    let surnames_ru = parse_surnames(include_str!("data/surnames_ru.txt"));
    let mut known = surnames_uk.clone();
    known.extend(surnames_ru.iter().cloned());
    Tables {
        surnames_tail: tail_surnames(&known),
        surnames_uk,
        surnames_ru,
        boys: parse_given(include_str!("data/given_boys.txt")),
        girls: parse_given(include_str!("data/given_girls.txt")),
        places: parse_places(include_str!("data/places.txt")),
    }
});

fn records(text: &str) -> impl Iterator<Item = Vec<&str>> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .map(|l| l.split('|').map(str::trim).collect())
}

fn non_empty(s: Option<&&str>) -> Option<String> {
    s.filter(|s| !s.is_empty()).map(|s| s.to_string())
}

fn parse_surnames(text: &str) -> Vec<Surname> {
    records(text)
        .map(|f| Surname {
            uk: f[0].to_string(),
            ru: non_empty(f.get(1)).unwrap_or_else(|| russian_spelling(f[0])),
        })
        .collect()
}

fn parse_given(text: &str) -> Vec<GivenName> {
    let list = |s: Option<&&str>| -> Vec<String> {
        s.map(|s| {
            s.split(',')
                .filter(|d| !d.is_empty())
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
    };
    records(text)
        .map(|f| GivenName {
            uk: f[0].to_string(),
            ru: f[1].to_string(),
            uk_diminutives: list(f.get(2)),
            ru_diminutives: list(f.get(3)),
            conventional: non_empty(f.get(4)),
        })
        .collect()
}

fn parse_places(text: &str) -> Vec<Place> {
    records(text)
        .map(|f| Place {
            uk: f[0].to_string(),
            ru: f[1].to_string(),
            former_uk: non_empty(f.get(2)),
            former_ru: non_empty(f.get(3)),
            weight: f[4].parse().expect("place weight is a number"),
        })
        .collect()
}

/// The letter-for-letter Russian spelling of a Ukrainian word, as a Russian
/// clerk writes a Ukrainian family name that has no established Russian form.
pub(crate) fn russian_spelling(uk: &str) -> String {
    let mut s: String = uk
        .chars()
        .map(|c| match c {
            'і' => 'и',
            'І' => 'И',
            'ї' => 'и',
            'Ї' => 'И',
            'є' => 'е',
            'Є' => 'Е',
            'ґ' => 'г',
            'Ґ' => 'Г',
            '\'' | '’' | 'ʼ' => 'ь',
            c => c,
        })
        .collect();
    s = s
        .replace("ськ", "ск")
        .replace("цьк", "цк")
        .replace("зьк", "зк")
        .replace("льо", "лё")
        .replace("ьо", "ё")
        .replace("йо", "ьё");
    if let Some(stem) = s.strip_suffix("ць") {
        s = format!("{stem}ц");
    }
    s
}

/// How a Russian speaker spells a Ukrainian word by ear: Ukrainian «и»
/// sounds like Russian «ы», so «Кириленко» becomes «Кырыленко».
pub(crate) fn phonetic_russian_spelling(uk: &str) -> String {
    let ear: String = uk
        .chars()
        .map(|c| match c {
            'и' => 'ы',
            'И' => 'Ы',
            c => c,
        })
        .collect();
    russian_spelling(&ear)
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Sex {
    Male,
    Female,
}

impl Sex {
    /// The code the CSV files use: `M` or `F`.
    pub fn code(self) -> &'static str {
        match self {
            Sex::Male => "M",
            Sex::Female => "F",
        }
    }
}

/// The feminine form of a masculine family name; names that do not change
/// with sex (-енко, -ук, -ич, …) come back unchanged.
pub(crate) fn feminine(masculine: &str, russian: bool) -> String {
    let adjectival: &[(&str, &str)] = if russian {
        &[
            ("ский", "ская"),
            ("цкий", "цкая"),
            ("ой", "ая"),
            ("ый", "ая"),
            ("ий", "ая"),
        ]
    } else {
        &[
            ("ський", "ська"),
            ("цький", "цька"),
            ("ий", "а"),
            ("ій", "я"),
        ]
    };
    for (m, f) in adjectival {
        if let Some(stem) = masculine.strip_suffix(m) {
            return format!("{stem}{f}");
        }
    }
    // Galician -ишин and the ethnonyms (Литвин, Русин) do not change.
    let invariant = ["ишин", "Литвин", "Русин", "Турчин"];
    let possessive = ["ов", "ев", "ёв", "єв", "ьов", "йов", "ін", "їн", "ин", "ын"];
    if possessive.iter().any(|s| masculine.ends_with(s))
        && !invariant.iter().any(|s| masculine.ends_with(s))
    {
        return format!("{masculine}а");
    }
    masculine.to_string()
}

pub(crate) fn gendered(masculine: &str, sex: Sex, russian: bool) -> String {
    match sex {
        Sex::Male => masculine.to_string(),
        Sex::Female => feminine(masculine, russian),
    }
}

/// The Ukrainian patronymic from a father's Ukrainian given name.
pub(crate) fn patronymic_uk(father: &str, sex: Sex) -> String {
    let male = sex == Sex::Male;
    let special = match father {
        "Микола" => Some(("Миколайович", "Миколаївна")),
        "Ілля" => Some(("Ілліч", "Іллівна")),
        "Кузьма" => Some(("Кузьмич", "Кузьмівна")),
        "Лука" => Some(("Лукич", "Луківна")),
        "Хома" => Some(("Хомич", "Хомівна")),
        "Сава" => Some(("Савович", "Савівна")),
        "Яків" => Some(("Якович", "Яківна")),
        "Федір" => Some(("Федорович", "Федорівна")),
        "Лев" => Some(("Левович", "Левівна")),
        "Ярема" => Some(("Яремович", "Яремівна")),
        _ => None,
    };
    if let Some((m, f)) = special {
        return if male { m } else { f }.to_string();
    }
    if let Some(stem) = father.strip_suffix('й') {
        // Андрій → Андрійович / Андріївна
        return if male {
            format!("{stem}йович")
        } else {
            format!("{stem}ївна")
        };
    }
    if let Some(stem) = father.strip_suffix('ь') {
        // Василь → Васильович / Василівна
        return if male {
            format!("{stem}ьович")
        } else {
            format!("{stem}івна")
        };
    }
    let stem = father
        .strip_suffix('о')
        .or_else(|| father.strip_suffix('а'))
        .unwrap_or(father);
    if male {
        format!("{stem}ович")
    } else {
        format!("{stem}івна")
    }
}

/// The Russian patronymic from a father's Russian given name.
pub(crate) fn patronymic_ru(father: &str, sex: Sex) -> String {
    let male = sex == Sex::Male;
    let special = match father {
        "Илья" => Some(("Ильич", "Ильинична")),
        "Никита" => Some(("Никитич", "Никитична")),
        "Кузьма" => Some(("Кузьмич", "Кузьминична")),
        "Лука" => Some(("Лукич", "Лукинична")),
        "Фома" => Some(("Фомич", "Фоминична")),
        "Савва" => Some(("Саввич", "Саввична")),
        "Пётр" => Some(("Петрович", "Петровна")),
        "Павел" => Some(("Павлович", "Павловна")),
        "Лев" => Some(("Львович", "Львовна")),
        "Дмитрий" => Some(("Дмитриевич", "Дмитриевна")),
        "Ерёма" => Some(("Еремеевич", "Еремеевна")),
        "Яков" => Some(("Яковлевич", "Яковлевна")),
        _ => None,
    };
    if let Some((m, f)) = special {
        return if male { m } else { f }.to_string();
    }
    let (stem, m, f) = if let Some(stem) = father.strip_suffix("ий") {
        (format!("{stem}ь"), "евич", "евна")
    } else if let Some(stem) = father.strip_suffix('й') {
        (stem.to_string(), "евич", "евна")
    } else if let Some(stem) = father.strip_suffix('ь') {
        (stem.to_string(), "евич", "евна")
    } else if let Some(stem) = father.strip_suffix('а') {
        (stem.to_string(), "ич", "ична")
    } else if ["ж", "ш", "ч", "щ", "ц"]
        .iter()
        .any(|e| father.ends_with(e))
    {
        (father.to_string(), "евич", "евна")
    } else {
        (father.to_string(), "ович", "овна")
    };
    let ending = if male { m } else { f };
    // Андрей → Андре + евич; Николай → Никола + евич.
    format!("{stem}{ending}")
}

/// Stems and endings that make the long tail of rarer family names, so that
/// a list of 200,000 children does not reuse 600 surnames: real surname
/// distributions have a long tail of names shared by few families.
const TAIL_STEMS: &str = "Гнат Остап Федор Мирон Прокоп Гаврил Семен Стефан Мартин Назар Тарас \
Кирил Панас Хом Дем'ян Лук'ян Оліфер Бурлак Зозул Голуб Сокол Журавл Сорок Ворон Кучер \
Дудар Сидор Карп Кондрат Тимош Гриш Стась Мась Кость Ігнат Оверк Лесь Ярем Онуфр Вакул \
Харит Яким Юрч Левч Климч Савч Демч Марч Павл Петр Василь Андр Макс Гуц Коц Гриць Бабич \
Бойч Вдович Дмитр Данил Матв Бевз Бурк Галуш Дзюб Довгал Жовт Зуб Кривон Кулиш Малаш \
Остр Рудн Тесл Усик Шпил Ярмол Гордій Охрім Трохим Свирид Нечипор Юхим Харк Тимк Гарасим \
Якуб Грабов Дубров Лозов Березов Вербов Осик Калин Вишн Черешн";
const TAIL_ENDINGS: &[&str] = &["енко", "ук", "чук", "ак", "ишин", "ович", "ський", "ів"];

pub(crate) fn tail_surnames(known: &[Surname]) -> Vec<Surname> {
    let mut out = Vec::new();
    for stem in TAIL_STEMS.split_whitespace() {
        let soft = stem.ends_with('ь') || stem.ends_with('й');
        let hushing = ["ч", "ш", "щ", "ж", "ц"].iter().any(|e| stem.ends_with(e));
        let hard = stem.trim_end_matches(['ь', 'й']);
        for ending in TAIL_ENDINGS {
            let uk = match (*ending, soft, hushing) {
                ("енко", true, _) => format!("{hard}енко"),
                ("ук", true, _) => format!("{hard}юк"),
                ("ак", true, _) => format!("{hard}як"),
                ("ишин" | "ів", true, _) => format!("{hard}{ending}"),
                ("чук" | "ович" | "ський", true, _) => continue,
                ("чук" | "ський" | "ович", _, true) => continue,
                _ => format!("{stem}{ending}"),
            };
            if known.iter().any(|s| s.uk == uk) || out.iter().any(|s: &Surname| s.uk == uk) {
                continue;
            }
            let ru = russian_spelling(&uk);
            out.push(Surname { uk, ru });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tables_are_the_documented_size() {
        let t = &*TABLES;
        let surnames = t.surnames_uk.len() + t.surnames_ru.len();
        assert!(surnames >= 400, "{surnames} surnames");
        assert!(t.boys.len() >= 120, "{} boys' names", t.boys.len());
        assert!(t.girls.len() >= 110, "{} girls' names", t.girls.len());
        assert!(t.places.len() >= 120, "{} places", t.places.len());
    }

    #[test]
    fn russian_spelling_of_ukrainian_names() {
        for (uk, ru) in [
            ("Ковальський", "Ковальский"),
            ("Коломієць", "Коломиец"),
            ("Лук'яненко", "Лукьяненко"),
            ("Ковальов", "Ковалёв"),
            ("Соловйов", "Соловьёв"),
            ("Поліщук", "Полищук"),
            ("Шевченко", "Шевченко"),
        ] {
            assert_eq!(russian_spelling(uk), ru, "{uk}");
        }
        assert_eq!(phonetic_russian_spelling("Кириленко"), "Кырыленко");
    }

    #[test]
    fn feminine_forms() {
        for (m, f, ru) in [
            ("Ковальський", "Ковальська", false),
            ("Ковальский", "Ковальская", true),
            ("Іванов", "Іванова", false),
            ("Ковалёв", "Ковалёва", true),
            ("Білий", "Біла", false),
            ("Белый", "Белая", true),
            ("Шевченко", "Шевченко", false),
            ("Мельник", "Мельник", true),
            ("Ільїн", "Ільїна", false),
        ] {
            assert_eq!(feminine(m, ru), f, "{m}");
        }
    }

    #[test]
    fn patronymics() {
        use Sex::*;
        for (father, sex, uk) in [
            ("Олександр", Male, "Олександрович"),
            ("Олександр", Female, "Олександрівна"),
            ("Андрій", Male, "Андрійович"),
            ("Андрій", Female, "Андріївна"),
            ("Василь", Female, "Василівна"),
            ("Петро", Male, "Петрович"),
            ("Микола", Female, "Миколаївна"),
            ("Ілля", Male, "Ілліч"),
        ] {
            assert_eq!(patronymic_uk(father, sex), uk, "{father}");
        }
        for (father, sex, ru) in [
            ("Александр", Male, "Александрович"),
            ("Александр", Female, "Александровна"),
            ("Андрей", Male, "Андреевич"),
            ("Сергей", Female, "Сергеевна"),
            ("Николай", Male, "Николаевич"),
            ("Юрий", Male, "Юрьевич"),
            ("Игорь", Female, "Игоревна"),
            ("Никита", Female, "Никитична"),
            ("Пётр", Male, "Петрович"),
            ("Дмитрий", Male, "Дмитриевич"),
        ] {
            assert_eq!(patronymic_ru(father, sex), ru, "{father}");
        }
    }
}
