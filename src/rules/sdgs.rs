//! SDG sets: numbers 1-17 without duplicates, or all of them; and the ways people write them.

use super::scan::{Run, runs};
use super::{Problem, Read, Reading};
use crate::finding::Code;
use crate::refdata::sdg_title;

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
    /// Goals as written, in order, unchecked, and the targets named (`13.1`), each read as its
    /// goal.
    Numbers {
        /// The goal numbers, as written.
        numbers: Vec<i64>,
        /// The targets, as written (`13.1`, `6.a`).
        targets: Vec<String>,
    },
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
                format!(
                    "has {} outside 1-17",
                    crate::text::backticked(&out_of_range)
                ),
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
                format!("lists {} more than once", crate::text::backticked(&list)),
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

/// Checks numbers written one way or another, with the targets named beside them (each read as
/// its goal): the canonical set, or kept as written.
pub fn read_numbers(numbers: &[i64], targets: &[String], written: Written<'_>) -> Reading<SdgSet> {
    let mut all = numbers.to_vec();
    for target in targets {
        let goal = target
            .split('.')
            .next()
            .and_then(|g| g.parse().ok())
            .unwrap_or(i64::MAX);
        // `13.1, 13.2` is goal 13 once; so is `13, 13.1`.
        if !all.contains(&goal) {
            all.push(goal);
        }
    }
    let (set, mut problems) = check_numbers(&all);
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
        let what = match (what, targets) {
            (what, []) => what,
            (what, targets) => {
                let named: Vec<String> = targets.iter().map(|t| format!("`{t}`")).collect();
                let (noun, their) = if targets.len() == 1 {
                    ("target", "its goal")
                } else {
                    ("targets", "their goals")
                };
                let about = format!(
                    "naming the {noun} {}: read as {their}, and the {noun} will not be kept (the survey asks for goals)",
                    named.join(", ")
                );
                Some(match what {
                    Some(what) => format!("{what}, {about}"),
                    None => about,
                })
            }
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

/// `["all"]`: a list whose one entry says all (`all`, `All 17 SDGs`) means all.
pub fn read_all_in_a_list(s: &str) -> Option<Reading<SdgSet>> {
    let all = s.trim().eq_ignore_ascii_case("all") || parse_text(s) == Some(SdgText::All);
    all.then(|| Reading::canonical(SdgSet::All).with(super::lists::all_in_a_list(s)))
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
        Some(SdgText::Numbers { numbers, targets }) => {
            read_numbers(&numbers, &targets, Written::Text(s))
        }
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
/// `6 (clean water and sanitation); 7 (...)`, `13 15`, `SDG1-SDG3`, `SDG 13 – Climate Action`,
/// targets (`13.1`). `None` if the text says something else too: it is rewritten only when every
/// number in it was read.
pub fn parse_text(s: &str) -> Option<SdgText> {
    let text = strip_parentheses(&s.to_lowercase());
    let mut numbers: Vec<i64> = Vec::new();
    let mut targets: Vec<String> = Vec::new();
    let mut all = false;
    // The goal last written, whose title may follow it; and whether a range is open (`1-3`).
    let mut last: Option<i64> = None;
    let mut pending_range = false;
    let mut after_number = false;
    let mut skip_to = 0;
    for (run, end) in runs(&text) {
        if end <= skip_to {
            continue;
        }
        match run {
            Run::Digits(digits) => {
                // A number too long for i64 is still a number, and out of range.
                let n: i64 = digits.parse().unwrap_or(i64::MAX);
                if let Some(target_end) = target_end(&text, end) {
                    let rest = &text[target_end..];
                    let indicator = rest.starts_with('.')
                        && rest[1..].starts_with(|c: char| c.is_ascii_digit());
                    if pending_range || indicator {
                        // A range of targets, or an indicator (`6.4.2`): too unsure to rewrite.
                        return None;
                    }
                    targets.push(format!("{n}{}", &text[end..target_end]));
                    skip_to = target_end;
                    last = Some(n);
                    after_number = true;
                    continue;
                }
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
                last = Some(n);
                after_number = true;
            }
            Run::Letters(word) => {
                let in_title = last
                    .and_then(sdg_title)
                    .is_some_and(|title| title_words(title).any(|w| w == word));
                if word == "to" && after_number {
                    pending_range = true;
                } else if in_title && !FILLER.contains(&word) {
                    // `SDG 13 – Climate Action`: the dash led to the goal's title, not a range.
                    pending_range = false;
                } else if FILLER.contains(&word) {
                    all |= word == "all";
                } else {
                    return None;
                }
                after_number = false;
            }
            Run::Other('-' | '–' | '—') if after_number => pending_range = true,
            Run::Other(c)
                if c.is_whitespace()
                    || matches!(
                        c,
                        ',' | ';' | '&' | '+' | '/' | '.' | ':' | '#' | '-' | '–' | '—'
                    ) => {}
            Run::Other(_) => return None,
        }
    }
    if pending_range {
        return None;
    }
    if all {
        // "All 17 SDGs", "all goals": the only number allowed is the count of goals.
        return (targets.is_empty() && numbers.iter().all(|n| *n == 17)).then_some(SdgText::All);
    }
    if numbers.is_empty() && targets.is_empty() {
        return None;
    }
    Some(SdgText::Numbers { numbers, targets })
}

/// Where a target that starts at a goal's digits ending at `end` ends: `13.1`, `13.10`, `6.a`.
fn target_end(text: &str, end: usize) -> Option<usize> {
    let rest = text[end..].strip_prefix('.')?;
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if digits > 0 {
        return Some(end + 1 + digits);
    }
    // `6.a`: one letter, not the start of a word (`13.and`).
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some(letter), next)
            if letter.is_ascii_lowercase() && !next.is_some_and(char::is_alphanumeric) =>
        {
            Some(end + 2)
        }
        _ => None,
    }
}

/// The lowercase words of an SDG title.
fn title_words(title: &'static str) -> impl Iterator<Item = String> {
    title
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// Drops `(...)` parts, which name goals in words after their numbers; a part that holds a
/// number (`13 (and 14)`) is read with the rest, so that no number goes unread.
fn strip_parentheses(s: &str) -> String {
    let mut depth = 0usize;
    let mut out = String::with_capacity(s.len());
    let mut part = String::new();
    for c in s.chars() {
        match c {
            '(' => {
                depth += 1;
                part.push(' ');
            }
            ')' if depth > 0 => {
                depth -= 1;
                part.push(' ');
                if depth == 0 {
                    if part.contains(|d: char| d.is_ascii_digit()) {
                        out.push_str(&part);
                    }
                    part.clear();
                }
            }
            ')' => {}
            _ if depth == 0 => out.push(c),
            _ => part.push(c),
        }
    }
    // An unclosed parenthesis: its text is read too.
    out.push_str(&part);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nums(v: &[i64]) -> Option<SdgText> {
        targeted(v, &[])
    }

    fn targeted(v: &[i64], targets: &[&str]) -> Option<SdgText> {
        Some(SdgText::Numbers {
            numbers: v.to_vec(),
            targets: targets
                .iter()
                .map(std::string::ToString::to_string)
                .collect(),
        })
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
            (
                "SDG 13.1",
                Read::Canonical(SdgSet::Goals(vec![13])),
                &[Code::NonCanonical],
            ),
            (
                "13.1, 13.2, 13",
                Read::Canonical(SdgSet::Goals(vec![13])),
                &[Code::NonCanonical],
            ),
            (
                "13 (and 14)",
                Read::Canonical(SdgSet::Goals(vec![13, 14])),
                &[Code::NonCanonical],
            ),
        ];
        for (text, value, codes) in cases {
            let reading = read_text(text);
            assert_eq!(&reading.value, value, "{text}");
            let got: Vec<Code> = reading.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, *codes, "{text}");
        }
        let single = read_numbers(&[13], &[], Written::Single(13));
        assert_eq!(
            single.problems[0].message,
            "is the single number `13`, a list is expected"
        );
        assert_eq!(read_numbers(&[13], &[], Written::List).problems, []);
        let targets = read_text("SDG 13.1 and 13.2");
        assert_eq!(
            targets.problems[0].message,
            "is written as text: `SDG 13.1 and 13.2`, naming the targets `13.1`, `13.2`: read as their goals, and the targets will not be kept (the survey asks for goals)"
        );
        assert_eq!(
            targets.problems[0].hint.as_deref(),
            Some("write `[13]` (`qfill export` writes it for you)")
        );
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
            ("13.2", targeted(&[], &["13.2"])),
            ("SDG 13.1", targeted(&[], &["13.1"])),
            ("13.1, 13.b and 14", targeted(&[14], &["13.1", "13.b"])),
            ("6.4.2", None),
            ("13.1-13.3", None),
            ("13 (and 14)", nums(&[13, 14])),
            ("13 (2030 Agenda)", None),
            ("13 (2030)", nums(&[13, 2030])),
            ("SDG 13 – Climate Action", nums(&[13])),
            ("SDG 13: Climate Action", nums(&[13])),
            (
                "Goal 6 - Clean Water and Sanitation; Goal 16 – Peace, Justice and Strong Institutions",
                nums(&[6, 16]),
            ),
            ("SDG 13 – Life on Land", None),
            ("SDG 3 – Good Health and Well-being", nums(&[3])),
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
