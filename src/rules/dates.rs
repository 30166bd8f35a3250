//! Dates: ISO 8601 days and spans, the reporting window, and the ways people write dates.

use jiff::civil::Date;

use super::scan::{Run, runs};
use super::{Problem, Reading};
use crate::finding::Code;

/// An inclusive range of days.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Window {
    /// First day.
    pub start: Date,
    /// Last day.
    pub end: Date,
}

impl Window {
    /// True if `day` is inside the window.
    pub fn contains(&self, day: Date) -> bool {
        self.start <= day && day <= self.end
    }
}

/// A canonical date value: one day, or a first and last day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Dates {
    /// A single day.
    Day(Date),
    /// From `start` to `end`, inclusive.
    Span {
        /// First day.
        start: Date,
        /// Last day.
        end: Date,
    },
}

impl Dates {
    /// Builds a canonical value: a span whose ends are the same day is that day.
    pub fn new(start: Date, end: Date) -> Dates {
        if start == end {
            Dates::Day(start)
        } else {
            Dates::Span { start, end }
        }
    }

    /// First and last day.
    pub fn bounds(self) -> (Date, Date) {
        match self {
            Dates::Day(d) => (d, d),
            Dates::Span { start, end } => (start, end),
        }
    }
}

/// Parses a strict ISO 8601 calendar date, `YYYY-MM-DD`.
pub fn parse_iso(s: &str) -> Option<Date> {
    let s = s.trim();
    let bytes = s.as_bytes();
    if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return None;
    }
    s.parse().ok()
}

/// Shaped like `YYYY-MM-DD` (whether or not it is a real day).
pub fn looks_iso(s: &str) -> bool {
    let b = s.trim().as_bytes();
    b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit())
}

/// Checks order and the reporting window.
pub fn check(dates: Dates, window: Option<Window>) -> Vec<Problem> {
    let (start, end) = dates.bounds();
    let mut problems = Vec::new();
    if end < start {
        problems.push(
            Problem::new(
                Code::DateOrder,
                format!("ends on `{end}`, before it starts on `{start}`"),
            )
            .hint("swap the start and end dates, or fix the year"),
        );
    }
    if let Some(window) = window {
        let outside: Vec<Date> = [start, end]
            .into_iter()
            .filter(|d| !window.contains(*d))
            .collect();
        if let Some(first) = outside.first() {
            problems.push(
                Problem::new(
                    Code::DateWindow,
                    format!(
                        "has `{first}`, outside the reporting window {} to {}",
                        window.start, window.end
                    ),
                )
                .hint("check the year, or leave out events outside the reporting period"),
            );
        }
    }
    problems
}

/// Reads a date written as text (or a TOML date): ISO, an ISO date and time, an ISO interval
/// `2023-03-30/2023-04-02`, or words such as `30-31 March 2023`.
pub fn read_text(s: &str) -> Reading<Dates> {
    if let Some(day) = parse_iso(s) {
        return Reading::canonical(Dates::Day(day));
    }
    if let Some(day) = parse_iso(date_part(s)) {
        return Reading::canonical(Dates::Day(day)).with(
            Problem::non_canonical(
                &format!("a date and time: `{}`", s.trim()),
                &day.to_string(),
            )
            .value(s),
        );
    }
    if looks_iso(s) {
        return Reading::as_written(
            Problem::new(
                Code::DateInvalid,
                format!("`{}` is not a calendar day", s.trim()),
            )
            .hint("check the month and the day")
            .value(s),
        );
    }
    let parsed = match iso_interval(s) {
        Some(dates) => HumanDates::Dates(dates),
        None => parse_human(s),
    };
    match parsed {
        HumanDates::Dates(d) => {
            let canonical = match d {
                Dates::Day(day) => format!("{day}"),
                Dates::Span { start, end } => {
                    format!("{{ start = \"{start}\", end = \"{end}\" }}")
                }
            };
            Reading::canonical(d).with(
                Problem::non_canonical(&format!("written in words: `{}`", s.trim()), &canonical)
                    .value(s),
            )
        }
        HumanDates::NoYear => Reading::as_written(
            Problem::new(Code::DateNoYear, format!("`{}` has no year", s.trim()))
                .hint("add the year, e.g. `2024-02-28`")
                .value(s),
        ),
        HumanDates::Invalid(why) => Reading::as_written(
            Problem::new(
                Code::DateInvalid,
                format!("`{}` is not a date: {why}", s.trim()),
            )
            .hint("write `2023-03-30`, or `{ start = \"2023-03-30\", end = \"2023-03-31\" }`")
            .value(s),
        ),
    }
}

/// Reads one end of a `{ start, end }` span: an ISO date, or a TOML date-time's day.
pub fn read_bound(s: &str) -> Reading<Date> {
    match parse_iso(date_part(s)) {
        Some(day) => Reading::canonical(day),
        None => Reading::as_written(
            Problem::new(Code::DateInvalid, format!("`{s}` is not an ISO date"))
                .hint("write it as `YYYY-MM-DD`, e.g. `2023-03-30`")
                .value(s),
        ),
    }
}

/// The part of a TOML date-time or string that is the date.
fn date_part(s: &str) -> &str {
    s.get(..10)
        .filter(|_| s.len() > 10 && s.as_bytes()[10] == b'T')
        .unwrap_or(s)
}

/// `2023-03-30/2023-04-02`.
fn iso_interval(s: &str) -> Option<Dates> {
    let (a, b) = s.trim().split_once('/')?;
    Some(Dates::new(parse_iso(a)?, parse_iso(b)?))
}

/// What a date written in words says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HumanDates {
    /// Readable and complete.
    Dates(Dates),
    /// Readable days and months, but no year anywhere.
    NoYear,
    /// Not a date: why.
    Invalid(String),
}

#[derive(Debug, Clone, Copy)]
enum Token {
    Number(u32),
    Month(i8),
    Day(Date),
    Range,
}

#[derive(Debug, Clone, Copy, Default)]
struct Partial {
    day: Option<u32>,
    month: Option<i8>,
    year: Option<i16>,
    /// The year was written once after several days and covers them all.
    shared_year: bool,
    full: Option<Date>,
}

/// English month names, January first: the one table that dates are read and written with.
pub const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The English name of month `m` (1 to 12), `?` for anything else.
pub fn month_name(m: i8) -> &'static str {
    usize::try_from(m - 1)
        .ok()
        .and_then(|i| MONTH_NAMES.get(i))
        .copied()
        .unwrap_or("?")
}

const IGNORED: &[&str] = &[
    "and",
    "from",
    "on",
    "the",
    "of",
    "between",
    "st",
    "nd",
    "rd",
    "th",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "wed",
    "thu",
    "fri",
    "sat",
    "sun",
];

/// The month (1 to 12) a word names, in any case: its name, or its first three or four letters
/// (`Sep`, `Sept`).
pub fn month(word: &str) -> Option<i8> {
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|m| {
            m.eq_ignore_ascii_case(word)
                || (word.len() <= 4
                    && m.get(..word.len())
                        .is_some_and(|p| p.eq_ignore_ascii_case(word)))
        })
        .map(|i| i as i8 + 1)
}

fn tokenize(s: &str) -> Result<Vec<Token>, String> {
    let lower = s.to_lowercase();
    let mut tokens = Vec::new();
    for piece in lower.split_whitespace() {
        let piece = piece.trim_matches([',', '.', ';']);
        if let Some(day) = parse_iso(piece) {
            tokens.push(Token::Day(day));
            continue;
        }
        if let Some(day) = parse_numeric(piece)? {
            tokens.push(Token::Day(day));
            continue;
        }
        for (run, _) in runs(piece) {
            match run {
                Run::Digits(digits) => {
                    let n = digits
                        .parse()
                        .map_err(|_| format!("`{digits}` is not a day or a year"))?;
                    tokens.push(Token::Number(n));
                }
                Run::Letters(word) => {
                    if let Some(m) = month(word) {
                        tokens.push(Token::Month(m));
                    } else if matches!(word, "to" | "until" | "till" | "through" | "thru") {
                        tokens.push(Token::Range);
                    } else if !IGNORED.contains(&word) {
                        return Err(format!("`{word}` is not part of a date"));
                    }
                }
                Run::Other('-' | '–' | '—') => tokens.push(Token::Range),
                Run::Other(',' | '.' | ';' | '&') => {}
                Run::Other(c) => return Err(format!("`{c}` is not part of a date")),
            }
        }
    }
    Ok(tokens)
}

/// `30/03/2023` or `30.03.2023`, read day first as the UN writes dates.
fn parse_numeric(piece: &str) -> Result<Option<Date>, String> {
    let parts: Vec<&str> = piece.split(['/', '.']).collect();
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| !p.is_empty() && p.chars().all(|c| c.is_ascii_digit()))
    {
        return Ok(None);
    }
    let n = |p: &str| p.parse::<i64>().unwrap_or(i64::MAX);
    if parts[0].len() == 4 {
        // `2024/02/15`: year first, then month and day.
        return civil(n(parts[0]), n(parts[1]), n(parts[2])).map(Some);
    }
    let (d, m, y) = (n(parts[0]), n(parts[1]), n(parts[2]));
    if parts[2].len() != 4 {
        return Err(format!("`{piece}` needs a four-digit year"));
    }
    civil(y, m, d).map(Some)
}

fn civil(y: i64, m: i64, d: i64) -> Result<Date, String> {
    let (Ok(y), Ok(m), Ok(d)) = (i16::try_from(y), i8::try_from(m), i8::try_from(d)) else {
        return Err(format!("{y}-{m}-{d} is not a calendar day"));
    };
    Date::new(y, m, d).map_err(|_| format!("{y:04}-{m:02}-{d:02} is not a calendar day"))
}

/// Reads dates written in words: `30-31 March 2023`, `05 and 06 October 2023`,
/// `February 28 – March 2nd`, `March 30, 2023`, `2023-03-30 to 2023-04-02`, `30/03/2023`.
pub fn parse_human(s: &str) -> HumanDates {
    match parse_partials(s) {
        Ok(partials) => resolve(partials),
        Err(why) => HumanDates::Invalid(why),
    }
}

fn parse_partials(s: &str) -> Result<Vec<Partial>, String> {
    let tokens = tokenize(s)?;
    let mut partials: Vec<Partial> = Vec::new();
    // Day first (`30 March`) or month first (`March 30`), decided by what comes first.
    let mut month_first: Option<bool> = None;
    let mut current_month: Option<i8> = None;
    for token in tokens {
        match token {
            Token::Day(date) => partials.push(Partial {
                full: Some(date),
                ..Partial::default()
            }),
            Token::Range => {}
            Token::Month(m) => {
                let waiting: Vec<&mut Partial> = partials
                    .iter_mut()
                    .filter(|p| p.full.is_none() && p.month.is_none())
                    .collect();
                if month_first != Some(true) && !waiting.is_empty() {
                    month_first = Some(false);
                    for p in waiting {
                        p.month = Some(m);
                    }
                } else {
                    month_first.get_or_insert(true);
                    current_month = Some(m);
                }
            }
            Token::Number(n) if n >= 1000 => {
                let year = i16::try_from(n).map_err(|_| format!("`{n}` is not a year"))?;
                let waiting: Vec<&mut Partial> = partials
                    .iter_mut()
                    .filter(|p| p.full.is_none() && p.year.is_none())
                    .collect();
                if waiting.is_empty() {
                    return Err(format!("the year `{n}` has no day before it"));
                }
                let shared = waiting.len() > 1;
                for p in waiting {
                    p.year = Some(year);
                    p.shared_year = shared;
                }
            }
            Token::Number(n) if (1..=31).contains(&n) => {
                let month = if month_first == Some(true) {
                    current_month
                } else {
                    month_first.get_or_insert(false);
                    None
                };
                partials.push(Partial {
                    day: Some(n),
                    month,
                    ..Partial::default()
                });
            }
            Token::Number(n) => return Err(format!("`{n}` is neither a day nor a year")),
        }
    }
    if partials.is_empty() {
        return Err("no day found".to_string());
    }
    if let Some(p) = partials
        .iter()
        .find(|p| p.full.is_none() && p.month.is_none())
    {
        return Err(format!("the day `{}` has no month", p.day.unwrap_or(0)));
    }
    Ok(partials)
}

fn resolve(partials: Vec<Partial>) -> HumanDates {
    if !partials
        .iter()
        .any(|p| p.full.is_some() || p.year.is_some())
    {
        return HumanDates::NoYear;
    }
    // A year written once covers the days before it, and a day without one after a dated day
    // takes that day's year: `28 December - 2 January 2024` starts in 2023, and
    // `31 December 2023 - 2 January` ends in 2024.
    let mut days: Vec<Date> = Vec::with_capacity(partials.len());
    for (i, p) in partials.iter().enumerate() {
        if let Some(full) = p.full {
            days.push(full);
            continue;
        }
        let month = p.month.unwrap_or(1);
        let later_year = partials[i + 1..]
            .iter()
            .find_map(|q| q.year.or(q.full.map(jiff::civil::Date::year)));
        let year = match (p.year, later_year, days.last()) {
            (Some(year), _, _) if !p.shared_year => year,
            (Some(year), _, _) | (None, Some(year), _) => {
                // Shared with a later day: a later month that is earlier in the year crosses
                // into the next year, so this day belongs to the year before.
                let later_month = partials[i + 1..].iter().find_map(|q| q.month);
                if later_month.is_some_and(|m| m < month) {
                    year - 1
                } else {
                    year
                }
            }
            (None, None, Some(previous)) => {
                let same = previous.year();
                let candidate = civil(same.into(), month.into(), p.day.unwrap_or(0).into());
                match candidate {
                    Ok(d) if d < *previous => same + 1,
                    _ => same,
                }
            }
            (None, None, None) => return HumanDates::NoYear,
        };
        match civil(year.into(), month.into(), p.day.unwrap_or(0).into()) {
            Ok(d) => days.push(d),
            Err(why) => return HumanDates::Invalid(why),
        }
    }
    let start = days[0];
    let end = *days.last().unwrap_or(&start);
    HumanDates::Dates(Dates::new(start, end))
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn span(a: Date, b: Date) -> HumanDates {
        HumanDates::Dates(Dates::new(a, b))
    }

    #[test]
    fn dates_in_words() {
        let cases: Vec<(&str, HumanDates)> = vec![
            (
                "30-31 March 2023",
                span(date(2023, 3, 30), date(2023, 3, 31)),
            ),
            (
                "30–31 March 2023",
                span(date(2023, 3, 30), date(2023, 3, 31)),
            ),
            (
                "05 and 06 October 2023",
                span(date(2023, 10, 5), date(2023, 10, 6)),
            ),
            ("3-4 June 2024", span(date(2024, 6, 3), date(2024, 6, 4))),
            (
                "12-14 June 2024",
                span(date(2024, 6, 12), date(2024, 6, 14)),
            ),
            ("30 March 2023", span(date(2023, 3, 30), date(2023, 3, 30))),
            ("March 30, 2023", span(date(2023, 3, 30), date(2023, 3, 30))),
            (
                "March 30-31, 2023",
                span(date(2023, 3, 30), date(2023, 3, 31)),
            ),
            (
                "28 February - 2 March 2024",
                span(date(2024, 2, 28), date(2024, 3, 2)),
            ),
            (
                "28 December 2023 – 2 January 2024",
                span(date(2023, 12, 28), date(2024, 1, 2)),
            ),
            (
                "28 December - 2 January 2024",
                span(date(2023, 12, 28), date(2024, 1, 2)),
            ),
            (
                "2023-03-30 to 2023-04-02",
                span(date(2023, 3, 30), date(2023, 4, 2)),
            ),
            ("30/03/2023", span(date(2023, 3, 30), date(2023, 3, 30))),
            ("2024/02/15", span(date(2024, 2, 15), date(2024, 2, 15))),
            (
                "31 December 2023 - 2 January",
                span(date(2023, 12, 31), date(2024, 1, 2)),
            ),
            (
                "Monday 3rd June 2024",
                span(date(2024, 6, 3), date(2024, 6, 3)),
            ),
            ("Sept. 5, 2023", span(date(2023, 9, 5), date(2023, 9, 5))),
            ("February 28 – March 2nd", HumanDates::NoYear),
            ("5 June", HumanDates::NoYear),
        ];
        for (text, want) in cases {
            assert_eq!(parse_human(text), want, "{text:?}");
        }
    }

    #[test]
    fn not_dates() {
        for text in [
            "",
            "soon",
            "June 2024",
            "31 February 2024",
            "2024",
            "45 March 2023",
            "30/03/23",
            "13/13/2023",
            "99999999999999999999 June 2024",
        ] {
            assert!(
                matches!(parse_human(text), HumanDates::Invalid(_)),
                "{text:?}: {:?}",
                parse_human(text)
            );
        }
    }

    #[test]
    fn reading_dates_as_text() {
        use crate::rules::Read;
        let day = Dates::Day(date(2023, 3, 30));
        let span = Dates::Span {
            start: date(2023, 3, 30),
            end: date(2023, 3, 31),
        };
        let cases: &[(&str, Read<Dates>, &[Code])] = &[
            ("2023-03-30", Read::Canonical(day), &[]),
            (
                "2023-03-30T10:00:00",
                Read::Canonical(day),
                &[Code::NonCanonical],
            ),
            (
                "2023-03-30/2023-03-31",
                Read::Canonical(span),
                &[Code::NonCanonical],
            ),
            (
                "30-31 March 2023",
                Read::Canonical(span),
                &[Code::NonCanonical],
            ),
            ("2023-02-30", Read::AsWritten, &[Code::DateInvalid]),
            ("March 30", Read::AsWritten, &[Code::DateNoYear]),
            ("someday", Read::AsWritten, &[Code::DateInvalid]),
        ];
        for (text, value, codes) in cases {
            let reading = read_text(text);
            assert_eq!(&reading.value, value, "{text}");
            let got: Vec<Code> = reading.problems.iter().map(|p| p.code).collect();
            assert_eq!(got, *codes, "{text}");
        }
        let words = read_text("30-31 March 2023");
        assert_eq!(
            words.problems[0].hint.as_deref(),
            Some(
                "write `{ start = \"2023-03-30\", end = \"2023-03-31\" }` (`qfill export` writes it for you)"
            )
        );
        assert_eq!(
            read_bound("2023-03-30T09:00:00").value,
            Read::Canonical(date(2023, 3, 30))
        );
        assert_eq!(
            read_bound("soon").problems[0].message,
            "`soon` is not an ISO date"
        );
    }

    #[test]
    fn strict_iso() {
        assert_eq!(parse_iso("2023-03-30"), Some(date(2023, 3, 30)));
        assert_eq!(parse_iso("2023-02-30"), None);
        assert_eq!(parse_iso("2023-3-30"), None);
        assert_eq!(parse_iso("20230330"), None);
    }

    #[test]
    fn order_and_window() {
        let window = Window {
            start: date(2022, 11, 1),
            end: date(2024, 12, 31),
        };
        let codes = |a: Date, b: Date| {
            check(Dates::Span { start: a, end: b }, Some(window))
                .into_iter()
                .map(|p| p.code)
                .collect::<Vec<_>>()
        };
        assert_eq!(codes(date(2023, 1, 1), date(2023, 1, 2)), []);
        assert_eq!(codes(date(2022, 11, 1), date(2024, 12, 31)), []);
        assert_eq!(codes(date(2023, 1, 2), date(2023, 1, 1)), [Code::DateOrder]);
        assert_eq!(
            codes(date(2022, 10, 31), date(2022, 11, 1)),
            [Code::DateWindow]
        );
        assert_eq!(
            codes(date(2024, 12, 31), date(2025, 1, 1)),
            [Code::DateWindow]
        );
        assert_eq!(check(Dates::Day(date(2030, 1, 1)), None), []);
    }
}
