//! Text: folding for comparisons, the "not answered" and "pending" values, and the word rule.

use super::Problem;
use crate::finding::Code;
use crate::text::plural;

/// Word limits; either end optional.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct WordLimits {
    /// Fewer words is a `word-minimum` warning.
    pub min: Option<usize>,
    /// More words is a `word-limit` error.
    pub max: Option<usize>,
}

// Reference data matches names by folding them; the rules compare text the same way.

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

/// The length of the longest of [`NOT_ANSWERED`] and [`PENDING`].
const LONGEST_MARKER: usize = "to be determined".len();

/// The printable ASCII bytes a marker can begin with, in lower case: each marker's first letter,
/// and the full stop that is all of the empty marker written with one.
const MARKER_STARTS: [bool; 128] = {
    let mut starts = [false; 128];
    starts[b'.' as usize] = true;
    let lists = [NOT_ANSWERED, PENDING];
    let mut list = 0;
    while list < lists.len() {
        let mut at = 0;
        while at < lists[list].len() {
            if let Some(first) = lists[list][at].as_bytes().first() {
                starts[first.to_ascii_lowercase() as usize] = true;
            }
            at += 1;
        }
        list += 1;
    }
    starts
};

/// Recognises the not-answered and pending values, in any case, with a trailing full stop.
pub fn marker(s: &str) -> Option<Marker> {
    // Asked of every value several times, most of them longer than any marker or beginning with
    // a letter no marker does: told apart by their length and their ends, with nothing to trim
    // (an end that is a printable ASCII character is not whitespace).
    let bytes = s.as_bytes();
    if let Some(&first) = bytes.first()
        && first.is_ascii_graphic()
        && !MARKER_STARTS[usize::from(first.to_ascii_lowercase())]
    {
        return None;
    }
    if bytes.len() > LONGEST_MARKER
        && bytes[0].is_ascii_graphic()
        && bytes[bytes.len() - 1].is_ascii_graphic()
        && bytes[bytes.len() - 1] != b'.'
    {
        return None;
    }
    marker_of_trimmed(s)
}

/// [`marker`] by the rule as written, without its shortcuts.
fn marker_of_trimmed(s: &str) -> Option<Marker> {
    let t = s.trim();
    // Longer than any marker, unless a full stop could end a marker followed by spaces
    // (`N/A   .`).
    if t.len() > LONGEST_MARKER && !t.ends_with('.') {
        return None;
    }
    let t = t.strip_suffix('.').unwrap_or(t).trim();
    // The markers are ASCII, and no other character lowercases to one of their letters, so an
    // ASCII comparison ignoring case is Unicode's and allocates nothing.
    let is = |list: &[&str]| list.iter().any(|m| m.eq_ignore_ascii_case(t));
    if is(NOT_ANSWERED) {
        Some(Marker::NotAnswered)
    } else if is(PENDING) {
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

/// Counts words: maximal runs of non-whitespace holding at least one letter or digit, and each
/// Han ideograph, Hiragana and Katakana character on its own (`国际对话` is 4 words).
///
/// `IOM's`, `Co-leads`, `2022` and `(UNSC),` are one word each; a lone `-` or `–` is none.
/// Whitespace is every Unicode `White_Space` character (no-break and ideographic spaces too);
/// zero-width characters and the soft hyphen neither split a word nor make one. Paragraphs are
/// joined first, which whitespace splitting does by itself.
pub fn count_words(s: &str) -> usize {
    // This runs over every text of every file, so it allocates nothing and reads each byte once
    // in the common case: plain ASCII words (no byte above 0x7f, no word that starts with
    // punctuation), counted by their word starts 64 bytes at a time. Where a block is not plain,
    // the stretch around it, from just after an ASCII space before it to just after one after it,
    // is counted exactly, character by character, and the fast count goes on from there.
    let bytes = s.as_bytes();
    let mut count = 0;
    let mut from = 0;
    while from < bytes.len() {
        match plain_ascii_words(&bytes[from..]) {
            Scan::Words(n) => return count + n,
            Scan::NotPlain {
                words,
                exact_from,
                exact_to,
            } => {
                // Both ends follow an ASCII space (or are the text's ends): whole `str`s.
                count += words + exact_words(&s[from + exact_from..from + exact_to]);
                from += exact_to;
            }
        }
    }
    count
}

/// `char::is_whitespace` for ASCII: space, tab, line feed, vertical tab, form feed, return.
#[inline(always)]
fn is_ascii_space(b: u8) -> bool {
    (b == b' ') | (b.wrapping_sub(b'\t') < 5)
}

/// What the fast count made of a text that starts outside a word.
enum Scan {
    /// Plain throughout: this many words.
    Words(usize),
    /// Not plain from some block on: the words before `exact_from`, which is just after an
    /// ASCII space (or 0); the text up to `exact_to`, just after the first ASCII space past the
    /// block (or the text's end), must be counted exactly.
    NotPlain {
        words: usize,
        exact_from: usize,
        exact_to: usize,
    },
}

/// Counts the words of a text that starts outside a word by their starts, while it is plain
/// ASCII whose words start with a letter or digit, or with one other character and then a
/// letter or digit (`(UNDP),`).
fn plain_ascii_words(bytes: &[u8]) -> Scan {
    // Blocks of 64 bytes, each classed into bit masks (one bit a byte), then judged from the
    // masks and those of the two bytes before, 64 positions at once. The last, partial block is
    // padded with spaces, which neither start a word nor end one early.
    let mut starts = 0;
    // The masks of the block before: spaces at first, as the text starts outside a word.
    let (mut space_before, mut odd_start_before) = (u64::MAX, 0u64);
    // The block before, to go back to its last space: its word starts and spaces, and the
    // words that started before it.
    let (mut start_before, mut starts_before) = (0u64, 0);
    let mut padded = [b' '; 64];
    for (k, piece) in bytes.chunks(64).enumerate() {
        let block: &[u8; 64] = match piece.try_into() {
            Ok(whole) => whole,
            Err(_) => {
                padded[..piece.len()].copy_from_slice(piece);
                &padded
            }
        };
        let Masks { space, alnum, high } = masks(block);
        // Bit i of a mask `_1` tells of byte i - 1.
        let space_1 = (space << 1) | (space_before >> 63);
        // A run of non-space starts; it starts with something other than a letter or digit.
        let start = space_1 & !space;
        let odd_start = start & !alnum;
        let odd_start_1 = (odd_start << 1) | (odd_start_before >> 63);
        // Such a run must go on with a letter or digit to be a word of this simple kind.
        if high || odd_start_1 & !alnum != 0 {
            // Back to just after the last space of the block before (a space ends no word that
            // began before it), or to the start if it has none; on to just after a space past
            // this block.
            let (words, exact_from) = match k {
                0 => (0, 0),
                _ if space_before == 0 => (0, 0),
                _ => {
                    let after_space = 64 - space_before.leading_zeros() as usize;
                    let before = start_before & (u64::MAX >> (64 - after_space));
                    (
                        starts_before + before.count_ones() as usize,
                        64 * (k - 1) + after_space,
                    )
                }
            };
            let mut exact_to = (64 * (k + 1)).min(bytes.len());
            while exact_to < bytes.len() && !is_ascii_space(bytes[exact_to - 1]) {
                exact_to += 1;
            }
            return Scan::NotPlain {
                words,
                exact_from,
                exact_to,
            };
        }
        (start_before, starts_before) = (start, starts);
        starts += start.count_ones() as usize;
        (space_before, odd_start_before) = (space, odd_start);
    }
    // A text that ends on an odd start (in a last block that was whole: the padding tells of a
    // partial one) ends on a lone character that is not a word.
    Scan::Words(starts - (odd_start_before >> 63) as usize)
}

/// One block's classes, a bit for each byte: ASCII space (as `char::is_whitespace`), ASCII
/// letter or digit; and whether any byte is above 0x7f.
#[derive(Debug, PartialEq, Eq)]
struct Masks {
    space: u64,
    alnum: u64,
    high: bool,
}

/// Classes a block with SSE2 where the build targets it (all of x86-64 does), else byte by byte.
#[allow(
    unsafe_code,
    reason = "SSE2 intrinsics: the word count classes every byte of every file"
)]
fn masks(bytes: &[u8; 64]) -> Masks {
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    // SAFETY: SSE2, all `masks_sse2` needs, is a target feature of this build.
    return unsafe { masks_sse2(bytes) };
    #[cfg(not(all(target_arch = "x86_64", target_feature = "sse2")))]
    return masks_portable(bytes);
}

/// [`masks`] 16 bytes an instruction.
#[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
#[target_feature(enable = "sse2")]
#[allow(unsafe_code, reason = "an unaligned SSE2 load of 16 bytes in bounds")]
fn masks_sse2(bytes: &[u8; 64]) -> Masks {
    use std::arch::x86_64::*;
    // `lo <= x <= hi` in two instructions: shifted so that the range starts at the lowest
    // signed byte, then one signed comparison.
    let within = |x: __m128i, lo: u8, hi: u8| {
        let shifted = _mm_add_epi8(x, _mm_set1_epi8((0x80u8.wrapping_sub(lo)) as i8));
        _mm_cmplt_epi8(
            shifted,
            _mm_set1_epi8((0x80u8.wrapping_add(hi - lo + 1)) as i8),
        )
    };
    let (mut space, mut alnum) = (0u64, 0u64);
    let mut any = _mm_setzero_si128();
    for (k, sixteen) in bytes.chunks_exact(16).enumerate() {
        // SAFETY: `sixteen` is 16 readable bytes; `loadu` needs no alignment.
        let x = unsafe { _mm_loadu_si128(sixteen.as_ptr().cast()) };
        any = _mm_or_si128(any, x);
        // Space, or tab to carriage return (`\t \n \x0b \x0c \r`).
        let is_space = _mm_or_si128(
            _mm_cmpeq_epi8(x, _mm_set1_epi8(b' ' as i8)),
            within(x, b'\t', b'\r'),
        );
        let is_alnum = _mm_or_si128(
            within(x, b'0', b'9'),
            within(_mm_or_si128(x, _mm_set1_epi8(0x20)), b'a', b'z'),
        );
        let bits = |m: __m128i| u64::from(_mm_movemask_epi8(m) as u16) << (16 * k);
        space |= bits(is_space);
        alnum |= bits(is_alnum);
    }
    Masks {
        space,
        alnum,
        high: _mm_movemask_epi8(any) != 0,
    }
}

/// [`masks`] byte by byte.
#[cfg_attr(
    all(target_arch = "x86_64", target_feature = "sse2", not(test)),
    allow(dead_code)
)]
fn masks_portable(bytes: &[u8; 64]) -> Masks {
    let (mut space, mut alnum, mut high) = (0u64, 0u64, 0u8);
    for (i, &b) in bytes.iter().enumerate() {
        space |= u64::from(is_ascii_space(b)) << i;
        alnum |= u64::from(b.is_ascii_alphanumeric()) << i;
        high |= b;
    }
    Masks {
        space,
        alnum,
        high: high >= 0x80,
    }
}

/// The word rule character by character: a word is counted at its first letter or digit.
fn exact_words(s: &str) -> usize {
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
            if is_ideographic_word(c) {
                // A word of its own, which ends the run before it.
                count += 1;
                counted = false;
                continue;
            }
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

/// A Han ideograph, or a Hiragana or Katakana letter: each is one word, as word processors count
/// East Asian text.
fn is_ideographic_word(c: char) -> bool {
    let east_asian = matches!(c,
        // Hiragana, Katakana and its phonetic extensions, halfwidth Katakana, Kana supplements.
        '\u{3041}'..='\u{309F}'
        | '\u{30A1}'..='\u{30FA}'
        | '\u{30FC}'..='\u{30FF}'
        | '\u{31F0}'..='\u{31FF}'
        | '\u{FF66}'..='\u{FF9D}'
        | '\u{1B000}'..='\u{1B16F}'
        // Han: ideographic iteration mark and zero, Hangzhou numerals, the unified and
        // compatibility ideographs and their extensions.
        | '\u{3005}'..='\u{3007}'
        | '\u{3021}'..='\u{3029}'
        | '\u{3038}'..='\u{303B}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{3FFFD}'
    );
    // Marks and symbols in those blocks (the voicing marks, `〆`) are not words.
    east_asian && c.is_alphanumeric()
}

/// Checks a text against word limits.
pub fn check_words(s: &str, limits: WordLimits) -> Option<Problem> {
    if limits == WordLimits::default() {
        return None;
    }
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

/// The deepest level of a bullet list a text keeps (Word's lists have nine, 0 to 8).
pub const DEEPEST_LIST_LEVEL: usize = 8;

/// Normalises text for output, into the blocks every form of an answer carries (the Word
/// form, the legacy layout, TOML and JSON alike): paragraphs and bullet lists, a blank line
/// between a paragraph and a list (the blank lines written elsewhere are kept, a paste's double
/// ones too); a line trimmed, a new line within a paragraph kept; a bullet as `- item`, two
/// spaces of indent a level. Line endings become `\n`; the text is trimmed.
pub fn normalise(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Whether the line before was a bullet, and how many blank lines came since.
    let mut previous: Option<bool> = None;
    let mut blanks = 0;
    for line in s.lines() {
        let body = line.trim();
        if body.is_empty() {
            blanks += 1;
            continue;
        }
        let item = body.strip_prefix("- ");
        if let Some(before) = previous {
            let switched = before != item.is_some();
            let breaks = if blanks == 0 && switched {
                2
            } else {
                blanks + 1
            };
            for _ in 0..breaks {
                out.push('\n');
            }
        }
        match item {
            Some(item) => {
                let indent = line.len() - line.trim_start().len();
                for _ in 0..(indent / 2).min(DEEPEST_LIST_LEVEL) {
                    out.push_str("  ");
                }
                out.push_str("- ");
                out.push_str(item.trim_start());
            }
            None => out.push_str(body),
        }
        previous = Some(item.is_some());
        blanks = 0;
    }
    out
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
            ("日本 語", 3),
            ("国际对话", 4),
            ("国际对话 (UNDP)", 5),
            ("ひらがな カタカナ", 8),
            ("コーヒー", 4),
            ("UN国际", 3),
            ("한국어 문장", 2),
            ("x\u{00a0}y", 2),
            ("x\u{3000}y\u{2003}z\u{202f}w", 4),
            ("co\u{200b}operation re\u{00ad}view", 2),
            ("\u{200b} \u{feff} \u{00ad} \u{2060} \u{200c}\u{200d}", 0),
            ("word\u{feff}", 1),
        ];
        for (text, want) in cases {
            assert_eq!(count_words(text), *want, "{text:?}");
        }
    }

    /// The fast count agrees with the rule as written, on any text.
    #[test]
    fn the_fast_count_is_the_rule() {
        use proptest::prelude::*;
        // The rule as `questionnaire.md` states it: split at whitespace; in each piece every
        // ideograph or kana is a word, and so is each stretch between them holding a letter or
        // a digit.
        let rule = |s: &str| {
            s.split(char::is_whitespace)
                .map(|piece| {
                    let ideographs = piece.chars().filter(|c| is_ideographic_word(*c)).count();
                    let others = piece
                        .split(is_ideographic_word)
                        .filter(|w| w.chars().any(char::is_alphanumeric))
                        .count();
                    ideographs + others
                })
                .sum::<usize>()
        };
        proptest!(|(s in "\\PC*|[ a-z\\-\t\n\u{b}\u{85}\u{a0}\u{2013}\u{3000}\u{200b}\u{ad}\u{feff}\u{3099}é日カあ한〆ー]*")| {
            prop_assert_eq!(count_words(&s), rule(&s));
        });
        // Long texts, mostly plain words, cross the chunks the fast count takes.
        proptest!(|(s in "([a-z0-9]{1,12}[ \n]{1,2}|[(\\-–]|[a-z]{0,3}(é|日|\u{a0}|\u{200b}))*")| {
            prop_assert_eq!(count_words(&s), rule(&s));
        });
        // Every ASCII byte, in texts long enough to fill blocks and chunks.
        proptest!(|(s in "[\\x00-\\x7f]{0,700}|([ -~]{1,9}[\t\n\u{b}\u{c}\r ]{1,2}){0,150}")| {
            prop_assert_eq!(count_words(&s), rule(&s));
        });
    }

    /// Both ways of classing a block agree, on any bytes.
    #[cfg(all(target_arch = "x86_64", target_feature = "sse2"))]
    #[test]
    #[allow(unsafe_code, reason = "the SSE2 classes against the portable ones")]
    fn sse2_masks_are_the_portable_ones() {
        use proptest::prelude::*;
        proptest!(|(bytes in proptest::array::uniform32(any::<u8>()), more in proptest::array::uniform32(any::<u8>()))| {
            let mut block = [0u8; 64];
            block[..32].copy_from_slice(&bytes);
            block[32..].copy_from_slice(&more);
            // SAFETY: this build targets SSE2.
            prop_assert_eq!(unsafe { masks_sse2(&block) }, masks_portable(&block));
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

    proptest::proptest! {
        /// The shortcuts never change what [`marker`] says: on any text, on markers written in
        /// any case with spaces and full stops around them, and on values that begin like one.
        #[test]
        fn marker_shortcuts_agree_with_the_rule(
            s in "\\PC{0,20}|[ \t.]{0,2}(?i:n/a|na|none|no response|not applicable|tbd|tbc|to be determined|to be confirmed|forthcoming)[ .]{0,3}\\PC{0,2}|[.nNtTfF][ -~]{0,20}|[. \\t]{0,4}"
        ) {
            proptest::prop_assert_eq!(marker(&s), marker_of_trimmed(&s));
        }
    }

    #[test]
    fn the_longest_marker_is_the_longest() {
        let longest = NOT_ANSWERED.iter().chain(PENDING).map(|m| m.len()).max();
        assert_eq!(longest, Some(LONGEST_MARKER));
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
            ("  To be confirmed  ", Some(Marker::Pending)),
            ("N/A          .", Some(Marker::NotAnswered)),
            ("Not applicable, see the annex.", None),
            (".", Some(Marker::NotAnswered)),
            ("Namibia", None),
            ("13", None),
        ];
        for (text, want) in cases {
            assert_eq!(marker(text), *want, "{text:?}");
        }
    }

    #[test]
    fn normalising_text() {
        let cases = [
            ("  a  \r\nb\t\r\n\r\n", "a\nb"),
            ("a \nb", "a\nb"),
            (" clean\n\ntext ", "clean\n\ntext"),
            // Blocks: a list is one, set apart by a blank line; blank lines as they were.
            (
                "We decided:\n- to act\n  - in rivers\n- to report\nThen more.",
                "We decided:\n\n- to act\n  - in rivers\n- to report\n\nThen more.",
            ),
            ("a\n\n\n\nb", "a\n\n\n\nb"),
            (
                "   - odd indent\n-  two spaces",
                "  - odd indent\n- two spaces",
            ),
            ("  indented line\n\tand a tab", "indented line\nand a tab"),
            ("-5 degrees\n-", "-5 degrees\n-"),
            ("", ""),
        ];
        for (text, want) in cases {
            assert_eq!(normalise(text), want, "{text:?}");
            assert_eq!(normalise(want), want, "idempotent: {want:?}");
        }
    }
}
