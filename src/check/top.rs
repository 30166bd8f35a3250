//! The file's top level: its root keys, `contact`, `submitted`, `notes` and `[draft]`.

use super::TOP_LEVEL_KEYS;
use super::cursor::Cursor;
use super::dates::date_value;
use crate::answers::{Answers, Scalar};
use crate::document::{Entry, Node, Value};
use crate::finding::{Anchor, Code, Segment};
use crate::rules::Read;
use crate::rules::dates::Dates;
use crate::rules::text::{self, Marker};

const CONTACT_KEYS: &[&str] = &["name", "email"];

/// Checks a whole document.
pub(super) fn root(c: &mut Cursor<'_>, doc: &Node) -> Answers {
    let mut answers = Answers::default();
    let Some(entries) = doc.as_table() else {
        c.wrong_type(
            doc,
            "a table of answers",
            "start from an example in `examples/`",
        );
        return answers;
    };
    answers.extra = c.unknown_keys(entries, TOP_LEVEL_KEYS);
    answers_outside_their_table(c, entries);

    match doc.get("questionnaire") {
        None => missing_root(
            c,
            "questionnaire",
            &format!("add `questionnaire = \"{}\"`", c.q.id),
        ),
        Some(node) => c.key("questionnaire", |c| match node.as_str() {
            Some(s) => answers.questionnaire = Some(s.to_string()),
            None => {
                c.wrong_type(
                    node,
                    "a string",
                    &format!("write `questionnaire = \"{}\"`", c.q.id),
                );
                answers.extra.push(("questionnaire".into(), node.clone()));
            }
        }),
    }
    match doc.get("entity") {
        None => missing_root(
            c,
            "entity",
            "add `entity = \"Name of your organization (ACRONYM)\"`",
        ),
        Some(node) => answers.entity = c.key("entity", |c| required_text(c, node)),
    }
    if let Some(node) = doc.get("contact") {
        match c.key("contact", |c| contact(c, node)) {
            Read::Canonical(contact) => answers.contact = contact,
            Read::AsWritten => answers.extra.push(("contact".into(), node.clone())),
        }
    }
    if let Some(node) = doc.get("submitted") {
        answers.submitted = c.key("submitted", |c| submitted(c, node));
    }
    if let Some(node) = doc.get("notes") {
        match c.key("notes", |c| notes(c, node)) {
            Read::Canonical(notes) => answers.notes = notes,
            Read::AsWritten => answers.extra.push(("notes".into(), node.clone())),
        }
    }
    if let Some(node) = doc.get("draft") {
        match c.key("draft", |c| super::draft::draft(c, node, doc)) {
            Read::Canonical(draft) => answers.draft = Some(draft),
            Read::AsWritten => answers.extra.push(("draft".into(), node.clone())),
        }
    }
    let root_anchor = c.table_anchor(doc);
    match doc.get("answers") {
        None => {
            for question in &c.q.questions {
                let anchor = root_anchor.clone();
                c.key("answers", |c| {
                    c.key(&question.id, |c| {
                        super::questions::unanswered(c, question, anchor);
                    });
                });
            }
        }
        Some(node) => answers.answers = c.key("answers", |c| super::questions::answers(c, node)),
    }
    answers
}

/// Answers written at the top, above `[answers]`, get a message that says where they belong.
fn answers_outside_their_table(c: &mut Cursor<'_>, entries: &[Entry]) {
    for entry in entries {
        let at = [Segment::Key(entry.key.to_string())];
        if c.q.question(&entry.key).is_some()
            && let Some(finding) = c
                .findings
                .iter_mut()
                .rev()
                .find(|f| f.code == Code::UnknownKey && f.at == at)
        {
            finding.message = format!("unknown key `{}` at the top of the file", entry.key);
            finding.predicate = finding.message.clone();
            finding.hint = Some(format!(
                "answers belong under `[answers]`: move `{}` below the `[answers]` line",
                entry.key
            ));
        }
    }
}

fn missing_root(c: &mut Cursor<'_>, key: &str, hint: &str) {
    c.key(key, |c| {
        c.report(
            Code::Required,
            Anchor::None,
            "is missing".to_string(),
            Some(hint.to_string()),
        );
    });
}

fn required_text(c: &mut Cursor<'_>, node: &Node) -> Option<Scalar> {
    match node.as_str() {
        Some(s) if text::marker(s) == Some(Marker::NotAnswered) => {
            c.report(
                Code::Required,
                c.anchor(node),
                format!("is required, `{}` is not an answer", s.trim()),
                None,
            );
            Some(Scalar::Raw(node.clone()))
        }
        Some(s) => {
            c.inner_marker(node);
            Some(Scalar::Text(text::normalise(s)))
        }
        None => {
            c.wrong_type(node, "text", "write it in quotes");
            Some(Scalar::Raw(node.clone()))
        }
    }
}

/// `[contact]`; kept whole as written if any part of it cannot be read.
fn contact(c: &mut Cursor<'_>, node: &Node) -> Read<Vec<(String, Scalar)>> {
    let Some(entries) = node.as_table() else {
        c.wrong_type(node, "a table", "write `[contact]` with `name` and `email`");
        return Read::AsWritten;
    };
    let mut contact = Vec::new();
    let mut whole = true;
    for key in CONTACT_KEYS {
        if let Some(value) = node.get(key) {
            c.key(key, |c| match value.as_str() {
                Some(s) => {
                    // `TBD` is reported, and kept as written like any contact value.
                    c.inner_marker(value);
                    contact.push((key.to_string(), Scalar::Text(s.trim().to_string())));
                }
                None => {
                    c.wrong_type(value, "text", "write it in quotes");
                    whole = false;
                }
            });
        }
    }
    if !c.unknown_keys(entries, CONTACT_KEYS).is_empty() {
        whole = false;
    }
    if whole {
        Read::Canonical(contact)
    } else {
        Read::AsWritten
    }
}

fn submitted(c: &mut Cursor<'_>, node: &Node) -> Option<Scalar> {
    match c.inner_marker(node) {
        // Optional: not answered is simply no date.
        Some(Marker::NotAnswered) => return None,
        Some(Marker::Pending) => return Some(Scalar::Raw(node.clone())),
        None => {}
    }
    match date_value(c, node) {
        Read::Canonical(Dates::Day(day)) => Some(Scalar::Text(day.to_string())),
        Read::Canonical(span @ Dates::Span { .. }) => {
            let (_, end) = span.bounds();
            c.report(
                Code::DateInvalid,
                c.anchor(node),
                "is a span of days, one day is expected".to_string(),
                Some(format!("write the day it was submitted, e.g. `{end}`")),
            );
            Some(Scalar::Raw(node.clone()))
        }
        Read::AsWritten => Some(Scalar::Raw(node.clone())),
    }
}

/// `notes`: a list of text (one text is a `wrong-type`, kept as written).
fn notes(c: &mut Cursor<'_>, node: &Node) -> Read<Vec<String>> {
    match &node.value {
        Value::Array(items) => {
            let mut notes = Vec::new();
            let mut whole = true;
            for (i, item) in items.iter().enumerate() {
                c.enter(Segment::Index(i), |c| match item.as_str() {
                    Some(s) => {
                        held_answer(c, item, s);
                        notes.push(s.to_string());
                    }
                    None => {
                        c.wrong_type(item, "text", "write each note in quotes");
                        whole = false;
                    }
                });
            }
            if whole {
                Read::Canonical(notes)
            } else {
                Read::AsWritten
            }
        }
        _ => {
            c.wrong_type(node, "a list of text", "write `notes = [\"...\"]`");
            Read::AsWritten
        }
    }
}

/// A note that holds an answer to a question, as `migrate` writes it: said, with the question
/// and where it is in this edition, so that it is not forgotten in `notes`.
fn held_answer(c: &mut Cursor<'_>, item: &Node, note: &str) {
    // Most notes are remarks: only one that starts like a question header is looked at.
    let starts_like_one = note
        .strip_prefix(crate::migrate::notes::KEPT_AS_WRITTEN)
        .unwrap_or(note)
        .trim_start_matches('\n')
        .split_once(". ")
        .is_some_and(|(n, _)| !n.is_empty() && n.len() <= 8 && !n.contains('\n'));
    if !starts_like_one {
        return;
    }
    let editions = crate::migrate::notes::editions(&[c.q]);
    let Some(held) = crate::migrate::notes::held(note, &editions) else {
        return;
    };
    let (number, id) = (&held.question.number, &held.question.id);
    let mut predicate = format!(
        "holds the answer to question {number} `{id}` of {}",
        held.edition.id
    );
    if !held.exact {
        predicate.push_str(", kept as written");
    }
    let hint = match c.q.counterpart(held.edition, held.question) {
        Some(here) => {
            predicate.push_str(&format!(
                "; it is question {} `{}` of {}",
                here.number, here.id, c.q.id
            ));
            format!(
                "`qfill fill --answers` on this file places it into question {}, or drops it",
                here.number
            )
        }
        None => {
            predicate.push_str(&format!("; {} has no such question", c.q.id));
            "leave it for DESA to read, or drop it with `qfill fill --answers` on this file"
                .to_string()
        }
    };
    c.report(Code::NotesAnswers, c.anchor(item), predicate, Some(hint));
}

#[cfg(test)]
mod tests {
    use super::super::check;
    use super::super::testing::codes;
    use crate::answers::Answer;
    use crate::document::{Format, parse};
    use crate::finding::{Anchor, Code};
    use crate::questionnaire::Questionnaire;

    #[test]
    fn answers_above_their_table_say_where_they_belong() {
        let doc = parse(
            "questionnaire = \"hlpf-2024\"\nentity = \"X\"\ngoverning_body = \"text\"\n",
            Format::Toml,
        )
        .unwrap();
        let checked = check(&doc, &Questionnaire::default_builtin());
        let f = checked
            .findings
            .iter()
            .find(|f| f.code == Code::UnknownKey)
            .unwrap();
        assert_eq!(
            f.message,
            "unknown key `governing_body` at the top of the file"
        );
        assert!(
            f.hint.as_deref().unwrap().contains("[answers]"),
            "{:?}",
            f.hint
        );
    }

    #[test]
    fn top_level_keys() {
        let doc = parse(
            "entity = \"N/A\"\nsubmitted = \"soon\"\n[draft]\nnext = \"events\"\n",
            Format::Toml,
        )
        .unwrap();
        let checked = check(&doc, &Questionnaire::default_builtin());
        let got: Vec<(Code, &str)> = checked
            .findings
            .iter()
            .map(|f| (f.code, f.path.as_str()))
            .collect();
        assert!(got.contains(&(Code::Required, "questionnaire")), "{got:?}");
        assert!(got.contains(&(Code::Required, "entity")), "{got:?}");
        assert!(got.contains(&(Code::DateInvalid, "submitted")), "{got:?}");
        assert!(got.contains(&(Code::Draft, "draft")), "{got:?}");
        assert_eq!(got.iter().filter(|f| f.0 == Code::NotAnswered).count(), 6);
        let missing = checked
            .findings
            .iter()
            .find(|f| f.path == "questionnaire")
            .unwrap();
        assert_eq!(missing.anchor, Anchor::None);
    }

    #[test]
    fn what_cannot_be_read_is_kept_whole() {
        let text = "questionnaire = 2024\nentity = \"X\"\ncontact = \"me\"\nnotes = [\"ok\", 2024]\n[draft]\nnext = \"events\"\ncomment = \"memo\"\n[[answers.events]]\nname = \"E\"\ndates = { start = \"2023-03-30\", end = \"2023-03-31\", note = \"keep\" }\nlocation = { city = \"Apia\", country = \"Samoa\", venue = \"keep\" }\nsdgs = [1]\ndescription = \"D\"\n[answers.high_impact]\ninitiatives = [\"Power of Data\", 5]\n";
        let doc = parse(text, Format::Toml).unwrap();
        let written = check(&doc, &Questionnaire::default_builtin())
            .answers
            .to_text(Format::Toml);
        for kept in [
            "questionnaire = 2024",
            "contact = \"me\"",
            "2024]",
            "comment = \"memo\"",
            "note = \"keep\"",
            "venue = \"keep\"",
            "\"Power of Data\", 5",
        ] {
            assert!(written.contains(kept), "{kept} lost:\n{written}");
        }
        let records =
            "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\nresources = [5, \"R\"]\n";
        let doc = parse(records, Format::Toml).unwrap();
        let written = check(&doc, &Questionnaire::default_builtin())
            .answers
            .to_text(Format::Toml);
        assert!(written.contains("resources = [5, \"R\"]"), "{written}");
        // A contact with an extra key is kept whole, extra key and all.
        let doc = parse(
            "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[contact]\nname = \"A\"\nphone = \"1\"\n",
            Format::Toml,
        )
        .unwrap();
        let checked = check(&doc, &Questionnaire::default_builtin());
        assert!(checked.answers.contact.is_empty());
        assert!(checked.answers.extra.iter().any(|(k, _)| k == "contact"));
        assert!(!matches!(
            checked.answers.answer("events"),
            Some(Answer::Records(_))
        ));
    }

    #[test]
    fn notes_holding_an_answer_say_which_question() {
        let q24 = Questionnaire::builtin_cached("hlpf-2024").unwrap();
        let header = |id: &str| {
            let q = q24.question(id).unwrap();
            format!("{}. {}", q.number, crate::text::one_line(&q.text))
        };
        let notes = [
            format!("{}\nResource Name |\nR |", header("resources")),
            format!("{}\nEvent Name |\nE |", header("events")),
            "3. A remark that merely starts like a question.".to_string(),
        ];
        let text = format!(
            "questionnaire = \"hlpf-2026\"\nentity = \"X\"\nnotes = {}\n",
            serde_json::to_string(&notes).unwrap()
        );
        let doc = parse(&text, Format::Toml).unwrap();
        let q26 = Questionnaire::builtin_cached("hlpf-2026").unwrap();
        let found: Vec<(String, String)> = check(&doc, q26)
            .findings
            .into_iter()
            .filter(|f| f.code == Code::NotesAnswers)
            .map(|f| (f.path, f.message))
            .collect();
        assert_eq!(
            found,
            [
                (
                    "notes[0]".to_string(),
                    "notes[0] holds the answer to question 3 `resources` of hlpf-2024; hlpf-2026 has no such question".to_string()
                ),
                (
                    "notes[1]".to_string(),
                    "notes[1] holds the answer to question 2 `events` of hlpf-2024; it is question 3 `events` of hlpf-2026".to_string()
                ),
            ]
        );
    }

    #[test]
    fn an_optional_submitted_date_not_answered_is_no_date() {
        assert_eq!(
            codes("")
                .into_iter()
                .filter(|c| *c != Code::NotAnswered)
                .count(),
            0
        );
        let doc = parse(
            "questionnaire = \"hlpf-2024\"\nentity = \"TBD\"\nsubmitted = \"N/A\"\n",
            Format::Toml,
        )
        .unwrap();
        let codes: Vec<Code> = check(&doc, &Questionnaire::default_builtin())
            .findings
            .iter()
            .map(|f| f.code)
            .filter(|c| *c != Code::NotAnswered)
            .collect();
        assert_eq!(codes, [Code::Pending]);
    }
}
