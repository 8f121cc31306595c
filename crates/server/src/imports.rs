//! Importing a party's list: the steps the command line (`homeward import`)
//! and the API (`POST /api/v1/imports`) share, so the two cannot drift
//! apart.
//!
//! The file is read and every row validated first (`homeward-lists`); a
//! file with any problem stores nothing and comes back with every problem.
//! A clean file becomes one [`Command::ImportList`], which the store decides
//! and records in one transaction: all of it or nothing. A dry run decides
//! the same command against the current state and records nothing.

use crate::matching::{self, MatchRun};
use homeward_domain::{Actor, Command, ImportCounts, ImportId, OrgId};
use homeward_lists::{
    Detected, ListError, ListKind, Mapping, NameLang, PreviewRow, ReadError, ReadOptions, read_list,
};
use homeward_store::{Store, StoreError};

/// A list to import, as received.
#[derive(Debug, Clone)]
pub struct Upload {
    pub bytes: Vec<u8>,
    pub kind: ListKind,
    pub mapping: Option<Mapping>,
    /// The party whose list it is.
    pub party: OrgId,
    pub list_name: String,
    pub lang: NameLang,
    /// Decide and report, record nothing.
    pub dry_run: bool,
    /// Run the matching after the import (see [`crate::matching`]); a bulk
    /// load may leave it for one run at the end.
    pub then_match: bool,
}

/// Where an import is, for a progress display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stage {
    /// Reading the file and validating every row.
    Reading,
    /// Deciding what each row does, and recording it (or, in a dry run,
    /// only deciding).
    Recording { rows: usize },
    /// Proposing matches between the new records and the stored ones.
    Matching,
}

/// What an import did (or, in a dry run, would do).
#[derive(Debug, Clone)]
pub struct Imported {
    /// `None` in a dry run.
    pub import_id: Option<ImportId>,
    pub sha256: String,
    pub counts: ImportCounts,
    pub detected: Detected,
    /// The first rows as read (personal data: for the person importing).
    pub preview: Vec<PreviewRow>,
    /// The matching run after the import: `None` in a dry run, or when it
    /// failed (the import stands; the failure is logged and the run can be
    /// repeated on demand).
    pub matches: Option<MatchRun>,
}

#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// The bytes are not a table at all.
    #[error("the file cannot be read as a list: {0}")]
    Unreadable(ReadError),
    /// The file has problems; nothing was stored. The errors quote the
    /// file's values: show them to the person who sent it, never log them.
    #[error("{} problem(s) in the list; nothing was imported", errors.len())]
    Invalid {
        detected: Box<Detected>,
        errors: Vec<ListError>,
        /// The first rows as read, for the person importing.
        preview: Vec<PreviewRow>,
    },
    /// The store refused the import (who may import, which organisation)
    /// or could not record it.
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Reads, validates and imports `upload` as `actor`; `stage` hears where it
/// is. Reading runs on a blocking thread: a large workbook takes seconds.
pub async fn import(
    store: &Store,
    actor: &Actor,
    upload: Upload,
    stage: impl Fn(Stage),
) -> Result<Imported, ImportError> {
    stage(Stage::Reading);
    let Upload {
        bytes,
        kind,
        mapping,
        party,
        list_name,
        lang,
        dry_run,
        then_match,
    } = upload;
    let read = tokio::task::spawn_blocking(move || {
        let mut options = ReadOptions::new(kind);
        options.mapping = mapping.as_ref();
        read_list(&bytes, &options)
    })
    .await
    .map_err(|e| StoreError::Io(format!("reading the list stopped: {e}")))?
    .map_err(ImportError::Unreadable)?;
    if !read.is_clean() {
        return Err(ImportError::Invalid {
            detected: Box::new(read.detected),
            errors: read.errors,
            preview: read.preview,
        });
    }
    stage(Stage::Recording {
        rows: read.records.len(),
    });
    let import_id = ImportId(Store::new_id());
    let command = Command::ImportList {
        import_id: import_id.clone(),
        org_id: party,
        list: read.to_import(&list_name, &lang, Store::new_id),
    };
    let sha256 = read.sha256_hex();
    if dry_run {
        let events = store.preview(actor, command).await?;
        let counts = ImportCounts::of(&events).ok_or_else(|| {
            StoreError::Corrupt("an import was decided without its import entry".into())
        })?;
        return Ok(Imported {
            import_id: None,
            sha256,
            counts,
            detected: read.detected,
            preview: read.preview,
            matches: None,
        });
    }
    store.execute(actor, command).await?;
    let row = store.import(&import_id).await?.ok_or_else(|| {
        StoreError::Corrupt("an import was recorded but its row is missing".into())
    })?;
    let matches = if then_match {
        stage(Stage::Matching);
        match matching::run(store, &matching::engine()).await {
            Ok(run) => Some(run),
            Err(e) => {
                tracing::error!(error = %e, "the matching run after an import failed");
                None
            }
        }
    } else {
        None
    };
    Ok(Imported {
        import_id: Some(import_id),
        sha256,
        counts: row.counts,
        detected: read.detected,
        preview: read.preview,
        matches,
    })
}

/// The summary of what the reader found: one line for the file, one per
/// column. Headers only, never a value, so it may be shown and kept.
pub fn describe(detected: &Detected) -> Vec<String> {
    use homeward_lists::Matched;
    let mut file = format!("{}", detected.format);
    if let Some(e) = detected.encoding {
        file.push_str(&format!(", {e}"));
    }
    if let Some(d) = detected.delimiter {
        file.push_str(&format!(", {} separated", delimiter_name(d)));
    }
    if let Some(s) = &detected.sheet {
        file.push_str(&format!(", sheet '{s}'"));
    }
    file.push_str(&format!(", header on line {}", detected.header_line));
    if let Some(l) = detected.hxl_line {
        file.push_str(&format!(", HXL tags on line {l}"));
    }
    file.push_str(&format!(", {} data rows", detected.data_rows));
    let mut out = vec![file];
    for c in &detected.columns {
        let how = match c.matched {
            Matched::Mapping { line } => format!("by mapping line {line}"),
            Matched::Hxl => "by its HXL tag".to_owned(),
            Matched::Header => "by its header".to_owned(),
            Matched::Ignored { line } => format!("ignored by mapping line {line}"),
            Matched::Unknown => "not recognised".to_owned(),
            Matched::OtherKind(f) => format!("{f} belongs to the other kind of list"),
        };
        let line = match c.field {
            Some(homeward_lists::Field::RequesterContact) => format!(
                "  {} -> requester_contact ({how}; read, not kept: a tracing request has no contact field yet)",
                c.name
            ),
            Some(f) => format!("  {} -> {f} ({how})", c.name),
            None => format!("  {} -> left out ({how})", c.name),
        };
        out.push(line);
    }
    out
}

/// `comma`, `semicolon` or `tab`.
pub fn delimiter_name(d: homeward_lists::Delimiter) -> &'static str {
    match d {
        homeward_lists::Delimiter::Comma => "comma",
        homeward_lists::Delimiter::Semicolon => "semicolon",
        homeward_lists::Delimiter::Tab => "tab",
    }
}

/// `N new, M updated, K unchanged`, and the erased records left as they
/// are when there are any.
pub fn counts_line(c: &ImportCounts) -> String {
    let mut s = format!(
        "{} new, {} updated, {} unchanged",
        c.new, c.updated, c.unchanged
    );
    if c.erased > 0 {
        s.push_str(&format!(
            ", {} naming erased records (left erased)",
            c.erased
        ));
    }
    s
}
