//! The name-search cache: every key under which a child's names are found,
//! kept in step with the ledger by the write path.

use super::Sql;
use crate::StoreError;
use crate::projection::Value;
use crate::schema::ColType;
use homeward_domain::*;
use homeward_linkage::names::{given_name_groups, surname_key};
use homeward_linkage::normalize::tokens;
use homeward_linkage::translit::name_key_variants;
use std::collections::BTreeSet;

/// The search keys of one word of a name.
fn word_keys(word: &str, out: &mut BTreeSet<String>) {
    for k in name_key_variants(word) {
        if !k.is_empty() {
            out.insert(format!("k:{k}"));
        }
    }
    let s = surname_key(word);
    if !s.is_empty() {
        out.insert(format!("s:{s}"));
    }
    for g in given_name_groups(word) {
        out.insert(format!("g:{}", g.0));
    }
}

/// Every key under which a child's names are found.
pub fn child_name_keys(details: &ChildDetails) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for name in &details.names {
        let parts = [
            Some(name.family_name.as_str()),
            Some(name.given_name.as_str()),
            name.patronymic.as_deref(),
        ];
        for part in parts.into_iter().flatten() {
            for word in tokens(part) {
                word_keys(&word, &mut out);
            }
        }
    }
    out
}

/// A child's name keys worked out by the caller before its command joins
/// the writer's queue: the writer runs one command at a time, and the keys
/// (transliteration, name groups) were a fifth of its own time per
/// registration. Used only for the very details they were made from.
#[derive(Debug)]
pub(crate) struct KnownKeys {
    details: ChildDetails,
    keys: BTreeSet<String>,
}

impl KnownKeys {
    /// The keys of the details a command registers or amends, if any.
    pub(crate) fn of(command: &Command) -> Option<KnownKeys> {
        match command {
            Command::RegisterChild { details, .. } | Command::AmendChild { details, .. } => {
                Some(KnownKeys {
                    keys: child_name_keys(details),
                    details: details.clone(),
                })
            }
            _ => None,
        }
    }

    /// The keys of `details`: the known ones if they were made from them
    /// (taken, as one command's keys serve one event), or worked out now.
    fn keys_for(known: &mut Option<KnownKeys>, details: &ChildDetails) -> BTreeSet<String> {
        match known.take() {
            Some(k) if k.details == *details => k.keys,
            other => {
                *known = other;
                child_name_keys(details)
            }
        }
    }
}

/// For each word of a query, the keys any of which matches it.
pub fn query_keys(q: &str) -> Vec<BTreeSet<String>> {
    tokens(q)
        .into_iter()
        .take(8)
        .map(|w| {
            let mut keys = BTreeSet::new();
            word_keys(&w, &mut keys);
            keys
        })
        .filter(|k| !k.is_empty())
        .collect()
}

type Tx = sqlx::AnyConnection;

pub(crate) async fn write_name_keys(
    tx: &mut Tx,
    child: &ChildId,
    keys: &BTreeSet<String>,
) -> Result<(), StoreError> {
    let keys: Vec<&String> = keys.iter().collect();
    for chunk in keys.chunks(200) {
        let mut sql = Sql::new("INSERT INTO cache_child_names (child_id, key) VALUES ");
        for (i, k) in chunk.iter().enumerate() {
            if i > 0 {
                sql.push(", ");
            }
            sql.push("(")
                .text(child.as_str())
                .push(", ")
                .text(k.as_str())
                .push(")");
        }
        sql.query().execute(&mut *tx).await?;
    }
    Ok(())
}

/// Keeps the name cache in step with an event, in the event's transaction:
/// a new child's keys join the command's held inserts.
pub(crate) async fn on_event(
    tx: &mut Tx,
    held: &mut crate::writer::batch::Inserts<'_>,
    body: &EventBody,
    personal: Option<&Personal>,
    known: &mut Option<KnownKeys>,
) -> Result<(), StoreError> {
    use crate::writer::batch::Cell;
    let child = match body {
        EventBody::ChildRegistered { child_id, .. } | EventBody::ChildAmended { child_id } => {
            child_id
        }
        EventBody::PersonalDataErased { child_id, .. } => child_id,
        _ => return Ok(()),
    };
    // A child registered just now has no cached names to replace.
    if !matches!(body, EventBody::ChildRegistered { .. }) {
        held.flush(tx).await?;
        sqlx::query("DELETE FROM cache_child_names WHERE child_id = $1")
            .bind(child.as_str())
            .execute(&mut *tx)
            .await?;
    }
    if let (
        EventBody::ChildRegistered { .. } | EventBody::ChildAmended { .. },
        Some(Personal::Child(d)),
    ) = (body, personal)
    {
        let text = |s: &str| Cell::Value(Value::Text(s.to_owned()), ColType::Text);
        for key in KnownKeys::keys_for(known, d) {
            held.push(
                "cache_child_names",
                &["child_id", "key"],
                vec![text(child.as_str()), text(&key)],
            );
        }
    }
    Ok(())
}
