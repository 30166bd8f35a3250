//! SDG fields: `[1, 13]`, `"all"`, or goals written as text; the numbers are judged by
//! [`crate::rules::sdgs`].

use super::cursor::Cursor;
use crate::document::{Node, Value};
use crate::finding::{Code, Segment};
use crate::rules::sdgs::{self, SdgSet, SdgText, Written};
use crate::rules::text::{self, Marker};

/// The canonical SDG set; `None` to keep the value as written.
pub(super) fn sdgs(c: &mut Cursor<'_>, node: &Node) -> Option<SdgSet> {
    let reading = match &node.value {
        Value::Integer(n) => sdgs::read_numbers(&[*n], Written::Single(*n)),
        Value::String(s) => sdgs::read_text(s),
        Value::Array(items) => {
            let mut numbers = Vec::new();
            let mut as_text = false;
            let mut broken = false;
            let mut pending = false;
            for (i, item) in items.iter().enumerate() {
                c.enter(Segment::Index(i), |c| match &item.value {
                    Value::String(_) if c.inner_marker(item).is_some() => {
                        // `TBD` is reported; a not-answered item adds no goal.
                        pending |= item.as_str().and_then(text::marker) == Some(Marker::Pending);
                    }
                    Value::Integer(n) => numbers.push(*n),
                    Value::String(s) => match sdgs::parse_text(s) {
                        Some(SdgText::Numbers(ns)) => {
                            numbers.extend(ns);
                            as_text = true;
                        }
                        _ => {
                            c.report(
                                Code::WrongType,
                                c.anchor(item),
                                format!("`{}` is not an SDG number", s.trim()),
                                Some("write goals as numbers 1 to 17".to_string()),
                            );
                            broken = true;
                        }
                    },
                    Value::Float(f) => {
                        c.report(
                            Code::WrongType,
                            c.anchor(item),
                            format!("is `{f}`, a whole number from 1 to 17 is expected"),
                            Some("write goals as whole numbers, e.g. `13`".to_string()),
                        );
                        broken = true;
                    }
                    _ => {
                        c.wrong_type(item, "an SDG number", "write goals as numbers 1 to 17");
                        broken = true;
                    }
                });
            }
            if broken || pending {
                return None;
            }
            let written = if as_text {
                Written::ListWithText
            } else {
                Written::List
            };
            sdgs::read_numbers(&numbers, written)
        }
        _ => {
            c.wrong_type(
                node,
                "a list of SDG numbers",
                "write a list such as `[1, 13]`, or \"all\"",
            );
            return None;
        }
    };
    c.take(reading, node).canonical()
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, event_with};
    use crate::finding::Code;

    #[test]
    fn sdg_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("[1, 17]", &[]),
            ("\"all\"", &[]),
            ("[0]", &[Code::SdgRange]),
            ("[18]", &[Code::SdgRange]),
            ("[10, 13, 10]", &[Code::SdgDuplicate]),
            ("[1.5]", &[Code::WrongType]),
            ("\"1, 3 and 5\"", &[Code::NonCanonical]),
            ("\"All 17 SDGs\"", &[Code::NonCanonical]),
            ("\"6, 13, 6 and 19\"", &[Code::SdgRange, Code::SdgDuplicate]),
            ("\"climate\"", &[Code::WrongType]),
            ("[]", &[Code::Required]),
            ("\"N/A\"", &[Code::Required]),
            ("\"TBD\"", &[Code::Pending]),
            ("{ a = 1 }", &[Code::WrongType]),
            ("13", &[Code::NonCanonical]),
            ("[\"TBD\"]", &[Code::Pending]),
        ];
        for (value, want) in cases {
            assert_eq!(codes(&event_with("sdgs", value)), *want, "sdgs = {value}");
        }
    }
}
