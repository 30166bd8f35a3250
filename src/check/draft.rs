//! `[draft]`, which `fill` leaves in an unfinished file: the next question, the skipped ones, the
//! fields asked so far in each record, the text being typed, and what `migrate` carried from
//! another edition. Drafts written before `asked` and `typed` existed still read whole.

use super::cursor::Cursor;
use crate::answers::{Carried, Draft, Typed};
use crate::document::{Node, Value};
use crate::finding::{Anchor, Code, Segment};
use crate::questionnaire::QuestionKind;
use crate::rules::Read;
use crate::text::backticked;

const DRAFT_KEYS: &[&str] = &["next", "skipped", "asked", "typed", "carried"];
const TYPED_KEYS: &[&str] = &["question", "record", "field", "text"];
const CARRIED_KEYS: &[&str] = &["from", "questions"];

/// `[draft]`; kept as written if it cannot be read.
pub(super) fn draft(c: &mut Cursor<'_>, node: &Node, doc: &Node) -> Read<Draft> {
    let Some(entries) = node.as_table() else {
        c.wrong_type(node, "a table", "remove the `[draft]` table");
        return Read::AsWritten;
    };
    let anchor = doc
        .as_table()
        .and_then(|e| e.iter().find(|e| e.key == "draft"))
        .map_or(Anchor::None, |e| e.key_anchor(&c.path));
    let carried_count = node
        .get("carried")
        .and_then(|c| c.get("questions"))
        .and_then(|q| match &q.value {
            Value::Array(items) => Some(items.len()),
            _ => None,
        })
        .filter(|n| *n > 0);
    let message = match carried_count {
        Some(n) => format!(
            "is present: this response is still a draft ({n} {} carried from another edition to look at again)",
            crate::text::plural(n, "answer")
        ),
        None => "is present: this response is still a draft".to_string(),
    };
    c.report(
        Code::Draft,
        anchor,
        message,
        Some("finish it with `qfill fill`, or remove the `[draft]` table".to_string()),
    );
    let mut whole = c.unknown_keys(entries, DRAFT_KEYS).is_empty();
    let ids: Vec<&str> = c.q.questions.iter().map(|q| q.id.as_str()).collect();
    let mut draft = Draft::default();
    if let Some(next) = node.get("next") {
        c.key("next", |c| match next.as_str() {
            Some(s) if ids.contains(&s) => draft.next = Some(s.to_string()),
            Some(s) => {
                c.report(
                    Code::WrongType,
                    c.anchor(next),
                    format!("`{s}` is not a question id"),
                    Some(match crate::text::closest(s, ids.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("one of {}", backticked(&ids)),
                    }),
                );
                whole = false;
            }
            None => {
                c.wrong_type(
                    next,
                    "a question id",
                    &format!("one of {}", backticked(&ids)),
                );
                whole = false;
            }
        });
    }
    if let Some(skipped) = node.get("skipped") {
        c.key("skipped", |c| match &skipped.value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    c.enter(Segment::Index(i), |c| match item.as_str() {
                        Some(s) if ids.contains(&s) => draft.skipped.push(s.to_string()),
                        _ => {
                            c.wrong_type(
                                item,
                                "a question id",
                                &format!("one of {}", backticked(&ids)),
                            );
                            whole = false;
                        }
                    });
                }
            }
            _ => {
                c.wrong_type(
                    skipped,
                    "a list of question ids",
                    "write `skipped = [\"events\"]`",
                );
                whole = false;
            }
        });
    }
    if let Some(asked_node) = node.get("asked") {
        match c.key("asked", |c| asked(c, asked_node)) {
            Some(asked) => draft.asked = Some(asked),
            None => whole = false,
        }
    }
    if let Some(typed_node) = node.get("typed") {
        match c.key("typed", |c| typed(c, typed_node)) {
            Some(typed) => draft.typed = Some(typed),
            None => whole = false,
        }
    }
    if let Some(carried_node) = node.get("carried") {
        match c.key("carried", |c| carried(c, carried_node, &ids)) {
            Some(carried) => draft.carried = Some(carried),
            None => whole = false,
        }
    }
    if whole {
        Read::Canonical(draft)
    } else {
        Read::AsWritten
    }
}

/// `[draft.carried]`: the edition the answers came from and the questions to look at again.
fn carried(c: &mut Cursor<'_>, node: &Node, ids: &[&str]) -> Option<Carried> {
    let example = "write `from = \"hlpf-2024\"` and `questions = [\"governing_body\"]`";
    let Some(entries) = node.as_table() else {
        c.wrong_type(node, "a table", "remove the `[draft.carried]` table");
        return None;
    };
    let mut whole = c.unknown_keys(entries, CARRIED_KEYS).is_empty();
    let from = match node.get("from") {
        Some(from) => match from.as_str() {
            Some(s) if !s.trim().is_empty() => Some(s.to_string()),
            _ => {
                c.key("from", |c| c.wrong_type(from, "an edition id", example));
                None
            }
        },
        None => {
            c.wrong_type(node, "a table with `from`", example);
            None
        }
    };
    let mut questions = Vec::new();
    if let Some(list) = node.get("questions") {
        c.key("questions", |c| match &list.value {
            Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    c.enter(Segment::Index(i), |c| match item.as_str() {
                        Some(s) if ids.contains(&s) => {
                            if !questions.iter().any(|q| q == s) {
                                questions.push(s.to_string());
                            }
                        }
                        _ => {
                            c.wrong_type(
                                item,
                                "a question id",
                                &format!("one of {}", backticked(ids)),
                            );
                            whole = false;
                        }
                    });
                }
            }
            _ => {
                c.wrong_type(list, "a list of question ids", example);
                whole = false;
            }
        });
    }
    let from = from?;
    whole.then_some(Carried { from, questions })
}

/// The field ids of a records question, or `None` for another kind of question or none.
fn field_ids<'q>(c: &Cursor<'q>, id: &str) -> Option<Vec<&'q str>> {
    match &c.q.question(id)?.kind {
        QuestionKind::Records(def) => Some(def.fields.iter().map(|f| f.id.as_str()).collect()),
        _ => None,
    }
}

/// `asked = { events = [["name", "dates"], ...] }`: per records question, per record, the fields
/// asked so far.
fn asked(c: &mut Cursor<'_>, node: &Node) -> Option<Vec<(String, Vec<Vec<String>>)>> {
    let example = "write `asked = { events = [[\"name\", \"dates\"]] }`";
    let Some(entries) = node.as_table() else {
        c.wrong_type(node, "a table of records questions", example);
        return None;
    };
    let mut out = Vec::new();
    let mut whole = true;
    for entry in entries {
        c.key(&entry.key, |c| {
            let Some(fields) = field_ids(c, &entry.key) else {
                c.report(
                    Code::WrongType,
                    c.anchor(&entry.node),
                    format!("`{}` is not a question with records", entry.key),
                    Some(example.to_string()),
                );
                whole = false;
                return;
            };
            let Value::Array(records) = &entry.node.value else {
                c.wrong_type(&entry.node, "a list per record", example);
                whole = false;
                return;
            };
            let mut per_record = Vec::new();
            for (i, record) in records.iter().enumerate() {
                c.enter(Segment::Index(i), |c| {
                    let ids: Option<Vec<String>> = match &record.value {
                        Value::Array(items) => items
                            .iter()
                            .map(|item| {
                                item.as_str()
                                    .filter(|s| fields.contains(s))
                                    .map(str::to_string)
                            })
                            .collect(),
                        _ => None,
                    };
                    match ids {
                        Some(ids) => per_record.push(ids),
                        None => {
                            c.wrong_type(
                                record,
                                "a list of field ids",
                                &format!("field ids are {}", backticked(&fields)),
                            );
                            whole = false;
                        }
                    }
                });
            }
            out.push((entry.key.to_string(), per_record));
        });
    }
    whole.then_some(out)
}

/// `[draft.typed]`: the text being typed and the answer it belongs to.
fn typed(c: &mut Cursor<'_>, node: &Node) -> Option<Typed> {
    let Some(entries) = node.as_table() else {
        c.wrong_type(node, "a table", "remove the `[draft.typed]` table");
        return None;
    };
    let mut whole = c.unknown_keys(entries, TYPED_KEYS).is_empty();
    let question = node.get("question").and_then(Node::as_str);
    let text = node.get("text").and_then(Node::as_str);
    let (Some(question), Some(text)) = (question, text) else {
        c.wrong_type(
            node,
            "a table with the `question` and the `text`",
            "remove the `[draft.typed]` table",
        );
        return None;
    };
    if c.q.question(question).is_none() {
        c.key("question", |c| {
            c.report(
                Code::WrongType,
                Anchor::None,
                format!("`{question}` is not a question id"),
                Some("remove the `[draft.typed]` table".to_string()),
            );
        });
        return None;
    }
    let record = match node.get("record").map(|n| &n.value) {
        None => None,
        Some(Value::Integer(n)) if *n >= 1 => Some(*n as usize - 1),
        Some(_) => {
            let record = node.get("record").unwrap_or(node);
            c.key("record", |c| {
                c.wrong_type(record, "a record number from 1", "write `record = 1`");
            });
            whole = false;
            None
        }
    };
    let field = node.get("field").and_then(Node::as_str);
    let known = field_ids(c, question).unwrap_or_default();
    if field.is_some_and(|f| !known.contains(&f)) || field.is_some() != record.is_some() {
        c.report(
            Code::WrongType,
            Anchor::None,
            "names no field of a record of its question".to_string(),
            Some("give both `record` and `field`, or neither".to_string()),
        );
        whole = false;
    }
    whole.then(|| Typed {
        question: question.to_string(),
        record,
        field: field.map(str::to_string),
        text: text.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use crate::answers::{Carried, Draft, Typed};
    use crate::check::check;
    use crate::document::{Format, parse};
    use crate::finding::Code;
    use crate::questionnaire::Questionnaire;

    fn read(draft: &str) -> (Option<Draft>, Vec<Code>) {
        let text = format!("questionnaire = \"hlpf-2024\"\nentity = \"X\"\n{draft}");
        let checked = check(
            &parse(&text, Format::Toml).unwrap(),
            &Questionnaire::default_builtin(),
        );
        let codes = checked
            .findings
            .iter()
            .map(|f| f.code)
            .filter(|c| !matches!(c, Code::NotAnswered | Code::Draft))
            .collect();
        (checked.answers.draft, codes)
    }

    #[test]
    fn progress_per_field_and_the_typed_text_read_back_as_written() {
        let draft = Draft {
            next: Some("events".into()),
            skipped: vec!["governing_body".into()],
            asked: Some(vec![(
                "events".into(),
                vec![vec!["name".into(), "dates".into()], vec![]],
            )]),
            typed: Some(Typed {
                question: "events".into(),
                record: Some(1),
                field: Some("description".into()),
                text: "Half a\n\ndescription".into(),
            }),
            carried: Some(Carried {
                from: "hlpf-2023".into(),
                questions: vec!["governing_body".into()],
            }),
        };
        let answers = crate::answers::Answers {
            questionnaire: Some("hlpf-2024".into()),
            draft: Some(draft.clone()),
            ..Default::default()
        };
        let text = answers.to_text(Format::Toml);
        assert!(text.contains("record = 2"), "1-based: {text}");
        let checked = check(
            &parse(&text, Format::Toml).unwrap(),
            &Questionnaire::default_builtin(),
        );
        assert_eq!(checked.answers.draft, Some(draft));
    }

    #[test]
    fn what_migrate_carried_reads_back_without_a_walk() {
        let (draft, codes) = read(
            "[draft.carried]\nfrom = \"hlpf-2023\"\nquestions = [\"governing_body\", \"events\"]\n",
        );
        assert_eq!(codes, []);
        let draft = draft.unwrap();
        assert!(!draft.has_progress());
        assert_eq!(
            draft.carried,
            Some(Carried {
                from: "hlpf-2023".into(),
                questions: vec!["governing_body".into(), "events".into()],
            })
        );
        let answers = crate::answers::Answers {
            questionnaire: Some("hlpf-2024".into()),
            draft: Some(draft),
            ..Default::default()
        };
        let text = answers.to_text(Format::Toml);
        assert!(!text.contains("skipped"), "no walk, no progress: {text}");
    }

    #[test]
    fn an_older_draft_still_loads() {
        let (draft, codes) = read("[draft]\nnext = \"events\"\nskipped = []\n");
        assert_eq!(codes, []);
        let draft = draft.unwrap();
        assert_eq!(draft.asked, None);
        assert_eq!(draft.typed, None);
    }

    #[test]
    fn a_broken_progress_is_reported_and_kept_as_written() {
        for broken in [
            "[draft]\nasked = { governing_body = [[\"name\"]] }\n",
            "[draft]\nasked = { events = [[\"nom\"]] }\n",
            "[draft]\nasked = { events = \"name\" }\n",
            "[draft.typed]\nquestion = \"events\"\nfield = \"description\"\ntext = \"x\"\n",
            "[draft.typed]\nquestion = \"nope\"\ntext = \"x\"\n",
            "[draft.typed]\ntext = \"x\"\n",
            "[draft.carried]\nquestions = [\"governing_body\"]\n",
            "[draft.carried]\nfrom = \"hlpf-2023\"\nquestions = [\"nope\"]\n",
            "[draft.carried]\nfrom = \"hlpf-2023\"\nquestions = \"governing_body\"\n",
        ] {
            let (draft, codes) = read(broken);
            assert_eq!(draft, None, "{broken}");
            assert!(codes.contains(&Code::WrongType), "{broken}: {codes:?}");
        }
    }
}
