//! Which source column is which field: header names in English, Ukrainian
//! and Russian, HXL hashtags, and mapping files.

use crate::fields::Field;
use crate::source::{self, Cell};
use crate::values::fold;
use std::collections::BTreeSet;
use std::fmt;

/// Header names each field is recognised by, folded: case,
/// separators, apostrophes, `ё` and parenthesised hints do not matter. The
/// field's own name (`family_name`) is always among them.
pub const HEADER_NAMES: &[(Field, &[&str])] = &[
    (
        Field::Id,
        &[
            "id",
            "external id",
            "record id",
            "identifier",
            "ід",
            "ідентифікатор",
            "id запису",
            "ид",
            "идентификатор",
            "id записи",
        ],
    ),
    (
        Field::FamilyName,
        &[
            "family name",
            "last name",
            "surname",
            "child family name",
            "child surname",
            "прізвище",
            "прізвище дитини",
            "фамилия",
            "фамилия ребенка",
        ],
    ),
    (
        Field::GivenName,
        &[
            "given name",
            "first name",
            "forename",
            "child given name",
            "child first name",
            "ім'я",
            "ім'я дитини",
            "имя",
            "имя ребенка",
        ],
    ),
    (
        Field::Patronymic,
        &[
            "patronymic",
            "middle name",
            "child patronymic",
            "по батькові",
            "по батькові дитини",
            "отчество",
            "отчество ребенка",
        ],
    ),
    (
        Field::Sex,
        &[
            "sex",
            "gender",
            "child sex",
            "стать",
            "стать дитини",
            "пол",
            "пол ребенка",
        ],
    ),
    (
        Field::BirthDate,
        &[
            "birth date",
            "date of birth",
            "dob",
            "child birth date",
            "дата народження",
            "дата народження дитини",
            "дата рождения",
            "дата рождения ребенка",
        ],
    ),
    (
        Field::BirthPlace,
        &[
            "birth place",
            "place of birth",
            "pob",
            "child birth place",
            "місце народження",
            "місце народження дитини",
            "место рождения",
            "место рождения ребенка",
        ],
    ),
    (
        Field::LastSeen,
        &[
            "last seen",
            "last seen place",
            "last known location",
            "де бачили востаннє",
            "останнє місце перебування",
            "где видели последний раз",
            "последнее место пребывания",
        ],
    ),
    (
        Field::RequesterFamilyName,
        &[
            "requester family name",
            "requester last name",
            "requester surname",
            "прізвище заявника",
            "фамилия заявителя",
        ],
    ),
    (
        Field::RequesterGivenName,
        &[
            "requester given name",
            "requester first name",
            "ім'я заявника",
            "имя заявителя",
        ],
    ),
    (
        Field::RequesterPatronymic,
        &[
            "requester patronymic",
            "по батькові заявника",
            "отчество заявителя",
        ],
    ),
    (
        Field::RequesterRelationship,
        &[
            "requester relationship",
            "relationship",
            "relationship to child",
            "ступінь спорідненості",
            "ким доводиться",
            "степень родства",
            "кем приходится",
        ],
    ),
    (
        Field::RequesterContact,
        &[
            "requester contact",
            "contact",
            "phone",
            "контакт",
            "контакти",
            "контакти заявника",
            "телефон",
            "контакты",
            "контакты заявителя",
        ],
    ),
];

/// The field a header names, if it is one of [`HEADER_NAMES`].
pub fn field_of_header(header: &str) -> Option<Field> {
    let h = fold(header);
    HEADER_NAMES
        .iter()
        .find(|(_, names)| names.contains(&h.as_str()))
        .map(|(f, _)| *f)
}

/// An HXL hashtag with its attributes, e.g. `#affected +name +last`. Case,
/// spaces and the order of attributes do not matter.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HxlTag {
    pub hashtag: String,
    pub attributes: BTreeSet<String>,
}

impl HxlTag {
    pub fn parse(s: &str) -> Option<HxlTag> {
        let s = s.trim().strip_prefix('#')?;
        let mut parts = s.split('+').map(str::trim);
        let hashtag = parts.next()?.to_lowercase();
        let word =
            |w: &str| !w.is_empty() && w.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if !word(&hashtag) {
            return None;
        }
        let mut attributes = BTreeSet::new();
        for a in parts {
            if !word(a) {
                return None;
            }
            attributes.insert(a.to_lowercase());
        }
        Some(HxlTag {
            hashtag,
            attributes,
        })
    }

    fn has(&self, a: &str) -> bool {
        self.attributes.contains(a)
    }

    fn has_any(&self, attrs: &[&str]) -> bool {
        attrs.iter().any(|a| self.has(a))
    }

    /// The field this tag names. The child is `#affected`, `#beneficiary`
    /// or `#child`; the person asking is `#contact`; `#date +birth` and
    /// `#loc +birth` name the birth date and place. See the crate's
    /// `LISTS.md` for the whole table.
    pub fn field(&self) -> Option<Field> {
        let child = matches!(self.hashtag.as_str(), "affected" | "beneficiary" | "child");
        let contact = self.hashtag == "contact";
        let family = self.has_any(&["last", "family", "surname"]);
        let given = self.has_any(&["first", "given"]);
        let patronymic = self.has_any(&["patronymic", "middle"]);
        let last_seen = self.has_any(&["last_seen", "lastseen"]);
        let place = self.has_any(&["loc", "place"]);
        if last_seen && (child || self.hashtag == "loc") {
            return Some(Field::LastSeen);
        }
        if child {
            return if self.has("id") {
                Some(Field::Id)
            } else if self.has("name") && family {
                Some(Field::FamilyName)
            } else if self.has("name") && given {
                Some(Field::GivenName)
            } else if self.has("name") && patronymic {
                Some(Field::Patronymic)
            } else if self.has_any(&["sex", "gender"]) {
                Some(Field::Sex)
            } else if self.has("dob") || (self.has("birth") && self.has("date")) {
                Some(Field::BirthDate)
            } else if self.has("pob") || (self.has("birth") && place) {
                Some(Field::BirthPlace)
            } else {
                None
            };
        }
        if contact {
            return if self.has("name") && family {
                Some(Field::RequesterFamilyName)
            } else if self.has("name") && given {
                Some(Field::RequesterGivenName)
            } else if self.has("name") && patronymic {
                Some(Field::RequesterPatronymic)
            } else if self.has_any(&["relationship", "rel"]) {
                Some(Field::RequesterRelationship)
            } else if self.has_any(&["phone", "email", "address", "info"]) {
                Some(Field::RequesterContact)
            } else {
                None
            };
        }
        match self.hashtag.as_str() {
            "date" if self.has("birth") => Some(Field::BirthDate),
            "loc" if self.has("birth") => Some(Field::BirthPlace),
            _ => None,
        }
    }
}

/// Written canonically: lower case, attributes sorted, no spaces.
impl fmt::Display for HxlTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#{}", self.hashtag)?;
        for a in &self.attributes {
            write!(f, "+{a}")?;
        }
        Ok(())
    }
}

/// Whether a row is an HXL hashtag row: at least one tag, and every
/// non-blank cell a tag (untagged columns are left blank).
pub(crate) fn is_hxl_row(cells: &[Cell]) -> bool {
    let mut tags = 0;
    for c in cells {
        match c {
            Cell::Text(s) if s.trim().is_empty() => {}
            Cell::Text(s) if HxlTag::parse(s).is_some() => tags += 1,
            _ => return false,
        }
    }
    tags > 0
}

/// A party's own header names, mapped to fields.
///
/// The file is a list like the lists themselves (CSV in any encoding and
/// delimiter the reader accepts, or XLSX) with two columns: the source
/// column's header as in the party's file, and the field it holds. A first
/// row `source_column,field` is optional. An empty field or `-` marks a
/// column to ignore. A source column starting with `#` is an HXL tag.
///
/// ```text
/// source_column,field
/// Прізвище дитини (за свідоцтвом),family_name
/// Номер у реєстрі,id
/// Примітки,-
/// #affected+nickname,-
/// ```
///
/// A mapping takes precedence over the built-in header names and tags.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Mapping {
    entries: Vec<MappingEntry>,
}

/// One line of a mapping file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MappingEntry {
    /// The source column as written in the mapping file.
    pub source: String,
    /// `None`: the column is to be ignored.
    pub field: Option<Field>,
    /// The mapping file's line.
    pub line: usize,
    key: String,
}

/// What is wrong with a line of a mapping file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("mapping file line {line}: {why}")]
pub struct MappingError {
    pub line: usize,
    pub why: String,
}

impl Mapping {
    /// Reads a mapping file, reporting every bad line.
    pub fn parse(bytes: &[u8]) -> Result<Mapping, Vec<MappingError>> {
        let grid = source::read_grid(bytes, None).map_err(|e| {
            vec![MappingError {
                line: 0,
                why: e.to_string(),
            }]
        })?;
        let mut entries: Vec<MappingEntry> = Vec::new();
        let mut errors = Vec::new();
        let mut first = true;
        for row in grid.rows.iter().filter(|r| !r.is_blank()) {
            let cell = |i: usize| row.cells.get(i).map(Cell::text).unwrap_or_default();
            let (source, field) = (cell(0), cell(1));
            let line = row.line;
            if std::mem::take(&mut first)
                && fold(&source) == "source column"
                && fold(&field) == "field"
            {
                continue;
            }
            if let Some(extra) = (2..row.cells.len()).map(cell).find(|c| !c.is_empty()) {
                errors.push(MappingError {
                    line,
                    why: format!("'{extra}' after the field; a line is source_column,field"),
                });
                continue;
            }
            if source.is_empty() {
                errors.push(MappingError {
                    line,
                    why: "no source column".into(),
                });
                continue;
            }
            let field = match field.as_str() {
                "" | "-" => None,
                f => match Field::parse(f) {
                    Some(f) => Some(f),
                    None => {
                        errors.push(MappingError {
                            line,
                            why: format!("'{f}' is not a field (id, family_name, given_name, patronymic, sex, birth_date, birth_place, last_seen, requester_family_name, requester_given_name, requester_patronymic, requester_relationship, requester_contact, or - to ignore)"),
                        });
                        continue;
                    }
                },
            };
            let key = mapping_key(&source);
            if let Some(other) = entries.iter().find(|e| e.key == key) {
                errors.push(MappingError {
                    line,
                    why: format!("'{source}' is already mapped on line {}", other.line),
                });
                continue;
            }
            entries.push(MappingEntry {
                source,
                field,
                line,
                key,
            });
        }
        if errors.is_empty() {
            Ok(Mapping { entries })
        } else {
            Err(errors)
        }
    }

    /// Builds a mapping in code: `(source column, field or None to ignore)`.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, Option<Field>)>) -> Mapping {
        let entries = pairs
            .into_iter()
            .enumerate()
            .map(|(i, (source, field))| MappingEntry {
                source: source.to_owned(),
                field,
                line: i + 1,
                key: mapping_key(source),
            })
            .collect();
        Mapping { entries }
    }

    pub fn entries(&self) -> &[MappingEntry] {
        &self.entries
    }

    /// The entry for a column, by its header or its HXL tag.
    pub(crate) fn lookup(&self, header: &str, tag: Option<&HxlTag>) -> Option<&MappingEntry> {
        let by_header = (!header.trim().is_empty()).then(|| mapping_key(header));
        let by_tag = tag.map(|t| t.to_string());
        self.entries.iter().find(|e| {
            by_header.as_deref() == Some(e.key.as_str())
                || by_tag.as_deref() == Some(e.key.as_str())
        })
    }
}

/// Headers are compared folded; tags canonically. The parenthesised hints
/// that [`fold`] drops are kept here: a mapping names one exact column.
fn mapping_key(source: &str) -> String {
    match HxlTag::parse(source) {
        Some(tag) => tag.to_string(),
        None => {
            let lower: String = source.to_lowercase();
            lower.split_whitespace().collect::<Vec<_>>().join(" ")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_names_are_folded_unique_and_include_the_field_name() {
        let mut seen = BTreeSet::new();
        for (field, names) in HEADER_NAMES {
            assert!(names.contains(&fold(field.as_str()).as_str()), "{field}");
            for n in *names {
                assert_eq!(&fold(n), n, "{n} is not folded");
                assert!(seen.insert(*n), "{n} names two fields");
            }
        }
        for f in Field::ALL {
            assert!(HEADER_NAMES.iter().any(|(g, _)| *g == f), "{f}");
        }
    }

    #[test]
    fn headers() {
        let cases = [
            ("Прізвище", Some(Field::FamilyName)),
            ("ФАМИЛИЯ", Some(Field::FamilyName)),
            ("Ім’я", Some(Field::GivenName)),
            ("Имя ребёнка", Some(Field::GivenName)),
            ("Дата народження (ДД.ММ.РРРР)", Some(Field::BirthDate)),
            ("birth_date", Some(Field::BirthDate)),
            ("Date of birth", Some(Field::BirthDate)),
            ("По батькові", Some(Field::Patronymic)),
            ("Отчество", Some(Field::Patronymic)),
            ("Стать", Some(Field::Sex)),
            ("Пол", Some(Field::Sex)),
            ("Место рождения", Some(Field::BirthPlace)),
            ("Кем приходится", Some(Field::RequesterRelationship)),
            ("Notes", None),
            ("name", None),
        ];
        for (h, f) in cases {
            assert_eq!(field_of_header(h), f, "{h}");
        }
    }

    #[test]
    fn hxl_tags() {
        let cases = [
            ("#affected+name+last", Some(Field::FamilyName)),
            ("#affected +last +name", Some(Field::FamilyName)),
            ("#Affected+Name+First", Some(Field::GivenName)),
            ("#affected+name+patronymic", Some(Field::Patronymic)),
            ("#affected+id", Some(Field::Id)),
            ("#beneficiary+sex", Some(Field::Sex)),
            ("#affected+birth+date", Some(Field::BirthDate)),
            ("#date+birth", Some(Field::BirthDate)),
            ("#loc+birth", Some(Field::BirthPlace)),
            ("#affected+birth+loc", Some(Field::BirthPlace)),
            ("#loc+last_seen", Some(Field::LastSeen)),
            ("#contact+name+last", Some(Field::RequesterFamilyName)),
            ("#contact+name+first", Some(Field::RequesterGivenName)),
            ("#contact+relationship", Some(Field::RequesterRelationship)),
            ("#contact+phone", Some(Field::RequesterContact)),
            ("#affected+name", None),
            ("#adm1+name", None),
        ];
        for (t, f) in cases {
            let tag = HxlTag::parse(t).unwrap_or_else(|| panic!("{t} does not parse"));
            assert_eq!(tag.field(), f, "{t}");
        }
        assert_eq!(
            HxlTag::parse(" #Affected + Name +last ").map(|t| t.to_string()),
            Some("#affected+last+name".into())
        );
        for not_a_tag in ["affected", "#", "#aff ected", "#affected+", "#1 кг"] {
            assert_eq!(HxlTag::parse(not_a_tag), None, "{not_a_tag}");
        }
    }

    #[test]
    fn mapping_file_reports_every_bad_line() {
        let file =
            "source_column,field\nПІБ,\nНомер,id\nСтать,gender\n,sex\nНомер,family_name\nA,id,x\n";
        let errors = Mapping::parse(file.as_bytes()).unwrap_err();
        let lines: Vec<usize> = errors.iter().map(|e| e.line).collect();
        assert_eq!(lines, [4, 5, 6, 7]);
        assert!(
            errors[0]
                .to_string()
                .starts_with("mapping file line 4: 'gender' is not a field")
        );
        assert_eq!(
            errors[2].to_string(),
            "mapping file line 6: 'Номер' is already mapped on line 3"
        );
    }
}
