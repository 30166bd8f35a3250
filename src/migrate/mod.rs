//! `qfill migrate`: answers of one edition carried to another by the `continues` links, across
//! several editions and backwards through the same links, keeping everything both ways.
//!
//! Text answers and records move to their new question, record fields by id (fields the
//! definition does not know go along as they are); an answer with no counterpart goes to
//! `notes`, and so do record fields the new question lacks, written as the legacy layout writes
//! them under the old question's number and text ([`notes`]). A note written so is read back into
//! its question whenever the target edition has it, whichever edition wrote it, so 2024 → 2025
//! → 2026 keeps events as events. What moved to a question whose wording, limit or window
//! changed is listed in `[draft.carried]` ([`carried`]) for `fill` to ask again.

mod carried;
pub mod notes;

use std::io::Write;

use crate::answers::{Answer, Answers, Record};
use crate::check;
use crate::document::{self, Format};
use crate::finding::{Finding, Segment, answer_path};
use crate::input::{Kind, Text};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use notes::HeldAnswer;

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

/// What a note of the result holds, for comments to travel with it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteOrigin {
    /// A note of the file, by its index there.
    Note(usize),
    /// The answer to a question of the file's edition, by its id.
    Answer(String),
    /// Fields of a record of a question of the file's edition, by its id and the record's index.
    Fields(String, usize),
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
    /// Notes of the file read back, by their index there, with the question each went to.
    pub notes_read: Vec<(usize, String)>,
    /// What each note of the result holds, in order.
    pub notes_from: Vec<NoteOrigin>,
}

/// Carries `answers` of edition `from` to edition `to`. To the file's own edition nothing moves
/// and nothing is read back: the answers come back as they are.
pub fn migrate(answers: &Answers, from: &Questionnaire, to: &Questionnaire) -> Migrated {
    if from.id == to.id {
        let moves = answers
            .answers
            .iter()
            .filter_map(|(id, _)| from.question(id))
            .map(|q| Move {
                from: q.id.clone(),
                from_number: q.number.clone(),
                to: Some((q.id.clone(), q.number.clone())),
            })
            .collect();
        return Migrated {
            answers: answers.clone(),
            moves,
            restored: Vec::new(),
            notes_read: Vec::new(),
            notes_from: (0..answers.notes.len()).map(NoteOrigin::Note).collect(),
        };
    }
    let mut out = answers.clone();
    out.questionnaire = Some(to.id.clone());
    // The file names the edition it is carried to; a `questionnaire` that was not text goes.
    out.extra.retain(|(key, _)| key != "questionnaire");
    out.answers.clear();
    out.notes.clear();
    out.draft = None;
    let mut notes_from = Vec::new();
    // The file's own notes first, as they were; then what has no place in the target.
    for (i, note) in answers.notes.iter().enumerate() {
        out.notes.push(note.clone());
        notes_from.push(NoteOrigin::Note(i));
    }
    let mut moves = Vec::new();
    let mut sources: Vec<(String, carried::Source<'_>)> = Vec::new();
    for (id, answer) in &answers.answers {
        let Some(question) = from.question(id) else {
            // Not a question of the file's edition: kept under its key, as written.
            out.answers.push((id.clone(), answer.clone()));
            continue;
        };
        let target = to
            .counterpart(from, question)
            .filter(|t| out.answer(&t.id).is_none());
        let Some(target) = target else {
            out.notes
                .push(notes::note_for_answer(from, question, answer));
            notes_from.push(NoteOrigin::Answer(id.clone()));
            moves.push(Move {
                from: id.clone(),
                from_number: question.number.clone(),
                to: None,
            });
            continue;
        };
        let (moved, left) = carry(answer, from, question, target);
        out.answers.push((target.id.clone(), moved));
        sources.push((target.id.clone(), (from, question)));
        for (record, note) in left {
            out.notes.push(note);
            notes_from.push(NoteOrigin::Fields(id.clone(), record));
        }
        moves.push(Move {
            from: id.clone(),
            from_number: question.number.clone(),
            to: Some((target.id.clone(), target.number.clone())),
        });
    }
    let read = read_notes(&mut out, &mut notes_from, from, to, &mut sources);
    order_answers(&mut out, to);
    out.draft = carried::draft(answers.draft.as_ref(), &out, from, to, &sources);
    Migrated {
        answers: out,
        moves,
        restored: read
            .iter()
            .map(|(_, id)| id.clone())
            .fold(Vec::new(), |mut ids, id| {
                if !ids.contains(&id) {
                    ids.push(id);
                }
                ids
            }),
        notes_read: read
            .into_iter()
            .filter_map(|(origin, id)| match origin {
                NoteOrigin::Note(i) => Some((i, id)),
                _ => None,
            })
            .collect(),
        notes_from,
    }
}

/// The answer a note holds, carried into `to`'s counterpart of its question (as `migrate` reads a
/// note back, for `fill` to place one a person chose): the question's id, the answer, and notes
/// for fields that question has no place for; `None` when `to` has no counterpart or the note
/// does not read as an answer.
pub fn note_answer(
    held: &HeldAnswer<'_, '_>,
    to: &Questionnaire,
) -> Option<(String, Answer, Vec<String>)> {
    let target = to.counterpart(held.edition, held.question)?;
    let answer = held.read()?;
    let (moved, left) = carry(&answer, held.edition, held.question, target);
    Some((
        target.id.clone(),
        moved,
        left.into_iter().map(|(_, note)| note).collect(),
    ))
}

/// Answers in the target's question order, keys it does not know after them as they were.
fn order_answers(answers: &mut Answers, to: &Questionnaire) {
    let order = |id: &str| {
        to.questions
            .iter()
            .position(|q| q.id == id)
            .unwrap_or(usize::MAX)
    };
    answers.answers.sort_by_key(|(id, _)| order(id));
}

/// An answer moved to its counterpart; record fields the target does not have come back as
/// notes (with the index of their record), fields the old definition did not know either go
/// along as they are.
fn carry(
    answer: &Answer,
    edition: &Questionnaire,
    from: &Question,
    to: &Question,
) -> (Answer, Vec<(usize, String)>) {
    match (answer, &from.kind, &to.kind) {
        (Answer::Records(records), QuestionKind::Records(old), QuestionKind::Records(new)) => {
            let mut notes = Vec::new();
            let name = old.fields.first().map(|f| f.id.as_str());
            let name_of = |r: &Record| {
                r.fields
                    .iter()
                    .find(|(k, _)| Some(k.as_str()) == name)
                    .map(|(_, v)| v.to_plain())
            };
            let moved = records
                .iter()
                .enumerate()
                .map(|(i, record)| {
                    let (kept, left): (Vec<_>, Vec<_>) =
                        record.fields.iter().cloned().partition(|(id, _)| {
                            new.fields.iter().any(|f| f.id == *id)
                                || !old.fields.iter().any(|f| f.id == *id)
                        });
                    if !left.is_empty() {
                        let mut fields: Vec<_> = record
                            .fields
                            .iter()
                            .filter(|(id, _)| Some(id.as_str()) == name)
                            .cloned()
                            .collect();
                        fields.extend(left);
                        let unique = records
                            .iter()
                            .filter(|r| name_of(r) == name_of(record))
                            .count()
                            == 1;
                        let note =
                            notes::note_for_fields(edition, from, &Record { fields }, unique);
                        notes.push((i, note));
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

/// Reads back the notes that hold an answer as `migrate` writes it (exactly) into the target's
/// counterpart of their question: a whole answer into a question not answered yet, the fields of
/// records into the records they were taken from. Says which notes went where.
fn read_notes<'q>(
    out: &mut Answers,
    notes_from: &mut Vec<NoteOrigin>,
    from: &'q Questionnaire,
    to: &'q Questionnaire,
    sources: &mut Vec<(String, carried::Source<'q>)>,
) -> Vec<(NoteOrigin, String)> {
    let editions = notes::editions(&[from, to]);
    let mut read = Vec::new();
    let mut kept = Vec::new();
    let mut kept_from = Vec::new();
    let taken = std::mem::take(&mut out.notes);
    let origins = std::mem::take(notes_from);
    for (note, origin) in taken.into_iter().zip(origins) {
        let placed = notes::held(&note, &editions)
            .filter(|held| held.exact)
            .and_then(|held| place(out, &held, to));
        match placed {
            Some((target, left)) => {
                if let Some(held) = notes::held(&note, &editions) {
                    sources.push((target.clone(), (held.edition, held.question)));
                }
                for (_, note) in left {
                    kept.push(note);
                    kept_from.push(origin.clone());
                }
                read.push((origin, target));
            }
            None => {
                kept.push(note);
                kept_from.push(origin);
            }
        }
    }
    out.notes = kept;
    *notes_from = kept_from;
    read
}

/// Places the answer a note holds into the target: the id of the question it went to, and notes
/// for the fields that question has no place for; `None` when it has no place.
fn place(
    out: &mut Answers,
    held: &HeldAnswer<'_, '_>,
    to: &Questionnaire,
) -> Option<(String, Vec<(usize, String)>)> {
    let target = to.counterpart(held.edition, held.question)?;
    let answer = held.read()?;
    let current = out.answers.iter_mut().find(|(k, _)| *k == target.id);
    match current {
        None => {
            let (moved, left) = carry(&answer, held.edition, held.question, target);
            out.answers.push((target.id.clone(), moved));
            Some((target.id.clone(), left))
        }
        Some((_, Answer::Records(records))) => {
            let (QuestionKind::Records(old), QuestionKind::Records(new)) =
                (&held.question.kind, &target.kind)
            else {
                return None;
            };
            let Answer::Records(from_note) = answer else {
                return None;
            };
            let name = old.fields.first()?.id.as_str();
            let ids: Vec<&str> = new.fields.iter().map(|f| f.id.as_str()).collect();
            notes::merge_fields(records, &from_note, name, &ids)
                .then(|| (target.id.clone(), Vec::new()))
        }
        Some(_) => None,
    }
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
/// keys when both are TOML) from edition `from` to `target`, and writes them in `format`:
/// canonical values in the target's order, as checking them against the target gives them.
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
            map_path(path, &migrated, from, target)
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
    let kept = migrated
        .answers
        .notes
        .iter()
        .filter(|n| n.starts_with(notes::KEPT_AS_WRITTEN))
        .count();
    if kept > 0 {
        writeln!(
            err,
            "kept as written in notes: {kept} {} the text layout does not carry exactly; `qfill fill --answers` shows {} to place by hand",
            crate::text::plural(kept, "answer"),
            if kept == 1 { "it" } else { "them" }
        )?;
    }
    if let Some(carried) = migrated
        .answers
        .draft
        .as_ref()
        .and_then(|d| d.carried.as_ref())
    {
        let numbers: Vec<&str> = carried
            .questions
            .iter()
            .filter_map(|id| target.question(id))
            .map(|q| q.number.as_str())
            .collect();
        writeln!(
            err,
            "to look at again (their wording, limit or window changed): {} {}; `qfill fill --answers` asks {} first",
            if numbers.len() == 1 {
                "question"
            } else {
                "questions"
            },
            numbers.join(", "),
            if numbers.len() == 1 { "it" } else { "them" }
        )?;
    }
    Ok(())
}

/// Where a value of the file is in the result: its question's new key, the note that holds it,
/// the question a note was read back into.
fn map_path(
    path: &[String],
    migrated: &Migrated,
    from: &Questionnaire,
    to: &Questionnaire,
) -> Option<Vec<String>> {
    let note_at = |origin: &NoteOrigin| {
        migrated
            .notes_from
            .iter()
            .position(|o| o == origin)
            .map(|i| vec!["notes".to_string(), i.to_string()])
    };
    match path {
        [answers, question, rest @ ..] if answers == "answers" => {
            match migrated.moves.iter().find(|m| m.from == *question) {
                Some(Move {
                    to: Some((id, _)), ..
                }) => {
                    // A field the new question has no place for went to a note of its own.
                    if let [index, field, ..] = rest
                        && let Ok(index) = index.parse::<usize>()
                        && has_field(from, question, field)
                        && !has_field(to, id, field)
                        && let Some(note) = note_at(&NoteOrigin::Fields(question.clone(), index))
                    {
                        return Some(note);
                    }
                    let mut new = vec![answers.clone(), id.clone()];
                    new.extend(rest.iter().cloned());
                    Some(new)
                }
                Some(Move { to: None, .. }) => note_at(&NoteOrigin::Answer(question.clone()))
                    .or_else(|| Some(vec!["notes".to_string()])),
                None => Some(path.to_vec()),
            }
        }
        [notes, index, ..] if notes == "notes" => {
            let index: usize = index.parse().ok()?;
            match migrated.notes_read.iter().find(|(i, _)| *i == index) {
                Some((_, id)) => Some(vec!["answers".to_string(), id.clone()]),
                None => note_at(&NoteOrigin::Note(index)).or_else(|| Some(vec![notes.clone()])),
            }
        }
        _ => Some(path.to_vec()),
    }
}

/// Whether question `question` of `q` has records with a field `field`.
fn has_field(q: &Questionnaire, question: &str, field: &str) -> bool {
    matches!(q.question(question).map(|q| &q.kind),
        Some(QuestionKind::Records(def)) if def.fields.iter().any(|f| f.id == field))
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
        let text = include_str!("../../examples/response.toml");
        check::check(&parse(text, Format::Toml).unwrap(), q).answers
    }

    fn builtin(id: &str) -> &'static Questionnaire {
        Questionnaire::builtin_cached(id).unwrap()
    }

    fn read(text: &str, q: &Questionnaire) -> Answers {
        check::check(&parse(text, Format::Toml).unwrap(), q).answers
    }

    /// Migrates, writes and reads the result in the target, as `qfill migrate` does.
    fn hop(answers: &Answers, from: &str, to: &str) -> Answers {
        let m = migrate(answers, builtin(from), builtin(to));
        read(&m.answers.to_text(Format::Toml), builtin(to))
    }

    const HAND_MADE: &str = "questionnaire = \"hlpf-2024\"\nentity = \"X (X)\"\n[answers]\nresources = []\nhigh_impact = { text = \"Not at this time.\" }\nrecommendations = \"Do more.\"\n\n[[answers.events]]\nname = \"Forum\"\ndates = \"2023-05-10\"\nlocation = \"Apia, Samoa\"\nsdgs = [13]\ndescription = \"A forum.\"\nhashtag = \"#forum\"\n";

    #[test]
    fn every_edition_and_back_gives_the_original() {
        for original in [example(), read(HAND_MADE, builtin("hlpf-2024"))] {
            for other in ["hlpf-2025", "hlpf-2026"] {
                let there = hop(&original, "hlpf-2024", other);
                let back = hop(&there, other, "hlpf-2024");
                let (back, original) = (back.to_text(Format::Toml), original.to_text(Format::Toml));
                if original.contains("hashtag") && other == "hlpf-2025" {
                    // A key the definition does not have has no place in the text layout: the
                    // events stay in notes, every value kept, for a person to place.
                    assert!(back.contains(notes::KEPT_AS_WRITTEN), "{back}");
                    assert!(back.contains("hashtag |\n#forum |"), "{back}");
                    assert!(!back.contains("[[answers.events]]"), "{back}");
                } else {
                    assert_eq!(back, original, "to {other} and back");
                }
            }
        }
    }

    #[test]
    fn through_2025_to_2026_events_stay_events_and_changed_questions_are_carried() {
        let answers = example();
        let in_2025 = hop(&answers, "hlpf-2024", "hlpf-2025");
        assert!(in_2025.answer("events").is_none());
        let carried = in_2025.draft.as_ref().unwrap().carried.clone().unwrap();
        assert_eq!(carried.from, "hlpf-2024");
        assert_eq!(carried.questions, ["governing_body"]);
        let m = migrate(&in_2025, builtin("hlpf-2025"), builtin("hlpf-2026"));
        assert_eq!(m.restored, ["events"]);
        assert_eq!(m.answers.answer("events"), answers.answer("events"));
        let carried = m.answers.draft.as_ref().unwrap().carried.clone().unwrap();
        assert_eq!(
            carried.from, "hlpf-2024",
            "where the answers came from first"
        );
        assert_eq!(carried.questions, ["governing_body", "events"]);
        // Home again: nothing is carried, and no draft is left.
        let home = hop(
            &read(&m.answers.to_text(Format::Toml), builtin("hlpf-2026")),
            "hlpf-2026",
            "hlpf-2024",
        );
        assert_eq!(home.draft, None);
        assert_eq!(home, answers);
    }

    #[test]
    fn unknown_fields_none_and_q4_as_written_survive() {
        let answers = read(HAND_MADE, builtin("hlpf-2024"));
        let m = migrate(&answers, builtin("hlpf-2024"), builtin("hlpf-2026"));
        let Some(Answer::Records(events)) = m.answers.answer("events") else {
            panic!("{:?}", m.answers)
        };
        assert!(
            events[0].fields.iter().any(|(k, _)| k == "hashtag"),
            "carried as it is"
        );
        let text = m.answers.to_text(Format::Toml);
        let doc = parse(&text, Format::Toml).unwrap();
        let codes: Vec<&str> = check::check(&doc, builtin("hlpf-2026"))
            .findings
            .iter()
            .map(|f| f.code.as_str())
            .collect();
        assert!(
            codes.contains(&"unknown-key"),
            "its finding stays: {codes:?}"
        );
        let note = m
            .answers
            .notes
            .iter()
            .find(|n| n.starts_with("4. "))
            .unwrap();
        assert!(!note.contains("Initiatives:"), "no names to list: {note}");
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
        // Back where the fields have a place, each goes back into the record of its name.
        let back = migrate(&m.answers, &slim, builtin("hlpf-2024"));
        assert!(back.answers.notes.is_empty(), "{:?}", back.answers.notes);
        assert_eq!(
            back.answers.to_text(Format::Toml),
            example().to_text(Format::Toml)
        );
    }
}
