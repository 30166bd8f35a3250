//! Phrases a blank form states in words, read into data: a reporting window ("From November
//! 2024 to October 2025"), a record maximum ("select up to three"), and a field's kind from its
//! label ("Event Dates", "Relevant SDGs").

use std::ops::Range;

use jiff::civil::Date;

use crate::questionnaire::{FieldKind, Window, short_label};
use crate::rules::dates::month;

/// The first reporting window a text states: `From November 2024 to October 2025`,
/// `from 3 November 2024 to 31 October 2025`; the window and the phrase's byte range.
pub fn window_in(text: &str) -> Option<(Window, Range<usize>)> {
    let tokens = tokens(text);
    for (i, (word, range)) in tokens.iter().enumerate() {
        if !word.eq_ignore_ascii_case("from") {
            continue;
        }
        let Some((start, next)) = date_at(&tokens, i + 1, false) else {
            continue;
        };
        let Some((to, _)) = tokens.get(next) else {
            continue;
        };
        if !matches!(to.to_lowercase().as_str(), "to" | "until" | "through") {
            continue;
        }
        let Some((end, after)) = date_at(&tokens, next + 1, true) else {
            continue;
        };
        if end < start {
            continue;
        }
        let last = &tokens[after - 1].1;
        return Some((Window { start, end }, range.start..last.end));
    }
    None
}

/// Words and numbers with their byte ranges.
fn tokens(text: &str) -> Vec<(&str, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((&text[s..i], s..i));
                start = None;
            }
            _ => {}
        }
    }
    out
}

/// `[day] Month Year` at token `i`; an end without a day is the month's last day.
fn date_at(tokens: &[(&str, Range<usize>)], i: usize, end: bool) -> Option<(Date, usize)> {
    let mut i = i;
    let day = tokens
        .get(i)
        .and_then(|(t, _)| t.parse::<i8>().ok())
        .filter(|d| (1..=31).contains(d));
    if day.is_some() {
        i += 1;
    }
    let month = tokens.get(i).and_then(|(t, _)| month(t))?;
    let year = tokens
        .get(i + 1)
        .and_then(|(t, _)| (t.len() == 4).then(|| t.parse::<i16>().ok()).flatten())?;
    let first = Date::new(year, month, 1).ok()?;
    let date = match day {
        Some(d) => Date::new(year, month, d).ok()?,
        None if end => first.last_of_month(),
        None => first,
    };
    Some((date, i + 2))
}

const NUMBER_WORDS: [&str; 10] = [
    "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
];

/// The most records a question's text allows: "select up to three", "List up to two
/// workshops", "(select up to 5)"; the number and the phrase's byte range.
pub fn max_records_in(text: &str) -> Option<(usize, Range<usize>)> {
    let tokens = tokens(text);
    tokens.windows(3).find_map(|w| {
        let [(up, range), (to, _), (n, end)] = w else {
            return None;
        };
        if !up.eq_ignore_ascii_case("up") || !to.eq_ignore_ascii_case("to") {
            return None;
        }
        let lower = n.to_lowercase();
        let number = NUMBER_WORDS
            .iter()
            .position(|w| *w == lower)
            .map(|i| i + 1)
            .or_else(|| n.parse::<usize>().ok().filter(|n| (1..=50).contains(n)))?;
        Some((number, range.start..end.end))
    })
}

/// The kind of a field, from its label, and the word that decided it.
pub fn kind_of(label: &str) -> (FieldKind, Option<&'static str>) {
    let short = short_label(label).to_lowercase();
    let full = label.to_lowercase();
    let words: Vec<&str> = short
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect();
    let has = |needle: &str| short.contains(needle);
    let word_starts = |prefix: &str| words.iter().any(|w| w.starts_with(prefix));
    if has("description") {
        return (FieldKind::Paragraphs, Some("description"));
    }
    if matches!(words.last(), Some(&"name" | &"title")) {
        return (FieldKind::Line, Some("a name"));
    }
    let rules: [(&[&str], FieldKind, &str); 8] = [
        (&["sdg", "goal"], FieldKind::Sdgs, "SDGs"),
        (&["date", "when"], FieldKind::Dates, "dates"),
        (
            &["location", "place", "venue"],
            FieldKind::Places,
            "location",
        ),
        (
            &["website", "url", "link", "web"],
            FieldKind::Url,
            "website",
        ),
        (&["language"], FieldKind::Languages, "languages"),
        (&["countr", "member"], FieldKind::Countries, "Member States"),
        (
            &["partner", "publish", "organi", "entit"],
            FieldKind::Organisations,
            "partners or publishers",
        ),
        (&[], FieldKind::Line, ""),
    ];
    for (prefixes, kind, why) in rules {
        if prefixes.iter().any(|p| word_starts(p)) {
            return (kind, Some(why));
        }
    }
    if full.contains("(city, country)") {
        return (FieldKind::Places, Some("location"));
    }
    (FieldKind::Line, None)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn windows_and_maxima_in_texts() {
        let (w, _) = window_in("1.From November 2024 to October 2025, has").unwrap();
        assert_eq!(
            (w.start.to_string(), w.end.to_string()),
            ("2024-11-01".into(), "2025-10-31".into())
        );
        assert!(window_in("from now to then").is_none());
        assert_eq!(
            max_records_in("Please select up to three to highlight")
                .unwrap()
                .0,
            3
        );
        assert_eq!(max_records_in("List up to 2 workshops").unwrap().0, 2);
        assert!(max_records_in("keep up the work").is_none());
    }

    #[test]
    fn kinds_from_labels() {
        let cases = [
            ("Event Name", FieldKind::Line),
            ("Initiative/Partnership Name", FieldKind::Line),
            ("Event Dates:", FieldKind::Dates),
            ("When", FieldKind::Dates),
            ("Event Location (City, Country)", FieldKind::Places),
            ("Relevant SDGs (list all relevant goals)", FieldKind::Sdgs),
            ("Goals", FieldKind::Sdgs),
            (
                "Description (max 150 words): please include the SDGs",
                FieldKind::Paragraphs,
            ),
            ("Website (if applicable)", FieldKind::Url),
            ("Language(s)", FieldKind::Languages),
            ("Member States benefiting from it", FieldKind::Countries),
            ("Participating countries", FieldKind::Countries),
            (
                "Partners (please list all partners)",
                FieldKind::Organisations,
            ),
            ("Publishing entity/entities", FieldKind::Organisations),
            ("Target audience", FieldKind::Line),
        ];
        for (label, want) in cases {
            assert_eq!(kind_of(label).0, want, "{label}");
        }
    }
}
