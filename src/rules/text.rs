//! Text: folding for comparisons, the "not answered" and "pending" values, and the word rule.

use super::Problem;
use crate::finding::Code;

/// Word limits; either end optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WordLimits {
    /// Fewer words is a `word-minimum` warning.
    pub min: Option<usize>,
    /// More words is a `word-limit` error.
    pub max: Option<usize>,
}

// Reference data matches names by folding them; the rules compare text the same way.
pub use crate::refdata::fold;

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

/// `TBD` and the like where an answer belongs: a warning, and the value is kept as written.
pub fn pending(s: &str) -> Problem {
    Problem::new(Code::Pending, format!("is `{}`: not known yet", s.trim()))
        .hint("fill it in when it is known")
        .value(s)
}

/// Counts words: maximal runs of non-whitespace holding at least one letter or digit.
///
/// `IOM's`, `Co-leads`, `2022` and `(UNSC),` are one word each; a lone `-` or `–` is none.
/// Paragraphs are joined first, which whitespace splitting does by itself.
pub fn count_words(s: &str) -> usize {
    // One branch-light pass over bytes (this runs over every text of every file): a word is
    // counted at its first letter or digit. ASCII is classified by table; other characters,
    // rare in practice, are decoded.
    const SPACE: u8 = 1;
    const ALNUM: u8 = 2;
    const OTHER_SCRIPT: u8 = 4;
    const CLASS: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            let byte = b as u8;
            table[b] = if byte >= 0x80 {
                OTHER_SCRIPT
            } else if byte.is_ascii_whitespace() || byte == 0x0b {
                // `char::is_whitespace` in ASCII: also the vertical tab, unlike `u8`'s.
                SPACE
            } else if byte.is_ascii_alphanumeric() {
                ALNUM
            } else {
                0
            };
            b += 1;
        }
        table
    };
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut counted = false;
    let mut i = 0;
    while i < bytes.len() {
        let mut class = CLASS[bytes[i] as usize];
        if class == OTHER_SCRIPT {
            let c = s[i..].chars().next().unwrap_or(' ');
            i += c.len_utf8();
            class = if c.is_whitespace() {
                SPACE
            } else if c.is_alphanumeric() {
                ALNUM
            } else {
                0
            };
        } else {
            i += 1;
        }
        let alnum = class == ALNUM;
        count += usize::from(alnum && !counted);
        counted = (counted || alnum) && class != SPACE;
    }
    count
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
            .hint(format!("shorten it by {over} {}", plural(over, "word")))
            .counted(n, max),
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
            .hint(format!("add {under} {} or more", plural(under, "word")))
            .counted(n, min),
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

/// The word with its first letter capitalised: `event` → `Event`.
pub fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `a` or `an` before a word.
pub fn article(word: &str) -> &'static str {
    match word.chars().next() {
        Some(c) if "aeiouAEIOU".contains(c) => "an",
        _ => "a",
    }
}

/// Normalises text for output: line endings to `\n`, no trailing blanks on lines, trimmed.
pub fn normalise(s: &str) -> String {
    let trimmed = s.trim();
    // Most texts are clean already: copy them without splitting and joining every line.
    let clean = !trimmed.contains('\r')
        && !trimmed
            .split('\n')
            .any(|line| line.ends_with(char::is_whitespace));
    if clean {
        return trimmed.to_string();
    }
    let joined: Vec<&str> = trimmed.lines().map(str::trim_end).collect();
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

    /// The fast count agrees with the rule as written, on any text.
    #[test]
    fn the_fast_count_is_the_rule() {
        use proptest::prelude::*;
        let rule = |s: &str| {
            s.split_whitespace()
                .filter(|w| w.chars().any(char::is_alphanumeric))
                .count()
        };
        proptest!(|(s in "\\PC*|[ a-z\\-\t\n\u{b}\u{85}\u{a0}\u{2013}é日]*")| {
            prop_assert_eq!(count_words(&s), rule(&s));
        });
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
        assert_eq!(normalise("a \nb"), "a\nb");
        assert_eq!(normalise(" clean\n\ntext "), "clean\n\ntext");
    }
}
