//! Text: folding for comparisons, the "not answered" and "pending" values, and the word rule.

use super::Problem;
use crate::finding::Code;
use crate::questionnaire::WordLimits;

/// Folds text for loose comparison: ASCII transliteration, lowercase, letters and digits only.
///
/// `Côte d’Ivoire`, `COTE D'IVOIRE` and `Cote dIvoire` all fold to `cotedivoire`.
pub fn fold(s: &str) -> String {
    let ascii = deunicode::deunicode(s);
    ascii
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// A value that is not an answer in its own right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Marker {
    /// Empty, `N/A`, `No response`, `Not applicable`, `None`: explicitly not answered.
    NotAnswered,
    /// `TBD`, `To be determined`, `Forthcoming`: not yet known.
    Pending,
}

const NOT_ANSWERED: &[&str] = &["", "n/a", "na", "no response", "not applicable", "none"];
const PENDING: &[&str] = &[
    "tbd",
    "tbc",
    "to be determined",
    "to be confirmed",
    "forthcoming",
];

/// Recognises the not-answered and pending values, in any case, with a trailing full stop.
pub fn marker(s: &str) -> Option<Marker> {
    let t = s.trim();
    let t = t.strip_suffix('.').unwrap_or(t).trim();
    if t.len() > 20 {
        return None;
    }
    let lower = t.to_lowercase();
    if NOT_ANSWERED.contains(&lower.as_str()) {
        Some(Marker::NotAnswered)
    } else if PENDING.contains(&lower.as_str()) {
        Some(Marker::Pending)
    } else {
        None
    }
}

/// Counts words: maximal runs of non-whitespace holding at least one letter or digit.
///
/// `IOM's`, `Co-leads`, `2022` and `(UNSC),` are one word each; a lone `-` or `–` is none.
/// Paragraphs are joined first, which whitespace splitting does by itself.
pub fn count_words(s: &str) -> usize {
    s.split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .count()
}

/// Checks a text against word limits.
pub fn check_words(s: &str, limits: WordLimits) -> Option<Problem> {
    let n = count_words(s);
    if let Some(max) = limits.max
        && n > max
    {
        let over = n - max;
        return Some(
            Problem::new(
                Code::WordLimit,
                format!("has {n} words, the limit is {max}"),
            )
            .hint(format!("shorten it by {over} {}", plural(over, "word"))),
        );
    }
    if let Some(min) = limits.min
        && n < min
    {
        let under = min - n;
        return Some(
            Problem::new(
                Code::WordMinimum,
                format!("has {n} words, at least {min} are expected"),
            )
            .hint(format!("add {under} {} or more", plural(under, "word"))),
        );
    }
    None
}

/// `word` or `words`.
pub fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        word.to_string()
    } else {
        format!("{word}s")
    }
}

/// Normalises text for output: line endings to `\n`, no trailing blanks on lines, trimmed.
pub fn normalise(s: &str) -> String {
    let joined: Vec<&str> = s.lines().map(str::trim_end).collect();
    joined.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_word_rule() {
        let cases: &[(&str, usize)] = &[
            ("", 0),
            ("IOM's Co-leads 2022 (UNSC),", 4),
            ("a – b - c", 3),
            ("first paragraph\n\nsecond  paragraph", 4),
            ("— ... !!", 0),
            ("日本 語", 2),
            ("x\u{00a0}y", 2),
        ];
        for (text, want) in cases {
            assert_eq!(count_words(text), *want, "{text:?}");
        }
    }

    #[test]
    fn word_limits_at_the_edges() {
        let limits = WordLimits {
            min: None,
            max: Some(150),
        };
        let words = |n: usize| {
            // Lone dashes between words do not count.
            (0..n)
                .map(|i| format!("w{i}"))
                .collect::<Vec<_>>()
                .join(" - ")
        };
        assert_eq!(check_words(&words(150), limits), None);
        let p = check_words(&words(151), limits).unwrap();
        assert_eq!(p.code, Code::WordLimit);
        assert_eq!(p.message, "has 151 words, the limit is 150");
        assert_eq!(p.hint.as_deref(), Some("shorten it by 1 word"));
        let min = WordLimits {
            min: Some(200),
            max: Some(800),
        };
        assert_eq!(check_words(&words(200), min), None);
        assert_eq!(
            check_words(&words(199), min).unwrap().code,
            Code::WordMinimum
        );
        assert_eq!(check_words(&words(801), min).unwrap().code, Code::WordLimit);
    }

    #[test]
    fn markers() {
        let cases: &[(&str, Option<Marker>)] = &[
            ("", Some(Marker::NotAnswered)),
            ("  ", Some(Marker::NotAnswered)),
            ("N/A", Some(Marker::NotAnswered)),
            ("n/a.", Some(Marker::NotAnswered)),
            ("No response", Some(Marker::NotAnswered)),
            ("NOT APPLICABLE.", Some(Marker::NotAnswered)),
            ("None", Some(Marker::NotAnswered)),
            ("TBD", Some(Marker::Pending)),
            ("To be determined.", Some(Marker::Pending)),
            ("Forthcoming", Some(Marker::Pending)),
            ("Not at this time.", None),
            ("None of the above applies here", None),
        ];
        for (text, want) in cases {
            assert_eq!(marker(text), *want, "{text:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Côte d’Ivoire"), "cotedivoire");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold(" Guinea-Bissau "), "guineabissau");
    }

    #[test]
    fn normalising_text() {
        assert_eq!(normalise("  a  \r\nb\t\r\n\r\n"), "a\nb");
    }
}
