//! homeward-documents: the printable documents that travel with a leg of a
//! trip — the escort's manifest of the children on board and the handover
//! receipts signed at the far end — rendered to PDF from plain structs.
//!
//! # Why Typst
//!
//! The documents mix scripts in one table: a child's name in Latin, in
//! Cyrillic, in Arabic; labels in Ukrainian or in Arabic with the whole page
//! mirrored. That needs text shaping (Arabic letters joined), the Unicode
//! bidirectional algorithm, line breaking inside table cells, tables that
//! break across pages with their header repeated, and "page n / N" footers.
//! Typst, used as a library (`typst`, `typst-layout` for the document type,
//! `typst-pdf`), does all of that. Using `krilla` directly (Typst's own PDF
//! writer) would give a smaller build but leave us to write the layout
//! engine: it shapes and places text where it is told, but breaks no lines,
//! lays out no tables and orders no bidirectional text; `printpdf` is lower
//! still and `genpdf` is unmaintained. The price of Typst is build time
//! (several minutes cold: about 290 crates with their build dependencies)
//! and binary size, which is why this is a crate of its own that only the
//! server needs. None of the Typst crates has cargo features to trim, and
//! none downloads anything (`typst-kit`, which can, is not used).
//!
//! # Invariants
//!
//! - **User data is only ever data.** The Typst templates are fixed sources
//!   compiled into the binary (`templates/`); every label and value reaches
//!   them as a `sys.inputs` dictionary of strings (`src/inputs.rs`), and the
//!   templates place those strings as text. Nothing the caller passes is
//!   spliced into Typst markup, so `#panic("x")` or `*bold*` in a name is
//!   printed as typed.
//! - **Every value is bidi-isolated.** The templates wrap each value in
//!   FIRST STRONG ISOLATE … POP DIRECTIONAL ISOLATE, so an Arabic name on a
//!   Ukrainian page (or a Latin one on an Arabic page) keeps its own
//!   direction without reordering the label next to it, and the explicit
//!   embedding, override and isolate controls (U+202A–U+202E,
//!   U+2066–U+2069) are removed from values first: they are invisible, and
//!   one of them could make a field read backwards or spill into the next.
//! - **Fonts are bundled, nothing is read or downloaded.** The Noto Sans and
//!   Noto Sans Arabic fonts (SIL OFL 1.1, `fonts/OFL.txt`) are compiled in
//!   with `include_bytes!`; the Typst world has no file system, no package
//!   access and no clock (`src/world.rs`). No dependency downloads anything at
//!   build or run time.
//! - **Errors never quote user data.** A [`DocumentError`] names the
//!   template and line; in Typst's message every input string (of two or
//!   more characters) and every quoted part is elided.
//!
//! Rendering is deterministic: the same input gives the same bytes (the
//! generation time is an input, not the clock).

mod inputs;
mod world;

use typst::diag::SourceDiagnostic;
use typst::foundations::{Dict, Value};
use typst_layout::PagedDocument;
use typst_pdf::PdfOptions;

use crate::world::{DocumentWorld, Template};

/// Every visible label, already translated into the reader's language by the
/// caller. The documents contain no words of their own.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Labels {
    /// The manifest's title, e.g. "Manifest".
    pub manifest_title: String,
    /// The receipt's title, e.g. "Handover receipt".
    pub receipt_title: String,
    pub trip: String,
    pub leg: String,
    pub from: String,
    pub to: String,
    pub transit_state: String,
    pub carrier: String,
    pub departs: String,
    pub arrives: String,
    pub escorts: String,
    pub child: String,
    pub name_latin: String,
    pub name_original: String,
    pub birth_date: String,
    pub sex: String,
    pub documents: String,
    pub goes_to: String,
    pub medical_needs: String,
    pub handed_over_by: String,
    pub received_by: String,
    pub place: String,
    pub time: String,
    pub signature: String,
    pub generated: String,
    /// E.g. "Confidential: contains personal data of children".
    pub confidential: String,
}

/// The writing direction of the labels' language; `Rtl` (Arabic) mirrors
/// the whole layout.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Direction {
    #[default]
    Ltr,
    Rtl,
}

/// The leg of a trip a document is for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LegInfo {
    pub trip_name: String,
    /// This leg's place in the trip, from 1.
    pub position: u32,
    /// How many legs the trip has.
    pub legs: u32,
    pub from_place: String,
    pub to_place: String,
    pub transit_state: Option<String>,
    pub carrier: String,
    pub departs_at: String,
    pub arrives_at: Option<String>,
}

/// One child as printed on a manifest row or a receipt.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ManifestChild {
    pub name_latin: String,
    /// The name in the script it was recorded in (Cyrillic, Arabic, ...).
    pub name_original: String,
    pub birth_date: Option<String>,
    pub sex: Option<String>,
    pub documents: Vec<String>,
    /// Who or where the child goes to at the end of the leg.
    pub goes_to: Option<String>,
    pub medical_needs: Option<String>,
}

/// The list of children travelling on one leg, with their escorts.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Manifest {
    pub leg: LegInfo,
    pub escorts: Vec<String>,
    pub children: Vec<ManifestChild>,
    /// When the document was made, as the caller wants it printed.
    pub generated_at: String,
}

/// The handover of one child at the end of a leg, to be signed by both
/// sides.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Receipt {
    pub leg: LegInfo,
    pub child: ManifestChild,
    pub handed_over_by: String,
    pub received_by: String,
    pub place: String,
    pub time: String,
    /// When the document was made, as the caller wants it printed.
    pub generated_at: String,
}

/// Why a document could not be rendered. These are faults of this crate's
/// templates, not of the data: any strings can be printed. The messages
/// name the template and line, and never quote user data.
#[derive(Debug, thiserror::Error)]
pub enum DocumentError {
    #[error("the {document} template failed{}: {message}", at(.file, .line))]
    Template {
        document: &'static str,
        file: Option<String>,
        line: Option<usize>,
        message: String,
    },
    #[error("the {document} document could not be written as PDF: {message}")]
    Pdf {
        document: &'static str,
        message: String,
    },
}

fn at(file: &Option<String>, line: &Option<usize>) -> String {
    match (file, line) {
        (Some(file), Some(line)) => format!(" at {file}:{line}"),
        _ => String::new(),
    }
}

/// The manifest of one leg: an A4 landscape table with one row per child
/// (no., name in Latin, name in the original script, birth date, sex,
/// documents, goes to, medical needs) under the leg's details and escorts,
/// the table header repeated on every page, and a footer with the
/// generation time, the confidentiality notice and "page / pages".
pub fn manifest_pdf(
    m: &Manifest,
    labels: &Labels,
    dir: Direction,
) -> Result<Vec<u8>, DocumentError> {
    render(Template::Manifest, inputs::manifest(m, labels, dir))
}

/// Handover receipts, one A4 page per receipt, each with the leg, the
/// child, the place and time of the handover, and two signature boxes
/// (handed over by / received by).
pub fn receipts_pdf(
    receipts: &[Receipt],
    labels: &Labels,
    dir: Direction,
) -> Result<Vec<u8>, DocumentError> {
    render(Template::Receipts, inputs::receipts(receipts, labels, dir))
}

fn render(template: Template, inputs: Dict) -> Result<Vec<u8>, DocumentError> {
    let redactor = Redactor::new(&inputs);
    let world = DocumentWorld::new(template, inputs);
    let compiled = typst::compile::<PagedDocument>(&world).output;
    let result = compiled
        .map_err(|diags| {
            let location = diags.first().and_then(|diag| world.locate(diag));
            DocumentError::Template {
                document: template.name(),
                file: location.as_ref().map(|(file, _)| file.clone()),
                line: location.map(|(_, line)| line),
                message: redactor.first_message(&diags),
            }
        })
        .and_then(|document| {
            typst_pdf::pdf(&document, &PdfOptions::default()).map_err(|diags| DocumentError::Pdf {
                document: template.name(),
                message: redactor.first_message(&diags),
            })
        });
    // Typst memoizes layouts across compilations. Dropping the cache after
    // each document keeps children's data from lingering in memory, and
    // costs little: every document's inputs differ anyway.
    typst::comemo::evict(0);
    result
}

/// Keeps user data out of error messages: every input string of two or
/// more characters is replaced with "…", and so is every double-quoted part
/// (Typst shows string values in quotes). A one-character value ("F") could
/// not identify anyone, and eliding it would garble the message.
struct Redactor {
    /// Longest first, so that a value containing another goes whole.
    values: Vec<String>,
}

impl Redactor {
    fn new(inputs: &Dict) -> Self {
        fn collect(value: &Value, into: &mut Vec<String>) {
            match value {
                Value::Str(s) if s.chars().nth(1).is_some() => into.push(s.as_str().to_owned()),
                Value::Array(items) => items.iter().for_each(|v| collect(v, into)),
                Value::Dict(dict) => dict.iter().for_each(|(_, v)| collect(v, into)),
                _ => {}
            }
        }
        let mut values = Vec::new();
        inputs.iter().for_each(|(_, v)| collect(v, &mut values));
        values.sort_by_key(|v| std::cmp::Reverse(v.len()));
        values.dedup();
        Redactor { values }
    }

    fn first_message(&self, diags: &[SourceDiagnostic]) -> String {
        diags.first().map_or_else(
            || "no diagnostic".to_owned(),
            |diag| self.redact(&diag.message),
        )
    }

    fn redact(&self, message: &str) -> String {
        let message = self
            .values
            .iter()
            .fold(message.to_owned(), |message, value| {
                message.replace(value.as_str(), "…")
            });
        elide_quoted(&message)
    }
}

/// Replaces every double-quoted part of a message with `"…"`.
fn elide_quoted(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('"');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    // The rest alternates quoted, unquoted, quoted, ...; an unpaired quote
    // elides to the end.
    for (i, part) in parts.enumerate() {
        if i % 2 == 0 {
            out.push_str("\"…\"");
        } else {
            out.push_str(part);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elide_quoted_removes_every_string_value() {
        let check = |input: &str, expect: &str| assert_eq!(elide_quoted(input), expect);
        check("unknown variable: foo", "unknown variable: foo");
        check("panicked with: \"Олена\"", "panicked with: \"…\"");
        check("a \"x\" b \"y\" c", "a \"…\" b \"…\" c");
        check("unpaired \"Мария", "unpaired \"…\"");
    }

    #[test]
    fn redactor_removes_every_input_value_of_two_or_more_characters() {
        let m = Manifest {
            children: vec![ManifestChild {
                name_latin: "Olena".into(),
                name_original: "Олена Бондар".into(),
                sex: Some("F".into()),
                ..ManifestChild::default()
            }],
            ..Manifest::default()
        };
        let redactor = Redactor::new(&inputs::manifest(&m, &Labels::default(), Direction::Ltr));
        let check = |input: &str, expect: &str| assert_eq!(redactor.redact(input), expect);
        check("panicked with: Olena", "panicked with: …");
        check("Олена Бондар, Олена", "…, Олена");
        check("Failed on \"Olena\" at 1", "Failed on \"…\" at 1");
    }
}
