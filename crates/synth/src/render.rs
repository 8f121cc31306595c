//! How one party writes a child into its list: language, script, and the
//! errors of the people and papers in between (see the crate docs for the
//! rates and why they are what they are).

use rand::{Rng, RngExt};

use crate::Row;
use crate::data::{
    Sex, TABLES, gendered, patronymic_ru, patronymic_uk, phonetic_russian_spelling,
    russian_spelling,
};
use crate::date::{DateStyle, Precision};
use crate::people::{Person, Pools, SurnameRef};
use crate::translit::{Informal, Scheme, latin};
use crate::typo::typo;

/// Which side keeps the list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Party {
    /// Writes mostly in Ukrainian.
    A,
    /// Writes mostly in Russian.
    B,
}

/// The probabilities with which a party's record departs from the truth.
/// Every rate is per record (or per name field where it says so), drawn
/// independently.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct NoiseModel {
    /// The whole record in Latin letters (copied from a passport).
    pub latin: f64,
    /// The whole record in the other party's Cyrillic.
    pub other_cyrillic: f64,
    /// In a Russian-Cyrillic record, the given name is the Russian
    /// equivalent (Олександр → Александр) rather than the Ukrainian one
    /// spelt in Russian letters.
    pub russian_given_name: f64,
    /// In a Russian-Cyrillic record, the family name kept in Ukrainian
    /// letters; [`Self::phonetic_surname`] more is spelt by ear (и → ы).
    pub ukrainian_letters_surname: f64,
    pub phonetic_surname: f64,
    /// Adopted and renamed: a new (Russian) family name; of these, half get
    /// a new patronymic and a fifth a new given name.
    pub renamed: f64,
    /// A diminutive for the given name (Саша, Дима).
    pub diminutive: f64,
    /// A typo, per name field (family, given, patronymic).
    pub typo_per_field: f64,
    /// A second typo in a field that already has one.
    pub second_typo: f64,
    /// No patronymic in a Cyrillic record (Latin records rarely have one: 85 % empty).
    pub patronymic_missing: f64,
    /// Given and family name in each other's columns.
    pub names_swapped: f64,
    /// A girl written with the masculine form of a gendered family name.
    pub masculine_surname_for_girl: f64,
    pub sex_missing: f64,
    pub sex_wrong: f64,
    pub date_missing: f64,
    /// Only the year.
    pub date_year_only: f64,
    /// Only year and month.
    pub date_month_year: f64,
    /// A year worked out from an age, so off by one half the time.
    pub date_from_age: f64,
    /// Day and month swapped (applies when the swap is a valid, different date).
    pub date_day_month_swap: f64,
    /// One digit mistyped.
    pub date_digit_typo: f64,
    /// The year off by one.
    pub date_year_off_by_one: f64,
    pub place_missing: f64,
    /// Another town altogether (where the child was found, not born).
    pub place_wrong: f64,
    /// The former name of a renamed town (Артемовск for Бахмут), where it has one.
    pub place_former_name: f64,
}

impl NoiseModel {
    /// Party A: the families' and schools' reports, mostly Ukrainian.
    pub const PARTY_A: NoiseModel = NoiseModel {
        latin: 0.10,
        other_cyrillic: 0.05,
        russian_given_name: 0.90,
        ukrainian_letters_surname: 0.05,
        phonetic_surname: 0.05,
        renamed: 0.0,
        diminutive: 0.02,
        typo_per_field: 0.03,
        second_typo: 0.15,
        patronymic_missing: 0.08,
        names_swapped: 0.005,
        masculine_surname_for_girl: 0.01,
        sex_missing: 0.01,
        sex_wrong: 0.002,
        date_missing: 0.02,
        date_year_only: 0.03,
        date_month_year: 0.02,
        date_from_age: 0.01,
        date_day_month_swap: 0.01,
        date_digit_typo: 0.01,
        date_year_off_by_one: 0.005,
        place_missing: 0.05,
        place_wrong: 0.01,
        place_former_name: 0.15,
    };

    /// Party B: institutions' and courts' records, mostly Russian, made far
    /// from the child's documents.
    pub const PARTY_B: NoiseModel = NoiseModel {
        latin: 0.12,
        other_cyrillic: 0.08,
        russian_given_name: 0.90,
        ukrainian_letters_surname: 0.05,
        phonetic_surname: 0.07,
        renamed: 0.05,
        diminutive: 0.03,
        typo_per_field: 0.05,
        second_typo: 0.15,
        patronymic_missing: 0.06,
        names_swapped: 0.01,
        masculine_surname_for_girl: 0.02,
        sex_missing: 0.03,
        sex_wrong: 0.005,
        date_missing: 0.03,
        date_year_only: 0.05,
        date_month_year: 0.04,
        date_from_age: 0.03,
        date_day_month_swap: 0.03,
        date_digit_typo: 0.03,
        date_year_off_by_one: 0.02,
        place_missing: 0.10,
        place_wrong: 0.04,
        place_former_name: 0.50,
    };

    pub fn of(party: Party) -> &'static NoiseModel {
        match party {
            Party::A => &NoiseModel::PARTY_A,
            Party::B => &NoiseModel::PARTY_B,
        }
    }
}

/// Which departures a rendered record got; tests count them against the
/// documented rates.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Trace {
    pub latin: bool,
    pub other_cyrillic: bool,
    pub renamed: bool,
    pub diminutive: bool,
    pub typo_family: bool,
    pub typo_given: bool,
    pub patronymic_missing: bool,
    pub names_swapped: bool,
    pub sex_missing: bool,
    pub date_missing: bool,
    pub date_year_only: bool,
    pub date_month_year: bool,
    pub date_from_age: bool,
    pub date_swapped: bool,
    pub date_digit_typo: bool,
    pub date_year_off: bool,
    pub place_missing: bool,
    pub place_wrong: bool,
    pub place_former: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Ukrainian,
    Russian,
    Latin,
}

/// A record's names in one language, before script and errors.
struct Forms {
    family: String,
    given: String,
    diminutives: &'static [String],
    patronymic: String,
    place: String,
}

fn ukrainian_forms(p: &Person) -> Forms {
    let g = p.given_name();
    Forms {
        family: gendered(&p.surname.get().uk, p.sex, false),
        given: g.uk.clone(),
        diminutives: &g.uk_diminutives,
        patronymic: patronymic_uk(&p.father_name().uk, p.sex),
        place: TABLES.places[p.place].uk.clone(),
    }
}

fn russian_forms<R: Rng>(rng: &mut R, p: &Person, m: &NoiseModel) -> Forms {
    let g = p.given_name();
    let s = p.surname.get();
    // Only Ukrainian names get Ukrainian letters or a spelling by ear; a
    // Russian name is written the Russian way.
    let ukrainian_name = !matches!(p.surname, SurnameRef::Russian(_));
    let x: f64 = if ukrainian_name { rng.random() } else { 1.0 };
    let family = if x < m.ukrainian_letters_surname {
        gendered(&s.uk, p.sex, false)
    } else if x < m.ukrainian_letters_surname + m.phonetic_surname {
        gendered(&phonetic_russian_spelling(&s.uk), p.sex, true)
    } else {
        gendered(&s.ru, p.sex, true)
    };
    let given = if rng.random_bool(m.russian_given_name) {
        g.ru.clone()
    } else {
        russian_spelling(&g.uk)
    };
    let patronymic = if rng.random_bool(0.92) {
        patronymic_ru(&p.father_name().ru, p.sex)
    } else {
        russian_spelling(&patronymic_uk(&p.father_name().uk, p.sex))
    };
    Forms {
        family,
        given,
        diminutives: &g.ru_diminutives,
        patronymic,
        place: TABLES.places[p.place].ru.clone(),
    }
}

fn latin_scheme<R: Rng>(rng: &mut R, from_ukrainian: bool) -> (Scheme, Informal) {
    let x: f64 = rng.random();
    let mut informal = Informal::default();
    let scheme = if from_ukrainian {
        match x {
            x if x < 0.65 => Scheme::UkNational2010,
            x if x < 0.85 => Scheme::UkPassport2007,
            x if x < 0.88 => Scheme::German,
            _ => {
                informal = random_informal(rng, true);
                if rng.random_bool(0.5) {
                    Scheme::UkNational2010
                } else {
                    Scheme::UkPassport2007
                }
            }
        }
    } else {
        match x {
            x if x < 0.45 => Scheme::RuIcao2013,
            x if x < 0.75 => Scheme::RuMvd1997,
            x if x < 0.80 => Scheme::RuBgn,
            x if x < 0.83 => Scheme::French,
            _ => {
                informal = random_informal(rng, false);
                Scheme::RuMvd1997
            }
        }
    };
    (scheme, informal)
}

fn random_informal<R: Rng>(rng: &mut R, ukrainian: bool) -> Informal {
    Informal {
        ks_as_x: rng.random_bool(0.5),
        g_for_h: ukrainian && rng.random_bool(0.4),
        short_ia: rng.random_bool(0.5),
        short_final_y: !ukrainian && rng.random_bool(0.5),
        final_iy: ukrainian && rng.random_bool(0.6),
        h_for_kh: rng.random_bool(0.15),
    }
}

/// Writes `person` as `party` would, with that party's noise. `may_rename`
/// allows an adoption rename (only party B's records of children it holds).
pub(crate) fn render<R: Rng>(
    rng: &mut R,
    pools: &Pools,
    person: &Person,
    party: Party,
) -> (Row, Trace) {
    let m = NoiseModel::of(party);
    let mut t = Trace::default();
    let mut p = person.clone();

    if rng.random_bool(m.renamed) {
        t.renamed = true;
        p.surname = pools.russian_surname(rng);
        if rng.random_bool(0.5) {
            p.father = pools.father(rng);
        }
        if rng.random_bool(0.2) {
            p.given = pools.other_given(rng, p.sex, p.given);
        }
    }

    let x: f64 = rng.random();
    let native = match party {
        Party::A => Script::Ukrainian,
        Party::B => Script::Russian,
    };
    let other = match party {
        Party::A => Script::Russian,
        Party::B => Script::Ukrainian,
    };
    let script = if x < m.latin {
        t.latin = true;
        Script::Latin
    } else if x < m.latin + m.other_cyrillic {
        t.other_cyrillic = true;
        other
    } else {
        native
    };

    // Names in the record's language.
    let from_ukrainian = match script {
        Script::Ukrainian => true,
        Script::Russian => false,
        Script::Latin => match party {
            Party::A => rng.random_bool(0.9),
            Party::B => rng.random_bool(0.5),
        },
    };
    let mut f = if from_ukrainian {
        ukrainian_forms(&p)
    } else {
        russian_forms(rng, &p, m)
    };

    // Place: missing, wrong, or under its former name.
    let place = &TABLES.places[p.place];
    if rng.random_bool(m.place_missing) {
        t.place_missing = true;
        f.place.clear();
    } else if rng.random_bool(m.place_wrong) {
        t.place_wrong = true;
        let mut other = pools.place(rng);
        while other == p.place {
            other = pools.place(rng);
        }
        let o = &TABLES.places[other];
        f.place = if from_ukrainian {
            o.uk.clone()
        } else {
            o.ru.clone()
        };
    } else {
        let former = if from_ukrainian {
            &place.former_uk
        } else {
            &place.former_ru
        };
        if let Some(former) = former
            && rng.random_bool(m.place_former_name)
        {
            t.place_former = true;
            f.place = former.clone();
        }
    }

    if p.sex == Sex::Female && rng.random_bool(m.masculine_surname_for_girl) {
        f.family = if from_ukrainian {
            p.surname.get().uk.clone()
        } else {
            p.surname.get().ru.clone()
        };
    }
    if rng.random_bool(m.diminutive) && !f.diminutives.is_empty() {
        t.diminutive = true;
        f.given = f.diminutives[rng.random_range(0..f.diminutives.len())].clone();
    }
    let patronymic_missing = if script == Script::Latin {
        0.85
    } else {
        m.patronymic_missing
    };
    if rng.random_bool(patronymic_missing) {
        t.patronymic_missing = true;
        f.patronymic.clear();
    }

    // Script.
    let uppercase = match script {
        Script::Latin => {
            let (scheme, informal) = latin_scheme(rng, from_ukrainian);
            let conventional = p.given_name().conventional.as_ref();
            f.given = match conventional {
                Some(c) if !t.diminutive && rng.random_bool(0.1) => c.clone(),
                _ => latin(&f.given, scheme, informal),
            };
            f.family = latin(&f.family, scheme, informal);
            f.patronymic = latin(&f.patronymic, scheme, informal);
            f.place = latin(&f.place, scheme, informal);
            rng.random_bool(0.5)
        }
        Script::Russian => {
            if rng.random_bool(0.85) {
                for s in [&mut f.family, &mut f.given, &mut f.patronymic, &mut f.place] {
                    *s = s.replace('ё', "е").replace('Ё', "Е");
                }
            }
            rng.random_bool(0.03)
        }
        Script::Ukrainian => {
            // The apostrophe comes in three shapes.
            let apostrophe = match rng.random_range(0..10) {
                0..=5 => '\'',
                6..=8 => '’',
                _ => 'ʼ',
            };
            for s in [&mut f.family, &mut f.given, &mut f.patronymic, &mut f.place] {
                *s = s.replace('\'', &apostrophe.to_string());
            }
            rng.random_bool(0.03)
        }
    };

    // Typos.
    let typos = |rng: &mut R, s: &mut String| -> bool {
        if !s.is_empty() && rng.random_bool(m.typo_per_field) {
            *s = typo(rng, s);
            if rng.random_bool(m.second_typo) {
                *s = typo(rng, s);
            }
            true
        } else {
            false
        }
    };
    t.typo_family = typos(rng, &mut f.family);
    t.typo_given = typos(rng, &mut f.given);
    typos(rng, &mut f.patronymic);

    if rng.random_bool(m.names_swapped) {
        t.names_swapped = true;
        std::mem::swap(&mut f.family, &mut f.given);
    }
    if uppercase {
        for s in [&mut f.family, &mut f.given, &mut f.patronymic, &mut f.place] {
            *s = s.to_uppercase();
        }
    }

    // Sex.
    let sex = if rng.random_bool(m.sex_missing) {
        t.sex_missing = true;
        ""
    } else if rng.random_bool(m.sex_wrong) {
        match p.sex {
            Sex::Male => "F",
            Sex::Female => "M",
        }
    } else {
        p.sex.code()
    };

    let birth_date = render_date(rng, &p, party, m, &mut t);

    let row = Row {
        id: String::new(),
        family_name: f.family,
        given_name: f.given,
        patronymic: f.patronymic,
        sex: sex.to_string(),
        birth_date,
        birth_place: f.place,
    };
    (row, t)
}

fn render_date<R: Rng>(
    rng: &mut R,
    p: &Person,
    party: Party,
    m: &NoiseModel,
    t: &mut Trace,
) -> String {
    let mut date = p.birth_date;
    let x: f64 = rng.random();
    let missing = m.date_missing;
    let year_only = missing + m.date_year_only;
    let month_year = year_only + m.date_month_year;
    let from_age = month_year + m.date_from_age;
    let precision = if x < missing {
        t.date_missing = true;
        Precision::Missing
    } else if x < year_only {
        t.date_year_only = true;
        Precision::Year
    } else if x < month_year {
        t.date_month_year = true;
        Precision::Month
    } else if x < from_age {
        t.date_from_age = true;
        if rng.random_bool(0.5) {
            date = date.plus_years(if rng.random_bool(0.5) { 1 } else { -1 });
        }
        Precision::Year
    } else {
        Precision::Day
    };
    if precision == Precision::Day {
        if rng.random_bool(m.date_day_month_swap)
            && let Some(swapped) = date.swapped()
        {
            t.date_swapped = true;
            date = swapped;
        }
        if rng.random_bool(m.date_digit_typo) {
            t.date_digit_typo = true;
            date = date.digit_typo(rng);
        }
    }
    if precision != Precision::Missing
        && !t.date_from_age
        && rng.random_bool(m.date_year_off_by_one)
    {
        t.date_year_off = true;
        date = date.plus_years(if rng.random_bool(0.5) { 1 } else { -1 });
    }
    let dotted = match party {
        Party::A => 0.7,
        Party::B => 0.4,
    };
    let style = if rng.random_bool(dotted) {
        DateStyle::Dotted
    } else {
        DateStyle::Iso
    };
    date.render(precision, style)
}
