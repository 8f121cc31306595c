//! From a list read to the domain's import: which fields the file gives,
//! the language of each row's names, and the rows as records.
//!
//! A party's list is in its own script, so the language of a row's names is
//! read from the names themselves unless the caller fixes it
//! ([`NameLang::Fixed`]): Cyrillic with a letter only Ukrainian has (і ї є
//! ґ) is `uk`; Cyrillic with a letter only Russian has (ы э ъ ё) is `ru`;
//! Cyrillic with neither (Олександр Шевченко is both) takes the language
//! most rows of the same file show, and `ru` when none shows one; Latin is
//! `en`, Arabic `ar`. The birth place is taken in the same language.

use crate::fields::Field;
use crate::read::ReadList;
use crate::rows::{ChildFields, Records};
use homeward_domain::{
    ChildId, ImportedList, ListedChild, ListedField, ListedRecords, ListedRequest, TracingRequestId,
};
use std::collections::BTreeSet;

/// The languages a list's names may be declared in (BCP 47).
pub const NAME_LANGS: [&str; 6] = ["uk", "ru", "en", "ar", "uk-Latn", "ru-Latn"];

/// How the language of each row's names is chosen.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum NameLang {
    /// Read from the script of each row's names (see the module docs).
    #[default]
    Auto,
    /// Every row in this language, one of [`NAME_LANGS`].
    Fixed(String),
}

impl NameLang {
    /// `auto` or one of [`NAME_LANGS`].
    pub fn parse(s: &str) -> Result<NameLang, String> {
        let s = s.trim();
        if s.eq_ignore_ascii_case("auto") {
            return Ok(NameLang::Auto);
        }
        NAME_LANGS
            .iter()
            .find(|l| l.eq_ignore_ascii_case(s))
            .map(|l| NameLang::Fixed((*l).to_owned()))
            .ok_or_else(|| {
                format!(
                    "'{s}' is not a language of names; expected auto or one of {}",
                    NAME_LANGS.join(", ")
                )
            })
    }
}

/// What a row's letters say about its language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Script {
    Ukrainian,
    Russian,
    /// Cyrillic without a letter only one of the two has.
    Cyrillic,
    Latin,
    Arabic,
    Unknown,
}

fn script_of<'a>(texts: impl IntoIterator<Item = &'a str>) -> Script {
    let (mut uk, mut ru, mut cyrillic, mut latin, mut arabic) = (0, 0, 0, 0, 0);
    for c in texts.into_iter().flat_map(str::chars) {
        let lower = c.to_lowercase().next().unwrap_or(c);
        match lower {
            'і' | 'ї' | 'є' | 'ґ' => uk += 1,
            'ы' | 'э' | 'ъ' | 'ё' => ru += 1,
            '\u{0400}'..='\u{052F}' => cyrillic += 1,
            '\u{0600}'..='\u{06FF}' => arabic += 1,
            c if c.is_alphabetic() && c <= '\u{024F}' => latin += 1,
            _ => {}
        }
    }
    if uk > 0 || ru > 0 {
        if uk >= ru {
            Script::Ukrainian
        } else {
            Script::Russian
        }
    } else if cyrillic > 0 {
        Script::Cyrillic
    } else if arabic > latin {
        Script::Arabic
    } else if latin > 0 {
        Script::Latin
    } else {
        Script::Unknown
    }
}

fn names_of(c: &ChildFields) -> [&str; 3] {
    [
        c.family_name.as_str(),
        c.given_name.as_str(),
        c.patronymic.as_deref().unwrap_or(""),
    ]
}

/// The language of every row, in order.
fn row_langs(records: &Records, lang: &NameLang) -> Vec<String> {
    if let NameLang::Fixed(l) = lang {
        return vec![l.clone(); records.len()];
    }
    let scripts: Vec<Script> = match records {
        Records::Children(rows) => rows.iter().map(|r| script_of(names_of(&r.child))).collect(),
        Records::TracingRequests(rows) => rows
            .iter()
            .map(|r| {
                let requester = [
                    r.requester_family_name.as_str(),
                    r.requester_given_name.as_str(),
                    r.requester_patronymic.as_deref().unwrap_or(""),
                ];
                script_of(names_of(&r.child).into_iter().chain(requester))
            })
            .collect(),
    };
    let uk = scripts.iter().filter(|s| **s == Script::Ukrainian).count();
    let ru = scripts.iter().filter(|s| **s == Script::Russian).count();
    let cyrillic = if uk > ru { "uk" } else { "ru" };
    scripts
        .into_iter()
        .map(|s| {
            match s {
                Script::Ukrainian => "uk",
                Script::Russian => "ru",
                Script::Cyrillic => cyrillic,
                Script::Arabic => "ar",
                Script::Latin | Script::Unknown => "en",
            }
            .to_owned()
        })
        .collect()
}

/// The domain's field a column gives; the id is the record's key, and the
/// requester's contact has no place in the domain's records yet.
pub fn listed_field(field: Field) -> Option<ListedField> {
    Some(match field {
        Field::Id | Field::RequesterContact => return None,
        Field::FamilyName => ListedField::FamilyName,
        Field::GivenName => ListedField::GivenName,
        Field::Patronymic => ListedField::Patronymic,
        Field::Sex => ListedField::Sex,
        Field::BirthDate => ListedField::BirthDate,
        Field::BirthPlace => ListedField::BirthPlace,
        Field::LastSeen => ListedField::LastSeen,
        Field::RequesterFamilyName => ListedField::RequesterFamilyName,
        Field::RequesterGivenName => ListedField::RequesterGivenName,
        Field::RequesterPatronymic => ListedField::RequesterPatronymic,
        Field::RequesterRelationship => ListedField::RequesterRelationship,
    })
}

impl ReadList {
    /// The list as the domain's import carries it, named `list_name`. Each
    /// row gets a fresh id from `new_id`, used if its external id is new to
    /// the party. Only the valid rows are taken: import a list only when it
    /// [`is_clean`](ReadList::is_clean).
    pub fn to_import(
        &self,
        list_name: &str,
        lang: &NameLang,
        mut new_id: impl FnMut() -> String,
    ) -> ImportedList {
        let fields: BTreeSet<ListedField> = self
            .detected
            .mapped()
            .filter_map(|(f, _)| listed_field(f))
            .collect();
        let langs = row_langs(&self.records, lang);
        let records = match &self.records {
            Records::Children(rows) => ListedRecords::Children(
                rows.iter()
                    .zip(&langs)
                    .map(|(r, lang)| ListedChild {
                        external_id: r.id.clone(),
                        new_id: ChildId(new_id()),
                        details: r.child.details(lang),
                    })
                    .collect(),
            ),
            Records::TracingRequests(rows) => ListedRecords::TracingRequests(
                rows.iter()
                    .zip(&langs)
                    .map(|(r, lang)| ListedRequest {
                        external_id: r.id.clone(),
                        new_id: TracingRequestId(new_id()),
                        details: r.details(lang),
                    })
                    .collect(),
            ),
        };
        ImportedList {
            list_name: list_name.to_owned(),
            sha256: self.sha256_hex(),
            fields,
            records,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{ListKind, ReadOptions, read_list};

    fn langs(csv: &str) -> Vec<String> {
        let read = read_list(csv.as_bytes(), &ReadOptions::new(ListKind::Children)).unwrap();
        assert!(read.is_clean(), "{:?}", read.errors);
        let list = read.to_import("test", &NameLang::Auto, || "x".into());
        let ListedRecords::Children(rows) = list.records else {
            panic!()
        };
        rows.into_iter()
            .map(|r| r.details.names[0].lang.clone())
            .collect()
    }

    #[test]
    fn the_language_of_names_is_read_from_their_letters() {
        assert_eq!(
            langs(
                "id,family_name,given_name\n1,Коваль,Іван\n2,Шевченко,Олександр\n3,Воробьёв,Пётр\n4,Shevchenko,Olena\n5,حداد,ليلى\n6,Ковальчук,Євгенія\n"
            ),
            ["uk", "uk", "ru", "en", "ar", "uk"],
            "Шевченко Олександр takes the language most rows show"
        );
        assert_eq!(
            langs("id,family_name,given_name\n1,Шевченко,Олександр\n2,Петров,Сергей\n"),
            ["ru", "ru"],
            "Cyrillic with nothing only Ukrainian has is read as Russian"
        );
        assert_eq!(
            langs("id,family_name,given_name\n1,Шевченко,Олександр\n2,Ковальчук,Євгенія\n"),
            ["uk", "uk"]
        );
    }

    #[test]
    fn a_fixed_language_and_the_fields_given_come_through() {
        let csv = "id,family_name,given_name,birth_date,notes\n1,Шевченко,Олександр,2014,x\n";
        let read = read_list(csv.as_bytes(), &ReadOptions::new(ListKind::Children)).unwrap();
        let list = read.to_import("a.csv", &NameLang::parse("uk").unwrap(), || "new".into());
        assert_eq!(
            list.fields,
            [
                ListedField::FamilyName,
                ListedField::GivenName,
                ListedField::BirthDate
            ]
            .into()
        );
        assert_eq!(list.sha256, read.sha256_hex());
        let ListedRecords::Children(rows) = list.records else {
            panic!()
        };
        assert_eq!(rows[0].external_id, "1");
        assert_eq!(rows[0].new_id.as_str(), "new");
        assert_eq!(rows[0].details.names[0].lang, "uk");
        assert!(NameLang::parse("de").is_err());
        assert_eq!(NameLang::parse("AUTO"), Ok(NameLang::Auto));
        assert_eq!(
            NameLang::parse("uk-latn"),
            Ok(NameLang::Fixed("uk-Latn".into()))
        );
    }
}
