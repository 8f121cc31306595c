//! The caller's structs as the `sys.inputs` dictionary the templates read.
//!
//! This is the only way data reaches Typst: as string values in a
//! dictionary, never as source text. Absent values become `none`.

use typst::foundations::{Array, Dict, Str, Value};

use crate::{Direction, Labels, LegInfo, Manifest, ManifestChild, Receipt};

pub(crate) fn manifest(m: &Manifest, labels: &Labels, dir: Direction) -> Dict {
    let doc = dict([
        ("leg", leg(&m.leg)),
        ("escorts", list(&m.escorts)),
        ("generated_at", text(&m.generated_at)),
        (
            "children",
            Value::Array(m.children.iter().map(child).collect()),
        ),
    ]);
    top(labels, dir, doc)
}

pub(crate) fn receipts(receipts: &[Receipt], labels: &Labels, dir: Direction) -> Dict {
    let doc = Value::Array(
        receipts
            .iter()
            .map(|r| {
                dict([
                    ("leg", leg(&r.leg)),
                    ("child", child(&r.child)),
                    ("handed_over_by", text(&r.handed_over_by)),
                    ("received_by", text(&r.received_by)),
                    ("place", text(&r.place)),
                    ("time", text(&r.time)),
                    ("generated_at", text(&r.generated_at)),
                ])
            })
            .collect(),
    );
    top(labels, dir, doc)
}

fn top(labels: &Labels, dir: Direction, doc: Value) -> Dict {
    let dir = match dir {
        Direction::Ltr => "ltr",
        Direction::Rtl => "rtl",
    };
    let Value::Dict(top) = dict([
        ("labels", self::labels(labels)),
        ("dir", Value::Str(dir.into())),
        ("doc", doc),
    ]) else {
        unreachable!("dict() makes a dictionary")
    };
    top
}

fn labels(l: &Labels) -> Value {
    dict([
        ("manifest_title", text(&l.manifest_title)),
        ("receipt_title", text(&l.receipt_title)),
        ("trip", text(&l.trip)),
        ("leg", text(&l.leg)),
        ("from", text(&l.from)),
        ("to", text(&l.to)),
        ("transit_state", text(&l.transit_state)),
        ("carrier", text(&l.carrier)),
        ("departs", text(&l.departs)),
        ("arrives", text(&l.arrives)),
        ("escorts", text(&l.escorts)),
        ("child", text(&l.child)),
        ("name_latin", text(&l.name_latin)),
        ("name_original", text(&l.name_original)),
        ("birth_date", text(&l.birth_date)),
        ("sex", text(&l.sex)),
        ("documents", text(&l.documents)),
        ("goes_to", text(&l.goes_to)),
        ("medical_needs", text(&l.medical_needs)),
        ("handed_over_by", text(&l.handed_over_by)),
        ("received_by", text(&l.received_by)),
        ("place", text(&l.place)),
        ("time", text(&l.time)),
        ("signature", text(&l.signature)),
        ("generated", text(&l.generated)),
        ("confidential", text(&l.confidential)),
    ])
}

fn leg(leg: &LegInfo) -> Value {
    dict([
        ("trip_name", text(&leg.trip_name)),
        ("position", Value::Int(leg.position.into())),
        ("legs", Value::Int(leg.legs.into())),
        ("from_place", text(&leg.from_place)),
        ("to_place", text(&leg.to_place)),
        ("transit_state", optional(&leg.transit_state)),
        ("carrier", text(&leg.carrier)),
        ("departs_at", text(&leg.departs_at)),
        ("arrives_at", optional(&leg.arrives_at)),
    ])
}

fn child(c: &ManifestChild) -> Value {
    dict([
        ("name_latin", text(&c.name_latin)),
        ("name_original", text(&c.name_original)),
        ("birth_date", optional(&c.birth_date)),
        ("sex", optional(&c.sex)),
        ("documents", list(&c.documents)),
        ("goes_to", optional(&c.goes_to)),
        ("medical_needs", optional(&c.medical_needs)),
    ])
}

fn dict<const N: usize>(fields: [(&str, Value); N]) -> Value {
    Value::Dict(
        fields
            .into_iter()
            .map(|(key, value)| (Str::from(key), value))
            .collect(),
    )
}

fn list(values: &[String]) -> Value {
    Value::Array(values.iter().map(|v| text(v)).collect::<Array>())
}

fn optional(value: &Option<String>) -> Value {
    value.as_deref().map_or(Value::None, text)
}

/// A user value as a Typst string, without the invisible controls that
/// could reorder what a reader sees (see the crate docs); other control
/// characters but line breaks and tabs are dropped too.
fn text(value: &str) -> Value {
    Value::Str(
        value
            .chars()
            .filter(|&c| keep(c))
            .collect::<String>()
            .into(),
    )
}

fn keep(c: char) -> bool {
    let bidi_control = matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}');
    let control = c.is_control() && c != '\n' && c != '\t';
    !(bidi_control || control)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_drops_bidi_controls_and_keeps_marks() {
        let check = |input: &str, expect: &str| {
            assert_eq!(text(input), Value::Str(expect.into()), "{input:?}");
        };
        check("Олена", "Олена");
        check("ABC\u{202E}DEF", "ABCDEF");
        check("\u{2067}مريم\u{2069}", "مريم");
        // Marks are harmless and sometimes needed; they stay.
        check("A\u{200F}B\u{200E}", "A\u{200F}B\u{200E}");
        check("a\u{0}b\u{1b}[31m\nc\td", "ab[31m\nc\td");
    }

    #[test]
    fn absent_values_are_none() {
        assert_eq!(optional(&None), Value::None);
        assert_eq!(optional(&Some("x".into())), Value::Str("x".into()));
    }
}
