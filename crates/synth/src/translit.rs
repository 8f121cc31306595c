//! Cyrillic → Latin as it is done on real papers, written independently of
//! the linkage engine's tables so that benchmarks are not circular.
//!
//! Each [`Scheme`] is one system in use: Ukraine's 2010 national system (and
//! the y-style spellings of earlier passports), Russia's ICAO 2013 and 1997
//! passport systems, BGN/PCGN, and the German and French renderings found in
//! papers issued abroad. [`Informal`] adds what people actually type:
//! «Olexandr», «Sergiy», «Yulia», «Dmitry», «Mihail».

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scheme {
    /// Cabinet of Ministers of Ukraine resolution No. 55 (2010): Oleksandr, Andrii, Yuliia.
    UkNational2010,
    /// The y-style of Ukrainian passports before 2010: Andriy, Yuliya, Tetyana.
    UkPassport2007,
    /// Russian passports since 2013 (ICAO Doc 9303): Aleksandr, Andrei, Iuliia.
    RuIcao2013,
    /// Russian passports 1997–2010: Andrey, Yuliya, Natalya.
    RuMvd1997,
    /// BGN/PCGN without diacritics: Yelena, Natalya, Fyodor.
    RuBgn,
    /// German papers: Schewtschenko, Andrij, Julija.
    German,
    /// French papers: Chevtchenko, Andrei, Ioulia.
    French,
}

/// Informal habits layered over a scheme.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Informal {
    /// «кс» as x: Olexandr, Alexey, Maxym.
    pub ks_as_x: bool,
    /// Ukrainian «г» as g: Sergiy, Olga, Grygorii.
    pub g_for_h: bool,
    /// «-ія/-ия» as -ia: Yulia, Maria, Natalia.
    pub short_ia: bool,
    /// Final «-ий/-ій» as -y: Dmitry, Yury, Andry.
    pub short_final_y: bool,
    /// Final «-ій» as -iy: Andriy, Serhiy (where the scheme writes -ii).
    pub final_iy: bool,
    /// «х» as h: Mihail, Harkov.
    pub h_for_kh: bool,
}

fn is_vowel(c: char) -> bool {
    "аеєиіїоуюяыэёАЕЄИІЇОУЮЯЫЭЁ".contains(c)
}

fn letter(
    scheme: Scheme,
    inf: Informal,
    c: char,
    initial: bool,
    after_vowel: bool,
) -> &'static str {
    use Scheme::*;
    let uk = matches!(scheme, UkNational2010 | UkPassport2007);
    let pick =
        |at_start: &'static str, inside: &'static str| if initial { at_start } else { inside };
    match c {
        'а' => "a",
        'б' => "b",
        'в' => {
            if scheme == German {
                "w"
            } else {
                "v"
            }
        }
        'г' => match scheme {
            UkNational2010 | UkPassport2007 if !inf.g_for_h => "h",
            German if !inf.g_for_h => "h",
            _ => "g",
        },
        'ґ' => "g",
        'д' => "d",
        'е' => match scheme {
            RuBgn if initial || after_vowel => "ye",
            German if initial => "je",
            _ => "e",
        },
        'ё' => match scheme {
            RuIcao2013 | RuMvd1997 => "e",
            German => "jo",
            French => "io",
            UkNational2010 => pick("yo", "io"),
            _ => "yo",
        },
        'є' => match scheme {
            UkNational2010 => pick("ye", "ie"),
            RuIcao2013 | French => "ie",
            German => "je",
            _ => "ye",
        },
        'ж' => match scheme {
            German => "sch",
            French => "j",
            _ => "zh",
        },
        'з' => {
            if scheme == German {
                "s"
            } else {
                "z"
            }
        }
        'и' => {
            if uk || scheme == German {
                "y"
            } else {
                "i"
            }
        }
        'і' => "i",
        'ї' => match scheme {
            UkNational2010 => pick("yi", "i"),
            UkPassport2007 => "yi",
            German => "ji",
            _ => "i",
        },
        'й' => match scheme {
            UkNational2010 => pick("y", "i"),
            RuIcao2013 | French => "i",
            German => "j",
            _ => "y",
        },
        'к' => "k",
        'л' => "l",
        'м' => "m",
        'н' => "n",
        'о' => "o",
        'п' => "p",
        'р' => "r",
        'с' => "s",
        'т' => "t",
        'у' => {
            if scheme == French {
                "ou"
            } else {
                "u"
            }
        }
        'ф' => "f",
        'х' => match scheme {
            German => "ch",
            _ if inf.h_for_kh => "h",
            _ => "kh",
        },
        'ц' => match scheme {
            German => "z",
            _ => "ts",
        },
        'ч' => match scheme {
            German => "tsch",
            French => "tch",
            _ => "ch",
        },
        'ш' => match scheme {
            German => "sch",
            French => "ch",
            _ => "sh",
        },
        'щ' => match scheme {
            German => "schtsch",
            French => "chtch",
            _ => "shch",
        },
        'ъ' if scheme == RuIcao2013 => "ie",
        'ъ' => "",
        'ы' => "y",
        'ь' => "",
        'э' => "e",
        'ю' => match scheme {
            UkNational2010 => pick("yu", "iu"),
            RuIcao2013 => "iu",
            German => "ju",
            French => "iou",
            _ => "yu",
        },
        'я' => match scheme {
            UkNational2010 => pick("ya", "ia"),
            RuIcao2013 | French => "ia",
            German => "ja",
            _ => "ya",
        },
        '\'' | '’' | 'ʼ' | '`' => "",
        _ => "",
    }
}

/// Transliterates a name written in Ukrainian or Russian Cyrillic.
pub(crate) fn latin(name: &str, scheme: Scheme, inf: Informal) -> String {
    let lower: Vec<char> = name.chars().flat_map(char::to_lowercase).collect();
    let mut out = String::with_capacity(lower.len() * 2);
    let mut word_start = true;
    let mut prev_vowel = false;
    for (i, &c) in lower.iter().enumerate() {
        if c.is_alphabetic() {
            if c.is_ascii() {
                out.push(c);
            } else {
                // Ukrainian «зг» is written zgh so that it is not read as «ж».
                if scheme == Scheme::UkNational2010 && c == 'г' && i > 0 && lower[i - 1] == 'з' {
                    out.push_str("gh");
                } else {
                    out.push_str(letter(scheme, inf, c, word_start, prev_vowel));
                }
            }
            prev_vowel = is_vowel(c) || c == 'ь' || c == 'ъ';
            word_start = false;
        } else if matches!(c, '\'' | '’' | 'ʼ' | '`') {
            // Apostrophes vanish and do not start a word.
        } else {
            out.push(c);
            word_start = true;
            prev_vowel = false;
        }
    }
    informal(&mut out, inf);
    title_case(&out)
}

fn informal(s: &mut String, inf: Informal) {
    if inf.ks_as_x {
        *s = s.replace("ks", "x");
    }
    if inf.short_ia {
        *s = s.replace("iya", "ia").replace("iia", "ia");
    }
    let words: Vec<String> = s
        .split(' ')
        .map(|w| {
            let mut w = w.to_string();
            if inf.short_final_y {
                for end in ["iy", "yy", "ii", "ij"] {
                    if w.len() > 4 && w.ends_with(end) {
                        w.truncate(w.len() - 2);
                        w.push('y');
                        break;
                    }
                }
            } else if inf.final_iy && w.ends_with("ii") {
                w.truncate(w.len() - 1);
                w.push('y');
            }
            w
        })
        .collect();
    *s = words.join(" ");
}

/// Upper-cases the first letter of each word («kam'ianka-dniprovska» →
/// «Kamianka-Dniprovska»).
pub(crate) fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut start = true;
    for c in s.chars() {
        if start {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        start = !c.is_alphabetic();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use Scheme::*;

    fn check(name: &str, scheme: Scheme, inf: Informal, expect: &str) {
        assert_eq!(
            latin(name, scheme, inf),
            expect,
            "{name} in {scheme:?} {inf:?}"
        );
    }

    #[test]
    fn official_schemes() {
        let none = Informal::default();
        for (name, scheme, expect) in [
            ("Олександр", UkNational2010, "Oleksandr"),
            ("Шевченко", UkNational2010, "Shevchenko"),
            ("Андрій", UkNational2010, "Andrii"),
            ("Юлія", UkNational2010, "Yuliia"),
            ("Згурський", UkNational2010, "Zghurskyi"),
            ("Їжакевич", UkNational2010, "Yizhakevych"),
            ("Знам'янка", UkNational2010, "Znamianka"),
            ("Харків", UkNational2010, "Kharkiv"),
            ("Запоріжжя", UkNational2010, "Zaporizhzhia"),
            ("Андрій", UkPassport2007, "Andriy"),
            ("Тетяна", UkPassport2007, "Tetyana"),
            ("Александр", RuIcao2013, "Aleksandr"),
            ("Юлия", RuIcao2013, "Iuliia"),
            ("Андрей", RuIcao2013, "Andrei"),
            ("Андрей", RuMvd1997, "Andrey"),
            ("Наталья", RuMvd1997, "Natalya"),
            ("Елена", RuBgn, "Yelena"),
            ("Фёдор", RuBgn, "Fyodor"),
            ("Шевченко", German, "Schewtschenko"),
            ("Шевчук", French, "Chevtchouk"),
            (
                "Кам'янка-Дніпровська",
                UkNational2010,
                "Kamianka-Dniprovska",
            ),
        ] {
            check(name, scheme, none, expect);
        }
    }

    #[test]
    fn informal_habits() {
        let x = Informal {
            ks_as_x: true,
            ..Default::default()
        };
        check("Олександр", UkNational2010, x, "Olexandr");
        check("Александр", RuMvd1997, x, "Alexandr");
        let g = Informal {
            g_for_h: true,
            final_iy: true,
            ..Default::default()
        };
        check("Сергій", UkNational2010, g, "Sergiy");
        let ia = Informal {
            short_ia: true,
            ..Default::default()
        };
        check("Юлія", UkPassport2007, ia, "Yulia");
        let y = Informal {
            short_final_y: true,
            ..Default::default()
        };
        check("Дмитрий", RuMvd1997, y, "Dmitry");
        let h = Informal {
            h_for_kh: true,
            ..Default::default()
        };
        check("Михаил", RuMvd1997, h, "Mihail");
    }
}
