//! The checker: walks a parsed answers file against a questionnaire, applies the rules to each
//! value, and produces the canonical answers and the findings, each tied to its path and place.

use crate::answers::{Answer, Answers, Draft, FieldValue, Place, Record, Scalar};
use crate::document::{Entry, Node, Value};
use crate::finding::{Anchor, Code, DocPath, Finding, Segment, answer_path};
use crate::questionnaire::{
    ChoicesText, Field, FieldKind, Question, QuestionKind, Questionnaire, Records, WordLimits,
};
use crate::refdata::{self, CountryMatch, LanguageMatch};
use crate::rules::dates::{self, Dates, HumanDates};
use crate::rules::sdgs::{self, SdgSet, SdgText};
use crate::rules::text::{self, Marker};
use crate::rules::{Problem, lists, urls};

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

const CONTACT_KEYS: &[&str] = &["name", "email"];
const DRAFT_KEYS: &[&str] = &["next", "skipped"];

/// The `questionnaire` key of a parsed file, if it is a string.
pub fn questionnaire_key(doc: &Node) -> Option<&str> {
    doc.get("questionnaire").and_then(Node::as_str)
}

/// Checks a parsed answers file against a questionnaire.
pub fn check(doc: &Node, questionnaire: &Questionnaire) -> Checked {
    let mut walker = Walker {
        q: questionnaire,
        findings: Vec::new(),
        path: Vec::new(),
    };
    let answers = walker.root(doc);
    Checked {
        answers,
        findings: walker.findings,
    }
}

/// Checks one question's answer on its own, as `fill` does at the prompt.
///
/// The findings are the ones `validate` would give for the same value in a file, with the same
/// paths, because the same walker produces them.
pub fn check_answer(questionnaire: &Questionnaire, question: &Question, node: &Node) -> Checked {
    let mut walker = Walker::at(questionnaire, &question.id);
    let answer = walker.question(question, node);
    Checked {
        answers: Answers {
            answers: vec![(question.id.clone(), answer)],
            ..Answers::default()
        },
        findings: walker.findings,
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
    let mut walker = Walker::at(questionnaire, &question.id);
    walker.path.push(Segment::Index(record));
    walker.path.push(Segment::Key(field.id.clone()));
    let value = walker.field(field, node);
    (value, walker.findings)
}

struct Walker<'q> {
    q: &'q Questionnaire,
    findings: Vec<Finding>,
    path: DocPath,
}

/// A value that came out of a rule: canonical, or kept as written.
enum Outcome<T> {
    Canonical(T),
    AsWritten,
}

impl<'q> Walker<'q> {
    fn at(q: &'q Questionnaire, question: &str) -> Self {
        Walker {
            q,
            findings: Vec::new(),
            path: vec![
                Segment::Key("answers".to_string()),
                Segment::Key(question.to_string()),
            ],
        }
    }

    // ---- findings ---------------------------------------------------------------------------

    fn here(&self) -> String {
        answer_path(&self.path)
    }

    fn subject(&self) -> String {
        let path = self.here();
        if path.is_empty() {
            "the file".to_string()
        } else {
            path
        }
    }

    fn push(&mut self, finding: Finding) {
        self.findings.push(finding);
    }

    /// A rule's problem about the value at the current path.
    fn problem(&mut self, problem: Problem, anchor: Anchor) {
        let message = format!("{} {}", self.subject(), problem.message);
        let mut finding = Finding::new(problem.code, self.here(), message).at(anchor);
        finding.hint = problem.hint;
        self.push(finding);
    }

    fn report(&mut self, code: Code, anchor: Anchor, message: String, hint: Option<String>) {
        self.problem(
            Problem {
                code,
                message,
                hint,
            },
            anchor,
        );
    }

    /// True if a finding since `before` means part of a value could not be read: a value kept
    /// "as written" must then be the whole value, so that nothing a person typed is lost.
    fn lossy_since(&self, before: usize) -> bool {
        self.findings[before..]
            .iter()
            .any(|f| matches!(f.code, Code::UnknownKey | Code::WrongType))
    }

    /// The not-answered or pending value inside a value, reporting `pending` at once.
    fn inner_marker(&mut self, node: &Node) -> Option<Marker> {
        let s = node.as_str()?;
        let marker = text::marker(s)?;
        if marker == Marker::Pending {
            self.pending(node, s);
        }
        Some(marker)
    }

    fn anchor(&self, node: &Node) -> Anchor {
        node.anchor(&self.path)
    }

    /// Anchor of a table for a key missing from it: the table itself, or nothing for the root.
    fn parent_anchor(&self, table: &Node, table_path: &[Segment]) -> Anchor {
        if table_path.is_empty() {
            Anchor::None
        } else {
            table.anchor(table_path)
        }
    }

    fn wrong_type(&mut self, node: &Node, expected: &str, hint: &str) {
        let hint = match node.value {
            Value::Datetime(_) if expected.contains("text") => {
                "put the value in quotes to make it text".to_string()
            }
            Value::Table(_) | Value::Array(_) if expected == "text" => {
                "write the text as one string in quotes".to_string()
            }
            _ => hint.to_string(),
        };
        self.report(
            Code::WrongType,
            self.anchor(node),
            format!("is {}, {expected} is expected", node.value.kind()),
            Some(hint),
        );
    }

    fn enter<R>(&mut self, segment: Segment, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(segment);
        let result = f(self);
        self.path.pop();
        result
    }

    fn key<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        self.enter(Segment::Key(key.to_string()), f)
    }

    /// Reports keys of `entries` not in `known` and returns them, to be kept as written.
    fn unknown_keys(&mut self, entries: &[Entry], known: &[&str]) -> Vec<(String, Node)> {
        let mut extra = Vec::new();
        let parent = self.here();
        for entry in entries.iter().filter(|e| !known.contains(&e.key.as_str())) {
            let near = refdata::closest(&entry.key, known.iter().copied());
            let place = if parent.is_empty() {
                String::new()
            } else {
                format!(" in {parent}")
            };
            let (message, hint) = match near {
                Some(near) => (
                    format!("unknown key `{}`{place}, did you mean `{near}`?", entry.key),
                    format!("rename it to `{near}`"),
                ),
                None => (
                    format!("unknown key `{}`{place}", entry.key),
                    format!("known keys here: {}", quoted_list(known)),
                ),
            };
            self.key(&entry.key, |w| {
                let finding = Finding::new(Code::UnknownKey, w.here(), message)
                    .at(entry.key_anchor(&w.path))
                    .with_hint(hint);
                w.push(finding);
            });
            extra.push((entry.key.clone(), entry.node.clone()));
        }
        extra
    }

    // ---- the file ---------------------------------------------------------------------------

    fn root(&mut self, doc: &Node) -> Answers {
        let mut answers = Answers::default();
        let Some(entries) = doc.as_table() else {
            self.wrong_type(
                doc,
                "a table of answers",
                "start from an example in `examples/`",
            );
            return answers;
        };
        answers.extra = self.unknown_keys(entries, TOP_LEVEL_KEYS);
        self.answers_outside_their_table(entries);

        match doc.get("questionnaire") {
            None => self.missing_root(
                "questionnaire",
                &format!("add `questionnaire = \"{}\"`", self.q.id),
            ),
            Some(node) => self.key("questionnaire", |w| match node.as_str() {
                Some(s) => answers.questionnaire = Some(s.to_string()),
                None => {
                    w.wrong_type(
                        node,
                        "a string",
                        &format!("write `questionnaire = \"{}\"`", w.q.id),
                    );
                    answers.extra.push(("questionnaire".into(), node.clone()));
                }
            }),
        }
        match doc.get("entity") {
            None => self.missing_root(
                "entity",
                "add `entity = \"Name of your organization (ACRONYM)\"`",
            ),
            Some(node) => {
                answers.entity = self.key("entity", |w| w.required_text(node));
            }
        }
        if let Some(node) = doc.get("contact") {
            let before = self.findings.len();
            answers.contact = self.key("contact", |w| w.contact(node));
            if self.lossy_since(before) {
                answers.contact.clear();
                answers.extra.push(("contact".into(), node.clone()));
            }
        }
        if let Some(node) = doc.get("submitted") {
            answers.submitted = self.key("submitted", |w| w.submitted(node));
        }
        if let Some(node) = doc.get("notes") {
            let before = self.findings.len();
            answers.notes = self.key("notes", |w| w.notes(node));
            if self.lossy_since(before) {
                answers.notes.clear();
                answers.extra.push(("notes".into(), node.clone()));
            }
        }
        if let Some(node) = doc.get("draft") {
            let before = self.findings.len();
            answers.draft = self.key("draft", |w| w.draft(node, doc));
            if self.lossy_since(before) {
                answers.draft = None;
                answers.extra.push(("draft".into(), node.clone()));
            }
        }
        let root_path = self.path.clone();
        match doc.get("answers") {
            None => {
                for question in &self.q.questions {
                    let anchor = self.parent_anchor(doc, &root_path);
                    self.key("answers", |w| {
                        w.key(&question.id, |w| w.unanswered(question, anchor))
                    });
                }
            }
            Some(node) => {
                answers.answers = self.key("answers", |w| w.answers(node));
            }
        }
        answers
    }

    /// Answers written at the top, above `[answers]`, get a hint that says where they belong.
    fn answers_outside_their_table(&mut self, entries: &[Entry]) {
        for entry in entries {
            if self.q.question(&entry.key).is_some()
                && let Some(finding) = self
                    .findings
                    .iter_mut()
                    .rev()
                    .find(|f| f.code == Code::UnknownKey && f.path == entry.key)
            {
                finding.message = format!("unknown key `{}` at the top of the file", entry.key);
                finding.hint = Some(format!(
                    "answers belong under `[answers]`: move `{}` below the `[answers]` line",
                    entry.key
                ));
            }
        }
    }

    fn missing_root(&mut self, key: &str, hint: &str) {
        self.key(key, |w| {
            w.report(
                Code::Required,
                Anchor::None,
                "is missing".to_string(),
                Some(hint.to_string()),
            )
        });
    }

    fn required_text(&mut self, node: &Node) -> Option<Scalar> {
        match node.as_str() {
            Some(s) if text::marker(s) == Some(Marker::NotAnswered) => {
                self.report(
                    Code::Required,
                    self.anchor(node),
                    format!("is required, `{}` is not an answer", s.trim()),
                    None,
                );
                Some(Scalar::Raw(node.clone()))
            }
            Some(s) => {
                self.inner_marker(node);
                Some(Scalar::Text(text::normalise(s)))
            }
            None => {
                self.wrong_type(node, "text", "write it in quotes");
                Some(Scalar::Raw(node.clone()))
            }
        }
    }

    fn contact(&mut self, node: &Node) -> Vec<(String, Scalar)> {
        let Some(entries) = node.as_table() else {
            self.wrong_type(node, "a table", "write `[contact]` with `name` and `email`");
            return Vec::new();
        };
        let mut contact = Vec::new();
        for key in CONTACT_KEYS {
            if let Some(value) = node.get(key) {
                let scalar = self.key(key, |w| match value.as_str() {
                    Some(s) => Scalar::Text(s.trim().to_string()),
                    None => {
                        w.wrong_type(value, "text", "write it in quotes");
                        Scalar::Raw(value.clone())
                    }
                });
                contact.push((key.to_string(), scalar));
            }
        }
        for (key, value) in self.unknown_keys(entries, CONTACT_KEYS) {
            contact.push((key, Scalar::Raw(value)));
        }
        contact
    }

    fn submitted(&mut self, node: &Node) -> Option<Scalar> {
        match self.inner_marker(node) {
            // Optional: not answered is simply no date.
            Some(Marker::NotAnswered) => return None,
            Some(Marker::Pending) => return Some(Scalar::Raw(node.clone())),
            None => {}
        }
        match self.date_value(node) {
            Outcome::Canonical(Dates::Day(day)) => Some(Scalar::Text(day.to_string())),
            Outcome::Canonical(span @ Dates::Span { .. }) => {
                let (_, end) = span.bounds();
                self.report(
                    Code::DateInvalid,
                    self.anchor(node),
                    "is a span of days, one day is expected".to_string(),
                    Some(format!("write the day it was submitted, e.g. `{end}`")),
                );
                Some(Scalar::Raw(node.clone()))
            }
            Outcome::AsWritten => Some(Scalar::Raw(node.clone())),
        }
    }

    fn notes(&mut self, node: &Node) -> Vec<String> {
        match &node.value {
            Value::Array(items) => {
                let mut notes = Vec::new();
                for (i, item) in items.iter().enumerate() {
                    self.enter(Segment::Index(i), |w| match item.as_str() {
                        Some(s) => notes.push(s.to_string()),
                        None => w.wrong_type(item, "text", "write each note in quotes"),
                    });
                }
                notes
            }
            Value::String(s) => vec![s.clone()],
            _ => {
                self.wrong_type(node, "a list of text", "write `notes = [\"...\"]`");
                Vec::new()
            }
        }
    }

    fn draft(&mut self, node: &Node, doc: &Node) -> Option<Draft> {
        let Some(entries) = node.as_table() else {
            self.wrong_type(node, "a table", "remove the `[draft]` table");
            return None;
        };
        let anchor = doc
            .as_table()
            .and_then(|e| e.iter().find(|e| e.key == "draft"))
            .map_or(Anchor::None, |e| e.key_anchor(&self.path));
        self.report(
            Code::Draft,
            anchor,
            "is present: this response is still a draft".to_string(),
            Some("finish it with `qfill fill`, or remove the `[draft]` table".to_string()),
        );
        self.unknown_keys(entries, DRAFT_KEYS);
        let ids: Vec<&str> = self.q.questions.iter().map(|q| q.id.as_str()).collect();
        let mut draft = Draft::default();
        if let Some(next) = node.get("next") {
            self.key("next", |w| match next.as_str() {
                Some(s) if ids.contains(&s) => draft.next = Some(s.to_string()),
                Some(s) => w.report(
                    Code::WrongType,
                    w.anchor(next),
                    format!("`{s}` is not a question id"),
                    Some(match refdata::closest(s, ids.iter().copied()) {
                        Some(near) => format!("did you mean `{near}`?"),
                        None => format!("one of {}", quoted_list(&ids)),
                    }),
                ),
                None => w.wrong_type(
                    next,
                    "a question id",
                    &format!("one of {}", quoted_list(&ids)),
                ),
            });
        }
        if let Some(skipped) = node.get("skipped") {
            self.key("skipped", |w| match &skipped.value {
                Value::Array(items) => {
                    for (i, item) in items.iter().enumerate() {
                        w.enter(Segment::Index(i), |w| match item.as_str() {
                            Some(s) if ids.contains(&s) => draft.skipped.push(s.to_string()),
                            _ => w.wrong_type(
                                item,
                                "a question id",
                                &format!("one of {}", quoted_list(&ids)),
                            ),
                        });
                    }
                }
                _ => w.wrong_type(
                    skipped,
                    "a list of question ids",
                    "write `skipped = [\"events\"]`",
                ),
            });
        }
        Some(draft)
    }

    // ---- questions --------------------------------------------------------------------------

    fn answers(&mut self, node: &Node) -> Vec<(String, Answer)> {
        let Some(entries) = node.as_table() else {
            self.wrong_type(
                node,
                "a table",
                "write `[answers]` with one key per question",
            );
            return Vec::new();
        };
        let ids: Vec<&str> = self.q.questions.iter().map(|q| q.id.as_str()).collect();
        let extra = self.unknown_keys(entries, &ids);
        let table_path = self.path.clone();
        let mut answers = Vec::new();
        for question in &self.q.questions {
            match node.get(&question.id) {
                None => {
                    let anchor = self.parent_anchor(node, &table_path);
                    self.key(&question.id, |w| w.unanswered(question, anchor));
                }
                Some(value) => {
                    let answer = self.key(&question.id, |w| w.question(question, value));
                    answers.push((question.id.clone(), answer));
                }
            }
        }
        answers.extend(extra.into_iter().map(|(k, v)| (k, Answer::Raw(v))));
        answers
    }

    fn unanswered(&mut self, question: &Question, anchor: Anchor) {
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
        self.report(
            code,
            anchor,
            format!("(question {}) {verb}", question.number),
            Some(hint),
        );
    }

    fn question(&mut self, question: &Question, node: &Node) -> Answer {
        if let Some(s) = node.as_str() {
            match text::marker(s) {
                Some(Marker::NotAnswered) => {
                    self.unanswered(question, self.anchor(node));
                    return Answer::Raw(node.clone());
                }
                Some(Marker::Pending) => {
                    self.pending(node, s);
                    return Answer::Raw(node.clone());
                }
                None => {}
            }
        }
        match &question.kind {
            QuestionKind::Text(limits) => match self.text(node, *limits) {
                Some(t) => Answer::Text(t),
                None => Answer::Raw(node.clone()),
            },
            QuestionKind::Records(records) => self.records(records, node),
            QuestionKind::ChoicesText(choices) => self.choices_text(choices, node),
        }
    }

    fn pending(&mut self, node: &Node, s: &str) {
        self.report(
            Code::Pending,
            self.anchor(node),
            format!("is `{}`: not known yet", s.trim()),
            Some("fill it in when it is known".to_string()),
        );
    }

    /// Free text with word limits; `None` if it is not text.
    fn text(&mut self, node: &Node, limits: WordLimits) -> Option<String> {
        let Some(s) = node.as_str() else {
            let hint = match node.value {
                Value::Array(_) => {
                    "write the text as one string; separate paragraphs with a blank line"
                }
                _ => "write it in quotes",
            };
            self.wrong_type(node, "text", hint);
            return None;
        };
        if let Some(problem) = text::check_words(s, limits) {
            self.problem(problem, self.anchor(node));
        }
        Some(text::normalise(s))
    }

    fn records(&mut self, def: &Records, node: &Node) -> Answer {
        let items = match &node.value {
            Value::Array(items) => items,
            Value::Table(_) => {
                let id = self.here();
                self.wrong_type(
                    node,
                    &format!("a list of {}s", def.record_label),
                    &format!("write each {} as `[[answers.{id}]]`", def.record_label),
                );
                return Answer::Raw(node.clone());
            }
            _ => {
                self.wrong_type(
                    node,
                    &format!("a list of {}s", def.record_label),
                    &format!("write `{} = []` if there are none", self.here()),
                );
                return Answer::Raw(node.clone());
            }
        };
        if let Some(max) = def.max_records
            && items.len() > max
        {
            let over = items.len() - max;
            let number = self.number_of_current();
            self.report(
                Code::TooManyRecords,
                self.anchor(node),
                format!(
                    "has {} {}s, question {number} allows at most {max}",
                    items.len(),
                    def.record_label
                ),
                Some(format!(
                    "remove {over} {}",
                    text::plural(over, &def.record_label)
                )),
            );
        }
        let mut records = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            let record = self.enter(Segment::Index(i), |w| w.record(def, item));
            records.push(record);
        }
        self.duplicate_records(def, items);
        if items.iter().any(|item| item.as_table().is_none()) {
            // A record that is not a table cannot be written as one: keep the list as written.
            return Answer::Raw(node.clone());
        }
        Answer::Records(records)
    }

    fn number_of_current(&self) -> String {
        match self.path.get(1) {
            Some(Segment::Key(id)) => self
                .q
                .question(id)
                .map_or_else(|| id.clone(), |q| q.number.clone()),
            _ => String::new(),
        }
    }

    fn duplicate_records(&mut self, def: &Records, items: &[Node]) {
        let Some(name_field) = def.fields.first() else {
            return;
        };
        let mut seen: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let Some(name_node) = item.get(&name_field.id) else {
                continue;
            };
            let Some(name) = name_node.as_str() else {
                continue;
            };
            let key = text::fold(name);
            if key.is_empty() || text::marker(name).is_some() {
                continue;
            }
            match seen.get(&key) {
                Some(first) => {
                    let first = *first;
                    self.enter(Segment::Index(i), |w| {
                        w.key(&name_field.id, |w| {
                            w.report(
                                Code::DuplicateRecord,
                                w.anchor(name_node),
                                format!(
                                    "`{}` is also the name of {}[{first}]",
                                    name.trim(),
                                    answer_path(&w.path[..w.path.len() - 2])
                                ),
                                Some(format!(
                                    "merge the two {}s or tell them apart",
                                    def.record_label
                                )),
                            )
                        })
                    });
                }
                None => {
                    seen.insert(key, i);
                }
            }
        }
    }

    fn record(&mut self, def: &Records, node: &Node) -> Record {
        let Some(entries) = node.as_table() else {
            self.wrong_type(
                node,
                &format!("a table with the {}'s fields", def.record_label),
                "write the record as a table of fields",
            );
            return Record::default();
        };
        let ids: Vec<&str> = def.fields.iter().map(|f| f.id.as_str()).collect();
        let extra = self.unknown_keys(entries, &ids);
        let record_path = self.path.clone();
        let mut record = Record::default();
        for field in &def.fields {
            match node.get(&field.id) {
                None if field.required => {
                    let anchor = self.parent_anchor(node, &record_path);
                    self.key(&field.id, |w| {
                        w.report(
                            Code::Required,
                            anchor,
                            format!("is missing: the {} needs it", def.record_label),
                            Some(format!("add `{}` ({})", field.id, field.short_label())),
                        )
                    });
                }
                None => {}
                Some(value) => {
                    if let Some(v) = self.key(&field.id, |w| w.field(field, value)) {
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

    fn choices_text(&mut self, def: &ChoicesText, node: &Node) -> Answer {
        let (selected_node, text_node, extra) = match &node.value {
            Value::String(_) => {
                self.report(
                    Code::NonCanonical,
                    self.anchor(node),
                    format!(
                        "is text alone, a table with `{}` and `{}` is expected",
                        def.choices_key, def.text_key
                    ),
                    Some(format!(
                        "write `{} = {{ {} = [], {} = \"...\" }}`",
                        self.here(),
                        def.choices_key,
                        def.text_key
                    )),
                );
                (None, Some(node), Vec::new())
            }
            Value::Table(entries) => {
                let extra = self.unknown_keys(entries, &[&def.choices_key, &def.text_key]);
                (node.get(&def.choices_key), node.get(&def.text_key), extra)
            }
            _ => {
                self.wrong_type(
                    node,
                    &format!("a table with `{}` and `{}`", def.choices_key, def.text_key),
                    &format!(
                        "write `{} = {{ {} = [], {} = \"...\" }}`",
                        self.here(),
                        def.choices_key,
                        def.text_key
                    ),
                );
                return Answer::Raw(node.clone());
            }
        };
        if selected_node.is_none() && text_node.is_none() {
            let question = self.q.question(&answer_path(&self.path)).cloned();
            if let Some(question) = question {
                self.unanswered(&question, self.anchor(node));
            }
        }
        let before = self.findings.len();
        let selected = selected_node.map(|n| self.key(&def.choices_key, |w| w.choices(def, n)));
        let text_marker = match text_node {
            Some(n) if node.as_str().is_none() => self.key(&def.text_key, |w| w.inner_marker(n)),
            _ => None,
        };
        let text = match text_marker {
            Some(Marker::NotAnswered) => None,
            _ => text_node.and_then(|n| {
                if node.as_str().is_some() {
                    self.text(n, def.words)
                } else {
                    self.key(&def.text_key, |w| w.text(n, def.words))
                }
            }),
        };
        let nothing_chosen = selected.as_ref().is_none_or(Vec::is_empty);
        if nothing_chosen
            && text.is_none()
            && (selected_node.is_some() || text_node.is_some())
            && text_marker != Some(Marker::Pending)
            && let Some(question) = self.q.question(&answer_path(&self.path)).cloned()
        {
            self.unanswered(&question, self.anchor(node));
        }
        if self.lossy_since(before) || text_marker.is_some() {
            return Answer::Raw(node.clone());
        }
        Answer::Choices {
            choices_key: def.choices_key.clone(),
            selected,
            text_key: def.text_key.clone(),
            text,
            extra,
        }
    }

    fn choices(&mut self, def: &ChoicesText, node: &Node) -> Vec<String> {
        let items: Vec<(Option<usize>, &Node)> = match &node.value {
            Value::Array(items) => items
                .iter()
                .enumerate()
                .map(|(i, n)| (Some(i), n))
                .collect(),
            Value::String(_) => vec![(None, node)],
            _ => {
                self.wrong_type(
                    node,
                    "a list of names",
                    &format!(
                        "choose from {}",
                        quoted_list(&def.choices.iter().map(String::as_str).collect::<Vec<_>>())
                    ),
                );
                return Vec::new();
            }
        };
        let mut selected = Vec::new();
        for (index, item) in items {
            let mut check = |w: &mut Self| match item.as_str() {
                Some(name) if text::marker(name).is_some() => {
                    if w.inner_marker(item) == Some(Marker::Pending) {
                        selected.push(name.trim().to_string());
                    }
                }
                Some(name) => {
                    let key = text::fold(name);
                    match def.choices.iter().find(|c| text::fold(c) == key) {
                        Some(choice) => selected.push(choice.clone()),
                        None => {
                            let closest =
                                refdata::closest(name, def.choices.iter().map(String::as_str));
                            w.report(
                                Code::ChoiceUnknown,
                                w.anchor(item),
                                format!(
                                    "`{}` is not one of the {}",
                                    name.trim(),
                                    def.choices_label
                                ),
                                Some(match closest {
                                    Some(c) => format!("did you mean `{c}`?"),
                                    None => "run `qfill show` to see the list".to_string(),
                                }),
                            );
                            selected.push(name.trim().to_string());
                        }
                    }
                }
                None => w.wrong_type(item, "a name", "write the name in quotes"),
            };
            match index {
                Some(i) => self.enter(Segment::Index(i), check),
                None => check(self),
            }
        }
        // Canonical order is the definition's; names it does not list keep their place last.
        let rank = |name: &String| {
            def.choices
                .iter()
                .position(|c| c == name)
                .unwrap_or(usize::MAX)
        };
        selected.sort_by_key(rank);
        selected.dedup();
        selected
    }

    // ---- fields -----------------------------------------------------------------------------

    /// A field's canonical value; `None` for an optional field explicitly not answered.
    fn field(&mut self, field: &Field, node: &Node) -> Option<FieldValue> {
        if let Some(s) = node.as_str() {
            match text::marker(s) {
                Some(Marker::NotAnswered) if field.required => {
                    let message = if s.trim().is_empty() {
                        "is required".to_string()
                    } else {
                        format!("is required, `{}` is not an answer", s.trim())
                    };
                    self.report(
                        Code::Required,
                        self.anchor(node),
                        message,
                        Some(format!("fill in `{}`", field.short_label())),
                    );
                    return Some(FieldValue::Raw(node.clone()));
                }
                Some(Marker::NotAnswered) => return None,
                Some(Marker::Pending) => {
                    self.pending(node, s);
                    return Some(FieldValue::Raw(node.clone()));
                }
                None => {}
            }
        }
        let value = match field.kind {
            FieldKind::Line | FieldKind::Paragraphs => {
                self.text(node, field.words).map(FieldValue::Text)
            }
            FieldKind::Sdgs => self.sdgs(node).map(FieldValue::Sdgs),
            FieldKind::Dates => match self.date_value(node) {
                Outcome::Canonical(d) => {
                    let window = if field.check_window {
                        self.q.reporting_window
                    } else {
                        None
                    };
                    for problem in dates::check(d, window) {
                        self.problem(problem, self.anchor(node));
                    }
                    Some(FieldValue::Dates(d))
                }
                Outcome::AsWritten => None,
            },
            FieldKind::Places => self.places(node).map(FieldValue::Places),
            FieldKind::Url => self.url(node).map(FieldValue::Text),
            FieldKind::Languages | FieldKind::Organisations | FieldKind::Countries => {
                self.list(field, node)
            }
        };
        Some(value.unwrap_or_else(|| FieldValue::Raw(node.clone())))
    }

    fn non_canonical(&mut self, node: &Node, what: &str, canonical: String) {
        self.report(
            Code::NonCanonical,
            self.anchor(node),
            format!("is {what}"),
            Some(format!(
                "write `{canonical}` (`qfill export` writes it for you)"
            )),
        );
    }

    fn sdgs(&mut self, node: &Node) -> Option<SdgSet> {
        let mut numbers = Vec::new();
        let mut as_text = false;
        match &node.value {
            Value::Integer(n) => {
                numbers.push(*n);
                as_text = true;
            }
            Value::String(s) if s.trim().eq_ignore_ascii_case("all") => return Some(SdgSet::All),
            Value::String(s) => match sdgs::parse_text(s) {
                Some(SdgText::All) => {
                    self.non_canonical(
                        node,
                        &format!("written as text: `{}`", s.trim()),
                        "\"all\"".into(),
                    );
                    return Some(SdgSet::All);
                }
                Some(SdgText::Numbers(ns)) => {
                    numbers = ns;
                    as_text = true;
                }
                None => {
                    self.report(
                        Code::WrongType,
                        self.anchor(node),
                        format!("`{}` cannot be read as SDG numbers", s.trim()),
                        Some("write a list such as `[1, 13]`, or \"all\"".to_string()),
                    );
                    return None;
                }
            },
            Value::Array(items) => {
                let mut broken = false;
                let mut pending = false;
                for (i, item) in items.iter().enumerate() {
                    self.enter(Segment::Index(i), |w| match &item.value {
                        Value::String(_) if w.inner_marker(item).is_some() => {
                            // `TBD` is reported; a not-answered item adds no goal.
                            pending |=
                                item.as_str().and_then(text::marker) == Some(Marker::Pending);
                        }
                        Value::Integer(n) => numbers.push(*n),
                        Value::String(s) => match sdgs::parse_text(s) {
                            Some(SdgText::Numbers(ns)) => {
                                numbers.extend(ns);
                                as_text = true;
                            }
                            _ => {
                                w.report(
                                    Code::WrongType,
                                    w.anchor(item),
                                    format!("`{}` is not an SDG number", s.trim()),
                                    Some("write goals as numbers 1 to 17".to_string()),
                                );
                                broken = true;
                            }
                        },
                        Value::Float(f) => {
                            w.report(
                                Code::WrongType,
                                w.anchor(item),
                                format!("is `{f}`, a whole number from 1 to 17 is expected"),
                                Some("write goals as whole numbers, e.g. `13`".to_string()),
                            );
                            broken = true;
                        }
                        _ => {
                            w.wrong_type(item, "an SDG number", "write goals as numbers 1 to 17");
                            broken = true;
                        }
                    });
                }
                if broken || pending {
                    return None;
                }
            }
            _ => {
                self.wrong_type(
                    node,
                    "a list of SDG numbers",
                    "write a list such as `[1, 13]`, or \"all\"",
                );
                return None;
            }
        }
        let (set, problems) = sdgs::check_numbers(&numbers);
        for problem in problems {
            self.problem(problem, self.anchor(node));
        }
        let set = set?;
        if as_text && let SdgSet::Goals(goals) = &set {
            let list: Vec<String> = goals.iter().map(u8::to_string).collect();
            let what = match &node.value {
                Value::String(s) => format!("written as text: `{}`", s.trim()),
                Value::Integer(n) => format!("the single number `{n}`, a list is expected"),
                _ => "written with goals as text".to_string(),
            };
            self.non_canonical(node, &what, format!("[{}]", list.join(", ")));
        }
        Some(set)
    }

    /// A date value: ISO text or TOML date, `{ start, end }`, or words.
    fn date_value(&mut self, node: &Node) -> Outcome<Dates> {
        match &node.value {
            Value::Datetime(s) | Value::String(s) => self.date_text(node, s),
            Value::Table(entries) => {
                let before = self.findings.len();
                self.unknown_keys(entries, &["start", "end"]);
                let table_path = self.path.clone();
                let mut bounds = [None, None];
                let mut pending = false;
                for (slot, key) in bounds.iter_mut().zip(["start", "end"]) {
                    match node.get(key) {
                        Some(value) => {
                            *slot = self.key(key, |w| match &value.value {
                                Value::String(s) if text::marker(s).is_some() => {
                                    match w.inner_marker(value) {
                                        Some(Marker::Pending) => pending = true,
                                        _ => w.report(
                                            Code::Required,
                                            w.anchor(value),
                                            format!("is required, `{}` is not a date", s.trim()),
                                            Some("give the day as `YYYY-MM-DD`".to_string()),
                                        ),
                                    }
                                    None
                                }
                                Value::Datetime(s) | Value::String(s) => {
                                    match dates::parse_iso(date_part(s)) {
                                        Some(d) => Some(d),
                                        None => {
                                            w.report(
                                                Code::DateInvalid,
                                                w.anchor(value),
                                                format!("`{s}` is not an ISO date"),
                                                Some(
                                                    "write it as `YYYY-MM-DD`, e.g. `2023-03-30`"
                                                        .to_string(),
                                                ),
                                            );
                                            None
                                        }
                                    }
                                }
                                _ => {
                                    w.wrong_type(value, "a date", "write it as `YYYY-MM-DD`");
                                    None
                                }
                            });
                        }
                        None => {
                            let anchor = self.parent_anchor(node, &table_path);
                            self.key(key, |w| {
                                w.report(
                                    Code::Required,
                                    anchor,
                                    "is missing".to_string(),
                                    Some("a span needs `start` and `end`; a single day is written as one date".to_string()),
                                )
                            });
                        }
                    }
                }
                match bounds {
                    _ if pending || self.lossy_since(before) => Outcome::AsWritten,
                    [Some(start), Some(end)] => Outcome::Canonical(Dates::new(start, end)),
                    _ => Outcome::AsWritten,
                }
            }
            _ => {
                self.wrong_type(
                    node,
                    "a date",
                    "write `2023-03-30` or `{ start = \"2023-03-30\", end = \"2023-03-31\" }`",
                );
                Outcome::AsWritten
            }
        }
    }

    fn date_text(&mut self, node: &Node, s: &str) -> Outcome<Dates> {
        if let Some(day) = dates::parse_iso(s) {
            return Outcome::Canonical(Dates::Day(day));
        }
        if let Some(day) = dates::parse_iso(date_part(s)) {
            self.non_canonical(
                node,
                &format!("a date and time: `{}`", s.trim()),
                day.to_string(),
            );
            return Outcome::Canonical(Dates::Day(day));
        }
        if dates::looks_iso(s) {
            self.report(
                Code::DateInvalid,
                self.anchor(node),
                format!("`{}` is not a calendar day", s.trim()),
                Some("check the month and the day".to_string()),
            );
            return Outcome::AsWritten;
        }
        let parsed = match iso_interval(s) {
            Some(dates) => HumanDates::Dates(dates),
            None => dates::parse_human(s),
        };
        match parsed {
            HumanDates::Dates(d) => {
                let canonical = match d {
                    Dates::Day(day) => format!("{day}"),
                    Dates::Span { start, end } => {
                        format!("{{ start = \"{start}\", end = \"{end}\" }}")
                    }
                };
                self.non_canonical(
                    node,
                    &format!("written in words: `{}`", s.trim()),
                    canonical,
                );
                Outcome::Canonical(d)
            }
            HumanDates::NoYear => {
                self.report(
                    Code::DateNoYear,
                    self.anchor(node),
                    format!("`{}` has no year", s.trim()),
                    Some("add the year, e.g. `2024-02-28`".to_string()),
                );
                Outcome::AsWritten
            }
            HumanDates::Invalid(why) => {
                self.report(
                    Code::DateInvalid,
                    self.anchor(node),
                    format!("`{}` is not a date: {why}", s.trim()),
                    Some(
                        "write `2023-03-30`, or `{ start = \"2023-03-30\", end = \"2023-03-31\" }`"
                            .to_string(),
                    ),
                );
                Outcome::AsWritten
            }
        }
    }

    fn places(&mut self, node: &Node) -> Option<Vec<Place>> {
        let before = self.findings.len();
        let places = self.places_of(node)?;
        (!self.lossy_since(before)).then_some(places)
    }

    fn places_of(&mut self, node: &Node) -> Option<Vec<Place>> {
        match &node.value {
            Value::Table(_) => self.place_table(node).map(|p| vec![p]),
            Value::String(s) => {
                let places = self.place_text(node, s)?;
                let canonical: Vec<String> = places.iter().map(place_inline).collect();
                let canonical = if canonical.len() == 1 {
                    canonical[0].clone()
                } else {
                    format!("[{}]", canonical.join(", "))
                };
                self.non_canonical(node, &format!("written as text: `{}`", s.trim()), canonical);
                Some(places)
            }
            Value::Array(items) if !items.is_empty() => {
                let mut places = Vec::new();
                let mut broken = false;
                for (i, item) in items.iter().enumerate() {
                    let found = self.enter(Segment::Index(i), |w| match &item.value {
                        Value::Table(_) => w.place_table(item).map(|p| vec![p]),
                        Value::String(s) => {
                            let found = w.place_text(item, s);
                            if let Some(found) = &found {
                                let canonical: Vec<String> =
                                    found.iter().map(place_inline).collect();
                                w.non_canonical(
                                    item,
                                    &format!("written as text: `{}`", s.trim()),
                                    canonical.join(", "),
                                );
                            }
                            found
                        }
                        _ => {
                            w.wrong_type(
                                item,
                                "a place",
                                "write `{ city = \"Geneva\", country = \"Switzerland\" }`",
                            );
                            None
                        }
                    });
                    match found {
                        Some(found) => places.extend(found),
                        None => broken = true,
                    }
                }
                (!broken).then_some(places)
            }
            Value::Array(_) => {
                self.report(
                    Code::Required,
                    self.anchor(node),
                    "lists no place".to_string(),
                    Some("give at least one `{ city, country }`".to_string()),
                );
                None
            }
            _ => {
                self.wrong_type(
                    node,
                    "a place",
                    "write `{ city = \"Geneva\", country = \"Switzerland\" }`",
                );
                None
            }
        }
    }

    fn place_table(&mut self, node: &Node) -> Option<Place> {
        let entries = node.as_table()?;
        self.unknown_keys(entries, &["city", "country"]);
        let table_path = self.path.clone();
        let mut place = Place {
            city: None,
            country: None,
        };
        let mut complete = true;
        for key in ["city", "country"] {
            match node.get(key) {
                Some(value) => {
                    let got = self.key(key, |w| match value.as_str() {
                        Some(s) if text::marker(s) != Some(Marker::NotAnswered) => {
                            Some(if key == "country" {
                                w.country(value, s)
                            } else {
                                w.inner_marker(value);
                                s.trim().to_string()
                            })
                        }
                        Some(s) => {
                            w.report(
                                Code::Required,
                                w.anchor(value),
                                format!("is required, `{}` is not an answer", s.trim()),
                                None,
                            );
                            None
                        }
                        None => {
                            w.wrong_type(value, "text", "write it in quotes");
                            None
                        }
                    });
                    match (key, got) {
                        ("city", Some(city)) => place.city = Some(city),
                        (_, Some(country)) => place.country = Some(country),
                        _ => complete = false,
                    }
                }
                None => {
                    let anchor = self.parent_anchor(node, &table_path);
                    self.key(key, |w| {
                        w.report(
                            Code::Required,
                            anchor,
                            "is missing".to_string(),
                            Some(format!("add `{key}`")),
                        )
                    });
                    complete = false;
                }
            }
        }
        complete.then_some(place)
    }

    /// `City, Country`, several of them separated by `;`, new lines or ` and `.
    ///
    /// `None` unless every place reads as a city in a State: only then is it rewritten.
    fn place_text(&mut self, node: &Node, s: &str) -> Option<Vec<Place>> {
        let mut places = Vec::new();
        let mut all_states = true;
        for piece in split_places(s) {
            match piece.rsplit_once(',') {
                Some((city, country)) if !city.trim().is_empty() && !country.trim().is_empty() => {
                    let (country, state) = self.country_checked(node, country.trim());
                    all_states &= state;
                    if let Some(Marker::Pending) =
                        self.inner_marker(&Node::new(Value::String(city.to_string())))
                    {
                        all_states = false;
                    }
                    places.push(Place {
                        city: Some(city.trim().to_string()),
                        country: Some(country),
                    });
                }
                _ => {
                    let hint = match refdata::match_country(&piece) {
                        CountryMatch::MemberState(name) | CountryMatch::Observer(name) => {
                            format!("add the city: `{{ city = \"...\", country = \"{name}\" }}`")
                        }
                        _ => "write it as `City, Country`".to_string(),
                    };
                    self.report(
                        Code::CountryUnknown,
                        self.anchor(node),
                        format!("`{}` is not `City, Country`", piece.trim()),
                        Some(hint),
                    );
                    return None;
                }
            }
        }
        (all_states && !places.is_empty()).then_some(places)
    }

    /// Checks one country name; returns its UN name, or the text as written.
    fn country(&mut self, node: &Node, s: &str) -> String {
        self.country_checked(node, s).0
    }

    /// Checks one country name: its UN name (or the text as written), and whether it is a State.
    fn country_checked(&mut self, node: &Node, s: &str) -> (String, bool) {
        let s = s.trim();
        if let Some(marker) = text::marker(s) {
            if marker == Marker::Pending {
                self.pending(node, s);
            } else {
                self.report(
                    Code::Required,
                    self.anchor(node),
                    format!("has `{s}` where a country belongs"),
                    Some("give the country, or leave the entry out".to_string()),
                );
            }
            return (s.to_string(), false);
        }
        let found = match refdata::match_country(s) {
            CountryMatch::MemberState(name) | CountryMatch::Observer(name) => {
                return (name.to_string(), true);
            }
            CountryMatch::Territory(name) => {
                self.report(
                    Code::NotMemberState,
                    self.anchor(node),
                    format!("`{s}` is not a UN Member State ({name} is a territory)"),
                    Some("list the Member State it belongs to, or leave it out".to_string()),
                );
                s.to_string()
            }
            CountryMatch::Organisation(name) => {
                self.report(
                    Code::NotMemberState,
                    self.anchor(node),
                    format!("`{s}` is not a UN Member State ({name} is an organisation)"),
                    Some("list its member countries, or write \"all\"".to_string()),
                );
                s.to_string()
            }
            CountryMatch::Unknown { closest } => {
                self.report(
                    Code::CountryUnknown,
                    self.anchor(node),
                    format!("`{s}` is not a country qfill knows"),
                    Some(refdata::country_hint(&closest)),
                );
                s.to_string()
            }
        };
        (found, false)
    }

    fn url(&mut self, node: &Node) -> Option<String> {
        let Some(s) = node.as_str() else {
            self.wrong_type(
                node,
                "a URL in quotes",
                "write `\"https://www.example.org\"`",
            );
            return None;
        };
        match urls::check_url(s) {
            None => Some(s.trim().to_string()),
            Some(problem) => {
                self.problem(problem, self.anchor(node));
                None
            }
        }
    }

    /// Lists of languages, organisations or countries.
    fn list(&mut self, field: &Field, node: &Node) -> Option<FieldValue> {
        let is_all = |s: &str| {
            let f = text::fold(s);
            matches!(
                f.as_str(),
                "all" | "allmemberstates" | "allcountries" | "allunmemberstates"
            )
        };
        let from_text = node.as_str();
        let items: Vec<(Option<usize>, &Node, String)> = match &node.value {
            Value::String(s) if field.allow_all && is_all(s) => return Some(FieldValue::All),
            Value::String(s) => {
                let keep_whole = match field.kind {
                    FieldKind::Countries => is_known_name,
                    _ => |_: &str| false,
                };
                lists::split_list_keeping(s, keep_whole)
                    .into_iter()
                    .map(|i| (None, node, i))
                    .collect()
            }
            Value::Array(items) => {
                if field.allow_all && items.len() == 1 && items[0].as_str().is_some_and(is_all) {
                    return Some(FieldValue::All);
                }
                let mut out = Vec::new();
                let mut broken = false;
                for (i, item) in items.iter().enumerate() {
                    match item.as_str() {
                        Some(s) => out.push((Some(i), item, s.trim().to_string())),
                        None => {
                            self.enter(Segment::Index(i), |w| {
                                w.wrong_type(item, "a name", "write each name in quotes")
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
                self.wrong_type(
                    node,
                    "a list of names",
                    "write a list such as `[\"A\", \"B\"]`",
                );
                return None;
            }
        };
        // A not-answered entry adds nothing; `TBD` is reported and kept.
        let mut all_read = true;
        let mut kept = Vec::new();
        for (index, item, s) in items {
            let marker = text::marker(&s);
            if marker == Some(Marker::Pending) {
                all_read = false;
                let pending = Node {
                    value: Value::String(s.clone()),
                    span: item.span.clone(),
                };
                match index {
                    Some(i) => self.enter(Segment::Index(i), |w| w.pending(&pending, &s)),
                    None => self.pending(&pending, &s),
                }
            }
            if marker == Some(Marker::NotAnswered) {
                all_read = false;
                continue;
            }
            kept.push((index, item, s));
        }
        if kept.is_empty() {
            if field.required {
                self.report(
                    Code::Required,
                    self.anchor(node),
                    "lists nothing".to_string(),
                    Some(format!(
                        "give at least one entry for {}",
                        field.short_label()
                    )),
                );
            }
            return match from_text {
                Some(_) => None,
                None if all_read => Some(FieldValue::List(Vec::new())),
                None => None,
            };
        }
        let mut out: Vec<String> = Vec::new();
        for (index, item, s) in kept {
            let check = |w: &mut Self| match field.kind {
                FieldKind::Languages => match refdata::match_language(&s) {
                    LanguageMatch::Code(code) => (code.to_string(), true),
                    LanguageMatch::Unknown { closest } => {
                        if text::marker(&s) != Some(Marker::Pending) {
                            w.report(
                                Code::LanguageUnknown,
                                w.anchor(item),
                                format!("`{s}` is not an ISO 639-1 language code or name"),
                                Some(refdata::language_hint(&closest)),
                            );
                        }
                        (s.clone(), false)
                    }
                },
                FieldKind::Countries if text::marker(&s).is_some() => (s.clone(), false),
                FieldKind::Countries => w.country_checked(item, &s),
                _ => (s.clone(), true),
            };
            let (value, read) = match index {
                Some(i) => self.enter(Segment::Index(i), check),
                None => check(self),
            };
            all_read &= read;
            if !out.contains(&value) {
                out.push(value);
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
            self.non_canonical(
                node,
                &format!("written as text: `{}`", s.trim()),
                format!("[{canonical}]"),
            );
        }
        if out.iter().any(|v| text::marker(v).is_some()) {
            return None;
        }
        Some(FieldValue::List(out))
    }
}

/// A name the reference data knows (a State, a territory, an organisation): kept whole when a
/// list is split, so that `Trinidad and Tobago` is not read as two countries.
fn is_known_name(name: &str) -> bool {
    !matches!(refdata::match_country(name), CountryMatch::Unknown { .. })
}

/// The part of a TOML date-time or string that is the date.
fn date_part(s: &str) -> &str {
    s.get(..10)
        .filter(|_| s.len() > 10 && s.as_bytes()[10] == b'T')
        .unwrap_or(s)
}

/// `2023-03-30/2023-04-02`.
fn iso_interval(s: &str) -> Option<Dates> {
    let (a, b) = s.trim().split_once('/')?;
    Some(Dates::new(dates::parse_iso(a)?, dates::parse_iso(b)?))
}

fn split_places(s: &str) -> Vec<String> {
    let mut out = Vec::new();
    for piece in s.split([';', '\n']) {
        let piece = piece.trim();
        if piece.is_empty() {
            continue;
        }
        // `Geneva, Switzerland and Nairobi, Kenya`: split on ` and ` only between full places.
        let parts: Vec<&str> = piece.split(" and ").collect();
        if parts.len() > 1 && parts.iter().all(|p| p.contains(',')) {
            out.extend(parts.iter().map(|p| p.trim().to_string()));
        } else {
            out.push(piece.to_string());
        }
    }
    out
}

fn place_inline(place: &Place) -> String {
    format!(
        "{{ city = \"{}\", country = \"{}\" }}",
        place.city.as_deref().unwrap_or(""),
        place.country.as_deref().unwrap_or("")
    )
}

fn quoted_list(items: &[&str]) -> String {
    items
        .iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Format, parse};
    use crate::validate::resolve_positions;

    /// (code, path, line) of each finding for a TOML answers file, with a fixed header.
    fn findings(answers: &str) -> Vec<(Code, String, Option<usize>)> {
        let text = format!("questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n{answers}");
        let doc = parse(&text, Format::Toml).expect(&text);
        let mut checked = check(&doc, &Questionnaire::default_builtin());
        resolve_positions(&mut checked.findings, &text, Format::Toml);
        checked
            .findings
            .into_iter()
            // Whole questions left out are not what these cases are about.
            .filter(|f| f.code != Code::NotAnswered)
            .map(|f| (f.code, f.path, f.line))
            .collect()
    }

    fn codes(answers: &str) -> Vec<Code> {
        findings(answers).into_iter().map(|f| f.0).collect()
    }

    const EVENT: &str = "name = \"E\"\ndates = \"2023-03-30\"\nlocation = { city = \"Apia\", country = \"Samoa\" }\nsdgs = [13]\ndescription = \"Short.\"\n";

    fn event(extra: &str) -> String {
        format!("[[answers.events]]\n{EVENT}{extra}")
    }

    fn event_with(field: &str, value: &str) -> String {
        let base: String = EVENT
            .lines()
            .filter(|l| !l.starts_with(&format!("{field} =")))
            .map(|l| format!("{l}\n"))
            .collect();
        format!("[[answers.events]]\n{base}{field} = {value}\n")
    }

    #[test]
    fn a_clean_event_has_no_findings() {
        assert_eq!(findings(&event("")), []);
    }

    #[test]
    fn sdg_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("[1, 17]", &[]),
            ("\"all\"", &[]),
            ("[0]", &[Code::SdgRange]),
            ("[18]", &[Code::SdgRange]),
            ("[10, 13, 10]", &[Code::SdgDuplicate]),
            ("[1.5]", &[Code::WrongType]),
            ("\"1, 3 and 5\"", &[Code::NonCanonical]),
            ("\"All 17 SDGs\"", &[Code::NonCanonical]),
            ("\"6, 13, 6 and 19\"", &[Code::SdgRange, Code::SdgDuplicate]),
            ("\"climate\"", &[Code::WrongType]),
            ("[]", &[Code::Required]),
            ("\"N/A\"", &[Code::Required]),
            ("\"TBD\"", &[Code::Pending]),
            ("{ a = 1 }", &[Code::WrongType]),
        ];
        for (value, want) in cases {
            assert_eq!(codes(&event_with("sdgs", value)), *want, "sdgs = {value}");
        }
    }

    #[test]
    fn date_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("\"2023-03-30\"", &[]),
            ("2023-03-30", &[]),
            ("{ start = \"2023-03-30\", end = \"2023-03-31\" }", &[]),
            ("{ start = 2023-03-30, end = 2023-03-31 }", &[]),
            (
                "{ start = \"2023-03-31\", end = \"2023-03-30\" }",
                &[Code::DateOrder],
            ),
            ("{ start = \"2023-03-31\" }", &[Code::Required]),
            ("\"30-31 March 2023\"", &[Code::NonCanonical]),
            ("\"February 28 – March 2nd\"", &[Code::DateNoYear]),
            ("\"2021-01-01\"", &[Code::DateWindow]),
            ("\"2025-01-01\"", &[Code::DateWindow]),
            ("\"someday\"", &[Code::DateInvalid]),
            ("\"2023-02-30\"", &[Code::DateInvalid]),
            ("\"TBD\"", &[Code::Pending]),
            ("42", &[Code::WrongType]),
        ];
        for (value, want) in cases {
            assert_eq!(codes(&event_with("dates", value)), *want, "dates = {value}");
        }
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

    #[test]
    fn places_written_as_text_are_split_into_cities_and_countries() {
        let cases: &[(&str, &[&str])] = &[
            ("Apia, Samoa", &["Apia, Samoa"]),
            (
                "Geneva, Switzerland; Nairobi, Kenya",
                &["Geneva, Switzerland", "Nairobi, Kenya"],
            ),
            (
                "Geneva, Switzerland and New York, USA",
                &["Geneva, Switzerland", "New York, USA"],
            ),
            (
                "Port of Spain, Trinidad and Tobago",
                &["Port of Spain, Trinidad and Tobago"],
            ),
            (
                "Apia, Samoa\nDakar, Senegal",
                &["Apia, Samoa", "Dakar, Senegal"],
            ),
        ];
        for (text, want) in cases {
            assert_eq!(split_places(text), *want, "{text}");
        }
    }

    #[test]
    fn url_fields() {
        let cases: &[(&str, &[Code])] = &[
            ("\"https://example.org\"", &[]),
            ("\"n/a\"", &[]),
            ("\"\"", &[]),
            ("\"www.example.org\"", &[Code::UrlBareDomain]),
            ("\"ftp://example.org\"", &[Code::UrlInvalid]),
            ("\"Forthcoming\"", &[Code::Pending]),
            ("1", &[Code::WrongType]),
        ];
        for (value, want) in cases {
            assert_eq!(
                codes(&event(&format!("website = {value}\n"))),
                *want,
                "website = {value}"
            );
        }
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
    fn choices() {
        assert_eq!(
            codes("high_impact = { initiatives = [\"power of data\"], text = \"x\" }\n"),
            []
        );
        assert_eq!(
            codes("high_impact = { initiatives = [\"Power of Dta\"] }\n"),
            [Code::ChoiceUnknown]
        );
        assert_eq!(
            codes("high_impact = \"Not at this time.\"\n"),
            [Code::NonCanonical]
        );
        let checked = findings("high_impact = { initiatives = [\"Power of Dta\"] }\n");
        assert_eq!(checked[0].1, "high_impact.initiatives[0]");
    }

    #[test]
    fn not_answered_and_pending_inside_values() {
        let initiative = |field: &str, value: &str| {
            let base = "[[answers.initiatives]]\nname = \"I\"\npartners = [\"P\"]\nsdgs = [1]\nmember_states = [\"Kenya\"]\ndescription = \"D\"\n";
            let kept: String = base
                .lines()
                .filter(|l| !l.starts_with(&format!("{field} =")))
                .map(|l| format!("{l}\n"))
                .collect();
            format!("{kept}{field} = {value}\n")
        };
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
            let text =
                format!("questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n{answers}");
            let doc = parse(&text, Format::Toml).expect(&text);
            let mut got: Vec<Code> = check(&doc, &Questionnaire::default_builtin())
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
        // At the top: an optional date not answered is no date; `TBD` is pending.
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
    }

    #[test]
    fn date_messages_say_what_is_wrong() {
        for (value, want) in [
            ("\"2023-02-29\"", "`2023-02-29` is not a calendar day"),
            ("\"2023-13-01\"", "`2023-13-01` is not a calendar day"),
        ] {
            let text = format!(
                "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n{}",
                event_with("dates", value)
            );
            let doc = parse(&text, Format::Toml).unwrap();
            let checked = check(&doc, &Questionnaire::default_builtin());
            let f = checked
                .findings
                .iter()
                .find(|f| f.code == Code::DateInvalid)
                .unwrap();
            assert!(f.message.contains(want), "{}", f.message);
        }
        assert_eq!(
            codes(&event_with("dates", "2023-03-30T10:00:00")),
            [Code::NonCanonical]
        );
        assert_eq!(
            codes(&event_with("dates", "\"2024/02/15\"")),
            [Code::NonCanonical, Code::DateWindow]
                .iter()
                .copied()
                .filter(|c| *c != Code::DateWindow)
                .collect::<Vec<_>>()
        );
    }

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
}
