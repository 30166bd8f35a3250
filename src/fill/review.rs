//! The review before saving: one menu that fits any screen (it scrolls and says where it is)
//! with a row per question (its short title, its answer in a word, its status, whether it was
//! carried from another edition and not looked at yet), then one row per finding, errors first,
//! each shown whole on Enter; and the records menu to edit, remove, reorder and add records.

use super::prompter::{PromptError, Prompted};
use super::{Filled, Session};
use crate::answers::{Answer, Answers, FieldValue, Record};
use crate::finding::Finding;
use crate::questionnaire::{Question, QuestionKind, Records};

/// What a row of the review does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Row {
    Save,
    Undo,
    Entity,
    Question(usize),
    Finding(usize),
}

impl Session<'_> {
    /// Shows the review until the person saves.
    pub(super) fn review(&mut self) -> Prompted<Filled> {
        let mut undo: Option<(String, Snapshot)> = None;
        loop {
            // The review's prompts say where they are themselves.
            self.p.progress("");
            let mut findings = self.check_all();
            // Errors first, then warnings, each in the file's order.
            findings.sort_by_key(|f| std::cmp::Reverse(f.severity));
            let (items, rows) = self.review_rows(&findings, undo.as_ref().map(|(w, _)| w.as_str()));
            let choice = self.p.select(&self.review_prompt(&findings), &items, 0)?;
            match rows[choice] {
                Row::Undo => {
                    if let Some((_, (answers, skipped, asked))) = undo.take() {
                        self.answers = answers;
                        self.skipped = skipped;
                        self.asked = asked;
                    }
                    self.save_draft(None)?;
                    continue;
                }
                Row::Finding(i) => {
                    // One row holds a finding in short; here it is whole, with its hint.
                    self.show_finding(&findings[i], true)?;
                    continue;
                }
                _ => {}
            }
            let before = (
                self.answers.clone(),
                self.skipped.clone(),
                self.asked.clone(),
            );
            match self.review_choice(rows[choice], &findings) {
                Ok(Some(exit)) => return Ok(exit),
                // Going back from a question asked in the review is back to the review.
                Ok(None) | Err(PromptError::Back) => {}
                Err(e) => return Err(e),
            }
            if (&self.answers, &self.skipped) != (&before.0, &before.1) {
                let what = match rows[choice] {
                    Row::Question(n) => {
                        format!("the changes to question {}", self.q.questions[n].number)
                    }
                    _ => "the change to the entity".to_string(),
                };
                undo = Some((what, before));
            }
            self.save_draft(None)?;
        }
    }

    /// The review's question: how many errors and warnings, and the carried answers to look at.
    fn review_prompt(&self, findings: &[Finding]) -> String {
        use crate::text::plural;
        let errors = findings.iter().filter(|f| f.is_error()).count();
        let warnings = findings.len() - errors;
        let mut prompt = format!(
            "Review your answers: {errors} {}, {warnings} {}",
            plural(errors, "error"),
            plural(warnings, "warning")
        );
        let carried = self.carried_left();
        if !carried.is_empty() {
            prompt.push_str(&format!(
                ", {} carried from {} not looked at yet",
                carried.len(),
                self.carried.as_ref().map_or("", |c| c.from.as_str())
            ));
        }
        prompt
    }

    /// The review's rows as the menu shows them, and what each does.
    fn review_rows(&self, findings: &[Finding], undo: Option<&str>) -> (Vec<String>, Vec<Row>) {
        let mut items = vec!["Save the response".to_string()];
        let mut rows = vec![Row::Save];
        if let Some(what) = undo {
            items.push(format!("Undo {what}"));
            rows.push(Row::Undo);
        }
        items.push(format!(
            "Entity: {}",
            match &self.answers.entity {
                Some(crate::answers::Scalar::Text(t)) => t.clone(),
                _ => "not given".to_string(),
            }
        ));
        rows.push(Row::Entity);
        let titles: Vec<String> = self.q.questions.iter().map(short_title).collect();
        let wide = titles.iter().map(|t| t.chars().count()).max().unwrap_or(0);
        for (n, q) in self.q.questions.iter().enumerate() {
            let mut row = format!(
                "{:<wide$}  {:<13} {}",
                titles[n],
                self.answer_in_a_word(q),
                question_status(q, findings, self.answers.answer(&q.id).is_some())
            );
            if self.carried_left().contains(&q.id) {
                row.push_str(" · carried: look at it again");
            }
            items.push(row.trim_end().to_string());
            rows.push(Row::Question(n));
        }
        let width = self.p.width();
        for (i, f) in findings.iter().enumerate() {
            let mut line = format!("{}: {}", f.severity, self.finding_in_form(f));
            // One row a finding; Enter shows it whole.
            if let Some(width) = width {
                line = crate::text::elided(&line, width.saturating_sub(4).max(20));
            }
            items.push(line);
            rows.push(Row::Finding(i));
        }
        (items, rows)
    }

    /// A finding where the form has it, with the question's number first: `Q2 · Event 1 ·
    /// Description: 163 words, the limit is 150`.
    fn finding_in_form(&self, f: &Finding) -> String {
        let said = crate::check::form::in_form_terms(f, &self.q);
        match f.question().and_then(|id| self.q.question(id)) {
            Some(q) if !said.starts_with("Question ") => format!("Q{} · {said}", q.number),
            _ => said,
        }
    }

    /// A question's answer in a word: its word count, its records, `not answered`, `skipped`.
    fn answer_in_a_word(&self, q: &Question) -> String {
        match self.answers.answer(&q.id) {
            None if self.skipped.contains(&q.id) => "skipped".to_string(),
            None => "not answered".to_string(),
            Some(Answer::Text(t)) => {
                let n = crate::rules::text::count_words(t);
                format!("{n} {}", crate::text::plural(n, "word"))
            }
            Some(Answer::Records(records)) if records.is_empty() => "none".to_string(),
            Some(Answer::Records(records)) => match &q.kind {
                QuestionKind::Records(def) => format!(
                    "{} {}",
                    records.len(),
                    crate::text::plural(records.len(), &def.record_label)
                ),
                _ => records.len().to_string(),
            },
            Some(Answer::Choices { selected, .. }) => {
                format!("{} chosen", selected.as_ref().map_or(0, Vec::len))
            }
            Some(Answer::Raw(_)) => "as written".to_string(),
        }
    }

    /// Carries out the review's choice; `Some` once the response is saved.
    fn review_choice(&mut self, row: Row, findings: &[Finding]) -> Prompted<Option<Filled>> {
        match row {
            Row::Save => {
                let errors = findings.iter().filter(|f| f.is_error()).count();
                if errors > 0
                    && !self.p.confirm(
                        &format!(
                            "The response has {errors} {}; save it anyway?",
                            crate::text::plural(errors, "error")
                        ),
                        false,
                    )?
                {
                    return Ok(None);
                }
                if !self.confirm_carried_left()? {
                    return Ok(None);
                }
                return self.save_output().map(Some);
            }
            Row::Entity => {
                let before = self.answers.entity.take();
                if let Err(e) = self.ask_entity() {
                    self.answers.entity = before;
                    return Err(e);
                }
            }
            Row::Question(n) => {
                let question = self.q.questions[n].clone();
                match &question.kind {
                    QuestionKind::Records(def) => {
                        self.change_records(&question, def, "Back to the review")?;
                    }
                    _ => self.ask_question(&question)?,
                }
                self.looked_at(&question.id);
            }
            Row::Undo | Row::Finding(_) => {}
        }
        Ok(None)
    }

    /// The records menu: edit, remove, reorder, add; `done` is the item that leaves it.
    pub(super) fn change_records(
        &mut self,
        question: &Question,
        def: &Records,
        done: &str,
    ) -> Prompted<()> {
        loop {
            self.p.progress("");
            let records = match self.answers.answer(&question.id) {
                Some(Answer::Records(records)) => records.clone(),
                _ => Vec::new(),
            };
            let label = &def.record_label;
            let name_of = |i: usize| {
                records[i]
                    .fields
                    .first()
                    .map(|(_, v): &(String, FieldValue)| v.to_plain())
                    .unwrap_or_default()
            };
            let mut items: Vec<String> = Vec::new();
            let mut actions: Vec<Action> = Vec::new();
            for (verb, action) in [
                ("View", Action::View as PerRecord),
                ("Edit", Action::Edit),
                ("Remove", Action::Remove),
            ] {
                for i in 0..records.len() {
                    items.push(format!("{verb} {label} {}: {}", i + 1, name_of(i)));
                    actions.push(action(i));
                }
            }
            for i in 1..records.len() {
                items.push(format!("Move {label} {} up", i + 1));
                actions.push(Action::Up(i));
            }
            if def.max_records.is_none_or(|max| records.len() < max) {
                items.push(format!("Add {} {label}", crate::text::article(label)));
                actions.push(Action::Add);
            }
            items.push(format!("No {label}s to report"));
            actions.push(Action::None);
            items.push(format!("Leave question {} unanswered", question.number));
            actions.push(Action::Skip);
            items.push(done.to_string());
            actions.push(Action::Back);
            let choice = self.p.select(
                &format!("Question {}", question.number),
                &items,
                items.len() - 1,
            )?;
            match actions[choice] {
                Action::View(i) => self.view_record(def, &records[i], i)?,
                Action::Edit(i) => self.edit_record(question, def, i)?,
                Action::Remove(i) => {
                    // The confirmation names in full what goes.
                    let what = format!("{label} {} ({})", i + 1, name_of(i));
                    if self.p.confirm(&format!("Remove {what}?"), false)?
                        && let Some(Answer::Records(records)) = self.answer_mut(&question.id)
                    {
                        records.remove(i);
                        self.forget_record(&question.id, i);
                    }
                }
                Action::Up(i) => {
                    if let Some(Answer::Records(records)) = self.answer_mut(&question.id) {
                        records.swap(i - 1, i);
                        self.swap_records(&question.id, i - 1, i);
                    }
                }
                Action::Add => {
                    if self.answers.answer(&question.id).is_none() {
                        self.set_answer(&question.id, Answer::Records(Vec::new()));
                    }
                    self.add_record(question, def)?;
                }
                Action::None => {
                    if self.confirm_losing(&records, label, "and report none")? {
                        self.set_answer(&question.id, Answer::Records(Vec::new()));
                        self.forget_question(&question.id);
                    }
                }
                Action::Skip => {
                    if self.confirm_losing(&records, label, "and leave the question unanswered")? {
                        self.skip(&question.id);
                    }
                }
                Action::Back => return Ok(()),
            }
            self.save_draft(None)?;
        }
    }
}

impl Session<'_> {
    /// Asks before an action removes records, saying how many (default No); nothing to lose,
    /// nothing to ask.
    fn confirm_losing(&mut self, records: &[Record], label: &str, then: &str) -> Prompted<bool> {
        if records.is_empty() {
            return Ok(true);
        }
        let n = records.len();
        self.p.confirm(
            &format!(
                "Remove {} {} {then}?",
                if n == 1 { "the" } else { "all" },
                if n == 1 {
                    label.to_string()
                } else {
                    format!("{n} {label}s")
                }
            ),
            false,
        )
    }

    /// Shows a record's fields as they are, without asking them again.
    fn view_record(&mut self, def: &Records, record: &Record, index: usize) -> Prompted<()> {
        let mut lines = vec![format!(
            "\n{} {}",
            crate::text::capitalised(&def.record_label),
            index + 1
        )];
        for field in &def.fields {
            let value = record
                .fields
                .iter()
                .find(|(k, _)| *k == field.id)
                .map_or_else(|| "(not given)".to_string(), |(_, v)| v.to_plain());
            lines.push(format!("  {}: {value}", field.short_label()));
        }
        self.p.say(&lines.join("\n"))
    }
}

/// What the review's undo restores: the answers, the skipped questions, the progress in records.
type Snapshot = (Answers, Vec<String>, Vec<(String, Vec<Vec<String>>)>);

/// Builds the action on one record, by its index.
type PerRecord = fn(usize) -> Action;

#[derive(Clone, Copy)]
enum Action {
    View(usize),
    Edit(usize),
    Remove(usize),
    Up(usize),
    Add,
    None,
    Skip,
    Back,
}

/// A question's short title: its number and its id in words (`Q2 Events`, `Q1 Governing body`).
pub(super) fn short_title(q: &Question) -> String {
    format!(
        "Q{} {}",
        q.number,
        crate::text::capitalised(&q.id.replace('_', " "))
    )
}

/// A question's findings in a few words: `ok`, `-`, `1 error, 2 warnings`.
fn question_status(q: &Question, findings: &[Finding], answered: bool) -> String {
    use crate::text::plural;
    let mine: Vec<&Finding> = findings
        .iter()
        .filter(|f| f.question() == Some(q.id.as_str()))
        .collect();
    let errors = mine.iter().filter(|f| f.is_error()).count();
    let warnings = mine.len() - errors;
    match (errors, warnings) {
        (0, 0) if answered => "ok".to_string(),
        (0, 0) => "-".to_string(),
        (0, w) => format!("{w} {}", plural(w, "warning")),
        (e, 0) => format!("{e} {}", plural(e, "error")),
        (e, w) => format!("{e} {}, {w} {}", plural(e, "error"), plural(w, "warning")),
    }
}
