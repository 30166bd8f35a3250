//! SDG sets: numbers 1-17 without duplicates, or all of them; and the ways people write them.

use super::scan::{Run, runs};
use super::{Problem, Read, Reading};
use crate::finding::Code;

/// A canonical SDG set.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SdgSet {
    /// All 17 goals.
    All,
    /// Some goals, sorted, each 1-17, no duplicates.
    Goals(Vec<u8>),
}

/// What a text such as `SDGs 3, 6 and 7` says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SdgText {
    /// All goals (`all`, `All 17 SDGs`).
    All,
    /// The numbers as written, in order, unchecked.
    Numbers(Vec<i64>),
}

/// Checks numbers against the SDG rules; returns the canonical set if there is no problem.
pub fn check_numbers(numbers: &[i64]) -> (Option<SdgSet>, Vec<Problem>) {
    let mut problems = Vec::new();
    let out_of_range: Vec<String> = numbers
        .iter()
        .filter(|n| !(1..=17).contains(*n))
        .map(i64::to_string)
        .collect();
    if !out_of_range.is_empty() {
        problems.push(
            Problem::new(
                Code::SdgRange,
                format!("has {} outside 1-17", backticked(&out_of_range)),
            )
            .hint("SDGs are numbered 1 to 17"),
        );
    }
    let mut seen = [false; 18];
    let mut duplicates = Vec::new();
    for &n in numbers.iter().filter(|n| (1..=17).contains(*n)) {
        let i = n as usize;
        if seen[i] && !duplicates.contains(&n) {
            duplicates.push(n);
        }
        seen[i] = true;
    }
    if !duplicates.is_empty() {
        let list: Vec<String> = duplicates.iter().map(i64::to_string).collect();
        problems.push(
            Problem::new(
                Code::SdgDuplicate,
                format!("lists {} more than once", backticked(&list)),
            )
            .hint("list each goal once"),
        );
    }
    if numbers.is_empty() {
        problems.push(
            Problem::new(Code::Required, "lists no SDG")
                .hint("list the relevant goals, e.g. `[1, 13]`, or write \"all\""),
        );
    }
    if problems.is_empty() {
        let goals = (1..=17u8).filter(|n| seen[*n as usize]).collect();
        (Some(SdgSet::Goals(goals)), problems)
    } else {
        (None, problems)
    }
}

/// How SDG numbers were written, for the `non-canonical` finding when they are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Written<'a> {
    /// As a list of numbers.
    List,
    /// As a list with some goals written as text: `["SDG 1", 13]`.
    ListWithText,
    /// As one number, not a list.
    Single(i64),
    /// As one text: `1, 3 and 5`.
    Text(&'a str),
}

/// Checks numbers written one way or another: the canonical set, or kept as written.
pub fn read_numbers(numbers: &[i64], written: Written<'_>) -> Reading<SdgSet> {
    let (set, mut problems) = check_numbers(numbers);
    let Some(set) = set else {
        return Reading {
            value: Read::AsWritten,
            problems,
        };
    };
    if let SdgSet::Goals(goals) = &set {
        let what = match written {
            Written::List => None,
            Written::Text(s) => Some(format!("written as text: `{}`", s.trim())),
            Written::Single(n) => Some(format!("the single number `{n}`, a list is expected")),
            Written::ListWithText => Some("written with goals as text".to_string()),
        };
        if let Some(what) = what {
            let list: Vec<String> = goals.iter().map(u8::to_string).collect();
            problems.push(Problem::non_canonical(
                &what,
                &format!("[{}]", list.join(", ")),
            ));
        }
    }
    Reading {
        value: Read::Canonical(set),
        problems,
    }
}

/// Reads SDGs written as one text: `all`, `All 17 SDGs`, `1, 3 and 5`.
pub fn read_text(s: &str) -> Reading<SdgSet> {
    if s.trim().eq_ignore_ascii_case("all") {
        return Reading::canonical(SdgSet::All);
    }
    match parse_text(s) {
        Some(SdgText::All) => Reading::canonical(SdgSet::All).with(
            Problem::non_canonical(&format!("written as text: `{}`", s.trim()), "\"all\"").value(s),
        ),
        Some(SdgText::Numbers(numbers)) => read_numbers(&numbers, Written::Text(s)),
        None => Reading::as_written(
            Problem::new(
                Code::WrongType,
                format!("`{}` cannot be read as SDG numbers", s.trim()),
            )
            .hint("write a list such as `[1, 13]`, or \"all\"")
            .value(s),
        ),
    }
}

fn backticked(items: &[String]) -> String {
    let quoted: Vec<String> = items.iter().map(|s| format!("`{s}`")).collect();
    quoted.join(", ")
}

const FILLER: &[&str] = &[
    "sdg",
    "sdgs",
    "goal",
    "goals",
    "and",
    "the",
    "of",
    "all",
    "sustainable",
    "development",
    "relevant",
    "to",
    "n",
    "no",
    "nos",
    "number",
    "numbers",
];

/// Reads an SDG list written as text: `1, 3 and 5`, `SDG 13`, `Goals 4 and 5`, `All 17 SDGs`,
/// `6 (clean water and sanitation); 7 (...)`, `13 15`, `SDG1-SDG3`. `None` if the text says
/// something else too.
pub fn parse_text(s: &str) -> Option<SdgText> {
    let text = strip_parentheses(&s.to_lowercase());
    let mut numbers: Vec<i64> = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut pending_range = false;
    for (run, end) in runs(&text) {
        match run {
            Run::Digits(digits) => {
                if text[end..].starts_with('.')
                    && text[end + 1..].starts_with(|d: char| d.is_ascii_digit())
                {
                    // `13.2` is a target, not a goal: too unsure to rewrite.
                    return None;
                }
                // A number too long for i64 is still a number, and out of range.
                let n: i64 = digits.parse().unwrap_or(i64::MAX);
                if pending_range {
                    let start = *numbers.last()?;
                    if !(1..=17).contains(&start) || !(1..=17).contains(&n) || n <= start {
                        return None;
                    }
                    numbers.extend(start + 1..=n);
                    pending_range = false;
                } else {
                    numbers.push(n);
                }
            }
            Run::Letters(word) => {
                if word == "to" && !numbers.is_empty() {
                    pending_range = true;
                }
                words.push(word.to_string());
            }
            Run::Other('-' | '–' | '—') if !numbers.is_empty() => pending_range = true,
            Run::Other(c)
                if c.is_whitespace()
                    || matches!(c, ',' | ';' | '&' | '+' | '/' | '.' | ':' | '#') => {}
            Run::Other(_) => return None,
        }
    }
    if pending_range || words.iter().any(|w| !FILLER.contains(&w.as_str())) {
        return None;
    }
    if words.iter().any(|w| w == "all") {
        // "All 17 SDGs", "all goals": the only number allowed is the count of goals.
        return numbers.iter().all(|n| *n == 17).then_some(SdgText::All);
    }
    if numbers.is_empty() {
        return None;
    }
    Some(SdgText::Numbers(numbers))
}

/// Drops `(...)` parts, which name goals in words after their numbers.
fn strip_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[i64]) -> Option<SdgText> {
        Some(SdgText::Numbers(v.to_vec()))
    }

    #[test]
    fn reading_sdgs() {
        let cases: &[(&str, Read<SdgSet>, &[Code])] = &[
            ("all", Read::Canonical(SdgSet::All), &[]),
            (
                "All 17 SDGs",
                Read::Canonical(SdgSet::All),
                &[Code::NonCanonical],
            ),
            (
                "13, 1",
                Read::Canonical(SdgSet::Goals(vec![1, 13])),
                &[Code::NonCanonical],
            ),
            (
                "6, 6 and 19",
                Read::AsWritten,
                &[Code::SdgRange, Code::SdgDuplicate],
            ),
            ("climate", Read::AsWritten, &[Code::WrongType]),
        ];
        for (text, value, codes) in cases {
            let reading = read_text(text);
            assert_eq!(&reading.value, value, "{text}");
            let got: Vec<Code> = reading.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, *codes, "{text}");
        }
        let single = read_numbers(&[13], Written::Single(13));
        assert_eq!(
            single.problems[0].message,
            "is the single number `13`, a list is expected"
        );
        assert_eq!(read_numbers(&[13], Written::List).problems, []);
    }

    #[test]
    fn human_sdg_lists() {
        let cases: &[(&str, Option<SdgText>)] = &[
            ("1, 3 and 5", nums(&[1, 3, 5])),
            ("10,11,13, 16 and 17", nums(&[10, 11, 13, 16, 17])),
            ("SDG 13", nums(&[13])),
            ("SDGs 3, 6, 7", nums(&[3, 6, 7])),
            ("Goals 4 and 5", nums(&[4, 5])),
            ("All 17 SDGs", Some(SdgText::All)),
            ("all", Some(SdgText::All)),
            ("All SDGs", Some(SdgText::All)),
            (
                "6 (clean water and sanitation); 7 (affordable energy)",
                nums(&[6, 7]),
            ),
            ("13 15", nums(&[13, 15])),
            ("SDG1, SDG2", nums(&[1, 2])),
            ("10, 13, 10", nums(&[10, 13, 10])),
            ("6, 13, 6 and 19", nums(&[6, 13, 6, 19])),
            ("1-3", nums(&[1, 2, 3])),
            ("SDGs 1 to 3", nums(&[1, 2, 3])),
            ("Goals 13, 14 and 17", nums(&[13, 14, 17])),
            ("climate", None),
            ("", None),
            ("13.2", None),
            ("3-1", None),
            ("all but 5", None),
            ("99999999999999999999999", nums(&[i64::MAX])),
        ];
        for (text, want) in cases {
            assert_eq!(parse_text(text), *want, "{text:?}");
        }
    }

    #[test]
    fn sdg_number_rules() {
        let (set, problems) = check_numbers(&[13, 1, 5]);
        assert_eq!(set, Some(SdgSet::Goals(vec![1, 5, 13])));
        assert!(problems.is_empty());

        let codes = |v: &[i64]| {
            check_numbers(v)
                .1
                .into_iter()
                .map(|p| p.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(&[0]), [Code::SdgRange]);
        assert_eq!(codes(&[18]), [Code::SdgRange]);
        assert_eq!(codes(&[17, 1]), []);
        assert_eq!(codes(&[10, 13, 10]), [Code::SdgDuplicate]);
        assert_eq!(codes(&[6, 13, 6, 19]), [Code::SdgRange, Code::SdgDuplicate]);
        assert_eq!(codes(&[]), [Code::Required]);
        let (_, problems) = check_numbers(&[10, 13, 10]);
        assert_eq!(problems[0].message, "lists `10` more than once");
    }
}
