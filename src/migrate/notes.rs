//! Answers kept in `notes` by `migrate`: written in the legacy text layout under the old
//! question's number and text, recognised by that header in any edition qfill knows, and read
//! back with the one legacy reader (`import`), the edition told by the header.
//!
//! A note is written so that it reads back exactly: one whose legacy text would not (lines inside
//! a paragraph, a value of the wrong type, a key the definition does not have, two records of
//! one name) starts with [`KEPT_AS_WRITTEN`], still holds every value, and is never read back on
//! its own: a person places it (`fill` offers to), so nothing comes back changed unseen.

use crate::answers::{Answer, FieldValue, Record, node_json};
use crate::check;
use crate::document::{Entry, Node, Value};
use crate::export::question_block;
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::text::{fold, one_line};

/// The first line of a note whose answer the legacy layout does not carry exactly.
pub const KEPT_AS_WRITTEN: &str = "(kept as written by qfill migrate: this text does not read back exactly, so it is placed by hand)";

/// A note that holds an answer to a question, as `migrate` writes it.
#[derive(Debug, Clone, Copy)]
pub struct HeldAnswer<'q, 'n> {
    /// The edition whose question the note's header is.
    pub edition: &'q Questionnaire,
    /// That question.
    pub question: &'q Question,
    /// Whether the note reads back exactly, so that `migrate` places it on its own.
    pub exact: bool,
    /// The note from its header on (without the [`KEPT_AS_WRITTEN`] line).
    pub block: &'n str,
}

/// The editions a note's header is looked for in: `first`, then the built-in ones.
pub fn editions<'q>(first: &[&'q Questionnaire]) -> Vec<&'q Questionnaire> {
    let mut out: Vec<&'q Questionnaire> = Vec::new();
    let builtins = Questionnaire::builtin_ids()
        .filter_map(Questionnaire::builtin_cached)
        .map(|q| -> &'q Questionnaire { q });
    for q in first.iter().copied().chain(builtins) {
        if !out.iter().any(|known| known.id == q.id) {
            out.push(q);
        }
    }
    out
}

/// The header line of a question in the legacy layout: `N. text`.
fn header(question: &Question) -> String {
    format!("{}. {}", question.number, one_line(&question.text))
}

/// The question whose answer `note` holds, if it is one as `migrate` writes it: its first line
/// (after [`KEPT_AS_WRITTEN`]) is a question's header in one of `editions`, the first that has it.
pub fn held<'q, 'n>(note: &'n str, editions: &[&'q Questionnaire]) -> Option<HeldAnswer<'q, 'n>> {
    let (exact, block) = match note.strip_prefix(KEPT_AS_WRITTEN) {
        Some(rest) => (false, rest.strip_prefix('\n')?),
        None => (true, note),
    };
    let first = block.lines().next()?;
    // Cheap before the headers are built: a header starts with its number and a full stop.
    let (number, _) = first.split_once(". ")?;
    editions.iter().find_map(|edition| {
        let question = edition
            .questions
            .iter()
            .find(|q| q.number == number && header(q) == first)?;
        Some(HeldAnswer {
            edition,
            question,
            exact,
            block,
        })
    })
}

impl HeldAnswer<'_, '_> {
    /// The answer the note holds, read by the legacy reader against its edition and checked
    /// there; `None` when the text does not read as that question's answer alone.
    pub fn read(&self) -> Option<Answer> {
        let imported = crate::import::parse_legacy(&format!("-\n{}", self.block), self.edition);
        // Text the reader could not place, or another question's answer: not an answer as
        // `migrate` writes it.
        if imported.doc.get("notes").is_some() {
            return None;
        }
        let answers = imported.doc.get("answers").and_then(Node::as_table)?;
        let node = match answers {
            [] => match &self.question.kind {
                // The header alone: a list of records that is empty, an answer of none.
                QuestionKind::Records(_) if self.block.trim_end().lines().count() == 1 => {
                    Node::new(Value::Array(Vec::new()))
                }
                _ => return None,
            },
            [entry] if entry.key == self.question.id.as_str() => without_spans(entry.node.clone()),
            _ => return None,
        };
        let node = match &self.question.kind {
            QuestionKind::ChoicesText(def) => choices_as_listed(node, self.block, def),
            _ => node,
        };
        let checked = check::check_answer(self.edition, self.question, &node);
        checked.answers.answers.into_iter().next().map(|(_, a)| a)
    }
}

/// The note that keeps `answer` to `question` (of `edition`): its legacy text, or, when that does
/// not read back as `answer`, the same text after [`KEPT_AS_WRITTEN`] with every value kept.
pub fn note_for_answer(edition: &Questionnaire, question: &Question, answer: &Answer) -> String {
    let block = block_of(question, answer);
    let exact = HeldAnswer {
        edition,
        question,
        exact: true,
        block: &block,
    }
    .read()
    .is_some_and(|read| same(&read, answer));
    marked(block, exact)
}

/// Whether two answers are written the same: their canonical trees, wherever they were read.
pub fn same(a: &Answer, b: &Answer) -> bool {
    let json = |a: &Answer| {
        crate::answers::Answers {
            answers: vec![(String::new(), a.clone())],
            ..Default::default()
        }
        .to_json_value()
    };
    json(a) == json(b)
}

/// The note that keeps the fields of a record that a new edition's question does not have: the
/// old question's header and the record with its first field (the name, to find it by) and the
/// fields left. `unique` says whether no other record of the question has the same name, which
/// reading it back into the right record needs.
pub fn note_for_fields(
    edition: &Questionnaire,
    question: &Question,
    record: &Record,
    unique: bool,
) -> String {
    let answer = Answer::Records(vec![record.clone()]);
    let block = block_of(question, &answer);
    let exact = unique
        && HeldAnswer {
            edition,
            question,
            exact: true,
            block: &block,
        }
        .read()
        .is_some_and(|read| same(&read, &answer));
    marked(block, exact)
}

fn marked(block: String, exact: bool) -> String {
    if exact {
        block
    } else {
        format!("{KEPT_AS_WRITTEN}\n{block}")
    }
}

/// The legacy block of an answer, with what the layout has no place for added as lines of its
/// own so that every value is kept: the chosen names of a choices question always on their own
/// line, keys the definition does not have, values that are not text.
fn block_of(question: &Question, answer: &Answer) -> String {
    let mut out = String::new();
    match (answer, &question.kind) {
        (Answer::Records(records), QuestionKind::Records(def)) => {
            question_block(&mut out, question, None);
            for record in records {
                for (key, value) in &record.fields {
                    // A field by its form label, as the legacy layout writes it; a key the
                    // definition does not have by itself.
                    let field = def.fields.iter().find(|f| f.id == *key);
                    let label = field.map_or(key.as_str(), |f| f.label.as_str());
                    let text = match value {
                        FieldValue::Text(t) if field.is_some_and(|f| f.kind.is_text()) => t.clone(),
                        FieldValue::Raw(node) if node.as_str().is_none() => dump(node),
                        other => other.to_plain(),
                    };
                    out.push_str(&format!("{} |\n", one_line(label)));
                    let lines: Vec<&str> =
                        text.split('\n').filter(|l| !l.trim().is_empty()).collect();
                    for (i, l) in lines.iter().enumerate() {
                        let end = if i + 1 == lines.len() { " |" } else { "" };
                        out.push_str(&format!("{}{end}\n", l.trim_end()));
                    }
                }
            }
        }
        (
            Answer::Choices {
                selected,
                text,
                extra,
                ..
            },
            QuestionKind::ChoicesText(def),
        ) => {
            let text_only = Answer::Text(text.clone().unwrap_or_default());
            question_block(&mut out, question, Some(&text_only));
            if let Some(selected) = selected {
                let names = if selected.is_empty() {
                    "none".to_string()
                } else {
                    selected.join("; ")
                };
                out.push_str(&format!("{}: {names}.\n", def.choices_label));
            }
            for (key, node) in extra {
                out.push_str(&format!("{key}: {}\n", dump(node)));
            }
        }
        (Answer::Raw(node), _) if node.as_str().is_none() => {
            question_block(&mut out, question, None);
            out.push_str(&format!("{}\n", dump(node)));
        }
        _ => question_block(&mut out, question, Some(answer)),
    }
    out.trim_end().to_string()
}

/// A value that is not text, written so that a person reads every value in it: text as it is
/// (line breaks and all), keys before their values, other values as JSON writes them.
fn dump(node: &Node) -> String {
    match &node.value {
        Value::String(s) | Value::Datetime(s) => s.to_string(),
        Value::Array(items) => items.iter().map(dump).collect::<Vec<_>>().join("\n"),
        Value::Table(entries) => entries
            .iter()
            .map(|e| format!("{}: {}", e.key, dump(&e.node)))
            .collect::<Vec<_>>()
            .join("\n"),
        _ => node_json(node).to_string(),
    }
}

/// A choices answer as the note lists it: the names on the choices line, or none at all when
/// the note has no such line (the reader would also pick names the text merely mentions).
fn choices_as_listed(node: Node, block: &str, def: &crate::questionnaire::ChoicesText) -> Node {
    let Value::Table(entries) = node.value else {
        return node;
    };
    let listed = block.lines().last().and_then(|last| {
        let (label, names) = last.split_once(':')?;
        (fold(label) == fold(&def.choices_label)).then_some(names)
    });
    let mut out: Vec<Entry> = entries
        .into_iter()
        .filter(|e| e.key != def.choices_key.as_str())
        .collect();
    if let Some(names) = listed {
        let names = crate::rules::lists::split_list(names);
        let none = names.len() == 1 && fold(&names[0]) == "none";
        let items = if none { Vec::new() } else { names };
        out.insert(
            0,
            Entry {
                key: def.choices_key.as_str().into(),
                key_span: None,
                node: Node::new(Value::Array(
                    items
                        .into_iter()
                        .map(|n| Node::new(Value::String(n.into())))
                        .collect(),
                )),
            },
        );
    }
    Node::new(Value::Table(out))
}

/// A node without its spans, which point into the note rather than any file.
fn without_spans(node: Node) -> Node {
    let value = match node.value {
        Value::Array(items) => Value::Array(items.into_iter().map(without_spans).collect()),
        Value::Table(entries) => Value::Table(
            entries
                .into_iter()
                .map(|mut e| {
                    e.key_span = None;
                    e.node = without_spans(e.node);
                    e
                })
                .collect(),
        ),
        other => other,
    };
    Node::new(value)
}

/// Puts the fields of the records a note holds back into the records of `records` they were
/// taken from: each into the first record with the same first field (its name) that has none
/// of them yet. All or nothing: `false` (and nothing changed) when a record is not found or a
/// field has no place in `ids`.
pub fn merge_fields(
    records: &mut [Record],
    from_note: &[Record],
    name: &str,
    ids: &[&str],
) -> bool {
    let mut merged = records.to_vec();
    for note in from_note {
        let key = note
            .fields
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.to_plain());
        let rest: Vec<&(String, FieldValue)> =
            note.fields.iter().filter(|(k, _)| k != name).collect();
        if rest.is_empty() || rest.iter().any(|(k, _)| !ids.contains(&k.as_str())) {
            return false;
        }
        let Some(target) = merged.iter_mut().find(|r| {
            r.fields
                .iter()
                .find(|(k, _)| k == name)
                .map(|(_, v)| v.to_plain())
                == key
                && rest
                    .iter()
                    .all(|(k, _)| r.fields.iter().all(|(rk, _)| rk != k))
        }) else {
            return false;
        };
        target.fields.extend(rest.into_iter().cloned());
        let order = |k: &str| ids.iter().position(|i| *i == k).unwrap_or(usize::MAX);
        target.fields.sort_by_key(|(k, _)| order(k));
    }
    records.clone_from_slice(&merged);
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, parse};

    fn builtin(id: &str) -> &'static Questionnaire {
        Questionnaire::builtin_cached(id).unwrap()
    }

    fn answer_of(toml: &str, id: &str) -> Answer {
        let text = format!("questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n{toml}");
        let checked = check::check(&parse(&text, Format::Toml).unwrap(), builtin("hlpf-2024"));
        checked.answers.answer(id).unwrap().clone()
    }

    #[test]
    fn notes_read_back_exactly_or_say_they_are_kept_as_written() {
        let q = builtin("hlpf-2024");
        let cases: &[(&str, &str, bool)] = &[
            ("resources = []\n", "resources", true),
            (
                "high_impact = { text = \"Not at this time.\" }\n",
                "high_impact",
                true,
            ),
            (
                "high_impact = { initiatives = [], text = \"We back Power of Data.\" }\n",
                "high_impact",
                true,
            ),
            (
                "high_impact = { initiatives = [\"Energy Compacts\"] }\n",
                "high_impact",
                true,
            ),
            (
                "recommendations = \"One.\\n\\nTwo.\"\n",
                "recommendations",
                true,
            ),
            // One line break inside a paragraph: the layout has no way to say it.
            (
                "recommendations = \"One.\\nTwo.\"\n",
                "recommendations",
                false,
            ),
            ("recommendations = 5\n", "recommendations", false),
            (
                "[[answers.events]]\nname = \"F\"\ndates = \"2023-05-10\"\nlocation = \"Apia, Samoa\"\nsdgs = [13]\ndescription = \"D.\"\nhashtag = \"#f\"\n",
                "events",
                false,
            ),
        ];
        let editions = editions(&[]);
        for (toml, id, exact) in cases {
            let answer = answer_of(toml, id);
            let question = q.question(id).unwrap();
            let note = note_for_answer(q, question, &answer);
            let held = held(&note, &editions).unwrap_or_else(|| panic!("{note}"));
            assert_eq!(held.question.id, *id);
            assert_eq!(held.exact, *exact, "{toml}\n{note}");
            if *exact {
                assert!(same(&held.read().unwrap(), &answer), "{note}");
            }
            if toml.contains("hashtag") {
                assert!(note.contains("hashtag |\n#f |"), "every value kept: {note}");
            }
            if toml.contains("= 5") {
                assert!(note.ends_with("\n5"), "every value kept: {note}");
            }
            if toml.contains("hashtag") {
                assert!(!note.contains("Website"), "only the fields it has: {note}");
            }
        }
        assert!(held("Just a remark.", &editions).is_none());
    }

    #[test]
    fn fields_come_back_into_the_record_of_their_name() {
        let record = |name: &str, site: Option<&str>| Record {
            fields: std::iter::once(("name".to_string(), FieldValue::Text(name.into())))
                .chain(site.map(|s| ("website".to_string(), FieldValue::Text(s.into()))))
                .collect(),
        };
        let mut records = vec![record("A", None), record("B", None)];
        let ids = ["name", "website"];
        assert!(merge_fields(
            &mut records,
            &[record("B", Some("https://b.org"))],
            "name",
            &ids
        ));
        assert_eq!(records[1], record("B", Some("https://b.org")));
        assert!(!merge_fields(
            &mut records,
            &[record("C", Some("https://c.org"))],
            "name",
            &ids
        ));
        assert_eq!(records[0], record("A", None), "all or nothing");
    }
}
