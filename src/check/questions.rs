//! Questions and records: `[answers]`, each question by its kind, the records of a question and
//! the fields of a record, handed to the file of their kind.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use super::cursor::Cursor;
use super::{choices, dates, incomplete, lists, places, sdgs, urls};
use crate::answers::{Answer, FieldValue, Record};
use crate::document::{Node, Value};
use crate::finding::{Anchor, Code, Segment};
use crate::questionnaire::{Field, FieldKind, Question, QuestionKind, Records, WordLimits};
use crate::rules::Problem;
use crate::rules::text::{self, Marker};

/// `[answers]`: every question of the questionnaire, then keys it does not have, as written.
pub(super) fn answers(c: &mut Cursor<'_>, node: &Node) -> Vec<(String, Answer)> {
    let Some(entries) = node.as_table() else {
        c.wrong_type(
            node,
            "a table",
            "write `[answers]` with one key per question",
        );
        return Vec::new();
    };
    let ids: Vec<&str> = c.q.questions.iter().map(|q| q.id.as_str()).collect();
    let extra = if c.q.complete {
        c.unknown_keys(entries, &ids)
    } else {
        let q = c.q;
        c.extra_keys(entries, &ids, |key, near| {
            incomplete::unknown_question(q, key, near)
        })
    };
    let table_anchor = c.table_anchor(node);
    let mut answers = Vec::new();
    for question in &c.q.questions {
        match node.get(&question.id) {
            None => {
                let anchor = table_anchor.clone();
                c.key(&question.id, |c| unanswered(c, question, anchor));
            }
            Some(value) => {
                let answer = c.key(&question.id, |c| self::question(c, question, value));
                answers.push((question.id.clone(), answer));
            }
        }
    }
    answers.extend(extra.into_iter().map(|(k, v)| (k, Answer::Raw(v))));
    answers
}

/// A question left out or answered `N/A`.
pub(super) fn unanswered(c: &mut Cursor<'_>, question: &Question, anchor: Anchor) {
    let (code, verb) = if question.required {
        (Code::Required, "is required and not answered")
    } else {
        (Code::NotAnswered, "is not answered")
    };
    let hint = match question.kind {
        QuestionKind::Records(_) => format!(
            "answer question {}, or write `{} = []` if there is nothing to report",
            question.number, question.id
        ),
        _ => format!("answer question {}", question.number),
    };
    c.report(
        code,
        anchor,
        format!("(question {}) {verb}", question.number),
        Some(hint),
    );
}

/// One question's answer, by the question's kind.
pub(super) fn question(c: &mut Cursor<'_>, question: &Question, node: &Node) -> Answer {
    if let Some(s) = node.as_str() {
        match text::marker(s) {
            Some(Marker::NotAnswered) => {
                unanswered(c, question, c.anchor(node));
                return Answer::Raw(node.clone());
            }
            Some(Marker::Pending) => {
                c.pending(node, s);
                return Answer::Raw(node.clone());
            }
            None => {}
        }
    }
    match &question.kind {
        QuestionKind::Text(limits) => match self::text(c, node, *limits) {
            Some(t) => Answer::Text(t),
            None => Answer::Raw(node.clone()),
        },
        QuestionKind::Records(records) => self::records(c, records, node),
        QuestionKind::ChoicesText(def) => choices::choices_text(c, def, node),
    }
}

/// Free text with word limits; `None` if it is not text.
pub(super) fn text(c: &mut Cursor<'_>, node: &Node, limits: WordLimits) -> Option<String> {
    let Some(s) = node.as_str() else {
        let hint = match node.value {
            Value::Array(_) => {
                "write the text as one string; separate paragraphs with a blank line"
            }
            _ => "write it in quotes",
        };
        c.wrong_type(node, "text", hint);
        return None;
    };
    if let Some(problem) = text::check_words(s, limits) {
        c.emit(problem, c.anchor(node));
    }
    // The normalised copy is what `export` and `fmt` write; a run for findings alone needs none.
    Some(if c.answers {
        text::normalise(s)
    } else {
        String::new()
    })
}

fn records(c: &mut Cursor<'_>, def: &Records, node: &Node) -> Answer {
    let items = match &node.value {
        Value::Array(items) => items,
        Value::Table(_) => {
            let id = c.here();
            c.wrong_type(
                node,
                &format!("a list of {}s", def.record_label),
                &format!("write each {} as `[[answers.{id}]]`", def.record_label),
            );
            return Answer::Raw(node.clone());
        }
        _ => {
            c.wrong_type(
                node,
                &format!("a list of {}s", def.record_label),
                &format!("write `{} = []` if there are none", c.here()),
            );
            return Answer::Raw(node.clone());
        }
    };
    if let Some(max) = def.max_records
        && items.len() > max
    {
        let over = items.len() - max;
        let number = c.question().map_or_else(String::new, |q| q.number.clone());
        let problem = Problem::new(
            Code::TooManyRecords,
            format!(
                "has {} {}s, question {number} allows at most {max}",
                items.len(),
                def.record_label
            ),
        )
        .hint(format!(
            "remove {over} {}",
            crate::text::plural(over, &def.record_label)
        ))
        .counted(items.len(), max);
        c.emit(problem, c.anchor(node));
    }
    let mut records = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        let record = c.enter(Segment::Index(i), |c| self::record(c, def, item));
        records.push(record);
    }
    duplicate_records(c, def, items);
    if items.iter().any(|item| item.as_table().is_none()) {
        // A record that is not a table cannot be written as one: keep the list as written.
        return Answer::Raw(node.clone());
    }
    Answer::Records(records)
}

fn duplicate_records(c: &mut Cursor<'_>, def: &Records, items: &[Node]) {
    let Some(name_field) = def.fields.first() else {
        return;
    };
    // The names folded one after another into one buffer and compared as slices of it: one
    // allocation for all the names of a list of records, not one for each.
    let mut folded = Vec::new();
    let mut names = Vec::new();
    for (i, item) in items.iter().enumerate() {
        let Some(name_node) = item.get(&name_field.id) else {
            continue;
        };
        let Some(name) = name_node.as_str() else {
            continue;
        };
        if text::marker(name).is_some() {
            continue;
        }
        let start = folded.len();
        crate::text::fold_into(name, &mut folded);
        if folded.len() > start {
            names.push((i, name_node, name, start..folded.len()));
        }
    }
    if names.len() < 2 {
        return;
    }
    let mut seen: HashMap<&[u8], usize> = HashMap::with_capacity(names.len());
    for (i, name_node, name, key) in names {
        let first = match seen.entry(&folded[key]) {
            Entry::Occupied(first) => *first.get(),
            Entry::Vacant(slot) => {
                slot.insert(i);
                continue;
            }
        };
        let question = c.here();
        c.enter(Segment::Index(i), |c| {
            c.key(&name_field.id, |c| {
                let problem = Problem::new(
                    Code::DuplicateRecord,
                    format!("`{}` is also the name of {question}[{first}]", name.trim()),
                )
                .hint(format!(
                    "merge the two {}s or tell them apart",
                    def.record_label
                ))
                .value(name);
                c.emit(problem, c.anchor(name_node));
            });
        });
    }
}

fn record(c: &mut Cursor<'_>, def: &Records, node: &Node) -> Record {
    let Some(entries) = node.as_table() else {
        c.wrong_type(
            node,
            &format!("a table with the {}'s fields", def.record_label),
            "write the record as a table of fields",
        );
        return Record::default();
    };
    let ids: Vec<&str> = def.fields.iter().map(|f| f.id.as_str()).collect();
    let extra = c.unknown_keys(entries, &ids);
    let record_anchor = c.table_anchor(node);
    let mut record = Record::default();
    for field in &def.fields {
        match node.get(&field.id) {
            None if field.required => {
                let anchor = record_anchor.clone();
                c.key(&field.id, |c| {
                    c.report(
                        Code::Required,
                        anchor,
                        format!("is missing: the {} needs it", def.record_label),
                        Some(format!("add `{}` ({})", field.id, field.short_label())),
                    );
                });
            }
            None => {}
            Some(value) => {
                let value = c.key(&field.id, |c| self::field(c, field, value));
                // A run for findings alone writes no record: the value is not kept.
                if let Some(v) = value.filter(|_| c.answers) {
                    record.fields.push((field.id.clone(), v));
                }
            }
        }
    }
    record
        .fields
        .extend(extra.into_iter().map(|(k, v)| (k, FieldValue::Raw(v))));
    record
}

/// A field's canonical value, or its value as written; `None` for an optional field explicitly
/// not answered.
pub(super) fn field(c: &mut Cursor<'_>, field: &Field, node: &Node) -> Option<FieldValue> {
    if let Some(s) = node.as_str() {
        let marker = text::marker(s).filter(|_| !lists::names_something(field.kind, s));
        match marker {
            Some(Marker::NotAnswered) if field.required => {
                let message = if s.trim().is_empty() {
                    "is required".to_string()
                } else {
                    format!("is required, `{}` is not an answer", s.trim())
                };
                c.report(
                    Code::Required,
                    c.anchor(node),
                    message,
                    Some(format!("fill in `{}`", field.short_label())),
                );
                return Some(FieldValue::Raw(node.clone()));
            }
            Some(Marker::NotAnswered) => return None,
            Some(Marker::Pending) => {
                c.pending(node, s);
                return Some(FieldValue::Raw(node.clone()));
            }
            None => {}
        }
    }
    let value = match field.kind {
        FieldKind::Line | FieldKind::Paragraphs => text(c, node, field.words).map(FieldValue::Text),
        FieldKind::Sdgs => sdgs::sdgs(c, node).map(FieldValue::Sdgs),
        FieldKind::Dates => dates::dates_field(c, field, node).map(FieldValue::Dates),
        FieldKind::Places => places::places(c, node).map(FieldValue::Places),
        FieldKind::Url => urls::url(c, node).map(FieldValue::Text),
        FieldKind::Languages | FieldKind::Organisations | FieldKind::Countries => {
            lists::list(c, field, node)
        }
    };
    Some(value.unwrap_or_else(|| FieldValue::Raw(node.clone())))
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::testing::{codes, findings};
    use crate::answers::Answer;
    use crate::document::{Format, parse};
    use crate::finding::Code;
    use crate::questionnaire::Questionnaire;

    #[test]
    fn records_and_counts() {
        let resource = "[[answers.resources]]\nname = \"R\"\nsdgs = [4]\npublishers = [\"P\"]\naudience = \"A\"\ndescription = \"D\"\nlanguages = [\"en\"]\n";
        assert_eq!(
            codes(&resource.repeat(3)),
            [Code::DuplicateRecord, Code::DuplicateRecord]
        );
        let four: String = (0..4)
            .map(|i| resource.replace("\"R\"", &format!("\"R{i}\"")))
            .collect();
        assert_eq!(codes(&four), [Code::TooManyRecords]);
        assert_eq!(findings(&four)[0].1, "resources");
        assert_eq!(codes("events = []\n"), []);
        assert_eq!(codes("events = \"N/A\"\n"), []);
        assert_eq!(codes("[answers.events]\nname = \"x\"\n"), [Code::WrongType]);
        // A missing required field points at its record.
        let missing = findings("[[answers.events]]\nname = \"E\"\n");
        assert!(
            missing
                .iter()
                .all(|f| f.0 == Code::Required && f.2 == Some(4)),
            "{missing:?}"
        );
        assert_eq!(missing.len(), 4);
    }

    #[test]
    fn unknown_keys_name_the_nearest() {
        let text = "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n[[answers.events]]\nname = \"E\"\ndates = \"2023-03-30\"\nlocation = \"Apia, Samoa\"\nsdgs = [1]\ndescripton = \"x\"\n";
        let doc = parse(text, Format::Toml).unwrap();
        let checked = check(&doc, &Questionnaire::default_builtin());
        let unknown = checked
            .findings
            .iter()
            .find(|f| f.code == Code::UnknownKey)
            .unwrap();
        assert_eq!(
            unknown.message,
            "unknown key `descripton` in events[0], did you mean `description`?"
        );
        // The value is kept, so that export and fmt never drop what a person wrote.
        let Some(Answer::Records(records)) = checked.answers.answer("events") else {
            panic!()
        };
        assert!(records[0].fields.iter().any(|(k, _)| k == "descripton"));
    }

    #[test]
    fn text_questions() {
        let words = |n: usize| vec!["word"; n].join(" ");
        assert_eq!(codes(&format!("governing_body = \"{}\"\n", words(200))), []);
        assert_eq!(
            codes(&format!("governing_body = \"{}\"\n", words(199))),
            [Code::WordMinimum]
        );
        assert_eq!(
            codes(&format!("governing_body = \"{}\"\n", words(801))),
            [Code::WordLimit]
        );
        assert_eq!(codes("governing_body = 1\n"), [Code::WrongType]);
        assert_eq!(codes("governing_body = \"TBD\"\n"), [Code::Pending]);
    }

    #[test]
    fn findings_keep_their_path_and_numbers_as_data() {
        let words = vec!["word"; 153].join(" ");
        let text = format!(
            "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n[[answers.initiatives]]\nname = \"I\"\n[[answers.initiatives]]\nname = \"J\"\ndescription = \"{words}\"\n"
        );
        let doc = parse(&text, Format::Toml).unwrap();
        let checked = check(&doc, &Questionnaire::default_builtin());
        let f = checked
            .findings
            .iter()
            .find(|f| f.code == Code::WordLimit)
            .unwrap();
        assert_eq!(f.path, "initiatives[1].description");
        assert_eq!(
            f.message,
            "initiatives[1].description has 153 words, the limit is 150"
        );
        assert_eq!(f.predicate, "has 153 words, the limit is 150");
        assert_eq!(f.question(), Some("initiatives"));
        assert_eq!(f.record(), Some(1));
        assert_eq!(f.field(), Some("description"));
        assert_eq!((f.params.count, f.params.limit), (Some(153), Some(150)));
    }
}
