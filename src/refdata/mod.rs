//! Reference data that never changes at run time: SDG titles, UN Member States and their aliases,
//! and language codes. Names and codes are static sorted tables (`country_tables.rs` and
//! `language_tables.rs`, generated from the data files by `generate.rs` in the test suite), so a
//! run pays nothing to build them.

mod countries;
#[rustfmt::skip]
mod country_tables;
#[cfg(test)]
mod generate;
#[rustfmt::skip]
mod language_tables;
mod languages;

pub use countries::{
    CountryMatch, complete_state, country_candidates, country_hint, knows_country, match_country,
};
pub use languages::{
    LanguageMatch, complete_language, knows_language, language_candidates, language_hint,
    match_language,
};

/// The 17 Sustainable Development Goals, by number (index 0 is SDG 1).
pub const SDG_TITLES: [&str; 17] = [
    "No Poverty",
    "Zero Hunger",
    "Good Health and Well-being",
    "Quality Education",
    "Gender Equality",
    "Clean Water and Sanitation",
    "Affordable and Clean Energy",
    "Decent Work and Economic Growth",
    "Industry, Innovation and Infrastructure",
    "Reduced Inequalities",
    "Sustainable Cities and Communities",
    "Responsible Consumption and Production",
    "Climate Action",
    "Life Below Water",
    "Life on Land",
    "Peace, Justice and Strong Institutions",
    "Partnerships for the Goals",
];

/// The title of SDG `n`, if `n` is 1 to 17.
pub fn sdg_title(n: i64) -> Option<&'static str> {
    usize::try_from(n)
        .ok()
        .and_then(|n| n.checked_sub(1))
        .and_then(|i| SDG_TITLES.get(i).copied())
}

/// The index `key` stands for in a table sorted by key.
fn look_up(table: &[(&str, u16)], key: &str) -> Option<usize> {
    table
        .binary_search_by(|(k, _)| (*k).cmp(key))
        .ok()
        .map(|at| usize::from(table[at].1))
}

/// Folds text for loose comparison: ASCII transliteration, lowercase, letters and digits only.
///
/// `Côte d’Ivoire`, `COTE D'IVOIRE` and `Cote dIvoire` all fold to `cotedivoire`.
pub fn fold(s: &str) -> String {
    // Most names are ASCII already: they skip the transliterated copy.
    if s.is_ascii() {
        collect_folded(s)
    } else {
        collect_folded(&deunicode::deunicode(s))
    }
}

/// Appends [`fold`] of `s` to `out`: many texts folded one after another into one buffer.
pub fn fold_into(s: &str, out: &mut Vec<u8>) {
    if !s.is_ascii() {
        out.extend_from_slice(fold(s).as_bytes());
        return;
    }
    let start = out.len();
    out.resize(start + s.len(), 0);
    let len = fold_ascii_to(s.as_bytes(), &mut out[start..]);
    out.truncate(start + len);
}

/// Writes the fold of ASCII `ascii` to the start of `to` (at least as long) and says how long it
/// is. Each byte is written, then kept or not: no branch a byte, which is what folding long names
/// costs.
fn fold_ascii_to(ascii: &[u8], to: &mut [u8]) -> usize {
    let mut len = 0;
    for &b in ascii {
        let (folded, kept) = fold_byte(b);
        to[len] = folded;
        len += usize::from(kept);
    }
    len
}

/// A byte as folding sees it: lowercased, and whether it is kept (an ASCII letter or digit).
#[inline(always)]
fn fold_byte(b: u8) -> (u8, bool) {
    let lower = b | 0x20;
    let letter = lower.wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    (if letter { lower } else { b }, letter | digit)
}

/// [`fold`] of ASCII text, into a string of exactly its size: counted first, which is cheaper
/// than growing it character by character.
fn collect_folded(ascii: &str) -> String {
    let mut folded = Vec::with_capacity(folded_ascii(ascii).count());
    folded.extend(folded_ascii(ascii));
    String::from_utf8(folded).expect("letters and digits are ASCII")
}

/// Calls `f` with [`fold`] of `s`, folded on the stack when `s` is short ASCII: the look-ups made
/// for every name in every file then allocate nothing.
pub fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const ON_STACK: usize = 64;
    if s.len() > ON_STACK || !s.is_ascii() {
        return f(&fold(s));
    }
    let mut folded = [0u8; ON_STACK];
    let len = fold_ascii_to(s.as_bytes(), &mut folded);
    f(std::str::from_utf8(&folded[..len]).expect("letters and digits are ASCII"))
}

/// Whether `s` folds to `folded` (what [`fold`] gave for another text), without making the copy
/// when `s` is ASCII.
pub fn folds_to(s: &str, folded: &str) -> bool {
    if !s.is_ascii() {
        return fold(s) == folded;
    }
    folded_ascii(s).eq(folded.bytes())
}

/// The letters and digits of ASCII text, lowercase: [`fold`] once the text is ASCII.
fn folded_ascii(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter_map(|b| {
        let (folded, kept) = fold_byte(b);
        kept.then_some(folded)
    })
}

/// The candidate among `candidates` closest to `input` (after folding), if reasonably close.
pub fn closest<'a>(input: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = fold(input);
    if folded.is_empty() {
        return None;
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&folded, &fold(c)), c))
        .filter(|(score, _)| *score >= 0.88)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

/// The names closest to `input`, best first: those that hold all its words in order
/// (`Tobago` → `Trinidad and Tobago`, `Korea` → both Koreas), else those spelled nearly like it;
/// empty when none is close. Each candidate is a spelling to compare and the name it stands for
/// (a name may come with several spellings, its aliases); each name is given once, at most three.
pub fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<&'a str> {
    const MOST: usize = 3;
    let typed = words(input);
    let folded: String = typed.concat();
    if folded.len() < 3 {
        return Vec::new();
    }
    let mut holding: Vec<(f64, &'a str)> = Vec::new();
    let mut alike: Vec<(f64, &'a str)> = Vec::new();
    for (spelling, name) in candidates {
        let theirs = words(spelling);
        let score = strsim::jaro_winkler(&folded, &theirs.concat());
        let list = if theirs.windows(typed.len()).any(|w| w == typed.as_slice()) {
            &mut holding
        } else {
            &mut alike
        };
        match list.iter_mut().find(|(_, n)| *n == name) {
            Some(seen) => seen.0 = seen.0.max(score),
            None => list.push((score, name)),
        }
    }
    let by_score = |list: &mut Vec<(f64, &'a str)>| list.sort_by(|a, b| b.0.total_cmp(&a.0));
    by_score(&mut holding);
    // `Republic` is in too many names to point at any of them.
    if (1..=MOST).contains(&holding.len()) {
        return holding.into_iter().map(|(_, n)| n).collect();
    }
    by_score(&mut alike);
    let best = alike.first().map_or(0.0, |(s, _)| *s);
    alike
        .into_iter()
        .filter(|(score, _)| *score >= 0.88 && *score >= best - 0.03)
        .take(MOST)
        .map(|(_, n)| n)
        .collect()
}

/// `did you mean `A`?`, `… `A` or `B`?`, `… `A`, `B` or `C`?`; `None` for no names.
pub fn did_you_mean(names: &[&str]) -> Option<String> {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => None,
        [one] => Some(format!("did you mean {one}?")),
        [first @ .., last] => Some(format!("did you mean {} or {last}?", first.join(", "))),
    }
}

/// Lowercase ASCII words of `s`, accents and punctuation dropped.
fn words(s: &str) -> Vec<String> {
    deunicode::deunicode(s)
        .to_ascii_lowercase()
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sdg_titles_by_number() {
        assert_eq!(sdg_title(1), Some("No Poverty"));
        assert_eq!(sdg_title(13), Some("Climate Action"));
        assert_eq!(sdg_title(17), Some("Partnerships for the Goals"));
        assert_eq!(sdg_title(0), None);
        assert_eq!(sdg_title(18), None);
        assert_eq!(sdg_title(-1), None);
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        let texts = [
            "Côte d’Ivoire",
            "COTE D'IVOIRE",
            "cote",
            "Early Warnings for All",
            "",
            "-",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(folds_to(a, &fold(b)), fold(a) == fold(b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn closest_ignores_case_and_accents() {
        let names = ["description", "dates", "name"];
        assert_eq!(closest("descripton", names), Some("description"));
        assert_eq!(closest("DATES", names), Some("dates"));
        assert_eq!(closest("zzzzzz", names), None);
    }

    #[test]
    fn nearest_names_whole_words_first_then_spelling() {
        let states = [
            ("Togo", "Togo"),
            ("Trinidad and Tobago", "Trinidad and Tobago"),
            ("Republic of Korea", "Republic of Korea"),
            ("South Korea", "Republic of Korea"),
            (
                "Democratic People's Republic of Korea",
                "Democratic People's Republic of Korea",
            ),
            ("North Korea", "Democratic People's Republic of Korea"),
            ("Republic of Moldova", "Republic of Moldova"),
            ("Moldova", "Republic of Moldova"),
            ("Central African Republic", "Central African Republic"),
            ("Dominican Republic", "Dominican Republic"),
            ("Senegal", "Senegal"),
        ];
        assert_eq!(nearest("Tobago", states), ["Trinidad and Tobago"]);
        assert_eq!(nearest("Moldava", states), ["Republic of Moldova"]);
        let mut koreas = nearest("Korea", states);
        koreas.sort_unstable();
        assert_eq!(
            koreas,
            ["Democratic People's Republic of Korea", "Republic of Korea"]
        );
        assert_eq!(nearest("Senegall", states), ["Senegal"]);
        assert!(nearest("Republic", states).is_empty(), "in too many names");
        assert!(nearest("Atlantis", states).is_empty());
        assert!(nearest("zz", states).is_empty());
    }

    #[test]
    fn hints_name_one_two_or_three() {
        assert_eq!(did_you_mean(&[]), None);
        assert_eq!(did_you_mean(&["A"]).unwrap(), "did you mean `A`?");
        assert_eq!(
            did_you_mean(&["A", "B"]).unwrap(),
            "did you mean `A` or `B`?"
        );
        assert_eq!(
            did_you_mean(&["A", "B", "C"]).unwrap(),
            "did you mean `A`, `B` or `C`?"
        );
    }
}
