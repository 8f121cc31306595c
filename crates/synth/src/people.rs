//! The people behind the records: children with families, drawn from the
//! name and place tables with Zipf-like frequencies.

use rand::{Rng, RngExt};

use crate::data::{GivenName, Sex, Surname, TABLES};
use crate::date::Date;

/// Children on the lists were born in these years (under 18 when listed).
pub(crate) const BIRTH_YEARS: (i32, i32) = (2005, 2022);

/// Draws indices with fixed weights (binary search over cumulative sums).
pub(crate) struct Sampler {
    cumulative: Vec<f64>,
}

impl Sampler {
    pub fn from_weights(weights: impl IntoIterator<Item = f64>) -> Sampler {
        let mut total = 0.0;
        let cumulative = weights
            .into_iter()
            .map(|w| {
                total += w;
                total
            })
            .collect();
        Sampler { cumulative }
    }

    /// Weight of rank r (0-based) proportional to 1 / (r + offset)^s.
    pub fn zipf(n: usize, offset: f64, s: f64) -> Sampler {
        Sampler::from_weights((0..n).map(|r| 1.0 / (r as f64 + offset).powf(s)))
    }

    pub fn sample<R: Rng>(&self, rng: &mut R) -> usize {
        let total = *self.cumulative.last().expect("a sampler has weights");
        let x = rng.random_range(0.0..total);
        self.cumulative
            .partition_point(|&c| c <= x)
            .min(self.cumulative.len() - 1)
    }
}

/// Where a family name comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum SurnameRef {
    Ukrainian(usize),
    Russian(usize),
    Tail(usize),
}

impl SurnameRef {
    pub fn get(self) -> &'static Surname {
        match self {
            SurnameRef::Ukrainian(i) => &TABLES.surnames_uk[i],
            SurnameRef::Russian(i) => &TABLES.surnames_ru[i],
            SurnameRef::Tail(i) => &TABLES.surnames_tail[i],
        }
    }
}

pub(crate) struct Pools {
    surnames_uk: Sampler,
    surnames_ru: Sampler,
    boys: Sampler,
    girls: Sampler,
    fathers: Sampler,
    places: Sampler,
}

impl Pools {
    pub fn new() -> Pools {
        let t = &*TABLES;
        Pools {
            surnames_uk: Sampler::zipf(t.surnames_uk.len(), 8.0, 1.0),
            surnames_ru: Sampler::zipf(t.surnames_ru.len(), 5.0, 1.0),
            boys: Sampler::zipf(t.boys.len(), 2.0, 1.1),
            girls: Sampler::zipf(t.girls.len(), 2.0, 1.1),
            // Fathers were born a generation earlier, when names were fewer.
            fathers: Sampler::zipf(t.boys.len(), 2.0, 1.2),
            places: Sampler::from_weights(t.places.iter().map(|p| p.weight as f64)),
        }
    }

    /// 65 % from the Ukrainian list, 15 % Russian names, 20 % the long tail.
    pub fn surname<R: Rng>(&self, rng: &mut R) -> SurnameRef {
        let x: f64 = rng.random();
        if x < 0.65 {
            SurnameRef::Ukrainian(self.surnames_uk.sample(rng))
        } else if x < 0.80 {
            SurnameRef::Russian(self.surnames_ru.sample(rng))
        } else {
            SurnameRef::Tail(rng.random_range(0..TABLES.surnames_tail.len()))
        }
    }

    pub fn russian_surname<R: Rng>(&self, rng: &mut R) -> SurnameRef {
        SurnameRef::Russian(self.surnames_ru.sample(rng))
    }

    pub fn given<R: Rng>(&self, rng: &mut R, sex: Sex) -> usize {
        match sex {
            Sex::Male => self.boys.sample(rng),
            Sex::Female => self.girls.sample(rng),
        }
    }

    /// A given name of the same sex other than `not`.
    pub fn other_given<R: Rng>(&self, rng: &mut R, sex: Sex, not: usize) -> usize {
        loop {
            let g = self.given(rng, sex);
            if g != not {
                return g;
            }
        }
    }

    pub fn father<R: Rng>(&self, rng: &mut R) -> usize {
        self.fathers.sample(rng)
    }

    pub fn place<R: Rng>(&self, rng: &mut R) -> usize {
        self.places.sample(rng)
    }

    pub fn sex<R: Rng>(rng: &mut R) -> Sex {
        if rng.random_bool(0.51) {
            Sex::Male
        } else {
            Sex::Female
        }
    }
}

/// One child as the world knows them, before any list records them.
#[derive(Debug, Clone)]
pub(crate) struct Person {
    pub sex: Sex,
    pub given: usize,
    pub surname: SurnameRef,
    pub father: usize,
    pub mother: usize,
    pub birth_date: Date,
    pub place: usize,
}

impl Person {
    pub fn given_name(&self) -> &'static GivenName {
        match self.sex {
            Sex::Male => &TABLES.boys[self.given],
            Sex::Female => &TABLES.girls[self.given],
        }
    }

    pub fn father_name(&self) -> &'static GivenName {
        &TABLES.boys[self.father]
    }

    pub fn new<R: Rng>(rng: &mut R, pools: &Pools) -> Person {
        let sex = Pools::sex(rng);
        Person {
            sex,
            given: pools.given(rng, sex),
            surname: pools.surname(rng),
            father: pools.father(rng),
            mother: pools.given(rng, Sex::Female),
            birth_date: Date::random(rng, BIRTH_YEARS.0, BIRTH_YEARS.1),
            place: pools.place(rng),
        }
    }

    /// A brother or sister: same parents and family name, usually the same
    /// birthplace, born one to ten years apart.
    pub fn sibling<R: Rng>(&self, rng: &mut R, pools: &Pools) -> Person {
        let sex = Pools::sex(rng);
        let year = loop {
            let gap = rng.random_range(1..=10);
            let year = if rng.random_bool(0.5) {
                self.birth_date.year + gap
            } else {
                self.birth_date.year - gap
            };
            if (BIRTH_YEARS.0..=BIRTH_YEARS.1).contains(&year) {
                break year;
            }
        };
        let birth_date = Date::random(rng, year, year);
        Person {
            sex,
            given: self.different_given(rng, pools, sex),
            birth_date,
            place: if rng.random_bool(0.9) {
                self.place
            } else {
                pools.place(rng)
            },
            ..self.clone()
        }
    }

    /// A twin: everything the same but the given name, often even the sex.
    pub fn twin<R: Rng>(&self, rng: &mut R, pools: &Pools) -> Person {
        let sex = if rng.random_bool(0.6) {
            self.sex
        } else {
            Pools::sex(rng)
        };
        Person {
            sex,
            given: self.different_given(rng, pools, sex),
            ..self.clone()
        }
    }

    /// A cousin through the father's brother: same family name, another
    /// father, often the same town, born within a few years.
    pub fn cousin<R: Rng>(&self, rng: &mut R, pools: &Pools) -> Person {
        let sex = Pools::sex(rng);
        let mut father = pools.father(rng);
        while father == self.father {
            father = pools.father(rng);
        }
        let year =
            (self.birth_date.year + rng.random_range(-4..=4)).clamp(BIRTH_YEARS.0, BIRTH_YEARS.1);
        Person {
            sex,
            given: pools.given(rng, sex),
            father,
            mother: pools.given(rng, Sex::Female),
            birth_date: Date::random(rng, year, year),
            place: if rng.random_bool(0.6) {
                self.place
            } else {
                pools.place(rng)
            },
            surname: self.surname,
        }
    }

    /// Someone else with the same given and family name: common names
    /// coincide by chance, sometimes in the same town or birth year.
    pub fn namesake<R: Rng>(&self, rng: &mut R, pools: &Pools) -> Person {
        let year = if rng.random_bool(0.2) {
            self.birth_date.year
        } else {
            rng.random_range(BIRTH_YEARS.0..=BIRTH_YEARS.1)
        };
        Person {
            father: pools.father(rng),
            mother: pools.given(rng, Sex::Female),
            birth_date: Date::random(rng, year, year),
            place: if rng.random_bool(0.3) {
                self.place
            } else {
                pools.place(rng)
            },
            ..self.clone()
        }
    }

    fn different_given<R: Rng>(&self, rng: &mut R, pools: &Pools, sex: Sex) -> usize {
        if sex == self.sex {
            pools.other_given(rng, sex, self.given)
        } else {
            pools.given(rng, sex)
        }
    }
}
