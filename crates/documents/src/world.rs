//! The smallest Typst world that can render our documents: the templates
//! compiled into the binary, the bundled fonts, and the caller's data as
//! `sys.inputs`. It has no file system, no packages and no clock, so a
//! render can read nothing and fetch nothing.

use std::sync::LazyLock;

use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Dict, Duration};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};

/// One of the documents this crate renders; each is a main template that
/// imports the shared `common.typ`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Template {
    Manifest,
    Receipts,
}

impl Template {
    pub(crate) fn name(self) -> &'static str {
        match self {
            Template::Manifest => "manifest",
            Template::Receipts => "receipts",
        }
    }

    fn source(self) -> &'static Source {
        match self {
            Template::Manifest => &MANIFEST,
            Template::Receipts => &RECEIPTS,
        }
    }
}

fn template_source(path: &str, text: &str) -> Source {
    let vpath = VirtualPath::new(path).expect("template paths are valid virtual paths");
    let id = RootedPath::new(VirtualRoot::Project, vpath).intern();
    Source::new(id, text.to_owned())
}

static COMMON: LazyLock<Source> =
    LazyLock::new(|| template_source("/common.typ", include_str!("../templates/common.typ")));
static MANIFEST: LazyLock<Source> =
    LazyLock::new(|| template_source("/manifest.typ", include_str!("../templates/manifest.typ")));
static RECEIPTS: LazyLock<Source> =
    LazyLock::new(|| template_source("/receipts.typ", include_str!("../templates/receipts.typ")));

/// The bundled fonts (see `fonts/OFL.txt`). Noto Sans covers Latin and
/// Cyrillic, Noto Sans Arabic the Arabic script; Typst falls back from one
/// to the other character by character.
const FONT_FILES: [&[u8]; 4] = [
    include_bytes!("../fonts/NotoSans-Regular.ttf"),
    include_bytes!("../fonts/NotoSans-Bold.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Regular.ttf"),
    include_bytes!("../fonts/NotoSansArabic-Bold.ttf"),
];

struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

/// Parsed once per process: parsing the fonts is most of a cold render.
static FONTS: LazyLock<Fonts> = LazyLock::new(|| {
    let fonts: Vec<Font> = FONT_FILES
        .iter()
        .flat_map(|data| Font::iter(Bytes::new(*data)))
        .collect();
    Fonts {
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
    }
});

pub(crate) struct DocumentWorld {
    library: LazyHash<Library>,
    main: Template,
}

impl DocumentWorld {
    pub(crate) fn new(main: Template, inputs: Dict) -> Self {
        Self {
            library: LazyHash::new(Library::builder().with_inputs(inputs).build()),
            main,
        }
    }

    /// Where in which template a diagnostic points, as (template file, line
    /// counted from 1), for error messages.
    pub(crate) fn locate(&self, diag: &SourceDiagnostic) -> Option<(String, usize)> {
        let id = match diag.span.get() {
            DiagSpanKind::Number { id, .. } | DiagSpanKind::Range { id, .. } => id,
            DiagSpanKind::Detached => return None,
        };
        let source = self.source(id).ok()?;
        let range = self.range(diag.span)?;
        let line = source.lines().byte_to_line(range.start)? + 1;
        Some((id.vpath().get_without_slash().to_owned(), line))
    }
}

impl World for DocumentWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &FONTS.book
    }

    fn main(&self) -> FileId {
        self.main.source().id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        [&*COMMON, self.main.source()]
            .into_iter()
            .find(|source| source.id() == id)
            .cloned()
            .ok_or_else(|| FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        // The templates load no images or data files.
        Err(FileError::NotFound(id.vpath().get_without_slash().into()))
    }

    fn font(&self, index: usize) -> Option<Font> {
        FONTS.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<Duration>) -> Option<Datetime> {
        // The caller passes the generation time as text; a document never
        // reads the clock, so the same input gives the same bytes.
        None
    }
}
