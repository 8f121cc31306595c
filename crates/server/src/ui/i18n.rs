//! The web UI's four languages, through Fluent.
//!
//! The `.ftl` files are compiled into the binary. Each language has one
//! concurrent bundle, built once and shared by every request; a message
//! missing from a translation falls back to English, and a message missing
//! everywhere shows its id (a test keeps the four files in step, so that
//! never reaches a person).
//!
//! Fluent wraps every placeable in Unicode isolation marks (U+2068 … U+2069).
//! They are kept: they stop a Latin name from reordering an Arabic sentence.

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::borrow::Borrow;
use std::sync::Arc;
use unic_langid::LanguageIdentifier;

/// A language the UI speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Lang {
    En,
    Uk,
    Ru,
    Ar,
}

impl Lang {
    pub const ALL: [Lang; 4] = [Lang::En, Lang::Uk, Lang::Ru, Lang::Ar];

    /// The BCP 47 tag, as used in `<html lang>` and in the language cookie.
    pub fn tag(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Uk => "uk",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
        }
    }

    /// The writing direction, as used in `<html dir>`.
    pub fn dir(self) -> &'static str {
        match self {
            Lang::Ar => "rtl",
            _ => "ltr",
        }
    }

    /// The language's name in itself, as the switcher shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Uk => "Українська",
            Lang::Ru => "Русский",
            Lang::Ar => "العربية",
        }
    }

    pub fn from_tag(tag: &str) -> Option<Lang> {
        let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
        Lang::ALL.into_iter().find(|l| l.tag() == primary)
    }

    /// The first language of an `Accept-Language` header that the UI
    /// speaks, by the header's weights; English when none is.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut offers: Vec<(f32, usize, Lang)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, item)| {
                let mut parts = item.split(';');
                let lang = Lang::from_tag(parts.next()?)?;
                let q = parts
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.trim().parse::<f32>().ok())
                    .unwrap_or(1.0);
                (q > 0.0).then_some((q, i, lang))
            })
            .collect();
        // Highest weight first; the header's order breaks ties.
        offers.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        offers.first().map_or(Lang::En, |o| o.2)
    }

    fn index(self) -> usize {
        self as usize
    }

    fn source(self) -> &'static str {
        match self {
            Lang::En => include_str!("../../i18n/en.ftl"),
            Lang::Uk => include_str!("../../i18n/uk.ftl"),
            Lang::Ru => include_str!("../../i18n/ru.ftl"),
            Lang::Ar => include_str!("../../i18n/ar.ftl"),
        }
    }
}

/// Whole numbers in a message, grouped the way language `L` of
/// [`Lang::ALL`] groups them ([`Lang::number`]); other values as Fluent
/// writes them. One function per language: the bundle takes a plain `fn`.
fn number_in<const L: usize, M>(value: &FluentValue, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) if n.value.fract() == 0.0 && n.value.abs() < 1e15 => {
            Some(Lang::ALL[L].number(n.value as i64))
        }
        _ => None,
    }
}

/// The compiled bundles of all four languages.
pub struct Catalog {
    bundles: Vec<FluentBundle<FluentResource>>,
}

impl Catalog {
    /// Parses the embedded `.ftl` files. They are part of the binary, so a
    /// syntax error in one is a build defect: the tests parse them too.
    pub fn new() -> Catalog {
        let bundles = Lang::ALL
            .into_iter()
            .map(|lang| {
                let id: LanguageIdentifier = lang.tag().parse().expect("a valid language tag");
                let resource = FluentResource::try_new(lang.source().to_owned()).unwrap_or_else(
                    |(_, errors)| panic!("i18n/{}.ftl does not parse: {errors:?}", lang.tag()),
                );
                let mut bundle = FluentBundle::new_concurrent(vec![id]);
                bundle
                    .add_resource(resource)
                    .unwrap_or_else(|errors| panic!("i18n/{}.ftl: {errors:?}", lang.tag()));
                bundle.set_formatter(Some(match lang {
                    Lang::En => number_in::<0, _>,
                    Lang::Uk => number_in::<1, _>,
                    Lang::Ru => number_in::<2, _>,
                    Lang::Ar => number_in::<3, _>,
                }));
                bundle
            })
            .collect();
        Catalog { bundles }
    }

    fn format(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> Option<String> {
        let bundle = &self.bundles[lang.index()];
        let pattern = bundle.get_message(id)?.value()?;
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, args, &mut errors);
        if !errors.is_empty() {
            tracing::warn!(
                lang = lang.tag(),
                message = id,
                ?errors,
                "a translation did not format cleanly"
            );
        }
        Some(text.into_owned())
    }

    /// The message `id` in `lang`, in English if `lang` lacks it, or the id
    /// itself if no language has it.
    pub fn message(&self, lang: Lang, id: &str, args: Option<&FluentArgs>) -> String {
        self.format(lang, id, args)
            .or_else(|| self.format(Lang::En, id, args))
            .unwrap_or_else(|| {
                tracing::warn!(lang = lang.tag(), message = id, "no translation");
                id.to_owned()
            })
    }

    /// The message ids a language defines, for the consistency test.
    #[cfg(test)]
    fn ids(lang: Lang) -> Vec<String> {
        lang.source()
            .lines()
            .filter(|l| l.starts_with(|c: char| c.is_ascii_alphabetic()))
            .filter_map(|l| l.split_once('=').map(|(id, _)| id.trim().to_owned()))
            .collect()
    }
}

impl Default for Catalog {
    fn default() -> Self {
        Catalog::new()
    }
}

/// The translator a page renders with: the catalogue and the reader's language.
#[derive(Clone)]
pub struct Tr {
    catalog: Arc<Catalog>,
    pub lang: Lang,
}

impl Tr {
    pub fn new(catalog: Arc<Catalog>, lang: Lang) -> Tr {
        Tr { catalog, lang }
    }

    /// A count shown on its own, grouped the reader's way.
    pub fn num(&self, n: impl Borrow<i64>) -> String {
        self.lang.number(*n.borrow())
    }

    /// A message without arguments.
    pub fn t(&self, id: &str) -> String {
        self.catalog.message(self.lang, id, None)
    }

    /// A message with one number, passed as a number so plural rules apply.
    pub fn n(&self, id: &str, name: &str, value: impl Borrow<i64>) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(*value.borrow()));
        self.catalog.message(self.lang, id, Some(&args))
    }

    /// A message with one text argument.
    pub fn s(&self, id: &str, name: &str, value: &str) -> String {
        let mut args = FluentArgs::new();
        args.set(name.to_owned(), FluentValue::from(value.to_owned()));
        self.catalog.message(self.lang, id, Some(&args))
    }

    /// A message with two number arguments.
    pub fn nn(
        &self,
        id: &str,
        a: &str,
        a_value: impl Borrow<i64>,
        b: &str,
        b_value: impl Borrow<i64>,
    ) -> String {
        let mut args = FluentArgs::new();
        args.set(a.to_owned(), FluentValue::from(*a_value.borrow()));
        args.set(b.to_owned(), FluentValue::from(*b_value.borrow()));
        self.catalog.message(self.lang, id, Some(&args))
    }

    /// A message with text arguments.
    pub fn texts(&self, id: &str, values: &[(&str, String)]) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in values {
            args.set((*name).to_owned(), FluentValue::from(value.clone()));
        }
        self.catalog.message(self.lang, id, Some(&args))
    }

    /// A message named by a prefix and a value, e.g. `state-` + `on_hold`
    /// → `state-on_hold`.
    pub fn k(&self, prefix: &str, value: &str) -> String {
        self.t(&format!("{prefix}{value}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every rule the domain names in a refusal has its message. The match
    /// is exhaustive, so a new rule cannot be added without being listed.
    #[test]
    fn every_rule_the_domain_names_has_a_message() {
        use homeward_domain::casework::ViewsRule as V;
        use homeward_domain::{CaseAction, CaseState, Role, TransitionError as T, Unmet as U};
        let s = CaseState::Identified;
        let unmet = [
            U::NoIdentity,
            U::NoFamily,
            U::NoConsent,
            U::ConsentByStranger,
            U::ConsentByNonGuardian,
            U::SameParties,
            U::NoBestInterests,
            U::BestInterestsAgainst,
            U::NoChildViews,
            U::PartyObjected("A"),
            U::PartyNotApproved("B"),
            U::TripStep,
            U::NoFinalHandover,
            U::FollowUpsIncomplete,
            U::NothingToResume,
            U::GroupNotReady,
            U::DecisionNeedsSubmitted(s),
            U::BookingNeedsApproved(s),
            U::HandoverNeedsTransit(s),
            U::FollowUpNeedsReunion(s),
        ];
        for u in unmet {
            match u {
                U::NoIdentity
                | U::NoFamily
                | U::NoConsent
                | U::ConsentByStranger
                | U::ConsentByNonGuardian
                | U::SameParties
                | U::NoBestInterests
                | U::BestInterestsAgainst
                | U::NoChildViews
                | U::PartyObjected(_)
                | U::PartyNotApproved(_)
                | U::TripStep
                | U::NoFinalHandover
                | U::FollowUpsIncomplete
                | U::NothingToResume
                | U::GroupNotReady
                | U::DecisionNeedsSubmitted(_)
                | U::BookingNeedsApproved(_)
                | U::HandoverNeedsTransit(_)
                | U::FollowUpNeedsReunion(_) => {}
            }
        }
        let a = CaseAction::Verify;
        let mut ids: Vec<&str> = unmet.iter().map(|u| u.id()).collect();
        ids.extend(
            [
                T::RoleNotAllowed {
                    action: a,
                    role: Role::Escort,
                },
                T::NotEscortOfTrip { action: a },
                T::PartyNotConcerned,
                T::WrongState {
                    action: a,
                    state: s,
                },
                T::ReasonRequired { action: a },
            ]
            .iter()
            .map(|t| t.id()),
        );
        ids.extend(
            [
                V::TooOld,
                V::NoWords,
                V::NoReason,
                V::OnlyCoordinator,
                V::MustBeHeard,
            ]
            .iter()
            .map(|v| v.id()),
        );
        ids.extend(trip_rules().iter().map(|r| r.id()));
        let en = Catalog::ids(Lang::En);
        for id in ids {
            assert!(en.iter().any(|m| m == id), "en.ftl lacks {id}");
        }
        // Arguments are filled in, not left as placeholders.
        let tr = Tr::new(Arc::new(Catalog::new()), Lang::Uk);
        let said = tr.texts(
            "rule-wrong-state",
            &[("state", "S".to_owned()), ("action", "A".to_owned())],
        );
        assert!(said.contains('S') && said.contains('A') && !said.contains('$'));
    }

    /// Every rule of transit, once (the match fails to compile when one is
    /// added and not listed).
    fn trip_rules() -> Vec<homeward_domain::TripRule> {
        use homeward_domain::TripRule as R;
        let s = homeward_domain::CaseState::OnHold;
        let rules = vec![
            R::NoName,
            R::NoLegs,
            R::LegPlaces { leg: 1 },
            R::LegTimes { leg: 1 },
            R::LegOrder { leg: 2 },
            R::NotTransitState { leg: 1 },
            R::NotEscort,
            R::LegsChanged,
            R::TripCancelled,
            R::TripDeparted,
            R::LegDeparted { leg: 1 },
            R::AlreadyBooked,
            R::OverCapacity { free: 1, needed: 2 },
            R::EscortRatio {
                leg: 1,
                escorts: 1,
                needed: 2,
            },
            R::GroupSplit,
            R::NotLegTransitState { leg: 1 },
            R::NoTransitState { leg: 2 },
            R::NoClearance { leg: 1 },
            R::ClearanceRefused { leg: 1 },
            R::BeforeNotArrived { leg: 2, before: 1 },
            R::NotDeparted { leg: 1 },
            R::AlreadyDeparted { leg: 1 },
            R::HandoverMissing { leg: 1 },
            R::NoReference,
            R::NoCancelReason,
            R::EscortsPerLeg,
            R::AlreadyArrived { leg: 1 },
            R::NobodyBooked,
            R::CaseNotReady { state: s },
            R::NotOnTrip,
            R::HandoverSkipped {
                leg: 2,
                expected: 1,
            },
            R::HandoverTwice { leg: 1 },
            R::ReceiverNotOfficial,
            R::ReceiverNotFamily,
            R::ReceiverNotConsenting,
            R::HandoverDetails,
        ];
        for r in &rules {
            match r {
                R::NoName
                | R::NoLegs
                | R::LegPlaces { .. }
                | R::LegTimes { .. }
                | R::LegOrder { .. }
                | R::NotTransitState { .. }
                | R::NotEscort
                | R::LegsChanged
                | R::TripCancelled
                | R::TripDeparted
                | R::LegDeparted { .. }
                | R::AlreadyBooked
                | R::OverCapacity { .. }
                | R::EscortRatio { .. }
                | R::GroupSplit
                | R::NotLegTransitState { .. }
                | R::NoTransitState { .. }
                | R::NoClearance { .. }
                | R::ClearanceRefused { .. }
                | R::BeforeNotArrived { .. }
                | R::NotDeparted { .. }
                | R::AlreadyDeparted { .. }
                | R::HandoverMissing { .. }
                | R::NoReference
                | R::NoCancelReason
                | R::EscortsPerLeg
                | R::AlreadyArrived { .. }
                | R::NobodyBooked
                | R::CaseNotReady { .. }
                | R::NotOnTrip
                | R::HandoverSkipped { .. }
                | R::HandoverTwice { .. }
                | R::ReceiverNotOfficial
                | R::ReceiverNotFamily
                | R::ReceiverNotConsenting
                | R::HandoverDetails => {}
            }
        }
        rules
    }

    #[test]
    fn transit_refusals_fill_in_their_numbers_in_every_language() {
        let catalog = Arc::new(Catalog::new());
        for lang in [Lang::En, Lang::Uk, Lang::Ru, Lang::Ar] {
            let tr = Tr::new(catalog.clone(), lang);
            for rule in trip_rules() {
                let said = crate::ui::refusal_text(&tr, &homeward_domain::Refusal::Trip(rule));
                assert!(
                    !said.contains('$') && !said.is_empty(),
                    "{lang:?} {rule:?}: {said}"
                );
                for (_, n) in rule.numbers() {
                    assert!(said.contains(&n.to_string()), "{lang:?} {rule:?}: {said}");
                }
            }
        }
    }

    /// Every other refusal the domain can give (`Rule::examples()` lists
    /// each rule, `Record::ALL` each record kind) has its message in every
    /// language, with its arguments filled in.
    #[test]
    fn every_refusal_has_a_message_in_every_language() {
        use homeward_domain::refusal::{Arg, Record};
        use homeward_domain::{Refusal, Rule};
        let catalog = Arc::new(Catalog::new());
        for lang in Lang::ALL {
            let ids = Catalog::ids(lang);
            for rule in Rule::examples() {
                let id = rule.id();
                assert!(ids.iter().any(|m| m == id), "{}.ftl lacks {id}", lang.tag());
                let tr = Tr::new(catalog.clone(), lang);
                let said = crate::ui::refusal_text(&tr, &Refusal::Invalid(rule.clone()));
                assert!(
                    !said.contains('$') && !said.is_empty() && said != id,
                    "{} {rule:?}: {said}",
                    lang.tag()
                );
                for (_, arg) in rule.args() {
                    if let Arg::Number(n) = arg {
                        assert!(
                            said.contains(&n.to_string()),
                            "{} {rule:?}: {said}",
                            lang.tag()
                        );
                    }
                }
            }
            for record in Record::ALL {
                assert!(
                    ids.iter().any(|m| m == record.id()),
                    "{}.ftl lacks {}",
                    lang.tag(),
                    record.id()
                );
            }
        }
    }

    #[test]
    fn every_language_defines_exactly_the_english_messages() {
        let en = Catalog::ids(Lang::En);
        assert!(
            en.len() > 50,
            "en.ftl looks truncated: {} messages",
            en.len()
        );
        for lang in [Lang::Uk, Lang::Ru, Lang::Ar] {
            let other = Catalog::ids(lang);
            let missing: Vec<_> = en.iter().filter(|id| !other.contains(id)).collect();
            let extra: Vec<_> = other.iter().filter(|id| !en.contains(id)).collect();
            assert!(missing.is_empty(), "{}.ftl lacks {missing:?}", lang.tag());
            assert!(extra.is_empty(), "{}.ftl has unknown {extra:?}", lang.tag());
        }
    }

    #[test]
    fn every_message_formats_in_every_language() {
        let catalog = Catalog::new();
        for lang in Lang::ALL {
            for id in Catalog::ids(Lang::En) {
                assert!(
                    catalog.format(lang, &id, None).is_some(),
                    "{}: {id} has no value",
                    lang.tag()
                );
            }
        }
    }

    fn check_plural(lang: Lang, n: i64, expect: &str) {
        let tr = Tr::new(Arc::new(Catalog::new()), lang);
        let got = tr
            .n("children-found", "count", n)
            .replace(['\u{2068}', '\u{2069}'], "");
        assert_eq!(got, expect, "{} {n}", lang.tag());
    }

    #[test]
    fn plurals_follow_each_language() {
        check_plural(Lang::En, 1, "1 child found");
        check_plural(Lang::En, 5, "5 children found");
        check_plural(Lang::Uk, 1, "Знайдено 1 дитину");
        check_plural(Lang::Uk, 3, "Знайдено 3 дитини");
        check_plural(Lang::Uk, 5, "Знайдено 5 дітей");
        check_plural(Lang::Uk, 21, "Знайдено 21 дитину");
        check_plural(Lang::Ru, 1, "Найден 1 ребёнок");
        check_plural(Lang::Ru, 2, "Найдено 2 ребёнка");
        check_plural(Lang::Ru, 11, "Найдено 11 детей");
        check_plural(Lang::Ar, 0, "لم يُعثر على أي طفل");
        check_plural(Lang::Ar, 2, "عُثر على طفلين");
        check_plural(Lang::Ar, 5, "عُثر على 5 أطفال");
        check_plural(Lang::Ar, 11, "عُثر على 11 طفلًا");
        // Large counts are grouped the language's way, and still choose
        // the plural by their value.
        check_plural(Lang::En, 12_345, "12,345 children found");
        check_plural(Lang::Uk, 12_345, "Знайдено 12\u{a0}345 дітей");
        check_plural(Lang::Ru, 12_341, "Найден 12\u{a0}341 ребёнок");
    }

    #[test]
    fn placeables_are_isolated() {
        let tr = Tr::new(Arc::new(Catalog::new()), Lang::Ar);
        let s = tr.s("signed-in-as", "login", "coordinator");
        assert!(s.contains("\u{2068}coordinator\u{2069}"), "{s}");
    }

    #[test]
    fn accept_language_is_negotiated_by_weight() {
        for (header, expect) in [
            ("", Lang::En),
            ("uk", Lang::Uk),
            ("ru-RU,ru;q=0.9,en;q=0.8", Lang::Ru),
            ("de-DE,ar;q=0.5,uk;q=0.7", Lang::Uk),
            ("fr, de", Lang::En),
            ("ar-EG;q=0.1, en;q=0", Lang::Ar),
        ] {
            assert_eq!(Lang::negotiate(header), expect, "{header}");
        }
    }

    #[test]
    fn a_missing_message_falls_back_to_its_id() {
        let tr = Tr::new(Arc::new(Catalog::new()), Lang::Uk);
        assert_eq!(tr.t("no-such-message"), "no-such-message");
    }
}
