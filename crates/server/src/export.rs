//! Exports of the children's registry as CSV (UTF-8 with a byte-order mark)
//! or XLSX, for the API (`GET /api/v1/exports/children`), the registry
//! page's download links and `homeward export`.
//!
//! An export holds exactly the rows the caller may list (the same
//! `access::viewer` and `can` as the registry) and only columns no viewer
//! has hidden from them (names, sex, birth date and place, submitting
//! organisation, list, case state, custody kind — never notes, addresses or
//! contacts). Every child in it is written to the access log as one entry,
//! before the file is handed out. Cells that a spreadsheet would take for a
//! formula are neutralised by `homeward_lists`.

use crate::names::latin;
use homeward_domain::access::{Action, Resource, can, viewer};
use homeward_domain::event::AccessedRecord;
use homeward_domain::{Actor, OrgId};
use homeward_lists::Table;
use homeward_store::read::ChildFilter;
use homeward_store::{Store, StoreError};
use std::collections::HashMap;

/// The file formats of an export.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Csv,
    Xlsx,
}

impl Format {
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Csv => "text/csv; charset=utf-8",
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            Format::Csv => "csv",
            Format::Xlsx => "xlsx",
        }
    }
}

/// The columns, the linkage contract's names first, so that an export can
/// be given to `homeward link` as it is.
pub const COLUMNS: [&str; 13] = [
    "id",
    "family_name",
    "given_name",
    "patronymic",
    "sex",
    "birth_date",
    "birth_place",
    "name_latin",
    "lang",
    "submitted_by",
    "list_name",
    "case_state",
    "custody",
];

/// Rows read from the store at a time.
const PAGE: u32 = 500;

/// The children `actor` may list under `filter` (its paging is ignored),
/// as a table, with the access-log entry's records.
pub async fn children(
    store: &Store,
    actor: &Actor,
    filter: &ChildFilter,
) -> Result<(Table, Vec<AccessedRecord>), StoreError> {
    let orgs: HashMap<OrgId, String> = store
        .organisations()
        .await?
        .into_iter()
        .map(|o| (o.id, o.name))
        .collect();
    let mut table = Table::new(COLUMNS);
    let mut seen = Vec::new();
    let mut page = ChildFilter {
        limit: PAGE,
        offset: 0,
        ..filter.clone()
    };
    let v = viewer(actor);
    loop {
        let listed = store.children(&v, &page).await?;
        let n = listed.items.len();
        for c in &listed.items {
            if !can(actor, Action::Read, &Resource::Child(&c.scope)).allowed() {
                continue;
            }
            let Some(d) = &c.details else { continue };
            seen.extend(c.accessed());
            let name = d.names.first();
            let full = name.map_or_else(String::new, |n| {
                [n.family_name.as_str(), n.given_name.as_str()]
                    .iter()
                    .chain(n.patronymic.as_deref().iter())
                    .filter(|s| !s.is_empty())
                    .copied()
                    .collect::<Vec<_>>()
                    .join(" ")
            });
            let lang = name.map_or("", |n| n.lang.as_str());
            table.push(vec![
                c.id.0.clone(),
                name.map_or_else(String::new, |n| n.family_name.clone()),
                name.map_or_else(String::new, |n| n.given_name.clone()),
                name.and_then(|n| n.patronymic.clone()).unwrap_or_default(),
                d.sex.map(|s| crate::api::enum_str(&s)).unwrap_or_default(),
                d.birth_date.map(|b| b.to_string()).unwrap_or_default(),
                d.birth_place
                    .as_ref()
                    .and_then(|p| p.names.first())
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default(),
                latin(&full, lang),
                lang.to_owned(),
                orgs.get(&c.org_id).cloned().unwrap_or_default(),
                c.list_name.clone(),
                c.case
                    .as_ref()
                    .map(|(_, s)| s.as_str().to_owned())
                    .unwrap_or_default(),
                c.custody_kind
                    .map(|k| k.as_str().to_owned())
                    .unwrap_or_default(),
            ]);
        }
        if n < PAGE as usize || page.offset >= u32::MAX - PAGE {
            break;
        }
        page.offset += PAGE;
    }
    Ok((table, seen))
}

/// The file's bytes.
pub fn render(table: &Table, format: Format) -> Result<Vec<u8>, homeward_lists::ExportError> {
    match format {
        Format::Csv => {
            let mut out = Vec::new();
            homeward_lists::write_csv(&mut out, table)?;
            Ok(out)
        }
        Format::Xlsx => homeward_lists::write_xlsx(table, "children"),
    }
}
