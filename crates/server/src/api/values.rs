//! Input read by the rules the OpenAPI document states.
//!
//! Every rule a handler applies to a query parameter or a body member is
//! written here once, as data (a vocabulary, a length, a pattern, a
//! range), and both sides use it: the handler to read the value, the
//! document (through `schema_with`) to describe it. So the API takes
//! nothing the document forbids, and the document promises nothing the
//! API refuses, except where the answer depends on what is stored (an id
//! that names no record, a case in the wrong state): those are 404, 409
//! or 422 and documented as such.
//!
//! A refusal names the parameter and the rule, never the value when it
//! can be personal data (a name, a date of birth); a word outside a
//! vocabulary is quoted, since it is one of ours or a typing error.
//! Query parameters are refused with 400 (the request cannot be read as
//! the document says), body members with 422 (well-formed JSON, invalid
//! content), as the rest of the API does.

use crate::error::ApiError;
use homeward_domain::event::{ErasureReason, EvidenceKind, RecordKind};
use homeward_domain::{
    BestInterestsOutcome, CaseAction, CaseState, ConsentBasis, ConsentHow, CustodyKind, Decision,
    DisputeKind, EvidenceMethod, GroupKind, HeardHow, OrgKind, Relationship, Role, Sex, Side,
    TracingOutcome, TripKind,
};
use serde::de::DeserializeOwned;
use std::sync::LazyLock;
use utoipa::openapi::schema::{ObjectBuilder, SchemaType, Type};
use utoipa::openapi::{RefOr, Schema};

/// Where a value was read from, which decides the status of a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum In {
    /// The query string: a refusal is 400.
    Query,
    /// The JSON body: a refusal is 422.
    Body,
}

impl In {
    fn refuse(self, why: String) -> ApiError {
        match self {
            In::Query => ApiError::BadRequest(why),
            In::Body => ApiError::Unprocessable(why),
        }
    }
}

// ------------------------------------------------------------ vocabularies

/// A closed set of words: the document lists them as an `enum`, and the
/// handler takes exactly those (no other case, no aliases, no blanks).
pub trait Vocabulary: DeserializeOwned + 'static {
    /// What one word names, for a refusal ("case state").
    const WHAT: &'static str;
    /// Every word, in the document's order.
    const WORDS: &'static [&'static str];
}

/// Declares `$t`'s vocabulary and `$marker`, the type the document's
/// attributes name for it (`value_type = values::CaseStateWord, inline`).
macro_rules! vocabulary {
    ($t:ty, $marker:ident, $what:literal, [$($w:literal),+ $(,)?]) => {
        impl Vocabulary for $t {
            const WHAT: &'static str = $what;
            const WORDS: &'static [&'static str] = &[$($w),+];
        }
        schema_type!($marker, words::<$t>());
    };
}

/// A type that only stands for a schema in the document's attributes.
macro_rules! schema_type {
    ($marker:ident, $schema:expr) => {
        #[doc = concat!("The document's schema `", stringify!($schema), "`.")]
        pub struct $marker;
        impl utoipa::PartialSchema for $marker {
            fn schema() -> RefOr<Schema> {
                $schema
            }
        }
        impl utoipa::ToSchema for $marker {}
    };
}

vocabulary!(Sex, SexWord, "sex", ["M", "F"]);
vocabulary!(
    CustodyKind,
    CustodyKindWord,
    "custody kind",
    [
        "institution",
        "hospital",
        "foster_family",
        "adoptive_family",
        "embassy",
        "escort",
        "transit_state",
        "family"
    ]
);
vocabulary!(
    TripKind,
    TripKindWord,
    "trip kind",
    ["charter_flight", "scheduled_flight", "road_convoy"]
);
vocabulary!(
    CaseState,
    CaseStateWord,
    "case state",
    [
        "identified",
        "verified",
        "family_located",
        "consent_recorded",
        "submitted",
        "approved",
        "transit_planned",
        "in_transit",
        "handed_over",
        "reunited",
        "closed",
        "on_hold",
        "disputed",
        "withdrawn"
    ]
);
vocabulary!(
    CaseAction,
    CaseActionWord,
    "case action",
    [
        "verify",
        "locate_family",
        "record_consent",
        "submit",
        "approve",
        "plan_transit",
        "depart",
        "hand_over",
        "reunite",
        "close",
        "hold",
        "dispute",
        "withdraw",
        "resume",
        "cancel_transit",
        "reopen"
    ]
);
vocabulary!(
    Relationship,
    RelationshipWord,
    "relationship",
    [
        "mother",
        "father",
        "grandparent",
        "sibling",
        "aunt_or_uncle",
        "legal_guardian",
        "other"
    ]
);
vocabulary!(Decision, DecisionWord, "decision", ["approve", "object"]);
vocabulary!(
    EvidenceKind,
    EvidenceKindWord,
    "kind of evidence",
    ["identity", "family", "reunion", "other"]
);
vocabulary!(
    EvidenceMethod,
    EvidenceMethodWord,
    "way of verifying evidence",
    [
        "document_seen",
        "video_call",
        "photographs",
        "biometric_report",
        "dna_report",
        "interview"
    ]
);
vocabulary!(
    BestInterestsOutcome,
    BestInterestsOutcomeWord,
    "best-interests outcome",
    ["return", "no_return", "undetermined"]
);
vocabulary!(
    HeardHow,
    HeardHowWord,
    "way the child was heard",
    [
        "in_person",
        "video_call",
        "in_writing",
        "through_representative",
        "not_obtainable"
    ]
);
vocabulary!(
    ConsentBasis,
    ConsentBasisWord,
    "basis of a consent",
    ["parental_responsibility", "court_order"]
);
vocabulary!(
    ConsentHow,
    ConsentHowWord,
    "way a consent was obtained",
    [
        "in_person",
        "video_call",
        "in_writing",
        "through_detaining_authority"
    ]
);
vocabulary!(
    TracingOutcome,
    TracingOutcomeWord,
    "tracing outcome",
    ["found", "not_found", "withdrawn"]
);
vocabulary!(
    GroupKind,
    GroupKindWord,
    "kind of group",
    ["siblings", "travel_together"]
);
vocabulary!(
    DisputeKind,
    DisputeKindWord,
    "kind of dispute",
    ["identity", "family_link", "consent", "other"]
);
vocabulary!(
    ErasureReason,
    ErasureReasonWord,
    "reason for an erasure",
    ["retention_period_ended", "family_request", "court_order"]
);
vocabulary!(
    RecordKind,
    RecordKindWord,
    "kind of record",
    ["child", "case", "tracing_request", "manifest"]
);
vocabulary!(
    OrgKind,
    OrgKindWord,
    "kind of organisation",
    ["mediator", "party", "transit"]
);
vocabulary!(Side, SideWord, "side", ["A", "B"]);
vocabulary!(
    Role,
    RoleWord,
    "role",
    [
        "coordinator",
        "caseworker",
        "escort",
        "party_officer",
        "transit_officer",
        "auditor",
        "admin"
    ]
);

/// A child's sex in a body: `M` or `F`; `m`, `f`, `male` and `female`
/// are read as the same.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum SexIn {
    #[serde(alias = "m", alias = "male")]
    M,
    #[serde(alias = "f", alias = "female")]
    F,
}
vocabulary!(
    SexIn,
    SexInWord,
    "sex",
    ["M", "F", "m", "f", "male", "female"]
);

impl From<SexIn> for Sex {
    fn from(s: SexIn) -> Sex {
        match s {
            SexIn::M => Sex::M,
            SexIn::F => Sex::F,
        }
    }
}

/// The format of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Csv,
    Xlsx,
}
vocabulary!(
    ExportFormat,
    ExportFormatWord,
    "export format",
    ["csv", "xlsx"]
);

/// What a party's list holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImportKind {
    Children,
    TracingRequests,
}
vocabulary!(
    ImportKind,
    ImportKindWord,
    "kind of list",
    ["children", "tracing_requests"]
);

/// The status of a tracing request.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TracingStatus {
    Open,
    Linked,
}
vocabulary!(
    TracingStatus,
    TracingStatusWord,
    "tracing request status",
    ["open", "linked"]
);

impl TracingStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            TracingStatus::Open => "open",
            TracingStatus::Linked => "linked",
        }
    }
}

/// The language of the names in an imported list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize)]
pub enum ImportLang {
    #[serde(rename = "auto")]
    Auto,
    #[serde(rename = "uk")]
    Uk,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "en")]
    En,
    #[serde(rename = "ar")]
    Ar,
    #[serde(rename = "uk-Latn")]
    UkLatn,
    #[serde(rename = "ru-Latn")]
    RuLatn,
}
vocabulary!(
    ImportLang,
    ImportLangWord,
    "language of names",
    ["auto", "uk", "ru", "en", "ar", "uk-Latn", "ru-Latn"]
);

impl ImportLang {
    pub fn as_str(self) -> &'static str {
        match self {
            ImportLang::Auto => "auto",
            ImportLang::Uk => "uk",
            ImportLang::Ru => "ru",
            ImportLang::En => "en",
            ImportLang::Ar => "ar",
            ImportLang::UkLatn => "uk-Latn",
            ImportLang::RuLatn => "ru-Latn",
        }
    }
}

/// Reads `s` as a word of `T`'s vocabulary, exactly as the document lists
/// them.
pub fn word<T: Vocabulary>(at: In, name: &str, s: &str) -> Result<T, ApiError> {
    let refuse = || {
        at.refuse(format!(
            "{name}: '{}' is not a {}; expected one of {}",
            s.chars().take(40).collect::<String>(),
            T::WHAT,
            T::WORDS.join(", ")
        ))
    };
    if !T::WORDS.contains(&s) {
        return Err(refuse());
    }
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(|_| refuse())
}

/// An optional query parameter read as a word of `T`'s vocabulary. Present
/// but empty (`?sex=`) is refused like any other word outside it.
pub fn query_word<T: Vocabulary>(name: &str, s: Option<&str>) -> Result<Option<T>, ApiError> {
    s.map(|s| word(In::Query, name, s)).transpose()
}

/// The document's schema for a word of `T`'s vocabulary.
pub fn words<T: Vocabulary>() -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::String)
        .enum_values(Some(T::WORDS.iter().copied()))
        .into()
}

// ------------------------------------------------------------------ texts

/// Characters that do not make a text non-blank: white space as Rust,
/// Python and ECMAScript each define it (their `\s` differ: Python counts
/// the information separators U+001C–U+001F, ECMAScript the byte-order
/// mark), so that a client checking the document's pattern with any of
/// them agrees with the server.
const BLANK_CLASS: &str =
    r"\t\n\x0B\x0C\r \x1C-\x1F\x85\xA0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";

fn is_blank_char(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c) || c == '\u{feff}'
}

/// True when `s` holds nothing but white space (by [`is_blank_char`]).
pub fn is_blank(s: &str) -> bool {
    s.chars().all(is_blank_char)
}

/// The pattern of a text that must hold something besides white space.
pub static NOT_BLANK: LazyLock<String> = LazyLock::new(|| format!("[^{BLANK_CLASS}]"));

/// A kind of free text: how long it may be and whether it must say
/// something.
#[derive(Debug, Clone, Copy)]
pub struct Text {
    /// The most characters (Unicode scalar values, as JSON Schema counts).
    pub max: usize,
    /// Must hold a character that is not white space.
    pub required: bool,
}

/// A person's given, family or other name.
pub const NAME: Text = Text {
    max: 200,
    required: true,
};
/// A name that may be left empty (a patronymic).
pub const OPTIONAL_NAME: Text = Text {
    max: 200,
    required: false,
};
/// A place, a carrier, a list's or a trip's name: short and not blank.
pub const LABEL: Text = Text {
    max: 200,
    required: true,
};
/// A label that may be left empty (a birth place, a list's name).
pub const OPTIONAL_LABEL: Text = Text {
    max: 200,
    required: false,
};
/// A short text that may be empty (an address, a contact, a status).
pub const SHORT: Text = Text {
    max: 1000,
    required: false,
};
/// A note, a description, a reason: something must be said.
pub const NOTE: Text = Text {
    max: 10_000,
    required: true,
};
/// A note that may be left empty.
pub const OPTIONAL_NOTE: Text = Text {
    max: 10_000,
    required: false,
};
/// An id of a record, a user or an organisation (the server's are UUIDs).
pub const ID: Text = Text {
    max: 100,
    required: true,
};

impl Text {
    /// Checks `s` against this kind of text. The refusal names the member
    /// and the rule, never the text.
    pub fn check(self, at: In, name: &str, s: &str) -> Result<(), ApiError> {
        if s.chars().count() > self.max {
            return Err(at.refuse(format!(
                "{name} must be at most {} characters long",
                self.max
            )));
        }
        if self.required && is_blank(s) {
            return Err(at.refuse(format!("{name} must not be empty or only spaces")));
        }
        Ok(())
    }

    /// The document's schema for this kind of text.
    pub fn schema(self) -> ObjectBuilder {
        let b = ObjectBuilder::new()
            .schema_type(Type::String)
            .max_length(Some(self.max));
        if self.required {
            b.min_length(Some(1)).pattern(Some(NOT_BLANK.as_str()))
        } else {
            b
        }
    }

    /// The same schema, for a member that may also be `null`.
    pub fn schema_or_null(self) -> ObjectBuilder {
        self.schema()
            .schema_type(SchemaType::from_iter([Type::String, Type::Null]))
    }
}

schema_type!(Name, NAME.schema().into());
schema_type!(NameOrEmpty, OPTIONAL_NAME.schema().into());
schema_type!(Label, LABEL.schema().into());
schema_type!(LabelOrEmpty, OPTIONAL_LABEL.schema().into());
schema_type!(Short, SHORT.schema().into());
schema_type!(Note, NOTE.schema().into());
schema_type!(NoteOrEmpty, OPTIONAL_NOTE.schema().into());
schema_type!(Id, ID.schema().into());

// --------------------------------------------------------- language tags

/// A language tag (BCP 47 in the shape the API takes): letters, digits and
/// hyphens in parts of 1 to 8, at most 35 characters.
pub const LANG_PATTERN: &str = "^[A-Za-z]{2,8}(-[A-Za-z0-9]{1,8})*$";
pub const LANG_MAX: usize = 35;

/// Reads a language tag; `None` when left out. An empty tag is refused.
pub fn lang<'a>(at: In, name: &str, s: Option<&'a str>) -> Result<Option<&'a str>, ApiError> {
    let Some(s) = s else { return Ok(None) };
    static RE: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(LANG_PATTERN).expect("the pattern compiles"));
    if s.len() > LANG_MAX || !RE.is_match(s) {
        return Err(at.refuse(format!(
            "{name} must be a language tag such as uk, ru or uk-Latn"
        )));
    }
    Ok(Some(s))
}

schema_type!(
    Lang,
    ObjectBuilder::new()
        .schema_type(Type::String)
        .min_length(Some(2))
        .max_length(Some(LANG_MAX))
        .pattern(Some(LANG_PATTERN))
        .into()
);

// ------------------------------------------------------------ tree sizes

/// The largest tree size or entry number the API reads: 2^53 - 1, the
/// largest integer every JSON reader keeps exactly.
pub const MAX_TREE_SIZE: u64 = (1 << 53) - 1;

/// A tree size or an entry number in a query: `min` (0 or 1) to
/// [`MAX_TREE_SIZE`].
pub fn tree_size(name: &str, min: u64, n: u64) -> Result<u64, ApiError> {
    if (min..=MAX_TREE_SIZE).contains(&n) {
        Ok(n)
    } else {
        Err(In::Query.refuse(format!("{name} must be between {min} and {MAX_TREE_SIZE}")))
    }
}

fn tree_size_with_min(min: u64) -> RefOr<Schema> {
    ObjectBuilder::new()
        .schema_type(Type::Integer)
        .format(Some(utoipa::openapi::SchemaFormat::KnownFormat(
            utoipa::openapi::KnownFormat::Int64,
        )))
        .minimum(Some(min))
        .maximum(Some(MAX_TREE_SIZE))
        .into()
}

schema_type!(TreeSize, tree_size_with_min(1));
schema_type!(TreeSizeFrom0, tree_size_with_min(0));

// ----------------------------------------------------------------- dates

/// A year the registry takes: 1900 to 2100.
const YEAR: &str = "(?:19[0-9]{2}|20[0-9]{2}|2100)";
/// A leap year in that range (2000 is one; 1900 and 2100 are not).
const LEAP_YEAR: &str =
    "(?:19(?:0[48]|[2468][048]|[13579][26])|20(?:0[048]|[2468][048]|[13579][26]))";
const MONTH: &str = "(?:0[1-9]|1[0-2])";

/// `YYYY-MM-DD` for a day that exists.
fn iso_day() -> String {
    format!(
        "(?:{YEAR}-(?:{MONTH}-(?:0[1-9]|1[0-9]|2[0-8])|(?:0[13-9]|1[0-2])-(?:29|30)|(?:0[13578]|1[02])-31)|{LEAP_YEAR}-02-29)"
    )
}

/// `DD.MM.YYYY` for a day that exists.
fn dotted_day() -> String {
    format!(
        "(?:(?:(?:0[1-9]|1[0-9]|2[0-8])\\.{MONTH}|(?:29|30)\\.(?:0[13-9]|1[0-2])|31\\.(?:0[13578]|1[02]))\\.{YEAR}|29\\.02\\.{LEAP_YEAR})"
    )
}

/// A partial date as the registry keeps it: `YYYY-MM-DD`, `YYYY-MM`,
/// `YYYY`, `DD.MM.YYYY` or `MM.YYYY`, a day that exists, 1900 to 2100.
pub static PARTIAL_DATE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "^(?:{}|{YEAR}-{MONTH}|{YEAR}|{}|{MONTH}\\.{YEAR})$",
        iso_day(),
        dotted_day()
    )
});

/// A birth date: a partial date, or `age N on YYYY-MM-DD` (N from 0 to 25,
/// an estimate made on that day).
pub static BIRTH_DATE: LazyLock<String> = LazyLock::new(|| {
    format!(
        "^(?:{}|{YEAR}-{MONTH}|{YEAR}|{}|{MONTH}\\.{YEAR}|age (?:[0-9]|1[0-9]|2[0-5]) on {})$",
        iso_day(),
        dotted_day(),
        iso_day()
    )
});

fn matches(pattern: &str, s: &str) -> bool {
    static PARTIAL: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(&PARTIAL_DATE).expect("the pattern compiles"));
    static BIRTH: LazyLock<regex::Regex> =
        LazyLock::new(|| regex::Regex::new(&BIRTH_DATE).expect("the pattern compiles"));
    if pattern == PARTIAL_DATE.as_str() {
        PARTIAL.is_match(s)
    } else {
        BIRTH.is_match(s)
    }
}

/// Reads a birth date by [`BIRTH_DATE`]. The refusal names the member and
/// the forms, never the value (it is personal data).
pub fn birth_date(at: In, name: &str, s: &str) -> Result<homeward_domain::BirthDate, ApiError> {
    let refuse = || {
        at.refuse(format!(
            "{name} must be a date that exists, 1900 to 2100, as YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY, MM.YYYY or age N on YYYY-MM-DD (N up to 25)"
        ))
    };
    // The domain's reason says which rule failed ("month 2 of 2014 has 28
    // days, not 31") without repeating the value; the forms otherwise.
    let parsed = homeward_domain::BirthDate::parse(s);
    match parsed {
        Ok(born) if matches(&BIRTH_DATE, s) => Ok(born),
        Err(e) if !e.why.contains(s.trim()) => Err(at.refuse(format!("{name}: {}", e.why))),
        _ => Err(refuse()),
    }
}

/// Reads a partial date (a custody's start) by [`PARTIAL_DATE`].
pub fn partial_date(at: In, name: &str, s: &str) -> Result<(), ApiError> {
    if matches(&PARTIAL_DATE, s) {
        Ok(())
    } else {
        Err(at.refuse(format!(
            "{name} must be a date that exists, 1900 to 2100, as YYYY-MM-DD, YYYY-MM, YYYY, DD.MM.YYYY or MM.YYYY"
        )))
    }
}

schema_type!(
    BirthDateText,
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(BIRTH_DATE.as_str()))
        .into()
);
schema_type!(
    PartialDateText,
    ObjectBuilder::new()
        .schema_type(Type::String)
        .pattern(Some(PARTIAL_DATE.as_str()))
        .into()
);

#[cfg(test)]
mod tests {
    use super::*;

    fn vocabulary_parses<T: Vocabulary>() {
        for w in T::WORDS {
            assert!(word::<T>(In::Query, "x", w).is_ok(), "{} {w}", T::WHAT);
        }
        for w in ["", " ", "other ", "Mother", "x"] {
            if !T::WORDS.contains(&w) {
                assert!(word::<T>(In::Query, "x", w).is_err(), "{} '{w}'", T::WHAT);
            }
        }
    }

    #[test]
    fn every_word_of_every_vocabulary_is_read_and_nothing_else() {
        vocabulary_parses::<Sex>();
        vocabulary_parses::<CustodyKind>();
        vocabulary_parses::<TripKind>();
        vocabulary_parses::<CaseState>();
        vocabulary_parses::<CaseAction>();
        vocabulary_parses::<Relationship>();
        vocabulary_parses::<Decision>();
        vocabulary_parses::<EvidenceKind>();
        vocabulary_parses::<EvidenceMethod>();
        vocabulary_parses::<BestInterestsOutcome>();
        vocabulary_parses::<HeardHow>();
        vocabulary_parses::<ConsentBasis>();
        vocabulary_parses::<ConsentHow>();
        vocabulary_parses::<DisputeKind>();
        vocabulary_parses::<GroupKind>();
        vocabulary_parses::<TracingOutcome>();
        vocabulary_parses::<ErasureReason>();
        vocabulary_parses::<RecordKind>();
        vocabulary_parses::<OrgKind>();
        vocabulary_parses::<Side>();
        vocabulary_parses::<Role>();
        vocabulary_parses::<ExportFormat>();
        vocabulary_parses::<ImportKind>();
        vocabulary_parses::<TracingStatus>();
        vocabulary_parses::<ImportLang>();
        vocabulary_parses::<SexIn>();
    }

    #[test]
    fn the_vocabularies_name_every_variant_the_domain_has() {
        let states: Vec<&str> = CaseState::ALL.iter().map(|s| s.as_str()).collect();
        assert_eq!(states, CaseState::WORDS);
        let actions: Vec<&str> = CaseAction::ALL.iter().map(|a| a.as_str()).collect();
        assert_eq!(actions, CaseAction::WORDS);
        let roles: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(roles, Role::WORDS);
        let methods: Vec<&str> = EvidenceMethod::ALL.iter().map(|m| m.as_str()).collect();
        assert_eq!(methods, EvidenceMethod::WORDS);
        let outcomes: Vec<&str> = BestInterestsOutcome::ALL
            .iter()
            .map(|o| o.as_str())
            .collect();
        assert_eq!(outcomes, BestInterestsOutcome::WORDS);
        let heard: Vec<&str> = HeardHow::ALL.iter().map(|h| h.as_str()).collect();
        assert_eq!(heard, HeardHow::WORDS);
        let bases: Vec<&str> = ConsentBasis::ALL.iter().map(|b| b.as_str()).collect();
        assert_eq!(bases, ConsentBasis::WORDS);
        let hows: Vec<&str> = ConsentHow::ALL.iter().map(|h| h.as_str()).collect();
        assert_eq!(hows, ConsentHow::WORDS);
        let disputes: Vec<&str> = DisputeKind::ALL.iter().map(|d| d.as_str()).collect();
        assert_eq!(disputes, DisputeKind::WORDS);
    }

    #[test]
    fn a_refused_word_names_the_parameter_and_the_choices() {
        let e = word::<CaseState>(In::Query, "case_state", "lost").unwrap_err();
        assert_eq!(e.status(), axum::http::StatusCode::BAD_REQUEST);
        let s = e.to_string();
        assert!(
            s.contains("case_state") && s.contains("not a case state"),
            "{s}"
        );
        assert!(s.contains("identified, verified"), "{s}");
        let e = word::<Relationship>(In::Body, "relationship", "").unwrap_err();
        assert_eq!(e.status(), axum::http::StatusCode::UNPROCESSABLE_ENTITY);
    }

    #[test]
    fn dates_are_read_as_the_pattern_says() {
        let cases = [
            ("2014", true),
            ("2014-04", true),
            ("2014-04-30", true),
            ("2014-04-31", false),
            ("31.04.2014", false),
            ("30.04.2014", true),
            ("2016-02-29", true),
            ("2000-02-29", true),
            ("1900-02-29", false),
            ("2100-02-29", false),
            ("2015-02-29", false),
            ("29.02.2016", true),
            ("04.2014", true),
            ("1899", false),
            ("2101", false),
            ("0000", false),
            ("2014-13", false),
            ("2014-00", false),
            (" 2014", false),
            ("2014 ", false),
            ("٢٠١٤", false),
            ("age 9 on 2026-09-21", true),
            ("age 26 on 2026-09-21", false),
            ("age 09 on 2026-09-21", false),
            ("age 9 on 2026-09", false),
            ("", false),
        ];
        for (s, ok) in cases {
            assert_eq!(birth_date(In::Body, "birth_date", s).is_ok(), ok, "'{s}'");
        }
        assert!(partial_date(In::Body, "since", "2024-03").is_ok());
        assert!(partial_date(In::Body, "since", "age 9 on 2026-09-21").is_err());
        assert!(partial_date(In::Body, "since", "2024-02-30").is_err());
    }

    #[test]
    fn a_refused_date_does_not_quote_it() {
        let e = birth_date(In::Body, "birth_date", "2014-04-31").unwrap_err();
        assert!(!e.to_string().contains("2014-04-31"));
        assert!(e.to_string().starts_with("birth_date"));
    }

    #[test]
    fn texts_are_read_as_the_schema_says() {
        assert!(NAME.check(In::Body, "given_name", "Соломія").is_ok());
        for blank in ["", " ", "\t\n", "\u{1c}", "\u{feff}", "\u{3000}", "\u{a0}"] {
            assert!(
                NAME.check(In::Body, "given_name", blank).is_err(),
                "{blank:?}"
            );
            assert!(OPTIONAL_NAME.check(In::Body, "patronymic", blank).is_ok());
        }
        let long = "я".repeat(201);
        let e = NAME.check(In::Body, "given_name", &long).unwrap_err();
        assert!(e.to_string().contains("at most 200"), "{e}");
        assert!(!e.to_string().contains('я'));
        assert!(NAME.check(In::Body, "given_name", &long[2..]).is_ok());
    }

    #[test]
    fn the_blank_pattern_agrees_with_the_check() {
        let re = regex::Regex::new(&NOT_BLANK).unwrap();
        for c in (0u32..0x3100)
            .chain([0xfeff, 0xfffe])
            .filter_map(char::from_u32)
        {
            let s = c.to_string();
            assert_eq!(re.is_match(&s), !is_blank(&s), "U+{:04X}", c as u32);
        }
    }

    #[test]
    fn language_tags() {
        for (s, ok) in [
            ("uk", true),
            ("uk-Latn", true),
            ("ru-Latn-x-icao", true),
            ("", false),
            ("u", false),
            ("uk_Latn", false),
            ("uk-", false),
            ("-uk", false),
            ("uk-Latn-abcdefghi", false),
        ] {
            assert_eq!(lang(In::Body, "lang", Some(s)).is_ok(), ok, "'{s}'");
        }
        assert_eq!(lang(In::Body, "lang", None).unwrap(), None);
    }
}
