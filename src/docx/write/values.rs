//! Values the way the form shows them to a person: dates as their canonical text, goals as
//! `1, 3, 5` or `All`, places as `City, Country`, languages by name, lists joined — each as the
//! checker reads it back.

use crate::answers::{FieldValue, Scalar, node_json};
use crate::document::Node;
use crate::questionnaire::{Field, FieldKind};
use crate::refdata::language_name;
use crate::rules::sdgs::SdgSet;

/// A record field's value as the form shows it.
pub fn field_text(field: &Field, value: &FieldValue) -> String {
    match value {
        FieldValue::Sdgs(SdgSet::All) | FieldValue::All => "All".to_string(),
        FieldValue::List(items) if field.kind == FieldKind::Languages => joined(
            items
                .iter()
                .map(|code| language_name(code).unwrap_or(code))
                .collect(),
        ),
        FieldValue::List(items) if field.kind == FieldKind::Countries => {
            joined(items.iter().map(String::as_str).collect())
        }
        other => other.to_plain(),
    }
}

/// Names joined with commas, as people list them, unless a name holds a comma itself (a
/// territory's name, an organisation's): then with semicolons, as the lists rule splits them.
fn joined(names: Vec<&str>) -> String {
    let separator = if names.iter().any(|n| n.contains([',', ';'])) {
        "; "
    } else {
        ", "
    };
    names.join(separator)
}

/// A top-level value (the entity, a contact's detail, the date of submission) as text.
pub fn scalar_text(value: &Scalar) -> String {
    match value {
        Scalar::Text(text) => text.clone(),
        Scalar::Raw(node) => node_text(node),
    }
}

/// A value kept as written, as text: a string as it is, anything else as JSON.
pub fn node_text(node: &Node) -> String {
    match node.as_str() {
        Some(text) => text.to_string(),
        None => node_json(node).to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::answers::Place;
    use crate::document::Value;
    use crate::questionnaire::Questionnaire;
    use crate::rules::dates::Dates;
    use jiff::civil::date;

    fn field(question: &str, id: &str) -> Field {
        let q = Questionnaire::default_builtin();
        match &q.question(question).unwrap().kind {
            crate::questionnaire::QuestionKind::Records(def) => {
                def.fields.iter().find(|f| f.id == id).unwrap().clone()
            }
            _ => unreachable!(),
        }
    }

    #[test]
    fn values_are_written_the_human_way() {
        let place = |city: &str, country: &str| Place {
            city: Some(city.into()),
            country: Some(country.into()),
        };
        let cases = [
            (
                field("events", "sdgs"),
                FieldValue::Sdgs(SdgSet::Goals(vec![1, 3, 5])),
                "1, 3, 5",
            ),
            (
                field("events", "sdgs"),
                FieldValue::Sdgs(SdgSet::All),
                "All",
            ),
            (
                field("events", "dates"),
                FieldValue::Dates(Dates::Day(date(2023, 5, 10))),
                "2023-05-10",
            ),
            (
                field("events", "dates"),
                FieldValue::Dates(Dates::new(date(2023, 5, 10), date(2023, 5, 12))),
                "2023-05-10 to 2023-05-12",
            ),
            (
                field("events", "location"),
                FieldValue::Places(vec![
                    place("Geneva", "Switzerland"),
                    place("Dakar", "Senegal"),
                ]),
                "Geneva, Switzerland; Dakar, Senegal",
            ),
            (
                field("resources", "languages"),
                FieldValue::List(vec!["en".into(), "fr".into(), "zh".into()]),
                "English, French, Chinese",
            ),
            (
                field("resources", "publishers"),
                FieldValue::List(vec!["UNEP".into(), "Bank, Regional".into()]),
                "UNEP; Bank, Regional",
            ),
            (
                field("initiatives", "member_states"),
                FieldValue::All,
                "All",
            ),
            (
                field("initiatives", "member_states"),
                FieldValue::List(vec!["Senegal".into(), "Trinidad and Tobago".into()]),
                "Senegal, Trinidad and Tobago",
            ),
            (
                field("initiatives", "member_states"),
                FieldValue::List(vec![
                    "Kenya".into(),
                    "Bonaire, Sint Eustatius and Saba".into(),
                ]),
                "Kenya; Bonaire, Sint Eustatius and Saba",
            ),
            (
                field("initiatives", "member_states"),
                FieldValue::Raw(Node::new(Value::String("Atlantis".into()))),
                "Atlantis",
            ),
            (
                field("events", "name"),
                FieldValue::Raw(Node::new(Value::Integer(5))),
                "5",
            ),
        ];
        for (field, value, want) in cases {
            assert_eq!(field_text(&field, &value), want, "{value:?}");
        }
    }

    #[test]
    fn every_value_written_reads_back_as_the_same_value() {
        let q = Questionnaire::default_builtin();
        let awkward = r#"
questionnaire = "hlpf-2024"
entity = "E"
[[answers.initiatives]]
name = "Lists of awkward names"
partners = ["Food and Agriculture Organization", "UNEP"]
sdgs = "all"
member_states = ["Senegal", "Gambia", "Trinidad and Tobago", "Holy See"]
description = "D."
[[answers.resources]]
name = "R"
sdgs = [17]
publishers = ["X"]
audience = "A"
description = "D."
languages = ["el", "nb", "ny", "zh", "pt"]
"#;
        // (A name holding a comma cannot come back from any text: the lists rule splits at
        // every comma. The form shows such lists with semicolons, for the person reading.)
        let mut seen = 0;
        for text in [include_str!("../../../examples/response.toml"), awkward] {
            let doc = crate::document::parse(text, crate::document::Format::Toml).unwrap();
            let answers = crate::check::check(&doc, &q).answers;
            for question in &q.questions {
                let (
                    crate::questionnaire::QuestionKind::Records(def),
                    Some(crate::answers::Answer::Records(records)),
                ) = (&question.kind, answers.answer(&question.id))
                else {
                    continue;
                };
                for record in records {
                    // Each field as the form shows it, read back as a file holding that text.
                    let mut written = format!(
                        "questionnaire = \"hlpf-2024\"\nentity = \"E\"\n[[answers.{}]]\n",
                        question.id
                    );
                    for (id, value) in &record.fields {
                        let field = def.fields.iter().find(|f| f.id == *id).unwrap();
                        let shown = toml_edit::Value::from(field_text(field, value).as_str());
                        written.push_str(&format!("{id} = {shown}\n"));
                    }
                    let doc =
                        crate::document::parse(&written, crate::document::Format::Toml).unwrap();
                    let back = crate::check::check(&doc, &q).answers;
                    let Some(crate::answers::Answer::Records(back)) = back.answer(&question.id)
                    else {
                        panic!("{written}");
                    };
                    assert_eq!(&back[0], record, "{written}");
                    seen += 1;
                }
            }
        }
        assert_eq!(seen, 9);
    }
}
