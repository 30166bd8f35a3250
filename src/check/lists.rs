//! List fields: languages, organisations and Member States, as a list or written as one text;
//! each entry read by [`crate::rules::languages`] or [`crate::rules::countries`].

use std::borrow::Cow;

use super::cursor::Cursor;
use crate::answers::FieldValue;
use crate::document::{Node, Value};
use crate::finding::{Code, Segment};
use crate::questionnaire::{Field, FieldKind};
use crate::rules::lists::{all_in_a_list, is_all, split_list_keeping};
use crate::rules::text::{self, Marker};
use crate::rules::{Problem, Read, countries, languages};

/// A list field's canonical value; `None` to keep the value as written.
pub(super) fn list(c: &mut Cursor<'_>, field: &Field, node: &Node) -> Option<FieldValue> {
    let from_text = node.as_str();
    let items: Vec<(Option<usize>, &Node, Cow<'_, str>)> = match &node.value {
        Value::String(s) if field.allow_all && is_all(s) => return Some(FieldValue::All),
        Value::String(s) => {
            let keep_whole = match field.kind {
                FieldKind::Countries => countries::is_known_name,
                _ => |_: &str| false,
            };
            split_list_keeping(s, keep_whole)
                .into_iter()
                .map(|i| (None, node, Cow::Owned(i)))
                .collect()
        }
        Value::Array(items) => {
            if field.allow_all
                && let [only] = items.as_slice()
                && let Some(s) = only.as_str().filter(|s| is_all(s))
            {
                c.emit(all_in_a_list(s), c.anchor(node));
                return Some(FieldValue::All);
            }
            let mut out = Vec::new();
            let mut broken = false;
            for (i, item) in items.iter().enumerate() {
                match item.as_str() {
                    Some(s) => out.push((Some(i), item, Cow::Borrowed(s.trim()))),
                    None => {
                        c.enter(Segment::Index(i), |c| {
                            c.wrong_type(item, "a name", "write each name in quotes");
                        });
                        broken = true;
                    }
                }
            }
            if broken {
                return None;
            }
            out
        }
        _ => {
            c.wrong_type(
                node,
                "a list of names",
                "write a list such as `[\"A\", \"B\"]`",
            );
            return None;
        }
    };
    // Not answered applies to the whole value, never to one entry: a list holding only
    // not-answered words (`["N/A"]`) is not answered, and otherwise every entry is kept and read
    // (`NA` is Namibia, `na` Nauru). `TBD` is reported and kept.
    let not_answered =
        |s: &str| text::marker(s) == Some(Marker::NotAnswered) && !names_something(field.kind, s);
    let mut all_read = true;
    let kept = if items.is_empty() || !items.iter().all(|(_, _, s)| not_answered(s)) {
        for (index, item, s) in &items {
            if text::marker(s) == Some(Marker::Pending) {
                all_read = false;
                c.item(*index, |c| c.emit(text::pending(s), c.anchor(item)));
            }
        }
        items
    } else {
        all_read = false;
        Vec::new()
    };
    if kept.is_empty() {
        if field.required {
            c.report(
                Code::Required,
                c.anchor(node),
                "lists nothing".to_string(),
                Some(format!(
                    "give at least one entry for {}",
                    field.short_label()
                )),
            );
        }
        return match from_text {
            None if all_read => Some(FieldValue::List(Vec::new())),
            _ => None,
        };
    }
    // The values are wanted to write the answers, or to say how a list written as text is
    // written canonically; a run for findings alone on a list needs only the reading.
    let want_values = c.answers || from_text.is_some();
    let mut out: Vec<String> = Vec::new();
    for (index, item, s) in kept {
        let read = c.item(index, |c| match field.kind {
            FieldKind::Languages => c.take(languages::read(&s), item),
            FieldKind::Countries if text::marker(&s) == Some(Marker::Pending) => Read::AsWritten,
            FieldKind::Countries => c.take(countries::read(&s), item),
            _ => Read::Canonical(&*s),
        });
        let value = match read {
            Read::Canonical(value) => value,
            // A territory or an organisation is a name read (with its own warning): a list of
            // them is as much a list as one of Member States.
            Read::AsWritten
                if field.kind == FieldKind::Countries && countries::is_known_name(&s) =>
            {
                &*s
            }
            Read::AsWritten => {
                all_read = false;
                &*s
            }
        };
        if want_values && !out.iter().any(|v| v == value) {
            out.push(value.to_string());
        }
    }
    if let Some(s) = from_text {
        // Rewritten only when every entry was read; otherwise kept exactly as written.
        if !all_read {
            return None;
        }
        let canonical = out
            .iter()
            .map(|i| format!("\"{i}\""))
            .collect::<Vec<_>>()
            .join(", ");
        let problem = Problem::non_canonical(
            &format!("written as text: `{}`", s.trim()),
            &format!("[{canonical}]"),
        )
        .value(s);
        c.emit(problem, c.anchor(node));
    }
    if out
        .iter()
        .any(|v| text::marker(v).is_some() && !names_something(field.kind, v))
    {
        return None;
    }
    Some(FieldValue::List(out))
}

/// Whether `s` is a name the field's reference data knows: a country or a language, even one
/// that spells a not-answered word (`NA`, Namibia; `na`, Nauru).
pub(super) fn names_something(kind: FieldKind, s: &str) -> bool {
    match kind {
        FieldKind::Countries => countries::is_known_name(s),
        FieldKind::Languages => languages::is_known_name(s),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{HEADER, codes, findings};
    use crate::document::{Format, parse};
    use crate::finding::Code;
    use crate::questionnaire::Questionnaire;

    fn initiative(field: &str, value: &str) -> String {
        let base = "[[answers.initiatives]]\nname = \"I\"\npartners = [\"P\"]\nsdgs = [1]\nmember_states = [\"Kenya\"]\ndescription = \"D\"\n";
        let kept: String = base
            .lines()
            .filter(|l| !l.starts_with(&format!("{field} =")))
            .map(|l| format!("{l}\n"))
            .collect();
        format!("{kept}{field} = {value}\n")
    }

    #[test]
    fn member_state_lists() {
        let initiative = |states: &str| {
            format!(
                "[[answers.initiatives]]\nname = \"I\"\npartners = \"all\"\nsdgs = [1]\nmember_states = {states}\ndescription = \"D\"\n"
            )
        };
        let cases: &[(&str, &[Code])] = &[
            ("\"all\"", &[]),
            ("\"All Member States\"", &[]),
            ("[\"Holy See\", \"State of Palestine\"]", &[]),
            ("[\"USA\", \"Türkiye\", \"Cote d'Ivoire\"]", &[]),
            ("[\"Aruba\"]", &[Code::NotMemberState]),
            ("[\"African Union\"]", &[Code::NotMemberState]),
            ("[\"Senegall\"]", &[Code::CountryUnknown]),
            ("\"Senegal, Gambia\"", &[Code::NonCanonical]),
            (
                "\"Jamaica, Puerto Rico, African Union\"",
                &[
                    Code::NotMemberState,
                    Code::NotMemberState,
                    Code::NonCanonical,
                ],
            ),
            ("\"Jamaica, Atlantis\"", &[Code::CountryUnknown]),
            ("[]", &[Code::Required]),
            ("[1]", &[Code::WrongType]),
        ];
        for (value, want) in cases {
            assert_eq!(codes(&initiative(value)), *want, "member_states = {value}");
        }
        let all = findings(&initiative("[\"Senegall\"]"));
        assert_eq!(all[0].1, "initiatives[0].member_states[0]");
    }

    #[test]
    fn languages() {
        let resource = |languages: &str| {
            format!(
                "[[answers.resources]]\nname = \"R\"\nsdgs = [4]\npublishers = [\"P\"]\naudience = \"A\"\ndescription = \"D\"\nlanguages = {languages}\n"
            )
        };
        assert_eq!(codes(&resource("[\"en\", \"French\", \"pt\"]")), []);
        assert_eq!(
            codes(&resource("\"English, French\"")),
            [Code::NonCanonical]
        );
        assert_eq!(codes(&resource("[\"Klingon\"]")), [Code::LanguageUnknown]);
    }

    #[test]
    fn not_answered_and_pending_inside_values() {
        let event_with = super::super::testing::event_with;
        let cases: Vec<(String, &[Code])> = vec![
            (
                event_with("dates", "{ start = \"TBD\", end = \"2023-03-31\" }"),
                &[Code::Pending],
            ),
            (event_with("sdgs", "[\"TBD\"]"), &[Code::Pending]),
            (initiative("member_states", "[\"TBD\"]"), &[Code::Pending]),
            (initiative("member_states", "[\"N/A\"]"), &[Code::Required]),
            (initiative("partners", "[\"N/A\"]"), &[Code::Required]),
            (
                initiative("member_states", "\"Ghana, Trinidad and Tobago\""),
                &[Code::NonCanonical],
            ),
            (
                initiative("member_states", "\"Ghana, Atlantis\""),
                &[Code::CountryUnknown],
            ),
            (
                "high_impact = { text = \"TBD\" }\n".to_string(),
                &[Code::Pending],
            ),
            (
                "high_impact = { initiatives = [\"N/A\"], text = \"\" }\n".to_string(),
                &[Code::NotAnswered],
            ),
        ];
        for (answers, want) in cases {
            let text = format!("{HEADER}{answers}");
            let doc = parse(&text, Format::Toml).expect(&text);
            let mut got: Vec<Code> = super::super::check(&doc, &Questionnaire::default_builtin())
                .findings
                .iter()
                .filter(|f| {
                    f.code != Code::NotAnswered
                        || (answers.starts_with("high_impact") && f.path == "high_impact")
                })
                .map(|f| f.code)
                .collect();
            got.dedup();
            assert_eq!(got, want, "{answers}");
        }
    }
}
