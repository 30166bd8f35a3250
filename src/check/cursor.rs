//! The cursor: where the check is in the document (the answer path), where a value sits in the
//! source (its anchor), and the one way a finding is emitted.

use crate::document::{Entry, Node, Value};
use crate::finding::{Anchor, Code, DocPath, Finding, Segment, answer_path};
use crate::questionnaire::{Question, Questionnaire};
use crate::rules::text::{self, Marker};
use crate::rules::{Problem, Read, Reading};

/// Walks a document against a questionnaire, collecting findings.
pub(super) struct Cursor<'q> {
    /// The questionnaire checked against.
    pub q: &'q Questionnaire,
    /// The findings so far, in check order.
    pub findings: Vec<Finding>,
    /// The document path of the value being checked.
    pub path: DocPath,
    /// Whether the canonical answers are wanted: a run that only reports findings skips the
    /// copies that would build them.
    pub answers: bool,
    /// Strings of keys the walk has stepped out of, to step into the next ones.
    spare_keys: Vec<String>,
}

impl<'q> Cursor<'q> {
    /// A cursor at the root of a document.
    pub fn new(q: &'q Questionnaire) -> Self {
        Cursor {
            q,
            findings: Vec::new(),
            path: Vec::new(),
            answers: true,
            spare_keys: Vec::new(),
        }
    }

    /// A cursor at one question's answer, as `fill` checks it.
    pub fn at(q: &'q Questionnaire, question: &str) -> Self {
        Cursor {
            q,
            findings: Vec::new(),
            path: vec![
                Segment::Key("answers".to_string()),
                Segment::Key(question.to_string()),
            ],
            answers: true,
            spare_keys: Vec::new(),
        }
    }

    /// The answer path of the current value, as people read it.
    pub fn here(&self) -> String {
        answer_path(&self.path)
    }

    /// The question the cursor is in, if it is under `[answers]`.
    pub fn question(&self) -> Option<&'q Question> {
        match self.path.as_slice() {
            [Segment::Key(answers), Segment::Key(id), ..] if answers == "answers" => {
                self.q.question(id)
            }
            _ => None,
        }
    }

    /// Emits a finding about the current value: its message is the path, then the problem's.
    pub fn emit(&mut self, problem: Problem, anchor: Anchor) {
        let here = self.here();
        let message = if here.is_empty() {
            format!("the file {}", problem.message)
        } else {
            format!("{here} {}", problem.message)
        };
        self.push(here, message, problem, anchor);
    }

    /// Emits a finding whose message names its place itself (`unknown key ... in events[0]`).
    pub fn emit_whole(&mut self, problem: Problem, anchor: Anchor) {
        let here = self.here();
        let message = problem.message.clone();
        self.push(here, message, problem, anchor);
    }

    fn push(&mut self, here: String, message: String, problem: Problem, anchor: Anchor) {
        let mut finding = Finding::new(problem.code, here, message).at(anchor);
        finding.hint = problem.hint;
        finding.at = self.path.clone();
        finding.predicate = problem.message;
        finding.params = problem.params;
        self.findings.push(finding);
    }

    /// Emits a finding with a message and a hint about the current value.
    pub fn report(&mut self, code: Code, anchor: Anchor, message: String, hint: Option<String>) {
        let mut problem = Problem::new(code, message);
        problem.hint = hint;
        self.emit(problem, anchor);
    }

    /// Emits a rule's problems about `node` and gives what the rule read.
    pub fn take<T>(&mut self, reading: Reading<T>, node: &Node) -> Read<T> {
        for problem in reading.problems {
            self.emit(problem, self.anchor(node));
        }
        reading.value
    }

    /// The anchor of a value at the current path.
    pub fn anchor(&self, node: &Node) -> Anchor {
        node.anchor(&self.path)
    }

    /// Anchor of the table at the current path, for keys missing from it: the table itself, or
    /// nothing for the root.
    pub fn table_anchor(&self, table: &Node) -> Anchor {
        if self.path.is_empty() {
            Anchor::None
        } else {
            table.anchor(&self.path)
        }
    }

    /// Runs `f` one step deeper.
    pub fn enter<R>(&mut self, segment: Segment, f: impl FnOnce(&mut Self) -> R) -> R {
        self.path.push(segment);
        let result = f(self);
        if let Some(Segment::Key(key)) = self.path.pop() {
            self.spare_keys.push(key);
        }
        result
    }

    /// Runs `f` at a key of the current table.
    pub fn key<R>(&mut self, key: &str, f: impl FnOnce(&mut Self) -> R) -> R {
        // Every key of every file is stepped into: the strings of keys stepped out of are
        // reused, so that a walk allocates for its deepest path, not for every key.
        let mut segment = self.spare_keys.pop().unwrap_or_default();
        segment.clear();
        segment.push_str(key);
        self.enter(Segment::Key(segment), f)
    }

    /// Runs `f` at an index of the current list, or here for a value that is not in a list.
    pub fn item<R>(&mut self, index: Option<usize>, f: impl FnOnce(&mut Self) -> R) -> R {
        match index {
            Some(i) => self.enter(Segment::Index(i), f),
            None => f(self),
        }
    }

    /// A value of the wrong type; the hint is adjusted to what was written.
    pub fn wrong_type(&mut self, node: &Node, expected: &str, hint: &str) {
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

    /// `TBD` where an answer belongs.
    pub fn pending(&mut self, node: &Node, s: &str) {
        self.emit(text::pending(s), self.anchor(node));
    }

    /// The not-answered or pending value inside a value, reporting `pending` at once.
    pub fn inner_marker(&mut self, node: &Node) -> Option<Marker> {
        let s = node.as_str()?;
        let marker = text::marker(s)?;
        if marker == Marker::Pending {
            self.pending(node, s);
        }
        Some(marker)
    }

    /// Emits an `unknown-key` error for each key of `entries` not in `known` (naming the nearest
    /// known key) and returns those entries, so that what they hold is kept as written.
    pub fn unknown_keys(&mut self, entries: &[Entry], known: &[&str]) -> Vec<(String, Node)> {
        // Nearly every table has none: the parent's path is written only when one is.
        if entries.iter().all(|e| known.contains(&e.key.as_str())) {
            return Vec::new();
        }
        let parent = self.here();
        self.extra_keys(entries, known, |key, near| {
            unknown_key(key, near, &parent, known)
        })
    }

    /// Emits `problem(key, nearest known key)` for each key of `entries` not in `known`, and
    /// returns those entries.
    pub fn extra_keys(
        &mut self,
        entries: &[Entry],
        known: &[&str],
        problem: impl Fn(&str, Option<&str>) -> Problem,
    ) -> Vec<(String, Node)> {
        let mut extra = Vec::new();
        for entry in entries.iter().filter(|e| !known.contains(&e.key.as_str())) {
            let near = crate::text::closest(&entry.key, known.iter().copied());
            let problem = problem(&entry.key, near);
            self.key(&entry.key, |c| {
                let anchor = entry.key_anchor(&c.path);
                c.emit_whole(problem.value(&entry.key), anchor);
            });
            extra.push((entry.key.to_string(), entry.node.clone()));
        }
        extra
    }
}

/// The `unknown-key` problem for `key` in the table at `parent`.
fn unknown_key(key: &str, near: Option<&str>, parent: &str, known: &[&str]) -> Problem {
    let place = if parent.is_empty() {
        String::new()
    } else {
        format!(" in {parent}")
    };
    match near {
        Some(near) => Problem::new(
            Code::UnknownKey,
            format!("unknown key `{key}`{place}, did you mean `{near}`?"),
        )
        .hint(format!("rename it to `{near}`")),
        None => Problem::new(Code::UnknownKey, format!("unknown key `{key}`{place}")).hint(
            format!("known keys here: {}", crate::text::backticked(known)),
        ),
    }
}
