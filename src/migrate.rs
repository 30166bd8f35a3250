//! `qfill migrate`: answers of one edition carried to another by the `continues` links, across
//! several editions and backwards through the same links. Text answers and records move to their
//! new question, record fields by id; an answer with no counterpart goes to `notes`, written as
//! the legacy layout writes it under the old question's number and text, so nothing is lost —
//! and a note written so is read back into its question when the answers migrate back.

use std::io::Write;

use crate::answers::{Answer, Answers, Record};
use crate::check;
use crate::document::{self, Format, Node, Value};
use crate::export::question_block;
use crate::finding::{Finding, Segment, answer_path};
use crate::input::{Kind, Text};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};

/// Where one question's answer went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Move {
    /// The question's id in the file's edition.
    pub from: String,
    /// Its number there.
    pub from_number: String,
    /// Its id and number in the target edition, or `None` when it went to `notes`.
    pub to: Option<(String, String)>,
}

/// Answers carried to another edition.
#[derive(Debug, Clone)]
pub struct Migrated {
    /// The answers, for the target edition (not yet checked against it).
    pub answers: Answers,
    /// Where each answered question went, in the file's order.
    pub moves: Vec<Move>,
    /// Questions of the target read back from notes the way `migrate` writes them.
    pub restored: Vec<String>,
}

/// Carries `answers` of edition `from` to edition `to`.
pub fn migrate(answers: &Answers, from: &Questionnaire, to: &Questionnaire) -> Migrated {
    let mut out = answers.clone();
    out.questionnaire = Some(to.id.clone());
    out.answers.clear();
    let mut moves = Vec::new();
    let mut notes = Vec::new();
    for (id, answer) in &answers.answers {
        let Some(question) = from.question(id) else {
            // Not a question of the file's edition: kept under its key, as written.
            out.answers.push((id.clone(), answer.clone()));
            continue;
        };
        let target = to
            .counterpart(from, question)
            .filter(|t| !out.answers.iter().any(|(k, _)| *k == t.id));
        match target {
            Some(target) => {
                let (moved, leftovers) = carry(answer, question, target);
                out.answers.push((target.id.clone(), moved));
                notes.extend(leftovers);
                moves.push(Move {
                    from: id.clone(),
                    from_number: question.number.clone(),
                    to: Some((target.id.clone(), target.number.clone())),
                });
            }
            None => {
                let mut block = String::new();
                question_block(&mut block, question, Some(answer));
                notes.push(block.trim_end().to_string());
                moves.push(Move {
                    from: id.clone(),
                    from_number: question.number.clone(),
                    to: None,
                });
            }
        }
    }
    out.notes.extend(notes);
    let restored = restore_notes(&mut out, to);
    if let Some(draft) = &mut out.draft {
        // Skipped questions have no answer to move: their ids follow the links themselves.
        let map = |id: &String| {
            from.question(id)
                .and_then(|q| to.counterpart(from, q))
                .map(|q| q.id.clone())
        };
        draft.next = draft.next.as_ref().and_then(map);
        draft.skipped = draft.skipped.iter().filter_map(map).collect();
    }
    Migrated {
        answers: out,
        moves,
        restored,
    }
}

/// An answer moved to its counterpart; record fields the target does not have come back as
/// notes in the legacy layout, under the old question, with the record's name.
fn carry(answer: &Answer, from: &Question, to: &Question) -> (Answer, Vec<String>) {
    match (answer, &from.kind, &to.kind) {
        (Answer::Records(records), QuestionKind::Records(old), QuestionKind::Records(new)) => {
            let mut notes = Vec::new();
            let moved = records
                .iter()
                .map(|record| {
                    let (kept, left): (Vec<_>, Vec<_>) = record
                        .fields
                        .iter()
                        .cloned()
                        .partition(|(id, _)| new.fields.iter().any(|f| f.id == *id));
                    if !left.is_empty() {
                        let mut fields: Vec<_> = record
                            .fields
                            .iter()
                            .filter(|(id, _)| old.fields.first().is_some_and(|f| f.id == *id))
                            .cloned()
                            .collect();
                        fields.extend(left);
                        let mut block = String::new();
                        question_block(
                            &mut block,
                            from,
                            Some(&Answer::Records(vec![Record { fields }])),
                        );
                        notes.push(block.trim_end().to_string());
                    }
                    Record { fields: kept }
                })
                .collect();
            (Answer::Records(moved), notes)
        }
        (
            Answer::Choices {
                selected,
                text,
                extra,
                ..
            },
            _,
            QuestionKind::ChoicesText(new),
        ) => (
            Answer::Choices {
                choices_key: new.choices_key.clone(),
                selected: selected.clone(),
                text_key: new.text_key.clone(),
                text: text.clone(),
                extra: extra.clone(),
            },
            Vec::new(),
        ),
        _ => (answer.clone(), Vec::new()),
    }
}

/// Notes that are a question of `to` in the legacy layout (as `migrate` writes what has no
/// counterpart) are read back into that question when it is not answered otherwise.
fn restore_notes(answers: &mut Answers, to: &Questionnaire) -> Vec<String> {
    let mut kept = Vec::new();
    let mut restored = Vec::new();
    for note in std::mem::take(&mut answers.notes) {
        match restorable(&note, to) {
            Some((id, node)) if answers.answer(&id).is_none() => {
                restored.push(id.clone());
                answers.answers.push((id, Answer::Raw(node)));
            }
            _ => kept.push(note),
        }
    }
    answers.notes = kept;
    restored
}

/// The question of `to` a note holds whole, and its answer as a document node.
fn restorable(note: &str, to: &Questionnaire) -> Option<(String, Node)> {
    let first = note.lines().next()?;
    let question = to.questions.iter().find(|q| {
        let header = format!("{}. {}", q.number, crate::text::one_line(&q.text));
        first == header
    })?;
    // The legacy reader takes a first line that is not a question as the entity.
    let imported = crate::import::parse_legacy(&format!("-\n{note}"), to);
    let node = imported.doc.get("answers")?.get(&question.id)?.clone();
    let only_it = imported
        .doc
        .get("answers")
        .and_then(Node::as_table)
        .is_some_and(|entries| entries.len() == 1);
    let placed = imported.doc.get("notes").is_none();
    (only_it && placed).then(|| (question.id.clone(), strip_spans(node)))
}

/// A node without its spans, which point into the note rather than any file.
fn strip_spans(node: Node) -> Node {
    let value = match node.value {
        Value::Array(items) => Value::Array(items.into_iter().map(strip_spans).collect()),
        Value::Table(entries) => Value::Table(
            entries
                .into_iter()
                .map(|mut e| {
                    e.key_span = None;
                    e.node = strip_spans(e.node);
                    e
                })
                .collect(),
        ),
        other => other,
    };
    Node::new(value)
}

/// Why migrated answers could not be written: a bug in `migrate`, never the person's input.
#[derive(Debug, thiserror::Error)]
pub enum MigrateError {
    /// The migrated answers do not read back.
    #[error("the migrated answers do not read back ({reason}); please report this")]
    Unreadable {
        /// The parser's message.
        reason: String,
    },
}

/// Answers carried to another edition and written out, with what checking them there gives.
#[derive(Debug, Clone)]
pub struct Rewritten {
    /// The answers file in the target edition, TOML or JSON.
    pub text: String,
    /// Where each question went.
    pub migrated: Migrated,
    /// What `validate` of the result gives, placed in it, each about a moved answer saying
    /// where it was.
    pub findings: Vec<Finding>,
}

/// Carries `answers` (read from `original` when it was text, whose comments travel with their
/// keys when both are TOML) from edition `from` to `target`, and writes them in `format`: canonical values in the
/// target's order, as checking them against the target gives them.
pub fn rewrite(
    answers: &Answers,
    original: Option<&Text>,
    from: &Questionnaire,
    target: &Questionnaire,
    format: Format,
) -> Result<Rewritten, MigrateError> {
    let migrated = migrate(answers, from, target);
    let draft = migrated.answers.to_text(format);
    let doc = document::parse(&draft, format)
        .map_err(|e| MigrateError::Unreadable { reason: e.message })?;
    let result = check::check(&doc, target);
    let mut text = result.answers.to_text(format);
    if let Some(original) = original.filter(|o| o.kind == Kind::Answers(Format::Toml))
        && format == Format::Toml
    {
        text = crate::comments::carry(&original.text, &text, &|path| {
            map_path(path, &migrated.moves)
        });
    }
    let mut findings = match document::parse(&text, format) {
        Ok(doc) => check::check(&doc, target).findings,
        Err(_) => result.findings,
    };
    document::resolve_positions(&mut findings, &text);
    for finding in &mut findings {
        name_old_place(finding, from, target, &migrated.moves);
    }
    Ok(Rewritten {
        text,
        migrated,
        findings,
    })
}

/// Says on `err` that the target is incomplete, and where each question went.
pub fn tell(
    err: &mut dyn Write,
    from: &Questionnaire,
    target: &Questionnaire,
    migrated: &Migrated,
) -> std::io::Result<()> {
    if let Some(notice) = target.incomplete_notice() {
        writeln!(err, "{notice}")?;
    }
    for m in &migrated.moves {
        match &m.to {
            Some((id, number))
                if *id != m.from || *number != m.from_number || from.id != target.id =>
            {
                writeln!(
                    err,
                    "moved: question {} `{}` of {} is question {number} `{id}` of {}",
                    m.from_number, m.from, from.id, target.id
                )?;
            }
            Some(_) => {}
            None => writeln!(
                err,
                "kept in notes: question {} `{}` of {} has no counterpart in {}",
                m.from_number, m.from, from.id, target.id
            )?,
        }
    }
    for id in &migrated.restored {
        let number = target.question(id).map_or("", |q| q.number.as_str());
        writeln!(
            err,
            "read back from notes: question {number} `{id}` of {}",
            target.id
        )?;
    }
    Ok(())
}

/// Where a value of the file is in the result: its question's new key, or `notes`.
fn map_path(path: &[String], moves: &[Move]) -> Option<Vec<String>> {
    match path {
        [answers, question, rest @ ..] if answers == "answers" => {
            match moves.iter().find(|m| m.from == *question) {
                Some(Move {
                    to: Some((id, _)), ..
                }) => {
                    let mut new = vec![answers.clone(), id.clone()];
                    new.extend(rest.iter().cloned());
                    Some(new)
                }
                Some(Move { to: None, .. }) => Some(vec!["notes".to_string()]),
                None => Some(path.to_vec()),
            }
        }
        _ => Some(path.to_vec()),
    }
}

/// Adds the old place to a finding about a moved answer: `(question 3 of hlpf-2026; it was
/// events[0].dates, question 2 of hlpf-2024)`.
fn name_old_place(finding: &mut Finding, from: &Questionnaire, to: &Questionnaire, moves: &[Move]) {
    let Some(head) = finding.question().map(str::to_string) else {
        return;
    };
    let Some(m) = moves
        .iter()
        .find(|m| m.to.as_ref().is_some_and(|(id, _)| *id == head))
    else {
        return;
    };
    let mut old = finding.at.clone();
    old[1] = Segment::Key(m.from.clone());
    let number = m.to.as_ref().map_or("", |(_, n)| n.as_str());
    finding.message = format!(
        "{} (question {number} of {}; it was {}, question {} of {})",
        finding.message,
        to.id,
        answer_path(&old),
        m.from_number,
        from.id
    );
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::parse;

    fn example() -> Answers {
        let q = Questionnaire::builtin_cached("hlpf-2024").unwrap();
        let text = include_str!("../examples/response.toml");
        check::check(&parse(text, Format::Toml).unwrap(), q).answers
    }

    fn builtin(id: &str) -> &'static Questionnaire {
        Questionnaire::builtin_cached(id).unwrap()
    }

    #[test]
    fn to_2026_and_back() {
        let answers = example();
        let m = migrate(&answers, builtin("hlpf-2024"), builtin("hlpf-2026"));
        let keys: Vec<&str> = m.answers.answers.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(keys, ["governing_body", "events"]);
        assert_eq!(m.answers.answer("events"), answers.answer("events"));
        assert_eq!(m.answers.notes.len(), 4);
        assert!(
            m.answers.notes[0].starts_with("3. In the past year"),
            "{}",
            m.answers.notes[0]
        );
        assert!(
            m.answers.notes[0].contains("\nResource Name |\nWorld Water"),
            "{}",
            m.answers.notes[0]
        );
        let back = migrate(&m.answers, builtin("hlpf-2026"), builtin("hlpf-2024"));
        assert_eq!(
            back.restored,
            ["resources", "high_impact", "initiatives", "recommendations"]
        );
        assert!(back.answers.notes.is_empty());
        assert_eq!(back.answers.answer("events"), answers.answer("events"));
        assert_eq!(
            back.answers.answer("governing_body"),
            answers.answer("governing_body")
        );
    }

    #[test]
    fn to_its_own_edition_nothing_moves() {
        let answers = example();
        let q = builtin("hlpf-2024");
        let m = migrate(&answers, q, q);
        assert_eq!(m.answers, answers);
        assert!(
            m.moves
                .iter()
                .all(|mv| mv.to.as_ref().is_some_and(|(id, _)| *id == mv.from))
        );
    }

    #[test]
    fn fields_without_a_counterpart_go_to_notes_with_the_record_name() {
        let def = "id = \"slim\"\ntitle = \"S\"\n[[questions]]\nid = \"meetings\"\nnumber = \"7\"\ntext = \"Meetings?\"\nkind = \"records\"\ncontinues = \"hlpf-2024.events\"\n[[questions.fields]]\nid = \"name\"\nlabel = \"Name\"\nkind = \"line\"\n[[questions.fields]]\nid = \"sdgs\"\nlabel = \"SDGs\"\nkind = \"sdgs\"\n";
        let slim = crate::questionnaire::parse_definition(def, "slim.toml").unwrap();
        let m = migrate(&example(), builtin("hlpf-2024"), &slim);
        let Some(Answer::Records(records)) = m.answers.answer("meetings") else {
            panic!("{:?}", m.answers.answers)
        };
        let ids: Vec<&str> = records[0].fields.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(ids, ["name", "sdgs"]);
        let note = m
            .answers
            .notes
            .iter()
            .find(|n| n.contains("Event Dates |"))
            .unwrap();
        assert!(note.starts_with("2. In the past year"), "{note}");
        assert!(note.contains("Event Name |\nRegional Forum"), "{note}");
        assert!(!note.contains("Relevant SDGs"), "{note}");
    }
}
