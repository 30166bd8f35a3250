//! `qfill diff A B`: what changed between two editions — questions added, removed (or not known
//! in an incomplete edition), renumbered, reworded (a small edit word by word, a rewording as the
//! old and the new text in full), limits, record maxima, fields, choices, the reporting window
//! and the SDGs under review. Questions are matched by their `continues` links, as `migrate`
//! matches them, and `migrate` asks this module what changed in each question it carries.

use std::io::Write;

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::questionnaire::{Field, Question, QuestionKind, Questionnaire, WordLimits};
use crate::rules::dates::Window;

/// How a question's wording changed, compared after folding case, punctuation, whitespace and
/// word-limit phrases.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Wording {
    /// The same words.
    Same,
    /// A small edit: up to [`SMALL_EDIT`] words changed.
    Edited,
    /// More words changed.
    Reworded,
}

/// The most words a small edit changes.
pub const SMALL_EDIT: usize = 3;

impl Wording {
    /// The word `diff --format json` writes.
    pub fn as_str(self) -> &'static str {
        match self {
            Wording::Same => "same",
            Wording::Edited => "edited",
            Wording::Reworded => "reworded",
        }
    }
}

/// The words of a question's text as they are compared: limit phrases out, each word folded.
fn compared_words(text: &str) -> Vec<String> {
    let mut text = text.to_string();
    // A form may print a limit more than once (`(Max 200 words)` in the text and the label).
    for _ in 0..4 {
        match crate::questionnaire::limits::strip(&text) {
            (stripped, Some(_)) => text = stripped,
            (_, None) => break,
        }
    }
    text.split_whitespace()
        .map(crate::text::fold)
        .filter(|w| !w.is_empty())
        .collect()
}

/// How the wording changed from `a` to `b`: the words removed or added, whichever are more,
/// decide between a small edit and a rewording.
pub fn wording(a: &str, b: &str) -> Wording {
    let (a, b) = (compared_words(a), compared_words(b));
    if a == b {
        return Wording::Same;
    }
    let a: Vec<&str> = a.iter().map(String::as_str).collect();
    let b: Vec<&str> = b.iter().map(String::as_str).collect();
    let (mut removed, mut added) = (0, 0);
    for op in similar::capture_diff_slices(similar::Algorithm::Myers, &a, &b) {
        match op {
            similar::DiffOp::Delete { old_len, .. } => removed += old_len,
            similar::DiffOp::Insert { new_len, .. } => added += new_len,
            similar::DiffOp::Replace {
                old_len, new_len, ..
            } => {
                removed += old_len;
                added += new_len;
            }
            similar::DiffOp::Equal { .. } => {}
        }
    }
    if removed.max(added) <= SMALL_EDIT {
        Wording::Edited
    } else {
        Wording::Reworded
    }
}

/// What changed in one question between two editions that a person who answered it should look
/// at again: its wording, its limits (words, records), the reporting window of its dates.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Changes {
    /// How the text changed.
    pub wording: Wording,
    /// The word or record limits, before and after, in words (`200-800 words`), when they changed.
    pub limits: Vec<Change<String>>,
    /// The reporting window its dates are checked against, when it changed.
    pub window: Option<Change<Option<Window>>>,
}

impl Changes {
    /// Whether an answer carried across should be looked at again: reworded, re-limited or
    /// re-windowed (a small edit is not worth asking again).
    pub fn worth_asking(&self) -> bool {
        self.wording == Wording::Reworded || !self.limits.is_empty() || self.window.is_some()
    }

    /// What changed, in short lines for a person: `reworded`, `word limit: 200-800 words →
    /// at most 200 words`, `reporting window: … → …`.
    pub fn lines(&self) -> Vec<String> {
        let mut lines = Vec::new();
        match self.wording {
            Wording::Same => {}
            Wording::Edited => lines.push("the wording changed a little".to_string()),
            Wording::Reworded => lines.push("the question is reworded".to_string()),
        }
        for limit in &self.limits {
            lines.push(format!("limit: {} → {}", limit.from, limit.to));
        }
        if let Some(window) = &self.window {
            let show =
                |w: &Option<Window>| w.map_or_else(|| "none".to_string(), crate::show::window_text);
            lines.push(format!(
                "reporting window: {} → {}",
                show(&window.from),
                show(&window.to)
            ));
        }
        lines
    }
}

/// What changed from question `a` of edition `qa` to question `b` of edition `qb`.
pub fn question_changes(
    qa: &Questionnaire,
    a: &Question,
    qb: &Questionnaire,
    b: &Question,
) -> Changes {
    let mut limits = Vec::new();
    if let Some(words) = change(limits_text(words_of(a)), limits_text(words_of(b))) {
        limits.push(words);
    }
    let mut dated = false;
    if let (QuestionKind::Records(ra), QuestionKind::Records(rb)) = (&a.kind, &b.kind) {
        let show = |m: Option<usize>| {
            m.map_or("any number of records".to_string(), |n| {
                format!("at most {n} records")
            })
        };
        if let Some(max) = change(show(ra.max_records), show(rb.max_records)) {
            limits.push(max);
        }
        for fb in &rb.fields {
            dated |= fb.check_window;
            if let Some(fa) = ra.fields.iter().find(|fa| fa.id == fb.id)
                && let Some(words) =
                    change(limits_text(Some(fa.words)), limits_text(Some(fb.words)))
            {
                limits.push(Change {
                    from: format!("{} {}", fa.short_label(), words.from),
                    to: format!("{} {}", fb.short_label(), words.to),
                });
            }
        }
    }
    let window = if dated {
        change(qa.reporting_window, qb.reporting_window)
    } else {
        None
    };
    Changes {
        wording: wording(&a.text, &b.text),
        limits,
        window,
    }
}

/// Two values of one setting, in A and in B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change<T> {
    /// In A.
    pub from: T,
    /// In B.
    pub to: T,
}

fn change<T: PartialEq>(from: T, to: T) -> Option<Change<T>> {
    (from != to).then_some(Change { from, to })
}

/// A question's place in an edition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// Its id.
    pub id: String,
    /// Its number.
    pub number: String,
}

/// A run of words kept, removed or added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Words {
    /// `same`, `removed` or `added`.
    pub op: &'static str,
    /// The words, with the spaces between them.
    pub text: String,
}

/// What changed in a field.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDiff {
    /// `added`, `removed` or `changed`.
    pub change: &'static str,
    /// The field's id.
    pub id: String,
    /// Its label, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<Change<String>>,
    /// Its kind, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<Change<String>>,
    /// Its word limits, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Change<String>>,
}

/// What changed in a question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct QuestionDiff {
    /// `added`, `removed`, `not-known` (absent from an incomplete B), `changed` or `same`.
    pub change: &'static str,
    /// Its place in A.
    pub a: Option<Place>,
    /// Its place in B.
    pub b: Option<Place>,
    /// Its number changed.
    pub renumbered: bool,
    /// How its wording changed, for a question in both editions.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub wording: Option<Wording>,
    /// Its text changed: the word-level diff.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reworded: Option<Vec<Words>>,
    /// Its word limits changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub words: Option<Change<String>>,
    /// Its record maximum changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_records: Option<Change<Option<usize>>>,
    /// Fields added, removed or changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldDiff>,
    /// Choices added and removed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub choices: Option<Change<Vec<String>>>,
}

/// Everything that changed from edition A to edition B.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EditionDiff {
    /// A's id.
    pub a: String,
    /// B's id.
    pub b: String,
    /// Whether each definition is complete.
    pub complete: Change<bool>,
    /// The reporting window, when it changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub window: Option<Change<Option<String>>>,
    /// The SDGs under review, when they changed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_sdgs: Option<Change<Option<Vec<u8>>>>,
    /// Every question of both, B's order first, then those only in A.
    pub questions: Vec<QuestionDiff>,
}

/// Compares two editions.
pub fn diff(a: &Questionnaire, b: &Questionnaire) -> EditionDiff {
    let mut questions = Vec::new();
    for qb in &b.questions {
        let matched = a
            .questions
            .iter()
            .find(|qa| b.counterpart(a, qa).is_some_and(|m| m.id == qb.id));
        questions.push(match matched {
            Some(qa) => question(qa, qb),
            None => QuestionDiff {
                change: "added",
                a: None,
                b: Some(place(qb)),
                ..empty()
            },
        });
    }
    for qa in &a.questions {
        if b.counterpart(a, qa).is_none() {
            questions.push(QuestionDiff {
                change: if b.complete { "removed" } else { "not-known" },
                a: Some(place(qa)),
                b: None,
                ..empty()
            });
        }
    }
    EditionDiff {
        a: a.id.clone(),
        b: b.id.clone(),
        complete: Change {
            from: a.complete,
            to: b.complete,
        },
        window: change(
            a.reporting_window.map(crate::show::window_text),
            b.reporting_window.map(crate::show::window_text),
        ),
        review_sdgs: change(
            a.review_sdgs.as_ref().map(|r| r.goals.clone()),
            b.review_sdgs.as_ref().map(|r| r.goals.clone()),
        ),
        questions,
    }
}

fn empty() -> QuestionDiff {
    QuestionDiff {
        change: "same",
        a: None,
        b: None,
        renumbered: false,
        wording: None,
        reworded: None,
        words: None,
        max_records: None,
        fields: Vec::new(),
        choices: None,
    }
}

fn place(q: &Question) -> Place {
    Place {
        id: q.id.clone(),
        number: q.number.clone(),
    }
}

fn limits_text(words: Option<WordLimits>) -> String {
    match words.map(|w| (w.min, w.max)) {
        Some((Some(min), Some(max))) => format!("{min}-{max} words"),
        Some((None, Some(max))) => format!("at most {max} words"),
        Some((Some(min), None)) => format!("at least {min} words"),
        _ => "no limit".to_string(),
    }
}

fn words_of(q: &Question) -> Option<WordLimits> {
    match &q.kind {
        QuestionKind::Text(words) => Some(*words),
        QuestionKind::ChoicesText(choices) => Some(choices.words),
        QuestionKind::Records(_) => None,
    }
}

fn question(a: &Question, b: &Question) -> QuestionDiff {
    let text_a = crate::text::one_line(&a.text);
    let text_b = crate::text::one_line(&b.text);
    let reworded = (text_a != text_b).then(|| word_diff(&text_a, &text_b));
    let (mut max_records, mut fields, mut choices) = (None, Vec::new(), None);
    match (&a.kind, &b.kind) {
        (QuestionKind::Records(ra), QuestionKind::Records(rb)) => {
            max_records = change(ra.max_records, rb.max_records);
            fields = field_diffs(&ra.fields, &rb.fields);
        }
        (QuestionKind::ChoicesText(ca), QuestionKind::ChoicesText(cb)) => {
            let removed: Vec<String> = ca
                .choices
                .iter()
                .filter(|c| !cb.choices.contains(c))
                .cloned()
                .collect();
            let added: Vec<String> = cb
                .choices
                .iter()
                .filter(|c| !ca.choices.contains(c))
                .cloned()
                .collect();
            if !removed.is_empty() || !added.is_empty() {
                choices = Some(Change {
                    from: removed,
                    to: added,
                });
            }
        }
        _ => {}
    }
    let mut diff = QuestionDiff {
        change: "changed",
        a: Some(place(a)),
        b: Some(place(b)),
        renumbered: a.number != b.number,
        wording: Some(wording(&a.text, &b.text)),
        reworded,
        words: change(limits_text(words_of(a)), limits_text(words_of(b))),
        max_records,
        fields,
        choices,
    };
    if !diff.renumbered
        && diff.reworded.is_none()
        && diff.words.is_none()
        && diff.max_records.is_none()
        && diff.fields.is_empty()
        && diff.choices.is_none()
        && a.id == b.id
    {
        diff.change = "same";
    }
    diff
}

fn field_diffs(a: &[Field], b: &[Field]) -> Vec<FieldDiff> {
    let mut out = Vec::new();
    for fb in b {
        match a.iter().find(|fa| fa.id == fb.id) {
            None => out.push(FieldDiff {
                change: "added",
                id: fb.id.clone(),
                label: None,
                kind: None,
                words: None,
            }),
            Some(fa) => {
                let d = FieldDiff {
                    change: "changed",
                    id: fb.id.clone(),
                    label: change(
                        crate::text::one_line(&fa.label),
                        crate::text::one_line(&fb.label),
                    ),
                    kind: change(fa.kind.to_string(), fb.kind.to_string()),
                    words: change(limits_text(Some(fa.words)), limits_text(Some(fb.words))),
                };
                if d.label.is_some() || d.kind.is_some() || d.words.is_some() {
                    out.push(d);
                }
            }
        }
    }
    for fa in a.iter().filter(|fa| !b.iter().any(|fb| fb.id == fa.id)) {
        out.push(FieldDiff {
            change: "removed",
            id: fa.id.clone(),
            label: None,
            kind: None,
            words: None,
        });
    }
    out
}

/// Runs of words kept, removed and added, from `a` to `b`.
pub fn word_diff(a: &str, b: &str) -> Vec<Words> {
    let diff = TextDiff::from_words(a, b);
    let mut runs: Vec<Words> = Vec::new();
    for change in diff.iter_all_changes() {
        let op = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Delete => "removed",
            ChangeTag::Insert => "added",
        };
        match runs.last_mut() {
            Some(last) if last.op == op => last.text.push_str(change.value()),
            _ => runs.push(Words {
                op,
                text: change.value().to_string(),
            }),
        }
    }
    runs
}

/// Writes the diff for people, one line per change and each text whole on one line (a terminal
/// wraps it by words: `commands::diff`).
pub fn write_human(d: &EditionDiff, out: &mut dyn Write) -> std::io::Result<()> {
    writeln!(out, "{} → {}", d.a, d.b)?;
    for (id, complete) in [(&d.a, d.complete.from), (&d.b, d.complete.to)] {
        if !complete {
            writeln!(
                out,
                "  {id} is incomplete: questions it does not know are shown as not known, not as removed"
            )?;
        }
    }
    if let Some(w) = &d.window {
        let show = |w: &Option<String>| w.clone().unwrap_or_else(|| "none".to_string());
        writeln!(out, "reporting window: {} → {}", show(&w.from), show(&w.to))?;
    }
    if let Some(r) = &d.review_sdgs {
        let show = |g: &Option<Vec<u8>>| match g {
            Some(g) => g.iter().map(u8::to_string).collect::<Vec<_>>().join(", "),
            None => "not given".to_string(),
        };
        writeln!(
            out,
            "SDGs under review: {} → {}",
            show(&r.from),
            show(&r.to)
        )?;
    }
    let name = |p: &Option<Place>| {
        p.as_ref()
            .map(|p| format!("question {} `{}`", p.number, p.id))
            .unwrap_or_default()
    };
    for q in &d.questions {
        match q.change {
            "same" => continue,
            "added" => writeln!(out, "added: {} (in {})", name(&q.b), d.b)?,
            "removed" => writeln!(out, "removed: {} (of {})", name(&q.a), d.a)?,
            "not-known" => writeln!(out, "not known in {}: {} (of {})", d.b, name(&q.a), d.a)?,
            _ => {
                if q.renumbered {
                    writeln!(out, "renumbered: {} → {}", name(&q.a), name(&q.b))?;
                } else {
                    writeln!(out, "{}:", name(&q.b))?;
                }
            }
        }
        if let Some(runs) = &q.reworded {
            match q.wording {
                // Two texts far apart read best whole, the old above the new.
                Some(Wording::Reworded) => {
                    let text = |op: &str| -> String {
                        runs.iter()
                            .filter(|r| r.op == "same" || r.op == op)
                            .map(|r| r.text.as_str())
                            .collect()
                    };
                    writeln!(out, "  reworded:")?;
                    writeln!(out, "was: {}", text("removed"))?;
                    writeln!(out, "now: {}", text("added"))?;
                }
                Some(Wording::Edited) => {
                    let mut line = String::from("  edited: ");
                    for run in runs {
                        match run.op {
                            "removed" => line.push_str(&format!("[-{}-]", run.text)),
                            "added" => line.push_str(&format!("{{+{}+}}", run.text)),
                            _ => line.push_str(&run.text),
                        }
                    }
                    writeln!(out, "{line}")?;
                }
                // Only case, punctuation, spacing or the limit phrase: nothing to read.
                _ => {}
            }
        }
        if let Some(w) = &q.words {
            writeln!(out, "  word limit: {} → {}", w.from, w.to)?;
        }
        if let Some(m) = &q.max_records {
            let show =
                |m: Option<usize>| m.map_or("any number".to_string(), |n| format!("at most {n}"));
            writeln!(out, "  records: {} → {}", show(m.from), show(m.to))?;
        }
        for f in &q.fields {
            match f.change {
                "added" => writeln!(out, "  field added: `{}`", f.id)?,
                "removed" => writeln!(out, "  field removed: `{}`", f.id)?,
                _ => {
                    let mut parts = Vec::new();
                    if let Some(l) = &f.label {
                        parts.push(format!("label `{}` → `{}`", l.from, l.to));
                    }
                    if let Some(k) = &f.kind {
                        parts.push(format!("kind {} → {}", k.from, k.to));
                    }
                    if let Some(w) = &f.words {
                        parts.push(format!("word limit {} → {}", w.from, w.to));
                    }
                    writeln!(out, "  field `{}`: {}", f.id, parts.join("; "))?;
                }
            }
        }
        if let Some(c) = &q.choices {
            if !c.from.is_empty() {
                writeln!(out, "  choices removed: {}", c.from.join("; "))?;
            }
            if !c.to.is_empty() {
                writeln!(out, "  choices added: {}", c.to.join("; "))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn builtin(id: &str) -> &'static Questionnaire {
        Questionnaire::builtin_cached(id).unwrap()
    }

    #[test]
    fn from_2024_to_2026() {
        let d = diff(builtin("hlpf-2024"), builtin("hlpf-2026"));
        let events = d
            .questions
            .iter()
            .find(|q| q.b.as_ref().is_some_and(|p| p.id == "events"))
            .unwrap();
        assert!(events.renumbered);
        assert_eq!(events.a.as_ref().unwrap().number, "2");
        let q1 = &d.questions[0];
        assert_eq!(
            q1.words,
            Some(Change {
                from: "200-800 words".to_string(),
                to: "at most 200 words".to_string()
            })
        );
        assert!(q1.reworded.is_some());
        assert!(d.window.is_some());
        let changes: Vec<&str> = d.questions.iter().map(|q| q.change).collect();
        assert_eq!(
            changes,
            [
                "changed",
                "added",
                "changed",
                "not-known",
                "not-known",
                "not-known",
                "not-known"
            ]
        );
        let same = diff(builtin("hlpf-2024"), builtin("hlpf-2024"));
        assert!(same.questions.iter().all(|q| q.change == "same"));
        assert!(same.window.is_none());
    }

    #[test]
    fn wording_is_compared_loosely_and_graded() {
        let cases: &[(&str, &str, Wording)] = &[
            (
                "Has the body taken decisions?",
                "has the body  taken decisions",
                Wording::Same,
            ),
            (
                "Has the body taken decisions? (Max 200 words)",
                "Has the body taken decisions?",
                Wording::Same,
            ),
            (
                "has the body taken decisions",
                "has the council taken decisions",
                Wording::Edited,
            ),
            (
                "has the body taken any decisions in 2023",
                "has the council taken decisions in 2024 or 2025",
                Wording::Reworded,
            ),
        ];
        for (a, b, want) in cases {
            assert_eq!(wording(a, b), *want, "{a:?} → {b:?}");
        }
        let (q24, q26) = (builtin("hlpf-2024"), builtin("hlpf-2026"));
        let changes = question_changes(
            q24,
            q24.question("governing_body").unwrap(),
            q26,
            q26.question("governing_body").unwrap(),
        );
        assert_eq!(changes.wording, Wording::Reworded);
        assert!(changes.worth_asking());
        assert_eq!(
            changes.lines()[1],
            "limit: 200-800 words → at most 200 words"
        );
        let events = question_changes(
            q24,
            q24.question("events").unwrap(),
            q26,
            q26.question("events").unwrap(),
        );
        assert!(events.window.is_some(), "{events:?}");
    }

    #[test]
    fn a_rewording_reads_as_two_whole_texts() {
        let d = diff(builtin("hlpf-2024"), builtin("hlpf-2026"));
        let mut out = Vec::new();
        write_human(&d, &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        let q1 = crate::text::one_line(&builtin("hlpf-2024").questions[0].text);
        assert!(text.contains(&format!("\nwas: {q1}\n")), "{text}");
        let q1 = crate::text::one_line(&builtin("hlpf-2026").questions[0].text);
        assert!(text.contains(&format!("\nnow: {q1}\n")), "{text}");
        assert!(!text.contains("[-"), "{text}");
    }

    #[test]
    fn words_diff_by_runs() {
        let runs = word_diff(
            "has the body taken decisions",
            "has the council taken decisions",
        );
        let ops: Vec<(&str, &str)> = runs.iter().map(|r| (r.op, r.text.as_str())).collect();
        assert_eq!(
            ops,
            [
                ("same", "has the "),
                ("removed", "body"),
                ("added", "council"),
                ("same", " taken decisions")
            ]
        );
    }
}
