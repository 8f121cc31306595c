//! The documents as a reader gets them: rendered to PDF, then read back
//! with poppler's `pdftotext` and `pdfinfo` (Debian `poppler-utils`, which
//! `bin/test` installs). Poppler is an independent reader, so these tests
//! check what a person's viewer would show, not what we think we wrote.

mod samples;

use std::io::Write;
use std::process::Command;

use homeward_documents::{Direction, ManifestChild, manifest_pdf, receipts_pdf};
use samples::*;

fn poppler(tool: &str, args: &[&str], pdf: &[u8]) -> String {
    let mut file = tempfile::Builder::new()
        .prefix("homeward-documents-")
        .suffix(".pdf")
        .tempfile()
        .expect("a temporary file");
    file.write_all(pdf).expect("write the PDF");
    let path = file.path().to_str().expect("a UTF-8 temporary path");
    let output = Command::new(tool)
        .args(args)
        .arg(path)
        .args(if tool == "pdftotext" {
            &["-"][..]
        } else {
            &[][..]
        })
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {tool} ({e}): install Debian's poppler-utils (bin/test does)")
        });
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8(output.stdout).expect("poppler writes UTF-8")
}

/// The text of each page, without the invisible bidi isolates the
/// templates put around values, and with every run of white space (a
/// line wrapped in a table cell) as one space.
fn pages_text(pdf: &[u8]) -> Vec<String> {
    let text = poppler("pdftotext", &["-enc", "UTF-8"], pdf);
    let mut pages: Vec<String> = text
        .split('\u{c}')
        .map(|page| {
            let visible = page.replace(['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'], "");
            visible.split_whitespace().collect::<Vec<_>>().join(" ")
        })
        .collect();
    // pdftotext ends every page with a form feed, the last one included.
    if pages.last().is_some_and(|p| p.is_empty()) {
        pages.pop();
    }
    pages
}

fn page_count(pdf: &[u8]) -> usize {
    let info = poppler("pdfinfo", &[], pdf);
    info.lines()
        .find_map(|line| line.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse().ok())
        .unwrap_or_else(|| panic!("pdfinfo printed no page count:\n{info}"))
}

/// The page number at the foot of a page, as "n/N": pdftotext leaves out
/// the narrow spaces of "n / N" (they are there on paper), and reads the
/// footer's right-hand part last.
fn page_number(page: &str) -> &str {
    page.rsplit(' ').next().unwrap_or_default()
}

fn assert_contains(text: &str, expected: &str) {
    assert!(
        text.contains(expected),
        "expected {expected:?} in the extracted text:\n{text}"
    );
}

#[test]
fn manifest_of_three_children_has_cyrillic_arabic_and_latin_names_as_text() {
    let pdf = manifest_pdf(&manifest(three_children()), &labels_en(), Direction::Ltr).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(page_count(&pdf), 1);
    let text = pages_text(&pdf).concat();
    for expected in [
        CYRILLIC_NAME,
        ARABIC_NAME,
        LATIN_NAME,
        "Kovalenko Olena Petrivna",
        "Олег Шевчук",
        "Manifest",
        "Medical needs",
        "Asthma: inhaler in the escort's bag",
        "Confidential: contains personal data of children",
        "2026-04-13 17:05",
    ] {
        assert_contains(&text, expected);
    }
    assert_eq!(page_number(&text), "1/1");
}

/// Poppler reads Arabic back in logical order, but reverses the letters of
/// a ligature (lam-alef "لا" comes out as "ال") and repeats some vowel
/// marks: the pictures are right, the extraction is not. So only words
/// without such ligatures and marks are looked for.
#[test]
fn manifest_in_arabic_labels_has_the_labels_and_names_as_text() {
    let labels = labels_ar();
    let pdf = manifest_pdf(&manifest(three_children()), &labels, Direction::Rtl).unwrap();
    let text = pages_text(&pdf).concat();
    for expected in [
        labels.manifest_title.as_str(),
        labels.escorts.as_str(),
        labels.transit_state.as_str(),
        labels.departs.as_str(),
        "أحمد",
        CYRILLIC_NAME,
        ARABIC_NAME,
        LATIN_NAME,
    ] {
        assert_contains(&text, expected);
    }
}

#[test]
fn manifest_of_sixty_children_spans_pages_numbered_n_of_total() {
    let children = many_children(60);
    let pdf = manifest_pdf(&manifest(children), &labels_uk(), Direction::Ltr).unwrap();
    let total = page_count(&pdf);
    assert!(total >= 3, "60 rows should take several pages, got {total}");
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), total);
    for (i, page) in pages.iter().enumerate() {
        assert_eq!(page_number(page), format!("{}/{total}", i + 1), "{page}");
        // The table header is repeated on every page.
        assert_contains(page, "Медичні потреби");
    }
    let all = pages.concat();
    for name in [
        "Kovalenko Olena Petrivna 1",
        "Jonas Weber 30",
        "Jonas Weber 60",
    ] {
        assert_contains(&all, name);
    }
}

#[test]
fn receipts_have_one_page_each_with_both_signature_boxes() {
    let receipts = receipts(&three_children());
    let labels = labels_uk();
    let pdf = receipts_pdf(&receipts, &labels, Direction::Ltr).unwrap();
    assert!(pdf.starts_with(b"%PDF"));
    assert_eq!(page_count(&pdf), 3);
    let pages = pages_text(&pdf);
    assert_eq!(pages.len(), 3);
    for (page, receipt) in pages.iter().zip(&receipts) {
        for expected in [
            labels.receipt_title.as_str(),
            labels.handed_over_by.as_str(),
            labels.received_by.as_str(),
            labels.signature.as_str(),
            receipt.child.name_original.as_str(),
            "Anna Nowak",
            "Олена Бондар",
            "Київ, вул. Хрещатик 1",
        ] {
            assert_contains(page, expected);
        }
        assert_eq!(page.matches(labels.signature.as_str()).count(), 2, "{page}");
    }
}

#[test]
fn receipts_in_arabic_labels_have_one_page_each() {
    let receipts = receipts(&three_children()[..2]);
    let labels = labels_ar();
    let pdf = receipts_pdf(&receipts, &labels, Direction::Rtl).unwrap();
    assert_eq!(page_count(&pdf), 2);
    for page in pages_text(&pdf) {
        assert_contains(&page, &labels.handed_over_by);
        assert_contains(&page, &labels.received_by);
    }
}

#[test]
fn no_receipts_is_an_empty_page_not_an_error() {
    let pdf = receipts_pdf(&[], &labels_en(), Direction::Ltr).unwrap();
    assert_eq!(page_count(&pdf), 1);
}

fn compact(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// Strings that would be code or markup if they were pasted into the Typst
/// source. Each must come out as typed.
const HOSTILE: [&str; 7] = [
    "#panic(\"x\")",
    "]",
    "$x$",
    "*bold*",
    "<script>",
    "#import \"/common.typ\": l",
    "_under_ `raw` @ref \\ // no comment",
];

#[test]
fn markup_in_any_field_renders_as_literal_text() {
    for hostile in HOSTILE {
        let child = ManifestChild {
            name_latin: format!("A{hostile}Z"),
            name_original: hostile.into(),
            birth_date: Some(hostile.into()),
            sex: Some(hostile.into()),
            documents: vec![hostile.into()],
            goes_to: Some(hostile.into()),
            medical_needs: Some(hostile.into()),
        };
        let mut m = manifest(vec![child.clone()]);
        m.leg.trip_name = hostile.into();
        m.escorts = vec![hostile.into()];
        m.generated_at = hostile.into();
        let mut labels = labels_en();
        labels.medical_needs = format!("{hostile} label");

        let pdf = manifest_pdf(&m, &labels, Direction::Ltr)
            .unwrap_or_else(|e| panic!("{hostile:?} broke the manifest: {e}"));
        // Narrow cells wrap long values, so white space is left out of the
        // comparison.
        let text = compact(&pages_text(&pdf).concat());
        let needle = compact(hostile);
        assert_contains(&text, &format!("A{needle}Z"));
        assert_contains(&text, &format!("{needle}label"));
        // Every field: the title, the escort, the time and the seven cells.
        assert!(
            text.matches(&needle).count() >= 10,
            "{hostile:?} should appear in every field:\n{text}"
        );

        let mut receipt = receipts(&[child])[0].clone();
        receipt.handed_over_by = hostile.into();
        receipt.place = hostile.into();
        let pdf = receipts_pdf(&[receipt], &labels, Direction::Rtl)
            .unwrap_or_else(|e| panic!("{hostile:?} broke the receipt: {e}"));
        let text = compact(&pages_text(&pdf).concat());
        assert_contains(&text, &format!("A{needle}Z"));
        // The seven child fields, the label, who handed over, and the place.
        assert!(text.matches(&needle).count() >= 10, "{text}");
    }
}

#[test]
fn bidi_override_in_a_name_cannot_reverse_the_text() {
    let mut children = three_children();
    children[2].name_latin = "Ann\u{202E}Lee".into();
    // An override left open in one field must not spill into the next.
    children[2].name_original = "\u{202E}Lee".into();
    let pdf = manifest_pdf(&manifest(children), &labels_en(), Direction::Ltr).unwrap();
    let text = pages_text(&pdf).concat();
    assert_contains(&text, "AnnLee");
    assert!(!text.contains("eeL"), "reversed text:\n{text}");
    assert!(!text.contains('\u{202E}'));
}

#[test]
fn same_input_gives_the_same_bytes() {
    let m = manifest(three_children());
    let first = manifest_pdf(&m, &labels_uk(), Direction::Ltr).unwrap();
    let second = manifest_pdf(&m, &labels_uk(), Direction::Ltr).unwrap();
    assert!(first == second, "rendering is not deterministic");
}
