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
/// To look up many inputs in the same candidates, build a [`Nearest`] once.
pub fn nearest<'a>(
    input: &str,
    candidates: impl IntoIterator<Item = (&'a str, &'a str)>,
) -> Vec<&'a str> {
    Nearest::new(candidates).find(input)
}

/// Candidate spellings read once (their words, their fold, their letters counted), so that each
/// look-up costs a comparison per candidate and no more.
#[derive(Debug, Clone)]
pub struct Nearest<T> {
    candidates: Vec<Candidate<T>>,
}

#[derive(Debug, Clone)]
struct Candidate<T> {
    words: Vec<String>,
    folded: String,
    letters: Letters,
    name: T,
}

/// How many times each ASCII letter and digit occurs in a folded spelling: Jaro's matching
/// characters are at most the letters two spellings share.
type Letters = [u16; 36];

fn letters(folded: &str) -> Letters {
    let mut counts = [0u16; 36];
    for b in folded.bytes() {
        let slot = match b {
            b'a'..=b'z' => b - b'a',
            b'0'..=b'9' => 26 + b - b'0',
            _ => continue,
        };
        let count = &mut counts[usize::from(slot)];
        *count = count.saturating_add(1);
    }
    counts
}

/// Whether two spellings could be alike enough (Jaro-Winkler ≥ [`ALIKE`]) given only their
/// lengths and the letters they share: Jaro-Winkler adds its prefix bonus only above a Jaro of
/// 0.7, and Jaro is at most (m/|a| + m/|b| + 1) / 3 with m matching characters, at most the
/// letters shared.
fn may_be_alike(a: &str, a_letters: &Letters, b: &str, b_letters: &Letters) -> bool {
    let shared: u32 = a_letters
        .iter()
        .zip(b_letters)
        .map(|(x, y)| u32::from(*x.min(y)))
        .sum();
    let shared = f64::from(shared);
    #[allow(
        clippy::cast_precision_loss,
        reason = "names are far shorter than 2^52"
    )]
    let (a_len, b_len) = (a.len() as f64, b.len() as f64);
    (shared / a_len + shared / b_len + 1.0) / 3.0 > 0.7
}

/// The score a spelling needs to be offered as alike.
const ALIKE: f64 = 0.88;

impl<T: Copy + PartialEq> Nearest<T> {
    /// Reads every candidate: a spelling and the name it stands for.
    pub fn new<'s>(candidates: impl IntoIterator<Item = (&'s str, T)>) -> Nearest<T> {
        let candidates = candidates
            .into_iter()
            .map(|(spelling, name)| {
                let words = words(spelling);
                let folded = words.concat();
                Candidate {
                    letters: letters(&folded),
                    words,
                    folded,
                    name,
                }
            })
            .collect();
        Nearest { candidates }
    }

    /// The names closest to `input`, best first, as [`nearest`] says.
    pub fn find(&self, input: &str) -> Vec<T> {
        const MOST: usize = 3;
        let typed = words(input);
        let folded: String = typed.concat();
        if folded.len() < 3 {
            return Vec::new();
        }
        let typed_letters = letters(&folded);
        let mut holding: Vec<(f64, T)> = Vec::new();
        let mut alike: Vec<(f64, T)> = Vec::new();
        for candidate in &self.candidates {
            let holds = candidate
                .words
                .windows(typed.len())
                .any(|w| w == typed.as_slice());
            // A spelling that neither holds the words nor can score as alike changes nothing:
            // the Jaro comparison, the costly part, is left out for it.
            if !holds
                && !may_be_alike(
                    &folded,
                    &typed_letters,
                    &candidate.folded,
                    &candidate.letters,
                )
            {
                continue;
            }
            let score = strsim::jaro_winkler(&folded, &candidate.folded);
            let list = if holds { &mut holding } else { &mut alike };
            match list.iter_mut().find(|(_, n)| *n == candidate.name) {
                Some(seen) => seen.0 = seen.0.max(score),
                None => list.push((score, candidate.name)),
            }
        }
        let by_score = |list: &mut Vec<(f64, T)>| list.sort_by(|a, b| b.0.total_cmp(&a.0));
        by_score(&mut holding);
        // `Republic` is in too many names to point at any of them.
        if (1..=MOST).contains(&holding.len()) {
            return holding.into_iter().map(|(_, n)| n).collect();
        }
        by_score(&mut alike);
        let best = alike.first().map_or(0.0, |(s, _)| *s);
        alike
            .into_iter()
            .filter(|(score, _)| *score >= ALIKE && *score >= best - 0.03)
            .take(MOST)
            .map(|(_, n)| n)
            .collect()
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

    /// The cut before the Jaro comparison leaves every result as the full comparison gives it:
    /// a spelling it skips could never have scored as alike.
    #[test]
    fn the_cut_before_jaro_never_drops_a_spelling_that_scores_as_alike() {
        let spellings = [
            "United Nations Children's Fund",
            "UNICEF",
            "World Food Programme",
            "WFP",
            "Entity number 12 (E12)",
            "International Organization for Migration",
            "Zzz",
            "United Nations Environment Programme",
        ];
        let inputs = [
            "United Nations Childrens Fund",
            "Unicef",
            "World Food Program",
            "Entity number 1 (E1)",
            "Internatonal Organisation for Migration",
            "UN Environment",
            "qqqqqqqq",
        ];
        for input in inputs {
            let folded = words(input).concat();
            for spelling in spellings {
                let theirs = words(spelling).concat();
                if strsim::jaro_winkler(&folded, &theirs) >= ALIKE {
                    assert!(
                        may_be_alike(&folded, &letters(&folded), &theirs, &letters(&theirs)),
                        "`{input}` against `{spelling}`"
                    );
                }
            }
        }
    }

    proptest::proptest! {
        /// The same on any two spellings of letters, digits and spaces.
        #[test]
        fn the_cut_before_jaro_holds_for_any_spellings(a in "[a-e0-2 ]{0,30}", b in "[a-e0-2 ]{0,30}") {
            let (a, b) = (words(&a).concat(), words(&b).concat());
            if !a.is_empty() && !b.is_empty() && strsim::jaro_winkler(&a, &b) >= ALIKE {
                proptest::prop_assert!(may_be_alike(&a, &letters(&a), &b, &letters(&b)));
            }
        }
    }
}
