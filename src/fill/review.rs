//! The review before saving: a table of every question with its status, and a menu to change any
//! answer, edit, remove or reorder records, and save.

use comfy_table::{ContentArrangement, Table, presets::UTF8_FULL_CONDENSED};

use super::prompter::{PromptError, Prompted};
use super::{Filled, Session};
use crate::answers::{Answer, Answers, FieldValue, Record};
use crate::finding::Finding;
use crate::questionnaire::{Question, QuestionKind, Records};

/// Findings the review shows at once, so that the table and the menu fit on a 24-row screen.
const SHOWN: usize = 4;

impl Session<'_> {
    /// Shows the review until the person saves.
    pub(super) fn review(&mut self) -> Prompted<Filled> {
        let mut undo: Option<(String, Snapshot)> = None;
        loop {
            // The review's prompts say where they are themselves.
            self.p.progress("");
            let findings = self.check_all();
            self.p.say(&format!("\n{}", self.status_table(&findings)))?;
            for f in findings.iter().take(SHOWN) {
                self.show_finding(f, false)?;
            }
            if findings.len() > SHOWN {
                self.p.say(&format!(
                    "  … and {} more; `qfill validate {}` lists them all",
                    findings.len() - SHOWN,
                    self.request.draft_path().display()
                ))?;
            }
            let mut items = vec!["Save the response".to_string()];
            items.push(format!(
                "Change the entity ({})",
                match &self.answers.entity {
                    Some(crate::answers::Scalar::Text(t)) => t.clone(),
                    _ => "not given".to_string(),
                }
            ));
            for q in &self.q.questions {
                items.push(format!(
                    "Change question {}: {}",
                    q.number,
                    short(&q.text, 60)
                ));
            }
            // One step of undo: the state before the last change made from the review.
            if let Some((what, _)) = &undo {
                items.insert(1, format!("Undo {what}"));
            }
            let mut choice = self.p.select("Review your answers", &items, 0)?;
            if undo.is_some() {
                if choice == 1 {
                    if let Some((_, (answers, skipped, asked))) = undo.take() {
                        self.answers = answers;
                        self.skipped = skipped;
                        self.asked = asked;
                    }
                    self.save_draft(None)?;
                    continue;
                }
                choice -= usize::from(choice > 1);
            }
            let before = (
                self.answers.clone(),
                self.skipped.clone(),
                self.asked.clone(),
            );
            match self.review_choice(choice, &findings) {
                Ok(Some(exit)) => return Ok(exit),
                // Going back from a question asked in the review is back to the review.
                Ok(None) | Err(PromptError::Back) => {}
                Err(e) => return Err(e),
            }
            if (&self.answers, &self.skipped) != (&before.0, &before.1) {
                let what = match choice {
                    1 => "the change to the entity".to_string(),
                    n => format!("the changes to question {}", self.q.questions[n - 2].number),
                };
                undo = Some((what, before));
            }
            self.save_draft(None)?;
        }
    }

    /// Carries out the review's choice; `Some` once the response is saved.
    fn review_choice(&mut self, choice: usize, findings: &[Finding]) -> Prompted<Option<Filled>> {
        match choice {
            0 => {
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
                return self.save_output().map(Some);
            }
            1 => {
                let before = self.answers.entity.take();
                if let Err(e) = self.ask_entity() {
                    self.answers.entity = before;
                    return Err(e);
                }
            }
            n => {
                let question = self.q.questions[n - 2].clone();
                match &question.kind {
                    QuestionKind::Records(def) => {
                        self.change_records(&question, def, "Back to the review")?;
                    }
                    _ => self.ask_question(&question)?,
                }
            }
        }
        Ok(None)
    }

    fn status_table(&self, findings: &[Finding]) -> String {
        let mut table = Table::new();
        table
            .load_style(UTF8_FULL_CONDENSED)
            .set_content_arrangement(ContentArrangement::Dynamic)
            .set_header(["#", "question", "answer", "status"]);
        if table.width().is_none() {
            table.set_width(100);
        }
        // One row per question: the text is cut to what the other columns leave.
        let room = usize::from(table.width().unwrap_or(100))
            .saturating_sub(51)
            .max(10);
        for q in &self.q.questions {
            let mine: Vec<&Finding> = findings
                .iter()
                .filter(|f| f.question() == Some(q.id.as_str()))
                .collect();
            let errors = mine.iter().filter(|f| f.is_error()).count();
            let warnings = mine.len() - errors;
            let answer = match self.answers.answer(&q.id) {
                None if self.skipped.contains(&q.id) => "skipped".to_string(),
                None => "not answered".to_string(),
                Some(Answer::Text(t)) => {
                    let n = crate::rules::text::count_words(t);
                    format!("{n} {}", crate::text::plural(n, "word"))
                }
                Some(Answer::Records(records)) if records.is_empty() => "none".to_string(),
                Some(Answer::Records(records)) => match &q.kind {
                    QuestionKind::Records(def) => format!(
                        "{} {}{}",
                        records.len(),
                        def.record_label,
                        if records.len() == 1 { "" } else { "s" }
                    ),
                    _ => records.len().to_string(),
                },
                Some(Answer::Choices { selected, .. }) => {
                    format!("{} chosen", selected.as_ref().map_or(0, Vec::len))
                }
                Some(Answer::Raw(_)) => "as written".to_string(),
            };
            let status = match (errors, warnings) {
                (0, 0) if self.answers.answer(&q.id).is_some() => "ok".to_string(),
                (0, 0) => "-".to_string(),
                (0, w) => format!("{w} {}", crate::text::plural(w, "warning")),
                (e, 0) => format!("{e} {}", crate::text::plural(e, "error")),
                (e, w) => format!(
                    "{e} {}, {w} {}",
                    crate::text::plural(e, "error"),
                    crate::text::plural(w, "warning")
                ),
            };
            table.add_row([q.number.clone(), short(&q.text, room), answer, status]);
        }
        table.to_string()
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
                    items.push(format!(
                        "{verb} {label} {}: {}",
                        i + 1,
                        short(&name_of(i), 50)
                    ));
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
                    let what = format!("{label} {} ({})", i + 1, short(&name_of(i), 40));
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

fn short(text: &str, max: usize) -> String {
    crate::text::elided(&crate::text::one_line(text), max)
}
