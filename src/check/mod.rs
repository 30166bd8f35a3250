//! The checker: walks a parsed answers file against a questionnaire and produces the canonical
//! answers and the findings, each tied to its path and place.
//!
//! One file per concern: [`cursor`] knows the path and emits findings; [`top`] reads the file's
//! root keys; [`questions`] reads `[answers]`, records and fields; [`choices`] reads Q4; and one
//! file per kind of field reads the value's shape and hands the value to its rule in
//! [`crate::rules`], which decides what it reads as and what is wrong with it.

mod choices;
mod cursor;
mod dates;
mod draft;
pub mod form;
mod incomplete;
mod lists;
mod places;
mod questions;
mod sdgs;
#[cfg(test)]
mod testing;
mod top;
mod urls;

use crate::answers::{Answers, FieldValue};
use crate::document::Node;
use crate::finding::{Finding, Segment};
use crate::questionnaire::{Field, Question, Questionnaire};
use cursor::Cursor;

/// What checking a file gives: the canonical answers and the findings, in check order.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Checked {
    /// The answers in canonical form (values that could not be rewritten are kept as written).
    pub answers: Answers,
    /// The findings.
    pub findings: Vec<Finding>,
}

/// Top-level keys every answers file may have.
pub const TOP_LEVEL_KEYS: &[&str] = &[
    "questionnaire",
    "entity",
    "contact",
    "submitted",
    "notes",
    "draft",
    "answers",
];

/// The `questionnaire` key of a parsed file, if it is a string.
pub fn questionnaire_key(doc: &Node) -> Option<&str> {
    doc.get("questionnaire").and_then(Node::as_str)
}

/// Checks a parsed answers file against a questionnaire.
pub fn check(doc: &Node, questionnaire: &Questionnaire) -> Checked {
    let mut cursor = Cursor::new(questionnaire);
    let answers = top::root(&mut cursor, doc);
    Checked {
        answers,
        findings: cursor.findings,
    }
}

/// Checks a parsed answers file for its findings alone, as `validate` does: the same findings
/// as [`check`], without the work of building canonical answers that nothing will write.
pub fn findings(doc: &Node, questionnaire: &Questionnaire) -> Vec<Finding> {
    let mut cursor = Cursor::new(questionnaire);
    cursor.answers = false;
    top::root(&mut cursor, doc);
    cursor.findings
}

/// Checks answers held in memory, as `fill` does between questions: the findings `validate`
/// gives for a file holding them.
pub fn check_answers(answers: &Answers, questionnaire: &Questionnaire) -> Checked {
    check(&answers.to_node(), questionnaire)
}

/// Checks one question's answer on its own, as `fill` does at the prompt.
///
/// The findings are the ones `validate` would give for the same value in a file, with the same
/// paths, because the same walk produces them.
pub fn check_answer(questionnaire: &Questionnaire, question: &Question, node: &Node) -> Checked {
    let mut cursor = Cursor::at(questionnaire, &question.id);
    let answer = questions::question(&mut cursor, question, node);
    Checked {
        answers: Answers {
            answers: vec![(question.id.clone(), answer)],
            ..Answers::default()
        },
        findings: cursor.findings,
    }
}

/// Checks one record field's value on its own; `None` for an optional field left empty.
pub fn check_field(
    questionnaire: &Questionnaire,
    question: &Question,
    record: usize,
    field: &Field,
    node: &Node,
) -> (Option<FieldValue>, Vec<Finding>) {
    let mut cursor = Cursor::at(questionnaire, &question.id);
    cursor.path.push(Segment::Index(record));
    cursor.path.push(Segment::Key(field.id.clone()));
    let value = questions::field(&mut cursor, field, node);
    (value, cursor.findings)
}

#[cfg(test)]
mod tests {
    use super::testing::{HEADER, event, findings};
    use super::*;
    use crate::document::{Format, parse};

    #[test]
    fn a_clean_event_has_no_findings() {
        assert_eq!(findings(&event("")), []);
    }

    #[test]
    fn findings_alone_are_the_findings_of_a_full_check() {
        let q = Questionnaire::default_builtin();
        let example = std::fs::read_to_string("examples/response.toml").unwrap();
        let broken = example
            .replacen("sdgs = [", "sdgs = [18, ", 1)
            .replacen("[answers]", "entitty = \"x\"\n[answers]", 1)
            .replacen("website = \"https://www.gwri", "website = \"www.gwri", 1);
        for text in [example, broken] {
            let doc = parse(&text, Format::Toml).unwrap();
            let full = check(&doc, &q).findings;
            assert_eq!(super::findings(&doc, &q), full);
        }
    }

    #[test]
    fn answers_in_memory_check_as_their_file_does() {
        let text = format!(
            "{HEADER}governing_body = \"TBD\"\n{}website = \"www.example.org\"\n",
            event("")
        );
        let doc = parse(&text, Format::Toml).unwrap();
        let q = Questionnaire::default_builtin();
        let from_file = check(&doc, &q);
        let from_memory = check_answers(&from_file.answers, &q);
        let key = |f: &Finding| (f.code, f.path.clone(), f.message.clone());
        assert_eq!(
            from_memory.findings.iter().map(key).collect::<Vec<_>>(),
            from_file.findings.iter().map(key).collect::<Vec<_>>()
        );
        assert_eq!(from_memory.answers, from_file.answers);
    }

    #[test]
    fn one_field_checks_as_in_a_file() {
        let q = Questionnaire::default_builtin();
        let question = q.question("events").unwrap();
        let crate::questionnaire::QuestionKind::Records(def) = &question.kind else {
            panic!()
        };
        let field = def.fields.iter().find(|f| f.id == "sdgs").unwrap();
        let node = Node::new(crate::document::Value::String("13, 13".into()));
        let (value, findings) = check_field(&q, question, 2, field, &node);
        assert!(matches!(value, Some(FieldValue::Raw(_))));
        assert_eq!(findings[0].path, "events[2].sdgs");
        assert_eq!(findings[0].record(), Some(2));
        assert_eq!(
            findings[0].message,
            "events[2].sdgs lists `13` more than once"
        );
    }
}
