//! Properties of the scorer on realistic generated records: scores are
//! symmetric, and a record always matches itself.

use std::sync::OnceLock;

use homeward_linkage::{
    FIELDS, Field, LinkOptions, Model, Record, explain, link, parse_date, parse_sex,
};
use homeward_synth::{GenConfig, Row, gen_lists};
use proptest::prelude::*;

fn record(r: &Row) -> Record {
    Record {
        id: r.id.clone(),
        family_name: r.family_name.clone(),
        given_name: r.given_name.clone(),
        patronymic: r.patronymic.clone(),
        sex: parse_sex(&r.sex),
        birth_date: parse_date(&r.birth_date).unwrap(),
        birth_place: r.birth_place.clone(),
    }
}

struct Fixture {
    records: Vec<Record>,
    model: Model,
}

fn fixture() -> &'static Fixture {
    static F: OnceLock<Fixture> = OnceLock::new();
    F.get_or_init(|| {
        let lists = gen_lists(&GenConfig {
            seed: 7,
            left: 2000,
            matches: 1200,
            distractors: 800,
        });
        let left: Vec<Record> = lists.left.iter().map(record).collect();
        let right: Vec<Record> = lists.right.iter().map(record).collect();
        let model = link(&left, &right, &LinkOptions::default(), &|_| {}).model;
        Fixture {
            records: left.into_iter().chain(right).collect(),
            model,
        }
    })
}

proptest! {
    #[test]
    fn scores_are_symmetric(i in 0usize..4000, j in 0usize..4000) {
        let f = fixture();
        let (a, b) = (&f.records[i], &f.records[j]);
        let (ab, ba) = (explain(&f.model, a, b), explain(&f.model, b, a));
        prop_assert!((ab.weight - ba.weight).abs() < 1e-9, "{ab:?} vs {ba:?}");
        prop_assert_eq!(ab.fields.iter().map(|f| f.level).collect::<Vec<_>>(),
                        ba.fields.iter().map(|f| f.level).collect::<Vec<_>>());
    }

    #[test]
    fn a_record_matches_itself(i in 0usize..4000) {
        let f = fixture();
        let r = &f.records[i];
        let e = explain(&f.model, r, r);
        // A partial date can agree only as far as it goes.
        let date_level = match r.birth_date {
            Some(d) if d.day.is_some() => "exact",
            Some(d) if d.month.is_some() => "year_month",
            Some(_) => "year",
            None => "missing",
        };
        for (fw, field) in e.fields.iter().zip(FIELDS) {
            let best = if field == Field::BirthDate { date_level } else { field.levels()[0] };
            prop_assert!(fw.level == best || fw.level == "missing", "{fw:?}");
        }
        // Records naming the child and giving a full birth date are a certain match with themselves.
        let full = !r.family_name.is_empty() && !r.given_name.is_empty()
            && r.birth_date.is_some_and(|d| d.day.is_some());
        if full {
            prop_assert!(e.probability >= f.model.threshold, "{r:?}: {e:?}");
        }
    }
}
