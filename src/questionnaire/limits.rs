//! Word-limit phrases as forms print them — `(Max 200 words)`, `(max 150 words)`,
//! `(200-800 words)`, `(at least 50 words)` — read into [`WordLimits`] and written back.
//!
//! Limits are data: a definition keeps them in `min_words`/`max_words`, never in a question's
//! text; the blank form prints them, and `definition from-text` reads them.

use std::ops::Range;

use super::WordLimits;

/// A limit phrase found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LimitPhrase {
    /// Byte range of the phrase, parentheses included.
    pub range: Range<usize>,
    /// The limits it states.
    pub limits: WordLimits,
}

impl LimitPhrase {
    /// The phrase as written.
    pub fn text<'a>(&self, of: &'a str) -> &'a str {
        &of[self.range.clone()]
    }
}

/// The first parenthesised word-limit phrase in `text`.
pub fn find(text: &str) -> Option<LimitPhrase> {
    let mut from = 0;
    while let Some(open) = text[from..].find('(').map(|i| from + i) {
        let close = text[open..].find(')').map(|i| open + i)?;
        if let Some(limits) = read(&text[open + 1..close]) {
            return Some(LimitPhrase {
                range: open..close + 1,
                limits,
            });
        }
        from = open + 1;
    }
    None
}

/// `text` without its limit phrase (spaces around it closed up), and the limits.
pub fn strip(text: &str) -> (String, Option<WordLimits>) {
    match find(text) {
        Some(phrase) => {
            let before = text[..phrase.range.start].trim_end();
            let after = text[phrase.range.end..].trim_start();
            let joined =
                if before.is_empty() || after.is_empty() || after.starts_with([',', '.', ':', ';'])
                {
                    format!("{before}{after}")
                } else {
                    format!("{before} {after}")
                };
            (joined.trim().to_string(), Some(phrase.limits))
        }
        None => (text.to_string(), None),
    }
}

/// The phrase a form prints for `limits`, or `None` when there are none.
pub fn phrase(limits: WordLimits) -> Option<String> {
    match (limits.min, limits.max) {
        (Some(min), Some(max)) => Some(format!("({min}-{max} words)")),
        (None, Some(max)) => Some(format!("(Max {max} words)")),
        (Some(min), None) => Some(format!("(at least {min} words)")),
        (None, None) => None,
    }
}

/// Reads the inside of a parenthesis: `Max 200 words`, `200-800 words`, `at least 50 words`.
fn read(inner: &str) -> Option<WordLimits> {
    let lower = inner.trim().to_lowercase();
    let words = lower
        .strip_suffix("words")
        .or_else(|| lower.strip_suffix("word"))?
        .trim();
    let number = |s: &str| s.trim().replace(',', "").parse::<usize>().ok();
    for prefix in [
        "maximum of",
        "maximum",
        "max.",
        "max",
        "up to",
        "no more than",
    ] {
        if let Some(rest) = words.strip_prefix(prefix) {
            return Some(WordLimits {
                min: None,
                max: Some(number(rest)?),
            });
        }
    }
    for prefix in ["minimum of", "minimum", "min.", "min", "at least"] {
        if let Some(rest) = words.strip_prefix(prefix) {
            return Some(WordLimits {
                min: Some(number(rest)?),
                max: None,
            });
        }
    }
    for separator in ["-", "–", "—", " to "] {
        if let Some((a, b)) = words.split_once(separator) {
            let (min, max) = (number(a)?, number(b)?);
            return (min <= max).then_some(WordLimits {
                min: Some(min),
                max: Some(max),
            });
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(min: Option<usize>, max: Option<usize>) -> WordLimits {
        WordLimits { min, max }
    }

    #[test]
    fn phrases_forms_print() {
        let cases = [
            ("(Max 200 words)", limits(None, Some(200))),
            ("(max 150 words)", limits(None, Some(150))),
            ("(maximum 1,000 words)", limits(None, Some(1000))),
            ("(200-800 words)", limits(Some(200), Some(800))),
            ("(200–800 words)", limits(Some(200), Some(800))),
            ("(200 to 800 words)", limits(Some(200), Some(800))),
            ("(at least 50 words)", limits(Some(50), None)),
        ];
        for (text, want) in cases {
            let found = find(&format!("Say it {text}: now")).unwrap();
            assert_eq!(found.limits, want, "{text}");
            assert_eq!(found.text(&format!("Say it {text}: now")), text);
        }
        for none in [
            "(City, Country)",
            "(if applicable)",
            "(800-200 words)",
            "(max words)",
            "(a",
        ] {
            assert_eq!(find(none), None, "{none}");
        }
    }

    #[test]
    fn phrases_are_stripped_and_written_back() {
        assert_eq!(
            strip("Why? (Max 200 words)"),
            ("Why?".to_string(), Some(limits(None, Some(200))))
        );
        assert_eq!(
            strip("Description (max 150 words): please"),
            (
                "Description: please".to_string(),
                Some(limits(None, Some(150)))
            )
        );
        assert_eq!(strip("Nothing here").1, None);
        for l in [
            limits(None, Some(200)),
            limits(Some(200), Some(800)),
            limits(Some(3), None),
        ] {
            assert_eq!(find(&phrase(l).unwrap()).unwrap().limits, l);
        }
        assert_eq!(phrase(WordLimits::default()), None);
    }
}
