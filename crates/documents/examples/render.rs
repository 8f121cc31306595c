//! Renders the sample documents into a folder, to look at them, and prints
//! how long each takes and how big it is:
//!
//!     cargo run --release -p homeward-documents --example render -- OUT_DIR
//!
//! Then e.g. `pdftoppm -png -r 60 OUT_DIR/manifest-uk.pdf OUT_DIR/manifest-uk`.
//! The first render of a process also parses the bundled fonts; the median
//! is what a running server pays per document.

#[path = "../tests/samples/mod.rs"]
mod samples;

use std::path::PathBuf;
use std::time::{Duration, Instant};

use homeward_documents::{Direction, DocumentError, manifest_pdf, receipts_pdf};
use samples::*;

const RUNS: usize = 15;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let out = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "documents-out".into()),
    );
    std::fs::create_dir_all(&out)?;

    let three = manifest(three_children());
    let sixty = manifest(many_children(60));
    let receipts = receipts(&three_children());
    type Render<'a> = Box<dyn Fn() -> Result<Vec<u8>, DocumentError> + 'a>;
    let documents: Vec<(&str, Render)> = vec![
        (
            "manifest-uk",
            Box::new(|| manifest_pdf(&three, &labels_uk(), Direction::Ltr)),
        ),
        (
            "manifest-ar",
            Box::new(|| manifest_pdf(&three, &labels_ar(), Direction::Rtl)),
        ),
        (
            "manifest-60-en",
            Box::new(|| manifest_pdf(&sixty, &labels_en(), Direction::Ltr)),
        ),
        (
            "receipts-uk",
            Box::new(|| receipts_pdf(&receipts, &labels_uk(), Direction::Ltr)),
        ),
        (
            "receipts-ar",
            Box::new(|| receipts_pdf(&receipts, &labels_ar(), Direction::Rtl)),
        ),
    ];

    println!(
        "{:<16} {:>10} {:>12} {:>12}",
        "document", "bytes", "first ms", "median ms"
    );
    for (name, render) in documents {
        let start = Instant::now();
        let pdf = render()?;
        let first = start.elapsed();
        let mut times: Vec<Duration> = (0..RUNS)
            .map(|_| {
                let start = Instant::now();
                render().expect("rendered once already");
                start.elapsed()
            })
            .collect();
        times.sort();
        std::fs::write(out.join(format!("{name}.pdf")), &pdf)?;
        println!(
            "{:<16} {:>10} {:>12.1} {:>12.1}",
            name,
            pdf.len(),
            first.as_secs_f64() * 1e3,
            times[RUNS / 2].as_secs_f64() * 1e3
        );
    }
    Ok(())
}
