//! Date fields and `submitted`: a day, `{ start, end }`, or a date written in words; read by
//! [`crate::rules::dates`].

use super::cursor::Cursor;
use crate::document::{Node, Value};
use crate::finding::Code;
use crate::questionnaire::Field;
use crate::rules::Read;
use crate::rules::dates::{self, Dates};
use crate::rules::text::{self, Marker};

/// A date field's canonical value, checked against the reporting window where the field asks.
pub(super) fn dates_field(c: &mut Cursor<'_>, field: &Field, node: &Node) -> Option<Dates> {
    let d = date_value(c, node).canonical()?;
    let window = if field.check_window {
        c.q.reporting_window
    } else {
        None
    };
    for problem in dates::check(d, window) {
        c.emit(problem, c.anchor(node));
    }
    Some(d)
}

/// A date value: ISO text or TOML date, `{ start, end }`, or words.
pub(super) fn date_value(c: &mut Cursor<'_>, node: &Node) -> Read<Dates> {
    match &node.value {
        Value::Datetime(s) | Value::String(s) => c.take(dates::read_text(s), node),
        Value::Table(entries) => {
            // Extra keys are kept only if the whole table is.
            let mut whole = c.unknown_keys(entries, &["start", "end"]).is_empty();
            let table_anchor = c.table_anchor(node);
            let mut bounds = [None, None];
            for (slot, key) in bounds.iter_mut().zip(["start", "end"]) {
                let Some(value) = node.get(key) else {
                    let anchor = table_anchor.clone();
                    c.key(key, |c| {
                        c.report(
                            Code::Required,
                            anchor,
                            "is missing".to_string(),
                            Some(
                                "a span needs `start` and `end`; a single day is written as one date"
                                    .to_string(),
                            ),
                        );
                    });
                    continue;
                };
                *slot = c.key(key, |c| match &value.value {
                    Value::String(s) if text::marker(s).is_some() => {
                        match c.inner_marker(value) {
                            Some(Marker::Pending) => {}
                            _ => c.report(
                                Code::Required,
                                c.anchor(value),
                                format!("is required, `{}` is not a date", s.trim()),
                                Some("give the day as `YYYY-MM-DD`".to_string()),
                            ),
                        }
                        None
                    }
                    Value::Datetime(s) | Value::String(s) => {
                        c.take(dates::read_bound(s), value).canonical()
                    }
                    _ => {
                        c.wrong_type(value, "a date", "write it as `YYYY-MM-DD`");
                        whole = false;
                        None
                    }
                });
            }
            match bounds {
                [Some(start), Some(end)] if whole => Read::Canonical(Dates::new(start, end)),
                _ => Read::AsWritten,
            }
        }
        _ => {
            c.wrong_type(
                node,
                "a date",
                "write `2023-03-30` or `{ start = \"2023-03-30\", end = \"2023-03-31\" }`",
            );
            Read::AsWritten
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::testing::{HEADER, codes, event_with};
    use crate::document::{Format, parse};
    use crate::finding::Code;
    use crate::questionnaire::Questionnaire;

    #[test]
    fn date_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("\"2023-03-30\"", &[]),
            ("2023-03-30", &[]),
            ("{ start = \"2023-03-30\", end = \"2023-03-31\" }", &[]),
            ("{ start = 2023-03-30, end = 2023-03-31 }", &[]),
            (
                "{ start = \"2023-03-31\", end = \"2023-03-30\" }",
                &[Code::DateOrder],
            ),
            ("{ start = \"2023-03-31\" }", &[Code::Required]),
            ("\"30-31 March 2023\"", &[Code::NonCanonical]),
            ("\"February 28 – March 2nd\"", &[Code::DateNoYear]),
            ("\"2021-01-01\"", &[Code::DateWindow]),
            ("\"2025-01-01\"", &[Code::DateWindow]),
            ("\"someday\"", &[Code::DateInvalid]),
            ("\"2023-02-30\"", &[Code::DateInvalid]),
            ("\"TBD\"", &[Code::Pending]),
            ("42", &[Code::WrongType]),
            (
                "{ start = \"TBD\", end = \"2023-03-31\" }",
                &[Code::Pending],
            ),
        ];
        for (value, want) in cases {
            assert_eq!(codes(&event_with("dates", value)), *want, "dates = {value}");
        }
    }

    #[test]
    fn date_messages_say_what_is_wrong() {
        for (value, want) in [
            ("\"2023-02-29\"", "`2023-02-29` is not a calendar day"),
            ("\"2023-13-01\"", "`2023-13-01` is not a calendar day"),
        ] {
            let text = format!("{HEADER}{}", event_with("dates", value));
            let doc = parse(&text, Format::Toml).unwrap();
            let checked = check(&doc, &Questionnaire::default_builtin());
            let f = checked
                .findings
                .iter()
                .find(|f| f.code == Code::DateInvalid)
                .unwrap();
            assert!(f.message.contains(want), "{}", f.message);
        }
        assert_eq!(
            codes(&event_with("dates", "2023-03-30T10:00:00")),
            [Code::NonCanonical]
        );
        assert_eq!(
            codes(&event_with("dates", "\"2024/02/15\"")),
            [Code::NonCanonical]
        );
    }
}
