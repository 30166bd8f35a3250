//! Answers carried from another edition by `migrate`, asked first: one screen that lists what
//! changed, then each carried question in question order — its new text in full, the previous
//! answer in the editor, a line saying what changed; records whose dates fall outside the new
//! reporting window, each to keep, drop or edit; and the answers `migrate` kept in `notes`, each
//! shown and placed into the question it now belongs to, dropped, or kept. A question looked at
//! leaves `[draft.carried]`; the review marks those left, and saving with some left asks first.

use super::Session;
use super::prompter::{PromptError, Prompted};
use super::review::short_title;
use crate::answers::Answer;
use crate::diff::question_changes;
use crate::finding::Code;
use crate::migrate::notes::{self, HeldAnswer};
use crate::questionnaire::{Question, QuestionKind, Questionnaire, Records};
use crate::text::{plural, sanitize};

impl Session<'_> {
    /// The carried questions not looked at yet, in question order.
    pub(super) fn carried_left(&self) -> Vec<String> {
        self.carried
            .as_ref()
            .map(|c| c.questions.clone())
            .unwrap_or_default()
    }

    /// A carried question was looked at: it leaves `[draft.carried]`, which goes with the last.
    pub(super) fn looked_at(&mut self, id: &str) {
        if let Some(carried) = &mut self.carried {
            carried.questions.retain(|q| q != id);
            if carried.questions.is_empty() {
                self.carried = None;
            }
        }
        if !self.looked.iter().any(|q| q == id) {
            self.looked.push(id.to_string());
        }
    }

    /// Before saving with carried answers not looked at: asks (No unless said); they stay listed
    /// in the saved file, for the next `fill --answers`.
    pub(super) fn confirm_carried_left(&mut self) -> Prompted<bool> {
        let left = self.carried_left();
        if left.is_empty() {
            return Ok(true);
        }
        let titles: Vec<String> = left
            .iter()
            .filter_map(|id| self.q.question(id))
            .map(short_title)
            .collect();
        self.p.confirm(
            &format!(
                "{} carried {} not looked at yet ({}); their question changed since {}. Save anyway? The file keeps them listed for `qfill fill --answers`",
                left.len(),
                plural(left.len(), "answer"),
                titles.join(", "),
                self.carried.as_ref().map_or("", |c| c.from.as_str())
            ),
            false,
        )
    }

    /// The edition the answers were carried from, when qfill knows it.
    fn carried_from(&self) -> Option<&'static Questionnaire> {
        Questionnaire::builtin_cached(&self.carried.as_ref()?.from)
    }

    /// What changed in a carried question, in one line.
    fn what_changed(&self, question: &Question) -> String {
        let from = self.carried.as_ref().map_or("", |c| c.from.as_str());
        let lines = self
            .carried_from()
            .and_then(|edition| {
                let old = edition.counterpart(&self.q, question)?;
                Some(question_changes(edition, old, &self.q, question).lines())
            })
            .filter(|lines| !lines.is_empty())
            .unwrap_or_else(|| vec!["the question changed".to_string()]);
        format!("carried from {from}: {}", lines.join("; "))
    }

    /// The notes that hold answers as `migrate` keeps them, by index.
    fn held_notes(&self) -> Vec<usize> {
        let editions = notes::editions(&[&self.q]);
        (0..self.answers.notes.len())
            .filter(|i| notes::held(&self.answers.notes[*i], &editions).is_some())
            .collect()
    }

    /// The carried questions and the answers in notes, first in the walk.
    pub(super) fn walk_carried(&mut self) -> Prompted<()> {
        let carried: Vec<Question> = self
            .q
            .questions
            .iter()
            .filter(|q| self.carried_left().contains(&q.id))
            .cloned()
            .collect();
        let held = self.held_notes();
        if carried.is_empty() && held.is_empty() {
            return Ok(());
        }
        self.overview(&carried, held.len())?;
        for question in &carried {
            self.carried_note = Some(self.what_changed(question));
            let asked = match &question.kind {
                QuestionKind::Records(def) => self.look_at_records(question, def),
                _ => self.ask_question(question),
            };
            self.carried_note = None;
            match asked {
                // Esc leaves it for later: the review marks it, saving asks about it.
                Err(PromptError::Back) => continue,
                other => other?,
            }
            self.looked_at(&question.id);
            self.save_draft(None)?;
        }
        self.place_notes()
    }

    /// One screen: what was carried from where, and what changed in each question.
    fn overview(&mut self, carried: &[Question], notes: usize) -> Prompted<()> {
        let mut lines = Vec::new();
        if let Some(from) = self.carried.as_ref().map(|c| c.from.clone()) {
            lines.push(format!(
                "\nThese answers were carried from {from} to {} by `qfill migrate`, and their question changed; each is asked first, with the new question and the answer you gave:",
                self.q.id
            ));
            for question in carried {
                let changed = self.what_changed(question);
                let changed = changed
                    .split_once(": ")
                    .map_or(changed.as_str(), |(_, c)| c);
                lines.push(format!("  {}: {changed}", short_title(question)));
            }
        }
        if notes > 0 {
            lines.push(format!(
                "{notes} {} {} answers to questions of an earlier edition; each is shown after, to place or drop.",
                plural(notes, "note"),
                if notes == 1 { "holds" } else { "hold" }
            ));
        }
        self.p.say(&lines.join("\n"))
    }

    /// A carried records question: records whose dates fall outside the new window, each to
    /// keep, drop or edit; then, if more changed than the window, its records menu.
    fn look_at_records(&mut self, question: &Question, def: &Records) -> Prompted<()> {
        let changed = self.carried_note.take().unwrap_or_default();
        self.p.say(&format!(
            "\nQuestion {} of {}\n{}\n{changed}",
            question.number,
            self.q.questions.last().map_or("", |q| q.number.as_str()),
            question.text
        ))?;
        let outside: Vec<usize> = {
            let mut records: Vec<usize> = self
                .check_all()
                .iter()
                .filter(|f| f.code == Code::DateWindow && f.question() == Some(&question.id))
                .filter_map(crate::finding::Finding::record)
                .collect();
            records.dedup();
            records
        };
        // From the last, so that dropping one leaves the others' numbers as they were said.
        let mut dropped = 0;
        for index in outside.iter().rev().copied() {
            let name = self.record_name(question, index);
            let label = crate::text::capitalised(&def.record_label);
            let window = self
                .q
                .reporting_window
                .map_or_else(String::new, crate::show::window_text);
            let choice = self.p.select(
                &format!(
                    "{label} {} ({name}) has dates outside the reporting window {window}",
                    index + 1
                ),
                &[
                    format!("Keep {} {} as it is", def.record_label, index + 1),
                    format!("Drop {} {}", def.record_label, index + 1),
                    format!("Edit {} {}", def.record_label, index + 1),
                ],
                0,
            )?;
            match choice {
                1 => {
                    let sure = self.p.confirm(
                        &format!("Drop {} {} ({name})?", def.record_label, index + 1),
                        false,
                    )?;
                    if sure && let Some(Answer::Records(records)) = self.answer_mut(&question.id) {
                        records.remove(index);
                        self.forget_record(&question.id, index);
                        dropped += 1;
                    }
                }
                2 => self.edit_record(question, def, index)?,
                _ => {}
            }
            self.save_draft(Some(&question.id))?;
        }
        if dropped > 0 {
            self.p.say(&format!(
                "  {dropped} {} dropped",
                plural(dropped, &def.record_label)
            ))?;
        }
        // A rewording or a new limit asks for a look at the records themselves.
        if !changed.contains("reworded") && !changed.contains("limit") {
            return Ok(());
        }
        self.change_records(question, def, "Go on")
    }

    /// A record's name (its first field), whole, for a person to know which record it is.
    fn record_name(&self, question: &Question, index: usize) -> String {
        match self.answers.answer(&question.id) {
            Some(Answer::Records(records)) => records
                .get(index)
                .and_then(|r| r.fields.first())
                .map_or_else(|| "no name".to_string(), |(_, v)| v.to_plain()),
            _ => String::new(),
        }
    }

    /// Each note that holds an answer, shown whole: placed into the question it belongs to now,
    /// dropped (after asking), or kept in notes.
    fn place_notes(&mut self) -> Prompted<()> {
        self.p.progress("");
        let total = self.held_notes().len();
        let mut shown = 0;
        let mut index = 0;
        while index < self.answers.notes.len() {
            let note = self.answers.notes[index].clone();
            // Its own copy of the edition: the note is placed into the answers it describes.
            let own = self.q.clone();
            let editions = notes::editions(&[&own]);
            let Some(held) = notes::held(&note, &editions) else {
                index += 1;
                continue;
            };
            shown += 1;
            let placed = self.offer_note(index, &held, (shown, total))?;
            if !placed {
                index += 1;
            }
            self.save_draft(None)?;
        }
        Ok(())
    }

    /// Offers one note; `true` when it left `notes` (placed or dropped).
    fn offer_note(
        &mut self,
        index: usize,
        held: &HeldAnswer<'_, '_>,
        (shown, total): (usize, usize),
    ) -> Prompted<bool> {
        let here = self.q.counterpart(held.edition, held.question).cloned();
        let mut said = format!(
            "\nNote {shown} of {total} holds the answer to question {} of {}",
            held.question.number, held.edition.id
        );
        match &here {
            Some(q) => said.push_str(&format!(", which is {} here:", short_title(q))),
            None => said.push_str(&format!(", which {} does not have:", self.q.id)),
        }
        self.p.say(&said)?;
        self.p.say(&sanitize(held.block))?;
        let mut items = Vec::new();
        if let Some(q) = &here {
            items.push(format!("Place it into {}", short_title(q)));
        }
        items.push("Keep it in notes".to_string());
        items.push("Drop it".to_string());
        let choice = self.p.select("What becomes of this note?", &items, 0)?;
        let place = here.is_some() && choice == 0;
        let drop = choice == items.len() - 1;
        if drop {
            if self.p.confirm(
                &format!("Drop note {shown} of {total}? Its text is lost"),
                false,
            )? {
                self.answers.notes.remove(index);
                return Ok(true);
            }
            return Ok(false);
        }
        if !place {
            return Ok(false);
        }
        let Some((target, answer, left)) = crate::migrate::note_answer(held, &self.q) else {
            self.p
                .say("  it does not read as an answer: it stays in notes")?;
            return Ok(false);
        };
        let question = self.q.question(&target).cloned();
        let merged = match (self.answer_mut(&target), answer) {
            (None, answer) => Some(answer),
            // Records are added to those there.
            (Some(Answer::Records(records)), Answer::Records(more)) => {
                records.extend(more);
                None
            }
            (Some(_), answer) => {
                let title = question.as_ref().map(short_title).unwrap_or_default();
                if !self.p.confirm(
                    &format!("{title} has an answer already; replace it with the note's?"),
                    false,
                )? {
                    return Ok(false);
                }
                Some(answer)
            }
        };
        if let Some(answer) = merged {
            self.set_answer(&target, answer);
        }
        self.answers.notes.remove(index);
        for (n, note) in left.into_iter().enumerate() {
            self.answers.notes.insert(index + n, note);
        }
        let title = question.as_ref().map(short_title).unwrap_or(target);
        self.p.say(&format!("  placed into {title}"))?;
        Ok(true)
    }
}
