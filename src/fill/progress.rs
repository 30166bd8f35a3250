//! Progress inside records and the text being typed, as the draft keeps them: which fields of each
//! record were asked (so that a resume asks every other one, optional ones too), and the text of
//! the answer being typed (saved at least once a second while keys arrive and at new lines, staged
//! for a signal handler to save, offered back on resume); and what a
//! record visited again asks (its errors, and the fields not given and not asked yet).

use std::path::PathBuf;

use super::Session;
use super::ask::now;
use super::interrupt::Interrupt;
use super::prompter::{Prompted, Typing};
use crate::answers::{Answers, Draft, Typed};
use crate::check::form;
use crate::document::Format;
use crate::finding::{Finding, Segment};
use crate::questionnaire::{Field, Question, Records};
use crate::rules::text;

impl<'a> Session<'a> {
    /// The fields asked so far in a record.
    pub(super) fn asked_in(&self, question: &str, index: usize) -> &[String] {
        self.asked
            .iter()
            .find(|(id, _)| id == question)
            .and_then(|(_, records)| records.get(index))
            .map_or(&[], Vec::as_slice)
    }

    /// Notes that a record's field was asked (answered or left empty).
    pub(super) fn mark_asked(&mut self, question: &str, index: usize, field: &str) {
        let records = match self.asked.iter().position(|(id, _)| id == question) {
            Some(at) => &mut self.asked[at].1,
            None => {
                self.asked.push((question.to_string(), Vec::new()));
                &mut self.asked.last_mut().expect("just pushed").1
            }
        };
        if records.len() <= index {
            records.resize(index + 1, Vec::new());
        }
        if !records[index].iter().any(|f| f == field) {
            records[index].push(field.to_string());
        }
    }

    /// A record removed: the progress of the ones after it moves up with them.
    pub(super) fn forget_record(&mut self, question: &str, index: usize) {
        if let Some((_, records)) = self.asked.iter_mut().find(|(id, _)| id == question)
            && index < records.len()
        {
            records.remove(index);
        }
    }

    /// Two records swapped (moved up in the review).
    pub(super) fn swap_records(&mut self, question: &str, a: usize, b: usize) {
        if let Some((_, records)) = self.asked.iter_mut().find(|(id, _)| id == question) {
            let len = a.max(b) + 1;
            if records.len() < len {
                records.resize(len, Vec::new());
            }
            records.swap(a, b);
        }
    }

    /// A question's records all gone (none to report, skipped, backed out of).
    pub(super) fn forget_question(&mut self, question: &str) {
        self.asked.retain(|(id, _)| id != question);
    }

    /// Asks, in an existing record, the fields that need it: those with errors, and, in a
    /// record begun by this fill or one with errors, those not given and not asked yet (optional
    /// ones too). Each says why it is asked and what it holds now.
    pub(super) fn complete_record(
        &mut self,
        question: &Question,
        def: &Records,
        index: usize,
    ) -> Prompted<()> {
        let findings = self.check_all();
        let record = [
            Segment::Key("answers".to_string()),
            Segment::Key(question.id.clone()),
            Segment::Index(index),
        ];
        let errors_of = |field: &Field| -> Vec<Finding> {
            let path: Vec<Segment> = record
                .iter()
                .cloned()
                .chain([Segment::Key(field.id.clone())])
                .collect();
            // The field itself, or an entry of its list.
            findings
                .iter()
                .filter(|f| {
                    f.is_error()
                        && f.is_within(&path)
                        && matches!(f.at.get(path.len()), None | Some(Segment::Index(_)))
                })
                .cloned()
                .collect()
        };
        let broken = def.fields.iter().any(|f| !errors_of(f).is_empty());
        if !broken && self.asked_in(&question.id, index).is_empty() {
            return Ok(());
        }
        for field in &def.fields {
            let errors = errors_of(field);
            let current = self.field_value(&question.id, index, &field.id);
            let unasked =
                current.is_none() && !self.asked_in(&question.id, index).contains(&field.id);
            if errors.is_empty() && !unasked {
                continue;
            }
            let place = form::place(
                &[
                    record[0].clone(),
                    record[1].clone(),
                    record[2].clone(),
                    Segment::Key(field.id.clone()),
                ],
                &self.q,
            );
            self.p
                .say(&format!("\nQuestion {} · {place}", question.number))?;
            // The field being typed when the fill stopped is not greeted with an error for what
            // was not finished: its text comes back instead.
            if !self.typing_in(&question.id, Some(index), Some(&field.id)) {
                for f in &errors {
                    self.show_finding(f, true)?;
                }
                match &current {
                    Some(value) => self.p.say(&format!("  now: {}", now(&value.to_plain())))?,
                    None if errors.is_empty() => self.p.say("  not asked yet")?,
                    None => {}
                }
            }
            self.ask_field_into(question, index, field, current.as_ref())?;
        }
        Ok(())
    }

    /// Whether a text typed for this answer when the fill stopped is waiting to be offered back.
    pub(super) fn typing_in(
        &self,
        question: &str,
        record: Option<usize>,
        field: Option<&str>,
    ) -> bool {
        self.typed.as_ref().is_some_and(|t| {
            t.question == question
                && t.record == record
                && t.field.as_deref() == field
                && !t.text.trim().is_empty()
        })
    }

    /// The text typed for this answer when the fill stopped, if any: taken, to be offered back.
    pub(super) fn take_typed(
        &mut self,
        question: &str,
        record: Option<usize>,
        field: Option<&str>,
    ) -> Option<String> {
        let typed = self.typed.as_ref()?;
        if typed.question != question || typed.record != record || typed.field.as_deref() != field {
            return None;
        }
        let text = self.typed.take()?.text;
        (!text.trim().is_empty()).then_some(text)
    }

    /// Says when the walk gives back a text that was being typed when the fill stopped.
    pub(super) fn offer_typed(
        &mut self,
        question: &str,
        record: Option<usize>,
        field: Option<&str>,
    ) -> Prompted<Option<String>> {
        let Some(typed) = self.take_typed(question, record, field) else {
            return Ok(None);
        };
        let n = text::count_words(&typed);
        self.p.say(&format!(
            "  the text you were typing when the fill stopped is back ({n} {}): finish it, or clear it",
            crate::text::plural(n, "word")
        ))?;
        Ok(Some(typed))
    }

    /// The draft as it is saved now, with `next` as the question the walk goes to.
    pub(super) fn draft_answers(&self, next: Option<&str>) -> Answers {
        let mut draft = self.answers.clone();
        draft.draft = Some(Draft {
            next: next.map(str::to_string),
            skipped: self.skipped.clone(),
            asked: Some(self.asked.clone()),
            typed: self.typed.clone(),
            carried: self.carried.clone(),
        });
        draft
    }

    /// Where the text typed for an answer goes while it is typed: the draft, as last saved, with
    /// the text in `[draft.typed]`. `None` for `at` keeps nothing (the entity, a menu's text).
    pub(super) fn typing(&self, at: Option<Typed>) -> TypedDraft<'a> {
        TypedDraft {
            // The walk is in the text's question: a resume goes back to it.
            answers: at.as_ref().map(|at| self.draft_answers(Some(&at.question))),
            at,
            path: self.request.draft_path(),
            interrupt: self.interrupt,
            last: None,
        }
    }
}

/// Saves the text being typed in the draft.
pub(super) struct TypedDraft<'i> {
    answers: Option<Answers>,
    at: Option<Typed>,
    path: PathBuf,
    interrupt: &'i Interrupt,
    last: Option<String>,
}

impl Typing for TypedDraft<'_> {
    fn save(&mut self, text: &str) {
        let (Some(answers), Some(at)) = (&mut self.answers, &self.at) else {
            return;
        };
        if self.last.as_deref() == Some(text) {
            return;
        }
        if let Some(draft) = &mut answers.draft {
            draft.typed = Some(Typed {
                text: text.to_string(),
                ..at.clone()
            });
        }
        let bytes = answers.to_text(Format::Toml);
        let _guard = self.interrupt.saving();
        // Typing goes on if this save fails: the next confirmed answer's save reports it.
        if crate::fsio::write_atomic(&self.path, bytes.as_bytes()).is_ok() {
            self.last = Some(text.to_string());
            self.interrupt.staged_saved(text);
        }
    }

    fn typed(&mut self, text: &str) {
        if self.at.is_some() {
            self.interrupt.stage_text(text);
        }
    }

    fn stop_requested(&self) -> bool {
        self.interrupt.stop_requested()
    }

    fn watching(&self, on: bool) {
        match (on, &self.answers, &self.at) {
            (true, Some(answers), Some(at)) => self.interrupt.stage(
                self.path.clone(),
                super::interrupt::with_typed(answers.clone(), at),
            ),
            _ => self.interrupt.unstage(),
        }
    }
}
