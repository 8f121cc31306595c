//! Reading CSV files: encodings, delimiters, header languages, HXL, mapping
//! files, and the errors of every row.

mod common;

use common::*;
use homeward_domain::{BirthDate, Relationship, Sex};
use homeward_lists::*;

fn child_rows(list: &ReadList) -> &[ChildRow] {
    match &list.records {
        Records::Children(rows) => rows,
        other => panic!("not children: {other:?}"),
    }
}

fn request_rows(list: &ReadList) -> &[TracingRow] {
    match &list.records {
        Records::TracingRequests(rows) => rows,
        other => panic!("not tracing requests: {other:?}"),
    }
}

#[test]
fn every_encoding_and_delimiter() {
    let rows = children(12);
    let refs = as_refs(&rows);
    let rows: Vec<&[&str]> = refs.iter().map(Vec::as_slice).collect();
    type Encoder = fn(&str) -> Vec<u8>;
    let encodings: [(Encoding, Encoder); 5] = [
        (Encoding::Utf8, |t| t.as_bytes().to_vec()),
        (Encoding::Utf8Bom, utf8_bom),
        (Encoding::Utf16Le, utf16le),
        (Encoding::Utf16Be, utf16be),
        (Encoding::Windows1251, windows1251),
    ];
    let delimiters = [
        (Delimiter::Comma, b','),
        (Delimiter::Semicolon, b';'),
        (Delimiter::Tab, b'\t'),
    ];
    for (encoding, encode) in encodings {
        for (delimiter, byte) in delimiters {
            let bytes = encode(&csv(&rows, byte));
            let list = read(&bytes, ListKind::Children);
            let what = format!("{encoding} {delimiter}");
            assert_eq!(list.detected.encoding, Some(encoding), "{what}");
            assert_eq!(list.detected.delimiter, Some(delimiter), "{what}");
            assert_eq!(list.detected.format, Format::Csv, "{what}");
            assert!(list.is_clean(), "{what}: {:?}", messages(&list));
            let got = child_rows(&list);
            assert_eq!(got.len(), 12, "{what}");
            assert_eq!(got[0].id, "C001");
            assert_eq!(got[0].child.family_name, "Шевчук", "{what}");
            assert_eq!(got[0].child.given_name, "Богдан", "{what}");
            assert_eq!(got[0].child.patronymic, None);
            assert_eq!(got[0].child.sex, Some(Sex::M));
            assert_eq!(
                got[0].child.birth_date,
                Some(BirthDate::Day {
                    year: 2012,
                    month: 2,
                    day: 2
                })
            );
            assert_eq!(got[0].child.birth_place.as_deref(), Some("Херсон"));
            assert_eq!((got[11].row, got[11].line), (12, 13), "{what}");
        }
    }
}

#[test]
fn a_delimiter_inside_quotes_does_not_fool_the_sniffer() {
    let text = "id;family_name;given_name;birth_place\r\n\
                A1;Коваленко;Олена;\"Херсон, Україна\"\r\n\
                A2;Шевчук;Богдан;\"Київ, Україна\"\r\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(list.detected.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(
        child_rows(&list)[1].child.birth_place.as_deref(),
        Some("Київ, Україна")
    );
}

#[test]
fn an_excel_sep_line_names_the_delimiter_and_counts_as_a_line() {
    let text = "sep=,\r\nid,family_name,given_name,birth_date\r\nA1,Коваленко,Олена,2013-02-30\r\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(list.detected.delimiter, Some(Delimiter::Comma));
    assert_eq!(list.detected.header_line, 2);
    assert_eq!(
        messages(&list),
        ["row 1 (line 3), column birth_date: value '2013-02-30' — not a date"]
    );
}

#[test]
fn the_delimiter_can_be_given() {
    let text = "id|x\nA1|Коваленко\n";
    let list = read_list(
        text.as_bytes(),
        &ReadOptions {
            delimiter: Some(Delimiter::Semicolon),
            ..ReadOptions::new(ListKind::Children)
        },
    )
    .unwrap();
    assert_eq!(list.detected.delimiter, Some(Delimiter::Semicolon));
    assert_eq!(list.detected.columns.len(), 1);
}

#[test]
fn ukrainian_headers() {
    let text = "ІД;Прізвище;Ім’я;По батькові;Стать;Дата народження (ДД.ММ.РРРР);Місце народження;Примітки\n\
                UA-17;Коваленко;Олена;Петрівна;Ж;05.03.2014;Маріуполь;з інтернату\n";
    let list = read(&windows1251(text), ListKind::Children);
    assert!(list.is_clean(), "{:?}", messages(&list));
    let fields: Vec<(Field, &str)> = list
        .detected
        .mapped()
        .map(|(f, c)| (f, c.name.as_str()))
        .collect();
    assert_eq!(
        fields,
        [
            (Field::Id, "ІД"),
            (Field::FamilyName, "Прізвище"),
            (Field::GivenName, "Ім’я"),
            (Field::Patronymic, "По батькові"),
            (Field::Sex, "Стать"),
            (Field::BirthDate, "Дата народження (ДД.ММ.РРРР)"),
            (Field::BirthPlace, "Місце народження"),
        ]
    );
    let ignored: Vec<&str> = list.detected.ignored().map(|c| c.name.as_str()).collect();
    assert_eq!(ignored, ["Примітки"]);
    let row = &child_rows(&list)[0];
    assert_eq!(row.id, "UA-17");
    assert_eq!(row.child.patronymic.as_deref(), Some("Петрівна"));
    assert_eq!(row.child.sex, Some(Sex::F));
    assert_eq!(
        row.child.birth_date,
        Some(BirthDate::Day {
            year: 2014,
            month: 3,
            day: 5
        })
    );
}

#[test]
fn russian_headers() {
    let text = "Идентификатор,Фамилия,Имя,Отчество,Пол,Дата рождения,Место рождения\n\
                RU-1,Ковалёва,Алёна,Сергеевна,жен.,2015-07,Мариуполь\n\
                RU-2,Шевчук,Богдан,,м,2016,Херсон\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert!(list.is_clean(), "{:?}", messages(&list));
    assert_eq!(list.detected.mapped().count(), 7);
    let rows = child_rows(&list);
    assert_eq!(rows[0].child.family_name, "Ковалёва");
    assert_eq!(rows[0].child.sex, Some(Sex::F));
    assert_eq!(
        rows[0].child.birth_date,
        Some(BirthDate::Month {
            year: 2015,
            month: 7
        })
    );
    assert_eq!(rows[1].child.sex, Some(Sex::M));
    assert_eq!(
        rows[1].child.birth_date,
        Some(BirthDate::Year { year: 2016 })
    );
}

#[test]
fn hxl_row_under_the_header() {
    let text = "Номер,Прізвище дитини,Ім'я дитини,Дата,Нотатки\n\
                #affected+id,#affected +name +last,#affected+name+first,#date+birth,\n\
                H1,Мельник,Дарина,2011-11-11,пише вірші\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert!(list.is_clean(), "{:?}", messages(&list));
    assert_eq!(list.detected.header_line, 1);
    assert_eq!(list.detected.hxl_line, Some(2));
    let id = list.detected.column(Field::Id).unwrap();
    assert_eq!((id.name.as_str(), id.matched), ("Номер", Matched::Hxl));
    assert_eq!(
        list.detected
            .column(Field::BirthDate)
            .unwrap()
            .hxl
            .as_deref(),
        Some("#date+birth")
    );
    let row = &child_rows(&list)[0];
    assert_eq!((row.row, row.line), (1, 3));
    assert_eq!(row.child.given_name, "Дарина");
}

#[test]
fn hxl_tags_as_the_header() {
    let text = "#affected+id,#affected+name+last,#affected+name+first,#affected+sex,#affected+birth+date\n\
                H1,Мельник,Дарина,f,2011-11-91\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(list.detected.hxl_line, Some(1));
    assert_eq!(list.detected.header_line, 1);
    assert_eq!(
        messages(&list),
        ["row 1 (line 2), column #affected+birth+date: value '2011-11-91' — not a date"]
    );
}

#[test]
fn mapping_file() {
    let mapping = "source_column;field\n\
                   Номер у реєстрі;id\n\
                   ПІБ: прізвище;family_name\n\
                   ПІБ: ім'я;given_name\n\
                   Примітки;-\n\
                   Стать;-\n";
    let mapping = Mapping::parse(&windows1251(mapping)).unwrap();
    let text = "Номер у реєстрі,ПІБ: прізвище,ПІБ: ім'я,Стать,Примітки,Колір очей\n\
                R-9,Ткаченко,Тарас,невідомо,—,карі\n";
    let options = ReadOptions {
        mapping: Some(&mapping),
        ..ReadOptions::new(ListKind::Children)
    };
    let list = read_list(text.as_bytes(), &options).unwrap();
    assert!(list.is_clean(), "{:?}", messages(&list));
    let matched: Vec<Matched> = list.detected.columns.iter().map(|c| c.matched).collect();
    assert_eq!(
        matched,
        [
            Matched::Mapping { line: 2 },
            Matched::Mapping { line: 3 },
            Matched::Mapping { line: 4 },
            Matched::Ignored { line: 6 },
            Matched::Ignored { line: 5 },
            Matched::Unknown,
        ]
    );
    let row = &child_rows(&list)[0];
    assert_eq!(
        (
            row.id.as_str(),
            row.child.family_name.as_str(),
            row.child.sex
        ),
        ("R-9", "Ткаченко", None)
    );

    // Rejecting unknown columns: only the one the mapping does not name.
    let strict = ReadOptions {
        unknown_columns: UnknownColumns::Reject,
        ..options
    };
    let list = read_list(text.as_bytes(), &strict).unwrap();
    assert_eq!(
        messages(&list),
        [
            "header (line 1), column Колір очей: not a known column (name it in a mapping file, or mark it there as ignored)"
        ]
    );
    assert!(list.records.is_empty());
}

/// A file of 20 children whose 17th data row (line 18) has a bad date.
#[test]
fn one_bad_date_in_data_row_17() {
    let mut rows = children(20);
    rows[17][5] = "1945-04-93".into();
    let text = csv(
        &as_refs(&rows).iter().map(Vec::as_slice).collect::<Vec<_>>(),
        b',',
    );
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(
        messages(&list),
        ["row 17 (line 18), column birth_date: value '1945-04-93' — not a date"]
    );
    let ListError::Row(e) = &list.errors[0] else {
        panic!()
    };
    assert_eq!(
        (e.row, e.line, e.column.as_str(), e.value.as_str()),
        (17, 18, "birth_date", "1945-04-93")
    );
    assert_eq!(e.problem, RowProblem::NotADate(DateProblem::NoSuchDay));
    assert_eq!(list.records.len(), 19, "the other rows are read");
}

#[test]
fn every_error_is_reported_in_file_order() {
    let text = "id,Прізвище,Ім'я,Стать,Дата народження\n\
                A1,Коваленко,Олена,ж,2014-03-05\n\
                ,Шевчук,Богдан,x,05/03/2014\n\
                \n\
                A3,,,ч,1899\n\
                A1,Мельник,\"Дарина\nМарія\",ж,14.02.2012\n\
                A5,Бондаренко,Ірина,ж,2012,зайве\n\
                A6,Ткаченко,Тарас,#N/A,2012-01\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(
        messages(&list),
        [
            "row 2 (line 3), column id: value '' — every row needs an id",
            "row 2 (line 3), column Стать: value 'x' — not a sex (write m or f; ч or ж; м or ж; male or female)",
            "row 2 (line 3), column Дата народження: value '05/03/2014' — not a date (write YYYY-MM-DD, DD.MM.YYYY, YYYY-MM or YYYY)",
            "row 3 (line 5), column Прізвище: value '' — the child needs a family name or a given name",
            "row 3 (line 5), column Дата народження: value '1899' — not a date (the year must be between 1900 and 2100)",
            "row 4 (line 6), column id: value 'A1' — the same id as row 1 (line 2)",
            "row 5 (line 8), column (6): value 'зайве' — a value beyond the header's last column (a delimiter inside a value?)",
            "row 6 (line 9), column Стать: value '#N/A' — the cell holds a spreadsheet error",
        ]
    );
    assert_eq!(list.detected.data_rows, 6);
    let ids: Vec<&str> = child_rows(&list).iter().map(|r| r.id.as_str()).collect();
    assert_eq!(ids, ["A1"]);
}

#[test]
fn duplicate_ids_name_the_first_row() {
    let text = "id,family_name,given_name\n7,Коваленко,Олена\n8,Шевчук,Богдан\n7,Мельник,Дарина\n 7 ,Ткаченко,Тарас\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(
        messages(&list),
        [
            "row 3 (line 4), column id: value '7' — the same id as row 1 (line 2)",
            "row 4 (line 5), column id: value '7' — the same id as row 1 (line 2)",
        ]
    );
}

#[test]
fn header_problems_stop_row_validation() {
    let text = "Прізвище,Фамилия,Ім'я,Прізвище заявника\nКоваленко,Коваленко,Олена,Коваленко\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert_eq!(
        messages(&list),
        [
            "header (line 1), column Фамилия: read as family_name, which column Прізвище already gives",
            "header (line 1): no column for id",
        ]
    );
    assert_eq!(
        list.detected.columns[3].matched,
        Matched::OtherKind(Field::RequesterFamilyName)
    );
    assert_eq!(
        list.preview[0].cells[0], "Коваленко",
        "the preview is still shown"
    );

    let strict = ReadOptions {
        unknown_columns: UnknownColumns::Reject,
        ..ReadOptions::new(ListKind::Children)
    };
    let text = "id,family_name,given_name,Прізвище заявника,\nA1,Коваленко,Олена,Шевчук,\n";
    let list = read_list(text.as_bytes(), &strict).unwrap();
    assert_eq!(
        messages(&list),
        [
            "header (line 1), column Прізвище заявника: requester_family_name is not a field of a list of children"
        ]
    );

    let tracing = "id,family_name,given_name\nT1,Коваленко,Олена\n";
    let list = read(tracing.as_bytes(), ListKind::TracingRequests);
    assert_eq!(
        messages(&list),
        ["header (line 1): no column for requester_family_name or requester_given_name"]
    );
}

#[test]
fn a_mapping_to_the_other_kind_is_an_error() {
    let mapping = Mapping::from_pairs([("Мама", Some(Field::RequesterGivenName))]);
    let text = "id,family_name,given_name,Мама\nA1,Коваленко,Олена,Ірина\n";
    let options = ReadOptions {
        mapping: Some(&mapping),
        ..ReadOptions::new(ListKind::Children)
    };
    let list = read_list(text.as_bytes(), &options).unwrap();
    assert_eq!(
        messages(&list),
        ["header (line 1), column Мама: requester_given_name is not a field of a list of children"]
    );
}

#[test]
fn tracing_requests() {
    let text = "Номер запиту,Прізвище дитини,Ім'я дитини,Дата народження дитини,Стать дитини,Де бачили востаннє,Прізвище заявника,Ім'я заявника,По батькові заявника,Ким доводиться,Контакти заявника\n\
                T-1,Коваленко,Олена,2014,ж,\"Херсон, 2022\",Коваленко,Ірина,Петрівна,мати,+380 00 000 0000\n\
                T-2,Шевчук,Богдан,,,,Шевчук,Марія,,бабуся,\n\
                T-3,Мельник,,,,,,,,сусідка,\n";
    let mapping = Mapping::from_pairs([("Номер запиту", Some(Field::Id))]);
    let options = ReadOptions {
        mapping: Some(&mapping),
        ..ReadOptions::new(ListKind::TracingRequests)
    };
    let list = read_list(text.as_bytes(), &options).unwrap();
    assert_eq!(
        messages(&list),
        [
            "row 3 (line 4), column Прізвище заявника: value '' — the person asking needs a family name or a given name",
            "row 3 (line 4), column Ким доводиться: value 'сусідка' — not a relationship (mother, father, grandparent, sibling, aunt or uncle, legal guardian, other)",
        ]
    );
    let rows = request_rows(&list);
    assert_eq!(rows.len(), 2);
    let r = &rows[0];
    assert_eq!(r.requester_relationship, Some(Relationship::Mother));
    assert_eq!(r.requester_contact.as_deref(), Some("+380 00 000 0000"));
    assert_eq!(r.last_seen.as_deref(), Some("Херсон, 2022"));
    let details = r.details("uk");
    assert_eq!(details.requester.given_name, "Ірина");
    assert_eq!(details.requester.patronymic.as_deref(), Some("Петрівна"));
    assert_eq!(details.requester.lang, "uk");
    assert_eq!(details.child.names[0].family_name, "Коваленко");
    assert_eq!(details.child.sex, Some(Sex::F));
    assert_eq!(
        details.child.birth_date,
        Some(BirthDate::Year { year: 2014 })
    );
    assert_eq!(details.last_seen, "Херсон, 2022");
    assert_eq!(
        rows[1].requester_relationship,
        Some(Relationship::Grandparent)
    );
}

#[test]
fn child_rows_become_the_domains_details() {
    let text = "id,family_name,given_name,birth_place\nA1,Коваленко,Олена,Херсон\n";
    let list = read(text.as_bytes(), ListKind::Children);
    let details = child_rows(&list)[0].child.details("uk");
    assert_eq!(details.names.len(), 1);
    assert_eq!(details.names[0].given_name, "Олена");
    assert_eq!(details.names[0].lang, "uk");
    assert_eq!(
        details.birth_place.as_ref().and_then(|p| p.name_in("uk")),
        Some("Херсон")
    );
}

#[test]
fn a_title_above_the_header_is_skipped() {
    let text =
        "Список дітей станом на 01.03.2024,,\n,,\nid,family_name,given_name\nA1,Коваленко,Олена\n";
    let list = read(text.as_bytes(), ListKind::Children);
    assert!(list.is_clean(), "{:?}", messages(&list));
    assert_eq!(list.detected.header_line, 3);
    assert_eq!(
        (child_rows(&list)[0].row, child_rows(&list)[0].line),
        (1, 4)
    );
}

#[test]
fn preview_and_summary() {
    let rows = children(8);
    let text = csv(
        &as_refs(&rows).iter().map(Vec::as_slice).collect::<Vec<_>>(),
        b'\t',
    );
    let list = read(&utf8_bom(&text), ListKind::Children);
    assert_eq!(list.preview.len(), 5);
    assert_eq!(list.preview[0].cells[..3], ["C001", "Шевчук", "Богдан"]);
    assert_eq!((list.preview[4].row, list.preview[4].line), (5, 6));
    assert_eq!(list.detected.data_rows, 8);
    assert_eq!(list.detected.sheet, None);
}

#[test]
fn sha256_of_the_bytes() {
    // printf 'id,family_name\nA1,X\n' | sha256sum
    let list = read(b"id,family_name\nA1,X\n", ListKind::Children);
    assert_eq!(
        list.sha256_hex(),
        "d378d63f5709abaa71baeb0d59f9ec9ea8550a556e2ebd66e216df1a0d50e4f4"
    );
}

#[test]
fn unreadable_files() {
    let options = ReadOptions::new(ListKind::Children);
    let cases: [(&[u8], ReadError); 5] = [
        (b"", ReadError::Empty),
        (b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1rest", ReadError::OldExcel),
        (b"i\0d\0,\0\xff", ReadError::NulBytes),
        (
            b"\xFF\xFEi\0\x00\xD8",
            ReadError::BadText(Encoding::Utf16Le),
        ),
        (b"\n\n,,\n", ReadError::NoHeader),
    ];
    for (bytes, expect) in cases {
        assert_eq!(read_list(bytes, &options).unwrap_err(), expect, "{bytes:?}");
    }
    let e = read_list(b"PK\x03\x04 not really a zip", &options).unwrap_err();
    assert!(matches!(e, ReadError::Xlsx(_)), "{e:?}");
}

#[test]
fn a_rows_errors_follow_its_columns_and_stay_on_one_line() {
    let long = "я".repeat(100);
    let text = format!(
        "birth_date,sex,id,family_name,given_name\n2014-13-01,\"ч\nж\",,,\n,{long},B1,X,\n"
    );
    let list = read(text.as_bytes(), ListKind::Children);
    let quoted = format!("{}…", "я".repeat(80));
    assert_eq!(
        messages(&list),
        [
            "row 1 (line 2), column birth_date: value '2014-13-01' — not a date".to_owned(),
            "row 1 (line 2), column sex: value 'ч\\nж' — not a sex (write m or f; ч or ж; м or ж; male or female)".to_owned(),
            "row 1 (line 2), column id: value '' — every row needs an id".to_owned(),
            "row 1 (line 2), column family_name: value '' — the child needs a family name or a given name".to_owned(),
            format!("row 2 (line 4), column sex: value '{quoted}' — not a sex (write m or f; ч or ж; м or ж; male or female)"),
        ]
    );
}
