//! Given-name groups, surname keys and patronymics.

use homeward_linkage::names::{
    Sex, given_name_group, given_name_groups, given_name_sex, given_names_equivalent, group_count,
    group_name, patronymic_father_key, surname_key,
};

fn group(s: &str) -> Option<&'static str> {
    given_name_group(s).map(group_name)
}

#[test]
fn the_table_is_large_enough() {
    assert!(group_count() >= 200, "{}", group_count());
}

#[test]
fn every_spelling_finds_its_group() {
    let rows: &[(&str, &[&str])] = &[
        (
            "Олександр",
            &[
                "Александр",
                "Oleksandr",
                "Aleksandr",
                "Alexandr",
                "Olexandr",
                "Alexander",
                "Аляксандр",
                "Сашко",
                "Шура",
                "OLEKSANDR",
            ],
        ),
        (
            "Микола",
            &[
                "Николай",
                "Mykola",
                "Nikolai",
                "Nikolay",
                "Kolya",
                "Коля",
                "Мікалай",
            ],
        ),
        (
            "Дмитро",
            &[
                "Дмитрий",
                "Dmytro",
                "Dmitrii",
                "Dmitriy",
                "Dima",
                "Діма",
                "Дима",
            ],
        ),
        (
            "Олена",
            &["Елена", "Olena", "Elena", "Yelena", "Lena", "Лена"],
        ),
        (
            "Катерина",
            &[
                "Екатерина",
                "Kateryna",
                "Ekaterina",
                "Katya",
                "Катя",
                "Yekaterina",
            ],
        ),
        ("Анна", &["Ганна", "Hanna", "Anna", "Аня", "Ганя"]),
        (
            "Андрій",
            &["Андрей", "Andrii", "Andriy", "Andrey", "Andrei"],
        ),
        (
            "Сергій",
            &["Сергей", "Serhii", "Sergei", "Sergey", "Серёжа"],
        ),
        ("Юрій", &["Юрий", "Yurii", "Yuri", "Iurii", "Юра"]),
        (
            "Олексій",
            &["Алексей", "Oleksii", "Alexei", "Aleksey", "Льоша", "Лёша"],
        ),
        (
            "Євген",
            &["Евгений", "Yevhen", "Evgenii", "Yevgeny", "Женя"],
        ),
        ("Іван", &["Иван", "Ivan", "Ваня"]),
        ("Петро", &["Пётр", "Петр", "Petro", "Pyotr", "Petr"]),
        ("Павло", &["Павел", "Pavlo", "Pavel", "Паша"]),
        (
            "Михайло",
            &["Михаил", "Mykhailo", "Mikhail", "Misha", "Миша"],
        ),
        ("Богдан", &["Bohdan", "Bogdan"]),
        ("Тарас", &["Taras"]),
        ("Вікторія", &["Виктория", "Viktoriia", "Victoria", "Vika"]),
        (
            "Наталія",
            &["Наталья", "Nataliia", "Natalia", "Natasha", "Наташа"],
        ),
        ("Ірина", &["Ирина", "Iryna", "Irina", "Ira"]),
        ("Оксана", &["Oksana", "Oxana"]),
        ("Тетяна", &["Татьяна", "Tetiana", "Tatiana", "Таня"]),
        ("Людмила", &["Liudmyla", "Lyudmila", "Люда"]),
        ("Світлана", &["Светлана", "Svitlana", "Svetlana"]),
        ("Марія", &["Мария", "Mariia", "Maria", "Маша"]),
        ("Софія", &["София", "Софья", "Sofiia", "Sophia", "Соня"]),
        ("Анастасія", &["Анастасия", "Anastasiia", "Настя"]),
        ("Дар'я", &["Дарья", "Дар’я", "Dariia", "Daria", "Даша"]),
        ("Поліна", &["Полина", "Polina"]),
        ("Максим", &["Maksym", "Maxim", "Макс"]),
        ("Артем", &["Артём", "Artem", "Artyom"]),
        ("Назар", &["Nazar"]),
        ("Матвій", &["Матвей", "Matvii", "Matvey"]),
        ("Кирило", &["Кирилл", "Kyrylo", "Kirill"]),
        ("Данило", &["Даниил", "Данила", "Danylo", "Daniil"]),
        ("Ярослав", &["Yaroslav"]),
        ("Ярослава", &["Yaroslava"]),
        ("Владислав", &["Vladyslav", "Vladislav", "Влад"]),
        ("Владислава", &["Vladyslava", "Влада"]),
        (
            "Володимир",
            &["Владимир", "Volodymyr", "Vladimir", "Vova", "Вова"],
        ),
        ("Віталій", &["Виталий", "Vitalii"]),
        ("Григорій", &["Григорий", "Hryhorii", "Grigorii"]),
        ("Федір", &["Фёдор", "Fedir", "Fyodor", "Fedor"]),
        ("Степан", &["Stepan"]),
        ("Василь", &["Василий", "Vasyl", "Vasily"]),
        ("Олег", &["Oleh", "Oleg"]),
        ("Ігор", &["Игорь", "Ihor", "Igor"]),
        ("Роман", &["Roman"]),
        ("Денис", &["Denys", "Denis"]),
        ("Антон", &["Anton"]),
        ("Єгор", &["Егор", "Yehor", "Egor"]),
        ("Ілля", &["Илья", "Illia", "Ilya"]),
        ("Лев", &["Lev"]),
        ("Марк", &["Mark", "Marko"]),
        ("Тимофій", &["Тимофей", "Tymofii", "Timofey"]),
        ("Захар", &["Zakhar"]),
        ("Вероніка", &["Вероника", "Veronika"]),
        ("Аліна", &["Алина", "Alina"]),
        (
            "Христина",
            &["Кристина", "Khrystyna", "Kristina", "Christina"],
        ),
        ("Уляна", &["Ульяна", "Uliana", "Ulyana"]),
        ("Злата", &["Zlata"]),
        ("Соломія", &["Соломия", "Solomiia"]),
        ("Мирослава", &["Myroslava"]),
        ("Аліса", &["Алиса", "Alisa"]),
        ("Єва", &["Ева", "Yeva", "Eva"]),
        ("Діана", &["Диана", "Diana"]),
        ("Валерія", &["Валерия", "Valeriia", "Лера"]),
        ("Ксенія", &["Ксения", "Kseniia", "Xenia", "Ксюша"]),
        ("Олександра", &["Александра", "Oleksandra", "Alexandra"]),
    ];
    for (canonical, spellings) in rows {
        assert_eq!(group(canonical), Some(*canonical));
        for s in *spellings {
            assert!(
                given_name_groups(s)
                    .iter()
                    .any(|g| group_name(*g) == *canonical),
                "{s} should be in the group of {canonical}, got {:?}",
                given_name_groups(s)
                    .iter()
                    .map(|g| group_name(*g))
                    .collect::<Vec<_>>()
            );
        }
    }
}

#[test]
fn full_forms_come_before_diminutive_uses() {
    // Міла is a name of its own and a diminutive of Людмила, Мілана, ...
    assert_eq!(group("Міла"), Some("Міла"));
    // Віра is a name, not (also) Вероніка's diminutive first.
    assert_eq!(group("Віра"), Some("Віра"));
}

#[test]
fn shared_diminutives_belong_to_several_groups() {
    let names = |s: &str| {
        given_name_groups(s)
            .into_iter()
            .map(group_name)
            .collect::<Vec<_>>()
    };
    assert_eq!(names("Саша"), ["Олександр", "Олександра"]);
    assert!(names("Слава").len() >= 4);
    assert!(given_names_equivalent("Sasha", "Oleksandr"));
    assert!(given_names_equivalent("Саша", "Александра"));
    assert!(!given_names_equivalent("Oleksandr", "Oleksandra"));
    assert!(!given_names_equivalent("Дмитро", "Микола"));
    assert!(!given_names_equivalent("Невідоме", "Невідоме"));
}

#[test]
fn sex_of_given_names() {
    let cases = [
        ("Олександр", Some(Sex::Male)),
        ("Oleksandra", Some(Sex::Female)),
        ("Саша", None),
        ("Женя", None),
        ("Mykola", Some(Sex::Male)),
        ("Yuliia", Some(Sex::Female)),
        ("Zzyzx", None),
    ];
    for (s, expect) in cases {
        assert_eq!(given_name_sex(s), expect, "{s}");
    }
}

#[test]
fn sex_parsing() {
    for (s, expect) in [
        ("M", Some(Sex::Male)),
        ("m", Some(Sex::Male)),
        ("F", Some(Sex::Female)),
        ("ж", Some(Sex::Female)),
        ("Ч", Some(Sex::Male)),
        ("", None),
        ("?", None),
    ] {
        assert_eq!(Sex::parse(s), expect, "{s}");
    }
}

#[test]
fn surname_forms_fold_together() {
    let rows: &[&[&str]] = &[
        &[
            "Іванов",
            "Іванова",
            "Ivanov",
            "Ivanova",
            "Иванов",
            "Иванова",
            "Iwanow",
            "Ivanoff",
        ],
        &[
            "Ковальський",
            "Ковальська",
            "Ковальский",
            "Ковальская",
            "Kovalskyi",
            "Kovalska",
            "Kowalski",
            "Kowalska",
            "Kovalskaya",
            "Kovalsky",
            "Kovalskiy",
        ],
        &[
            "Білецький",
            "Білецька",
            "Белецкий",
            "Белецкая",
            "Biletskyi",
            "Beletsky",
            "Bielecki",
        ],
        &[
            "Пушкін",
            "Пушкіна",
            "Пушкин",
            "Пушкина",
            "Pushkin",
            "Pushkina",
        ],
        &[
            "Лісовий",
            "Лісова",
            "Лесовой",
            "Лесовая",
            "Lisovyi",
            "Lesovoy",
        ],
        &[
            "Ковальов",
            "Ковальова",
            "Ковалёв",
            "Ковалёва",
            "Kovalov",
            "Kovaleva",
            "Kovalyova",
        ],
        &["Соловйов", "Соловьёв", "Соловьева", "Solovyov", "Solovieva"],
        &["Шевченко", "Shevchenko", "Шевченко"],
        &["Олійник", "Олейник", "Oliinyk", "Oleynik"],
        &["Білоус", "Белоус", "Bilous", "Belous"],
        &["Зеленський", "Зеленская", "Zelensky", "Zelenska"],
        &["Петренко-Коваль", "Petrenko Koval", "Петренко Коваль"],
    ];
    for row in rows {
        let k = surname_key(row[0]);
        for s in &row[1..] {
            assert_eq!(surname_key(s), k, "{} vs {s}", row[0]);
        }
    }
}

#[test]
fn different_surnames_stay_apart() {
    for (a, b) in [
        ("Шевченко", "Шевчук"),
        ("Петренко", "Петрук"),
        ("Іванов", "Іваненко"),
        ("Ковальський", "Коваленко"),
        ("Мельник", "Мельников"),
        ("Кравченко", "Кравчук"),
        ("Бондар", "Бондаренко"),
    ] {
        assert_ne!(surname_key(a), surname_key(b), "{a} vs {b}");
    }
}

#[test]
fn patronymics_give_the_fathers_name() {
    let rows: &[(&str, &[&str])] = &[
        (
            "Олександр",
            &[
                "Олександрович",
                "Александрович",
                "Oleksandrovych",
                "Aleksandrovich",
                "Олександрівна",
                "Александровна",
                "Oleksandrivna",
                "Aleksandrovna",
                "OLEKSANDROVYCH",
            ],
        ),
        (
            "Андрій",
            &[
                "Андрійович",
                "Андреевич",
                "Andriiovych",
                "Andreevich",
                "Андріївна",
                "Андреевна",
                "Andriivna",
            ],
        ),
        (
            "Микола",
            &[
                "Миколайович",
                "Николаевич",
                "Mykolaiovych",
                "Nikolaevich",
                "Миколаївна",
                "Николаевна",
            ],
        ),
        (
            "Сергій",
            &[
                "Сергійович",
                "Сергеевич",
                "Serhiiovych",
                "Sergeevich",
                "Сергіївна",
                "Сергеевна",
            ],
        ),
        (
            "Олексій",
            &["Олексійович", "Алексеевич", "Олексіївна", "Алексеевна"],
        ),
        (
            "Петро",
            &["Петрович", "Petrovych", "Petrovich", "Петрівна", "Петровна"],
        ),
        (
            "Іван",
            &[
                "Іванович",
                "Иванович",
                "Ivanovych",
                "Ivanovich",
                "Іванівна",
                "Ивановна",
            ],
        ),
        ("Олег", &["Олегович", "Олегівна", "Олеговна", "Olehovych"]),
        ("Ігор", &["Ігорович", "Игоревич", "Ігорівна", "Игоревна"]),
        (
            "Юрій",
            &["Юрійович", "Юрьевич", "Юріївна", "Юрьевна", "Yuriiovych"],
        ),
        ("Ілля", &["Ілліч", "Ильич"]),
        ("Кузьма", &["Кузьмич"]),
        ("Тарас", &["Тарасович", "Тарасівна"]),
    ];
    for (father, patronymics) in rows {
        let want = given_name_group(father).map(|g| format!("g{}", g.0));
        for p in *patronymics {
            assert_eq!(patronymic_father_key(p), want, "{p} → {father}");
        }
    }
}

#[test]
fn patronymics_of_unknown_names_still_agree_across_languages() {
    let a = patronymic_father_key("Зоригович");
    assert!(a.is_some());
    assert_eq!(a, patronymic_father_key("Zorihovych"));
    assert_eq!(a, patronymic_father_key("Зоригівна"));
}

#[test]
fn not_a_patronymic() {
    for s in ["", "Шевченко", "Олена", "-"] {
        assert_eq!(patronymic_father_key(s), None, "{s}");
    }
}

#[test]
fn a_mistyped_name_finds_the_group_one_error_away() {
    let near = |s: &str| -> Vec<&'static str> {
        homeward_linkage::names::near_given_name_groups(s)
            .into_iter()
            .map(group_name)
            .collect()
    };
    let check = |s: &str, want: &str| assert!(near(s).contains(&want), "{s}: {:?}", near(s));
    check("Маесим", "Максим");
    check("Ниикта", "Микита");
    check("Алексаедр", "Олександр");
    check("Oleksnadr", "Олександр");
    check("Вікторяі", "Вікторія");
    // Too short to guess, or too far from any name.
    for s in ["Яна", "Ян", "Іна", "Xyzzyq", "Бармаглот"] {
        assert_eq!(near(s), Vec::<&str>::new(), "{s}");
    }
}
