//! Synthetic data for the tests and the `render` example: no real child.

#![allow(dead_code)]

use homeward_documents::{Labels, LegInfo, Manifest, ManifestChild, Receipt};

pub fn labels_en() -> Labels {
    Labels {
        manifest_title: "Manifest".into(),
        receipt_title: "Handover receipt".into(),
        trip: "Trip".into(),
        leg: "Leg".into(),
        from: "From".into(),
        to: "To".into(),
        transit_state: "Transit state".into(),
        carrier: "Carrier".into(),
        departs: "Departs".into(),
        arrives: "Arrives".into(),
        escorts: "Escorts".into(),
        child: "Child".into(),
        name_latin: "Name (Latin)".into(),
        name_original: "Name (original)".into(),
        birth_date: "Birth date".into(),
        sex: "Sex".into(),
        documents: "Documents".into(),
        goes_to: "Goes to".into(),
        medical_needs: "Medical needs".into(),
        handed_over_by: "Handed over by".into(),
        received_by: "Received by".into(),
        place: "Place".into(),
        time: "Time".into(),
        signature: "Signature".into(),
        generated: "Generated".into(),
        confidential: "Confidential: contains personal data of children".into(),
    }
}

pub fn labels_uk() -> Labels {
    Labels {
        manifest_title: "Маніфест".into(),
        receipt_title: "Акт передачі дитини".into(),
        trip: "Поїздка".into(),
        leg: "Етап".into(),
        from: "Звідки".into(),
        to: "Куди".into(),
        transit_state: "Держава транзиту".into(),
        carrier: "Перевізник".into(),
        departs: "Відправлення".into(),
        arrives: "Прибуття".into(),
        escorts: "Супровідники".into(),
        child: "Дитина".into(),
        name_latin: "Ім'я латиницею".into(),
        name_original: "Ім'я в оригіналі".into(),
        birth_date: "Дата народження".into(),
        sex: "Стать".into(),
        documents: "Документи".into(),
        goes_to: "Кому передається".into(),
        medical_needs: "Медичні потреби".into(),
        handed_over_by: "Передав(ла)".into(),
        received_by: "Прийняв(ла)".into(),
        place: "Місце".into(),
        time: "Час".into(),
        signature: "Підпис".into(),
        generated: "Створено".into(),
        confidential: "Конфіденційно: містить персональні дані дітей".into(),
    }
}

pub fn labels_ar() -> Labels {
    Labels {
        manifest_title: "بيان الرحلة".into(),
        receipt_title: "إيصال تسليم".into(),
        trip: "الرحلة".into(),
        leg: "المرحلة".into(),
        from: "من".into(),
        to: "إلى".into(),
        transit_state: "دولة العبور".into(),
        carrier: "الناقل".into(),
        departs: "المغادرة".into(),
        arrives: "الوصول".into(),
        escorts: "المرافقون".into(),
        child: "الطفل".into(),
        name_latin: "الاسم بالأحرف اللاتينية".into(),
        name_original: "الاسم الأصلي".into(),
        birth_date: "تاريخ الميلاد".into(),
        sex: "الجنس".into(),
        documents: "الوثائق".into(),
        goes_to: "يُسلَّم إلى".into(),
        medical_needs: "الاحتياجات الطبية".into(),
        handed_over_by: "سلمه".into(),
        received_by: "استلمه".into(),
        place: "المكان".into(),
        time: "الوقت".into(),
        signature: "التوقيع".into(),
        generated: "أُنشئ في".into(),
        confidential: "سري: يحتوي على بيانات شخصية لأطفال".into(),
    }
}

pub const CYRILLIC_NAME: &str = "Коваленко Олена Петрівна";
pub const ARABIC_NAME: &str = "مريم حسن";
pub const LATIN_NAME: &str = "Jonas Weber";

pub fn leg() -> LegInfo {
    LegInfo {
        trip_name: "Spring reunification 2026".into(),
        position: 2,
        legs: 3,
        from_place: "Warsaw".into(),
        to_place: "Київ".into(),
        transit_state: Some("Poland".into()),
        carrier: "Bus KX-2041".into(),
        departs_at: "2026-04-14 08:30".into(),
        arrives_at: Some("2026-04-14 19:00".into()),
    }
}

pub fn three_children() -> Vec<ManifestChild> {
    vec![
        ManifestChild {
            name_latin: "Kovalenko Olena Petrivna".into(),
            name_original: CYRILLIC_NAME.into(),
            birth_date: Some("2014-03-12".into()),
            sex: Some("F".into()),
            documents: vec![
                "Birth certificate І-КВ 123456".into(),
                "Photo ID card".into(),
            ],
            goes_to: Some("Коваленко Ірина (mother), Kyiv".into()),
            medical_needs: Some("Asthma: inhaler in the escort's bag".into()),
        },
        ManifestChild {
            name_latin: "Maryam Hassan".into(),
            name_original: ARABIC_NAME.into(),
            birth_date: Some("2016-07-01".into()),
            sex: Some("F".into()),
            documents: vec!["شهادة ميلاد 2016/4471".into()],
            goes_to: Some("حسن علي (الأب)".into()),
            medical_needs: None,
        },
        ManifestChild {
            name_latin: LATIN_NAME.into(),
            name_original: LATIN_NAME.into(),
            birth_date: None,
            sex: Some("M".into()),
            documents: vec![],
            goes_to: None,
            medical_needs: None,
        },
    ]
}

pub fn manifest(children: Vec<ManifestChild>) -> Manifest {
    Manifest {
        leg: leg(),
        escorts: vec![
            "Anna Nowak".into(),
            "Олег Шевчук".into(),
            "ليلى أحمد".into(),
        ],
        children,
        generated_at: "2026-04-13 17:05".into(),
    }
}

/// `n` children, the three above over and over, numbered so each row is
/// its own.
pub fn many_children(n: usize) -> Vec<ManifestChild> {
    let base = three_children();
    (0..n)
        .map(|i| {
            let mut child = base[i % base.len()].clone();
            child.name_latin = format!("{} {}", child.name_latin, i + 1);
            child
        })
        .collect()
}

pub fn receipts(children: &[ManifestChild]) -> Vec<Receipt> {
    children
        .iter()
        .map(|child| Receipt {
            leg: leg(),
            child: child.clone(),
            handed_over_by: "Anna Nowak".into(),
            received_by: "Олена Бондар".into(),
            place: "Київ, вул. Хрещатик 1".into(),
            time: "2026-04-14 19:20".into(),
            generated_at: "2026-04-13 17:05".into(),
        })
        .collect()
}
