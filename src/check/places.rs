//! Place fields: `{ city, country }`, a list of them, or places written as text; read by
//! [`crate::rules::places`] and [`crate::rules::countries`].

use super::cursor::Cursor;
use crate::answers::Place;
use crate::document::{Node, Value};
use crate::finding::{Code, Segment};
use crate::rules::text::{self, Marker};
use crate::rules::{Problem, Read, countries, places};

/// The canonical places; `None` to keep the value as written.
pub(super) fn places(c: &mut Cursor<'_>, node: &Node) -> Option<Vec<Place>> {
    match &node.value {
        Value::Table(_) => place_table(c, node).canonical().map(|p| vec![p]),
        Value::String(s) => {
            let places = c.take(places::read_text(s), node).canonical()?;
            let canonical: Vec<String> = places.iter().map(Place::inline).collect();
            let canonical = if canonical.len() == 1 {
                canonical[0].clone()
            } else {
                format!("[{}]", canonical.join(", "))
            };
            written_as_text(c, node, s, &canonical);
            Some(places)
        }
        Value::Array(items) if !items.is_empty() => {
            let mut places = Vec::new();
            let mut whole = true;
            for (i, item) in items.iter().enumerate() {
                let found = c.enter(Segment::Index(i), |c| match &item.value {
                    Value::Table(_) => place_table(c, item).canonical().map(|p| vec![p]),
                    Value::String(s) => {
                        let found = c.take(places::read_text(s), item).canonical()?;
                        let canonical: Vec<String> = found.iter().map(Place::inline).collect();
                        written_as_text(c, item, s, &canonical.join(", "));
                        Some(found)
                    }
                    _ => {
                        c.wrong_type(
                            item,
                            "a place",
                            "write `{ city = \"Geneva\", country = \"Switzerland\" }`",
                        );
                        None
                    }
                });
                match found {
                    Some(found) => places.extend(found),
                    None => whole = false,
                }
            }
            whole.then_some(places)
        }
        Value::Array(_) => {
            c.report(
                Code::Required,
                c.anchor(node),
                "lists no place".to_string(),
                Some("give at least one `{ city, country }`".to_string()),
            );
            None
        }
        _ => {
            c.wrong_type(
                node,
                "a place",
                "write `{ city = \"Geneva\", country = \"Switzerland\" }`",
            );
            None
        }
    }
}

fn written_as_text(c: &mut Cursor<'_>, node: &Node, s: &str, canonical: &str) {
    let problem =
        Problem::non_canonical(&format!("written as text: `{}`", s.trim()), canonical).value(s);
    c.emit(problem, c.anchor(node));
}

/// `{ city, country }`: canonical only if both are there, readable, and no other key is.
fn place_table(c: &mut Cursor<'_>, node: &Node) -> Read<Place> {
    let Some(entries) = node.as_table() else {
        return Read::AsWritten;
    };
    let mut whole = c.unknown_keys(entries, &["city", "country"]).is_empty();
    let table_anchor = c.table_anchor(node);
    let mut place = Place {
        city: None,
        country: None,
    };
    for key in ["city", "country"] {
        let Some(value) = node.get(key) else {
            let anchor = table_anchor.clone();
            c.key(key, |c| {
                c.report(
                    Code::Required,
                    anchor,
                    "is missing".to_string(),
                    Some(format!("add `{key}`")),
                );
            });
            whole = false;
            continue;
        };
        let got = c.key(key, |c| match value.as_str() {
            Some(s) if text::marker(s) != Some(Marker::NotAnswered) => Some(if key == "country" {
                // A country that is not a State is kept as written, in a place still written
                // canonically: the finding says what to look at.
                match c.take(countries::read(s), value) {
                    Read::Canonical(name) => name.to_string(),
                    Read::AsWritten => s.trim().to_string(),
                }
            } else {
                c.inner_marker(value);
                s.trim().to_string()
            }),
            Some(s) => {
                c.report(
                    Code::Required,
                    c.anchor(value),
                    format!("is required, `{}` is not an answer", s.trim()),
                    None,
                );
                None
            }
            None => {
                c.wrong_type(value, "text", "write it in quotes");
                None
            }
        });
        match (key, got) {
            ("city", Some(city)) => place.city = Some(city),
            (_, Some(country)) => place.country = Some(country),
            _ => whole = false,
        }
    }
    if whole {
        Read::Canonical(place)
    } else {
        Read::AsWritten
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{codes, event_with, findings};
    use crate::finding::Code;

    #[test]
    fn a_pending_city_in_text_points_at_the_text() {
        assert_eq!(
            findings(&event_with("location", "\"TBD, Samoa\"")),
            [(Code::Pending, "events[0].location".to_string(), Some(9))]
        );
    }

    #[test]
    fn place_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("{ city = \"Ankara\", country = \"Turkey\" }", &[]),
            (
                "[{ city = \"Apia\", country = \"Samoa\" }, { city = \"Rome\", country = \"Italy\" }]",
                &[],
            ),
            ("\"Apia, Samoa\"", &[Code::NonCanonical]),
            (
                "\"Geneva, Switzerland; Nairobi, Kenya\"",
                &[Code::NonCanonical],
            ),
            (
                "\"Geneva, Switzerland and New York, USA\"",
                &[Code::NonCanonical],
            ),
            (
                "[\"Apia, Samoa\", \"Dakar, Senegal\"]",
                &[Code::NonCanonical, Code::NonCanonical],
            ),
            // Not read as a city in a State: kept as written, with its own finding only.
            ("\"San Juan, Puerto Rico\"", &[Code::NotMemberState]),
            ("\"Apia, TBD\"", &[Code::Pending]),
            ("{ city = \"TBD\", country = \"Samoa\" }", &[Code::Pending]),
            (
                "{ city = \"X\", country = \"Atlantis\" }",
                &[Code::CountryUnknown],
            ),
            ("{ city = \"Apia\" }", &[Code::Required]),
            (
                "{ city = \"Apia\", country = \"Samoa\", zip = \"1\" }",
                &[Code::UnknownKey],
            ),
            ("\"Online\"", &[Code::CountryUnknown]),
            ("[]", &[Code::Required]),
        ];
        for (value, want) in cases {
            assert_eq!(
                codes(&event_with("location", value)),
                *want,
                "location = {value}"
            );
        }
    }
}
