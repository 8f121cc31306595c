//! Keyboard and ear typos: one insertion, deletion, substitution or
//! transposition, the four kinds Damerau counted in his 1964 study of
//! spelling errors (about 80 % of misspellings are one such edit).

use rand::{Rng, RngExt};

const ROWS: &[&str] = &[
    // Ukrainian and Russian ЙЦУКЕН.
    "йцукенгшщзхї",
    "фівапролджє",
    "йцукенгшщзхъ",
    "фывапролджэ",
    "ячсмитьбю",
    // QWERTY.
    "qwertyuiop",
    "asdfghjkl",
    "zxcvbnm",
];

/// Letters confused by ear or by the other language's alphabet.
const SOUNDS: &[(char, char)] = &[
    ('е', 'и'),
    ('и', 'і'),
    ('и', 'ы'),
    ('о', 'а'),
    ('е', 'є'),
    ('і', 'ї'),
    ('с', 'з'),
    ('д', 'т'),
    ('б', 'п'),
    ('ш', 'щ'),
    ('ч', 'щ'),
    ('е', 'э'),
    ('i', 'y'),
    ('e', 'a'),
    ('k', 'c'),
    ('s', 'z'),
    ('o', 'a'),
    ('v', 'w'),
    ('j', 'y'),
];

fn neighbours(c: char) -> Vec<char> {
    let mut out = Vec::new();
    for row in ROWS {
        let letters: Vec<char> = row.chars().collect();
        if let Some(i) = letters.iter().position(|&l| l == c) {
            if i > 0 {
                out.push(letters[i - 1]);
            }
            if i + 1 < letters.len() {
                out.push(letters[i + 1]);
            }
        }
    }
    for &(a, b) in SOUNDS {
        if a == c {
            out.push(b);
        } else if b == c {
            out.push(a);
        }
    }
    out
}

fn confusable<R: Rng>(rng: &mut R, c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    let options = neighbours(lower);
    if options.is_empty() {
        return c;
    }
    let pick = options[rng.random_range(0..options.len())];
    if c.is_uppercase() {
        pick.to_uppercase().next().unwrap_or(pick)
    } else {
        pick
    }
}

/// One random edit of a name; the first letter is spared most of the time,
/// as it is in real misspellings.
pub(crate) fn typo<R: Rng>(rng: &mut R, s: &str) -> String {
    let mut chars: Vec<char> = s.chars().collect();
    let letters: Vec<usize> = (0..chars.len())
        .filter(|&i| chars[i].is_alphabetic())
        .collect();
    if letters.len() < 3 {
        return s.to_string();
    }
    let at = if rng.random_bool(0.1) {
        letters[0]
    } else {
        letters[rng.random_range(1..letters.len())]
    };
    let lower_of = |c: char| c.to_lowercase().next().unwrap_or(c);
    match rng.random_range(0..10) {
        // Insertion: a doubled letter or a neighbouring key.
        0..=1 => {
            let c = if rng.random_bool(0.5) {
                lower_of(chars[at])
            } else {
                lower_of(confusable(rng, chars[at]))
            };
            chars.insert(at + 1, c);
        }
        // Deletion.
        2..=4 => {
            chars.remove(at);
            if at == letters[0]
                && let Some(first) = chars.get_mut(at)
            {
                *first = first.to_uppercase().next().unwrap_or(*first);
            }
        }
        // Substitution.
        5..=7 => chars[at] = confusable(rng, chars[at]),
        // Transposition with the next letter.
        _ => {
            if at + 1 < chars.len() && chars[at + 1].is_alphabetic() {
                let (a, b) = (chars[at], chars[at + 1]);
                if at == letters[0] {
                    chars[at] = b.to_uppercase().next().unwrap_or(b);
                    chars[at + 1] = lower_of(a);
                } else {
                    chars.swap(at, at + 1);
                }
            } else {
                chars.remove(at);
            }
        }
    }
    chars.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;
    use rand_chacha::ChaCha8Rng;

    #[test]
    fn a_typo_is_one_or_two_letters_away() {
        let mut rng = ChaCha8Rng::seed_from_u64(7);
        for name in ["Шевченко", "Олександр", "Shevchenko", "Лук'яненко"]
        {
            for _ in 0..200 {
                let t = typo(&mut rng, name);
                let (a, b) = (name.chars().count() as i64, t.chars().count() as i64);
                assert!((a - b).abs() <= 1, "{name} → {t}");
                assert!(t.chars().next().unwrap().is_uppercase(), "{name} → {t}");
            }
        }
    }
}
