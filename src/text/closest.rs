//! The names closest to what was typed, for `did you mean` hints.

use super::fold::fold;

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
}
