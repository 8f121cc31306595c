//! The children of the demo world (`homeward serve --demo`): each with the
//! names both parties and a passport would give, a family, and the
//! circumstances the mediator has to work with.

use rand::{Rng, RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde::{Deserialize, Serialize};

use crate::data::{Sex, TABLES, gendered, patronymic_ru, patronymic_uk};
use crate::date::{DateStyle, Precision};
use crate::people::{Person, Pools};
use crate::translit::{Informal, Scheme, latin};

/// A person's name in one language or script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameParts {
    pub family_name: String,
    pub given_name: String,
    /// Empty where the record has none (Latin passports do not).
    pub patronymic: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Circumstance {
    ParentDetained,
    MedicalNeeds,
    LostContact,
}

/// Where party B says the child is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CustodyKind {
    Institution,
    Hospital,
    FosterFamily,
    AdoptiveFamily,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DemoChild {
    pub sex: Sex,
    /// `YYYY-MM-DD` mostly; `YYYY-MM` or `YYYY` where the papers are lost.
    pub birth_date: String,
    /// As party A (Ukrainian) writes the child.
    pub uk: NameParts,
    /// As party B (Russian) writes the child; an adopted child may carry the
    /// adoptive family's name here.
    pub ru: NameParts,
    /// The Ukrainian passport form (2010 national system, no patronymic).
    pub latin: NameParts,
    pub birth_place_uk: String,
    pub birth_place_ru: String,
    pub mother: NameParts,
    pub father: Option<NameParts>,
    pub circumstance: Option<Circumstance>,
    pub custody: CustodyKind,
    pub custody_place_ru: String,
}

const CUSTODY_PLACES_RU: &[&str] = &[
    "Ростов-на-Дону",
    "Таганрог",
    "Москва",
    "Курск",
    "Белгород",
    "Воронеж",
    "Краснодар",
    "Анапа",
    "Евпатория",
    "Донецк",
    "Луганск",
    "Симферополь",
    "Нижний Новгород",
    "Казань",
    "Омск",
    "Новосибирск",
    "Санкт-Петербург",
    "Тула",
    "Кострома",
    "Пенза",
];

/// `n` demo children; the same seed gives the same children.
pub fn demo_children(seed: u64, n: usize) -> Vec<DemoChild> {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let pools = Pools::new();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let child = Person::new(&mut rng, &pools);
        let sibling = rng
            .random_bool(0.15)
            .then(|| child.sibling(&mut rng, &pools));
        out.push(demo_child(&mut rng, &pools, &child));
        if let Some(s) = sibling.filter(|_| out.len() < n) {
            out.push(demo_child(&mut rng, &pools, &s));
        }
    }
    out
}

fn demo_child<R: Rng>(rng: &mut R, pools: &Pools, p: &Person) -> DemoChild {
    let given = p.given_name();
    let father = p.father_name();
    let surname = p.surname.get();
    let uk = NameParts {
        family_name: gendered(&surname.uk, p.sex, false),
        given_name: given.uk.clone(),
        patronymic: patronymic_uk(&father.uk, p.sex),
    };
    let latin_parts = NameParts {
        family_name: latin(&uk.family_name, Scheme::UkNational2010, Informal::default()),
        given_name: latin(&uk.given_name, Scheme::UkNational2010, Informal::default()),
        patronymic: String::new(),
    };

    let custody = match rng.random_range(0..10) {
        0..=3 => CustodyKind::Institution,
        4 => CustodyKind::Hospital,
        5..=7 => CustodyKind::FosterFamily,
        _ => CustodyKind::AdoptiveFamily,
    };
    let mut ru = NameParts {
        family_name: gendered(&surname.ru, p.sex, true).replace('ё', "е"),
        given_name: given.ru.replace('ё', "е"),
        patronymic: patronymic_ru(&father.ru, p.sex),
    };
    if custody == CustodyKind::AdoptiveFamily && rng.random_bool(0.4) {
        let adoptive = pools.russian_surname(rng).get();
        ru.family_name = gendered(&adoptive.ru, p.sex, true).replace('ё', "е");
        if rng.random_bool(0.5) {
            let new_father = &TABLES.boys[pools.father(rng)];
            ru.patronymic = patronymic_ru(&new_father.ru, p.sex);
        }
    }

    let mother_surname = if rng.random_bool(0.85) {
        surname
    } else {
        pools.surname(rng).get()
    };
    let mother_father = &TABLES.boys[pools.father(rng)];
    let mother = NameParts {
        family_name: gendered(&mother_surname.uk, Sex::Female, false),
        given_name: TABLES.girls[p.mother].uk.clone(),
        patronymic: patronymic_uk(&mother_father.uk, Sex::Female),
    };
    let father_parts = rng.random_bool(0.8).then(|| {
        let grandfather = &TABLES.boys[pools.father(rng)];
        NameParts {
            family_name: surname.uk.clone(),
            given_name: father.uk.clone(),
            patronymic: patronymic_uk(&grandfather.uk, Sex::Male),
        }
    });

    let circumstance = match rng.random_range(0..20) {
        0..=2 => Some(Circumstance::ParentDetained),
        3..=4 => Some(Circumstance::MedicalNeeds),
        5..=7 => Some(Circumstance::LostContact),
        _ => None,
    };
    let precision = match rng.random_range(0..10) {
        0..=7 => Precision::Day,
        8 => Precision::Month,
        _ => Precision::Year,
    };
    let place = &TABLES.places[p.place];
    DemoChild {
        sex: p.sex,
        birth_date: p.birth_date.render(precision, DateStyle::Iso),
        uk,
        ru,
        latin: latin_parts,
        birth_place_uk: place.uk.clone(),
        birth_place_ru: place.former_ru.clone().unwrap_or_else(|| place.ru.clone()),
        mother,
        father: father_parts,
        circumstance,
        custody,
        custody_place_ru: CUSTODY_PLACES_RU[rng.random_range(0..CUSTODY_PLACES_RU.len())]
            .to_string(),
    }
}
