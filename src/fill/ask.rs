//! Asking one question or one field: prompts generated from the definition, answers checked by
//! the same checker as `validate`, errors re-asked, warnings shown and confirmed.

use super::Session;
use super::prompter::{Completer, Completion, PromptError, Prompted};
use crate::answers::{Answer, FieldValue, Record, Typed};
use crate::check::{self, form};
use crate::document::{Node, Value};
use crate::finding::{Code, Finding};
use crate::questionnaire::{
    ChoicesText, Field, FieldKind, Question, QuestionKind, Records, WordLimits,
};
use crate::refdata;
use crate::rules::dates::Dates;
use crate::rules::text;
use crate::text::sanitize_line as sanitize;

impl Session<'_> {
    /// Asks a question from the start (or from its current answer), and saves the draft.
    pub(super) fn ask_question(&mut self, question: &Question) -> Prompted<()> {
        self.ask_question_because(question, &[])
    }

    /// Asks a question, saying first what is wrong with its current answer (`why`).
    fn ask_question_because(&mut self, question: &Question, why: &[Finding]) -> Prompted<()> {
        self.show_progress(question, None);
        self.p.say(&format!(
            "\nQuestion {} of {}\n{}",
            question.number,
            self.q.questions.last().map_or("", |q| q.number.as_str()),
            question.text
        ))?;
        if let Some(rules) = rules_line(question) {
            self.p.say(&format!("({rules})"))?;
        }
        // A question carried from another edition says what changed in it.
        if let Some(changed) = self.carried_note.take() {
            self.p.say(&changed)?;
        }
        for f in why {
            self.show_finding(f, true)?;
        }
        if !why.is_empty()
            && let Some(Answer::Text(current)) = self.answers.answer(&question.id)
        {
            let line = format!("  now: {}", now(current));
            self.p.say(&line)?;
        }
        match &question.kind {
            QuestionKind::Text(limits) => self.ask_text_question(question, *limits),
            QuestionKind::Records(def) => self.ask_records(question, def),
            QuestionKind::ChoicesText(def) => self.ask_choices(question, def),
        }
    }

    /// Tells the prompter where the walk is: the question, and the record if any (the prompt
    /// itself names the field).
    fn show_progress(&mut self, question: &Question, record: Option<usize>) {
        let mut at = format!(
            "Question {} of {}",
            question.number,
            self.q.questions.last().map_or("", |q| q.number.as_str())
        );
        if let (Some(index), QuestionKind::Records(def)) = (record, &question.kind) {
            at.push_str(&format!(
                " · {} {}",
                crate::text::capitalised(&def.record_label),
                index + 1
            ));
        }
        self.p.progress(&at);
    }

    /// Asks again only what is wrong in an existing answer: the broken fields of records (a
    /// record count is fixed in the review), or the whole answer of other kinds.
    pub(super) fn fix_question(&mut self, question: &Question) -> Prompted<()> {
        match &question.kind {
            QuestionKind::Records(def) => {
                for index in 0..self.record_count(&question.id) {
                    self.complete_record(question, def, index)?;
                }
                self.finish(question)
            }
            _ => {
                // A text being typed when the fill stopped comes back, with no error about it.
                let why: Vec<Finding> = if self.typing_in(&question.id, None, None) {
                    Vec::new()
                } else {
                    self.check_all()
                        .into_iter()
                        .filter(|f| f.is_error() && f.question() == Some(question.id.as_str()))
                        .collect()
                };
                self.ask_question_because(question, &why)
            }
        }
    }

    fn ask_text_question(&mut self, question: &Question, limits: WordLimits) -> Prompted<()> {
        let mut default = match self.answers.answer(&question.id) {
            Some(Answer::Text(t)) => Some(t.clone()),
            _ => None,
        };
        if let Some(typed) = self.offer_typed(&question.id, None, None)? {
            default = Some(typed);
        }
        // An answer with an error may be kept as it is (F2) from the start, not only once refused.
        let mut refused = default.is_some() && self.questions_with_errors().contains(&question.id);
        loop {
            self.p.offer_keep(refused);
            let mut typing = self.typing(Some(typed_at(&question.id, None, None)));
            let asked = self
                .p
                .text("Your answer:", default.as_deref(), limits, &mut typing);
            self.p.offer_keep(false);
            let typed = match asked {
                Err(PromptError::Keep) => {
                    let node = Node::new(Value::String(default.unwrap_or_default().into()));
                    let checked = check::check_answer(&self.q, question, &node);
                    if let Some((_, answer)) = checked.answers.answers.into_iter().next() {
                        self.set_answer(&question.id, answer);
                    }
                    self.say_kept()?;
                    return self.finish(question);
                }
                other => other?,
            };
            if typed.trim().is_empty() {
                if self.leave_unanswered(question)? {
                    return self.finish_skip(question);
                }
                continue;
            }
            self.show_word_count(&typed, limits)?;
            let node = Node::new(Value::String(typed.as_str().into()));
            if self.try_answer(question, &node)? {
                return self.finish(question);
            }
            default = Some(typed);
            refused = true;
        }
    }

    fn say_kept(&mut self) -> Prompted<()> {
        self.p
            .say("  kept as it is for now: the review marks it, and saving with errors asks first")
    }

    /// Checks a whole answer as `validate` would and keeps it if the person accepts it.
    fn try_answer(&mut self, question: &Question, node: &Node) -> Prompted<bool> {
        let checked = check::check_answer(&self.q, question, node);
        if !self.accept(&checked.findings)? {
            return Ok(false);
        }
        if let Some((_, answer)) = checked.answers.answers.into_iter().next() {
            self.set_answer(&question.id, answer);
        }
        Ok(true)
    }

    /// Shows one finding in the form's terms ("Event 1 · Description: 163 words, the limit is
    /// 150"), escaped, with its hint in words if asked.
    pub(super) fn show_finding(&mut self, f: &Finding, with_hint: bool) -> Prompted<()> {
        let mut line = format!("  {}: {}", f.severity, form::in_form_terms(f, &self.q));
        if with_hint && let Some(hint) = form::hint_in_words(f, &self.q) {
            line.push_str(&format!(" — {hint}"));
        }
        self.p.say(&sanitize(&line))
    }

    /// Whether to leave a question unanswered; a required one cannot be.
    fn leave_unanswered(&mut self, question: &Question) -> Prompted<bool> {
        if question.required {
            self.p
                .say(&format!("  question {} is required", question.number))?;
            return Ok(false);
        }
        // Leaving a question that has an answer throws the answer away: No unless said.
        match self.answers.answer(&question.id) {
            Some(_) => self.p.confirm(
                &format!(
                    "Leave question {} unanswered? Its current answer is removed",
                    question.number
                ),
                false,
            ),
            None => self.p.confirm(
                &format!("Leave question {} unanswered?", question.number),
                true,
            ),
        }
    }

    fn finish_skip(&mut self, question: &Question) -> Prompted<()> {
        self.skip(&question.id);
        let next = self.next_after(&question.id);
        self.save_draft(next.as_deref())
    }

    /// Saves the draft with the walk going on after `question`.
    pub(super) fn finish_question(&mut self, question: &Question) -> Prompted<()> {
        self.finish(question)
    }

    fn finish(&mut self, question: &Question) -> Prompted<()> {
        let next = self.next_after(&question.id);
        self.save_draft(next.as_deref())
    }

    fn show_word_count(&mut self, typed: &str, limits: WordLimits) -> Prompted<()> {
        self.p
            .say(&format!("  {}", super::screen::word_status(typed, limits)))
    }

    /// Shows findings; errors reject the answer, warnings are the person's call.
    fn accept(&mut self, findings: &[Finding]) -> Prompted<bool> {
        // Typed text is the natural way to answer at a prompt: its rewrite is not news.
        let shown: Vec<&Finding> = findings
            .iter()
            .filter(|f| f.code != Code::NonCanonical)
            .collect();
        for f in &shown {
            self.show_finding(f, true)?;
        }
        if shown.iter().any(|f| f.is_error()) {
            self.p.say("  please correct it")?;
            return Ok(false);
        }
        if shown.is_empty() {
            return Ok(true);
        }
        self.p.confirm("Keep this answer anyway?", true)
    }

    fn ask_records(&mut self, question: &Question, def: &Records) -> Prompted<()> {
        let label = &def.record_label;
        let existing = match self.answers.answer(&question.id) {
            Some(Answer::Records(records)) => Some(records.len()),
            _ => None,
        };
        match existing {
            None => {
                let choice = self.p.select(
                    &format!("Add {} {label}?", crate::text::article(label)),
                    &[
                        format!("Add {} {label}", crate::text::article(label)),
                        format!("No {label}s to report"),
                        format!("Skip question {} (leave it unanswered)", question.number),
                    ],
                    0,
                )?;
                match choice {
                    1 => {
                        self.set_answer(&question.id, Answer::Records(Vec::new()));
                        return self.finish(question);
                    }
                    2 => return self.finish_skip(question),
                    _ => {
                        self.set_answer(&question.id, Answer::Records(Vec::new()));
                        if let Err(e) = self.add_record(question, def) {
                            if matches!(e, PromptError::Back)
                                && self.record_count(&question.id) == 0
                            {
                                // Back out of the first record: the question is not answered yet.
                                self.answers.answers.retain(|(k, _)| *k != question.id);
                                self.forget_question(&question.id);
                            }
                            return Err(e);
                        }
                    }
                }
            }
            Some(count) => {
                // A walk that resumes here: each record begun asks the fields not asked yet
                // (optional ones too), each broken one its errors.
                for index in 0..count {
                    self.complete_record(question, def, index)?;
                }
            }
        }
        loop {
            let count = self.record_count(&question.id);
            if def.max_records.is_some_and(|max| count >= max) {
                self.p.say(&format!(
                    "Question {} allows at most {} {label}s",
                    question.number,
                    def.max_records.unwrap_or(count)
                ))?;
                break;
            }
            self.show_progress(question, None);
            if !self.p.confirm(&format!("Add another {label}?"), false)? {
                break;
            }
            self.add_record(question, def)?;
        }
        self.finish(question)
    }

    pub(super) fn record_count(&self, id: &str) -> usize {
        match self.answers.answer(id) {
            Some(Answer::Records(records)) => records.len(),
            _ => 0,
        }
    }

    /// Adds a record and asks all its fields.
    pub(super) fn add_record(&mut self, question: &Question, def: &Records) -> Prompted<()> {
        let index = match self.answer_mut(&question.id) {
            Some(Answer::Records(records)) => {
                records.push(Record::default());
                records.len() - 1
            }
            _ => {
                self.set_answer(&question.id, Answer::Records(vec![Record::default()]));
                0
            }
        };
        let result = self.edit_record(question, def, index);
        if matches!(result, Err(PromptError::Back))
            && let Some(Answer::Records(records)) = self.answer_mut(&question.id)
            && records.get(index).is_some_and(|r| r.fields.is_empty())
        {
            // Going back from the first field of a new record: the record was never begun.
            records.remove(index);
            self.forget_record(&question.id, index);
        }
        result
    }

    /// Asks every field of a record, with its current values (none for a new one) as defaults.
    pub(super) fn edit_record(
        &mut self,
        question: &Question,
        def: &Records,
        index: usize,
    ) -> Prompted<()> {
        self.p.say(&format!(
            "\n{} {}",
            crate::text::capitalised(&def.record_label),
            index + 1
        ))?;
        // Esc (`:back`) goes to the previous field; from the first, out of the record.
        let mut at = 0;
        while let Some(field) = def.fields.get(at) {
            let current = self.field_value(&question.id, index, &field.id);
            match self.ask_field_into(question, index, field, current.as_ref()) {
                Ok(()) => at += 1,
                Err(PromptError::Back) if at > 0 => at -= 1,
                Err(e) => return Err(e),
            }
        }
        self.warn_duplicates(question)
    }

    pub(super) fn field_value(&self, id: &str, index: usize, field: &str) -> Option<FieldValue> {
        match self.answers.answer(id) {
            Some(Answer::Records(records)) => records
                .get(index)?
                .fields
                .iter()
                .find(|(k, _)| k == field)
                .map(|(_, v)| v.clone()),
            _ => None,
        }
    }

    /// Asks a field, stores the value in the record, and saves the draft.
    pub(super) fn ask_field_into(
        &mut self,
        question: &Question,
        index: usize,
        field: &Field,
        current: Option<&FieldValue>,
    ) -> Prompted<()> {
        self.show_progress(question, Some(index));
        let value = self.ask_field(question, index, field, current)?;
        self.mark_asked(&question.id, index, &field.id);
        if let Some(Answer::Records(records)) = self.answer_mut(&question.id)
            && let Some(record) = records.get_mut(index)
        {
            record.fields.retain(|(k, _)| k != &field.id);
            if let Some(value) = value {
                record.fields.push((field.id.clone(), value));
            }
        }
        // Keep fields in definition order, as a file would have them.
        let order: Vec<&str> = match &question.kind {
            QuestionKind::Records(def) => def.fields.iter().map(|f| f.id.as_str()).collect(),
            _ => Vec::new(),
        };
        if let Some(Answer::Records(records)) = self.answer_mut(&question.id)
            && let Some(record) = records.get_mut(index)
        {
            record
                .fields
                .sort_by_key(|(k, _)| order.iter().position(|o| o == k).unwrap_or(usize::MAX));
        }
        // The walk stays on this question until its records are done.
        self.save_draft(Some(&question.id))
    }

    fn ask_field(
        &mut self,
        question: &Question,
        index: usize,
        field: &Field,
        current: Option<&FieldValue>,
    ) -> Prompted<Option<FieldValue>> {
        let mut default = current.map(FieldValue::to_plain);
        if let Some(typed) = self.offer_typed(&question.id, Some(index), Some(&field.id))? {
            default = Some(typed);
        }
        let mut refused: Option<Node> = None;
        // A value with an error may be kept as it is (F2) from the start, not only once refused.
        let mut erroneous = current.filter(|_| self.field_has_errors(question, index, field));
        loop {
            self.p.offer_keep(refused.is_some() || erroneous.is_some());
            let at = typed_at(&question.id, Some(index), Some(&field.id));
            let asked = self.ask_value(field, current, default.as_deref(), at);
            self.p.offer_keep(false);
            let node = match (asked, refused.take(), erroneous.take()) {
                (Err(PromptError::Keep), Some(node), _) => {
                    let (value, _) = check::check_field(&self.q, question, index, field, &node);
                    self.say_kept()?;
                    return Ok(Some(value.unwrap_or(FieldValue::Raw(node))));
                }
                (Err(PromptError::Keep), None, Some(value)) => {
                    self.say_kept()?;
                    return Ok(Some(value.clone()));
                }
                (asked, _, _) => asked?,
            };
            let typed = node.as_str().map(str::to_string);
            if typed.as_deref().is_some_and(|t| t.trim().is_empty()) && !field.required {
                return Ok(None);
            }
            let (value, findings) = check::check_field(&self.q, question, index, field, &node);
            if self.accept(&findings)? {
                if let Some(FieldValue::Dates(dates)) = &value {
                    self.p.say(&format!("  → {}", display_dates(*dates)))?;
                }
                return Ok(value);
            }
            // A rejected value comes back to be corrected; for an optional field Enter must
            // still mean "none", so it is not offered again there.
            if typed.is_some() && field.required {
                default = typed;
            } else if !field.required {
                default = None;
            }
            refused = Some(node);
        }
    }

    /// Whether a record's field holds a value with an error now (its own, or an entry's).
    fn field_has_errors(&self, question: &Question, index: usize, field: &Field) -> bool {
        use crate::finding::Segment;
        let path = [
            Segment::Key("answers".to_string()),
            Segment::Key(question.id.clone()),
            Segment::Index(index),
            Segment::Key(field.id.clone()),
        ];
        self.check_all()
            .iter()
            .any(|f| f.is_error() && f.is_within(&path))
    }

    /// One field's value as typed or ticked.
    fn ask_value(
        &mut self,
        field: &Field,
        current: Option<&FieldValue>,
        default: Option<&str>,
        at: Typed,
    ) -> Prompted<Node> {
        let mut typing = self.typing(Some(at));
        Ok(match field.kind {
            FieldKind::Sdgs => self.pick_sdgs(field, current)?,
            FieldKind::Paragraphs => {
                let typed = self
                    .p
                    .text(&prompt_for(field), default, field.words, &mut typing)?;
                self.show_word_count(&typed, field.words)?;
                Node::new(Value::String(typed.into()))
            }
            _ => {
                let typed = self.p.line(
                    &prompt_for(field),
                    default,
                    completer(field.kind),
                    &mut typing,
                )?;
                Node::new(Value::String(self.resolve_names(field, &typed)?.into()))
            }
        })
    }

    /// Records with the same name get a warning, as `validate` gives it.
    fn warn_duplicates(&mut self, question: &Question) -> Prompted<()> {
        let duplicates: Vec<Finding> = self
            .check_all()
            .into_iter()
            .filter(|f| {
                f.code == Code::DuplicateRecord
                    && f.question() == Some(question.id.as_str())
                    && f.record().is_some()
            })
            .collect();
        for f in duplicates {
            self.show_finding(&f, false)?;
        }
        Ok(())
    }

    fn ask_choices(&mut self, question: &Question, def: &ChoicesText) -> Prompted<()> {
        let (selected, text) = match self.answers.answer(&question.id) {
            Some(Answer::Choices { selected, text, .. }) => {
                (selected.clone().unwrap_or_default(), text.clone())
            }
            _ => (Vec::new(), None),
        };
        let chosen: Vec<bool> = def.choices.iter().map(|c| selected.contains(c)).collect();
        // Numbered, so that the numbers the menu asks for are there to read.
        let items: Vec<String> = def
            .choices
            .iter()
            .enumerate()
            .map(|(i, c)| format!("{:>2} {c}", i + 1))
            .collect();
        let picked = self.p.multi_select(super::prompter::Ticks {
            prompt: &format!(
                "{} your organization contributes to (none is an answer too)",
                def.choices_label
            ),
            items: &items,
            chosen: &chosen,
            typed: super::prompter::pick_choices,
            example: "numbers or the start of names, like `1, 3` or `power, energy`, or `none`",
            all: None,
        })?;
        let mut default = text;
        if let Some(typed) = self.offer_typed(&question.id, None, None)? {
            default = Some(typed);
        }
        loop {
            let mut typing = self.typing(Some(typed_at(&question.id, None, None)));
            let typed = self.p.text(
                "How do you contribute? (optional)",
                default.as_deref(),
                def.words,
                &mut typing,
            )?;
            if picked.is_empty() && typed.trim().is_empty() {
                if self.leave_unanswered(question)? {
                    return self.finish_skip(question);
                }
                continue;
            }
            let mut entries = vec![crate::document::Entry {
                key: def.choices_key.as_str().into(),
                key_span: None,
                node: Node::new(Value::Array(
                    picked
                        .iter()
                        .map(|i| Node::new(Value::String(def.choices[*i].as_str().into())))
                        .collect(),
                )),
            }];
            if !typed.trim().is_empty() {
                self.show_word_count(&typed, def.words)?;
                entries.push(crate::document::Entry {
                    key: def.text_key.as_str().into(),
                    key_span: None,
                    node: Node::new(Value::String(typed.as_str().into())),
                });
            }
            let node = Node::new(Value::Table(entries));
            if self.try_answer(question, &node)? {
                return self.finish(question);
            }
            default = Some(typed);
        }
    }
}

/// Where a text being typed belongs, for the draft.
fn typed_at(question: &str, record: Option<usize>, field: Option<&str>) -> Typed {
    Typed {
        question: question.to_string(),
        record,
        field: field.map(str::to_string),
        text: String::new(),
    }
}

/// A current value on one line, cut to a screen's width, with its length when it is cut.
pub(super) fn now(value: &str) -> String {
    let flat = value.split_whitespace().collect::<Vec<_>>().join(" ");
    if flat.chars().count() <= 60 {
        return flat;
    }
    let cut: String = flat.chars().take(59).collect();
    let n = text::count_words(value);
    format!(
        "{}… ({n} {})",
        cut.trim_end(),
        crate::text::plural(n, "word")
    )
}

/// The rules of a question in a few words, for the prompt.
fn rules_line(question: &Question) -> Option<String> {
    let mut rules = Vec::new();
    match &question.kind {
        QuestionKind::Text(words) => rules.extend(words_rule(*words)),
        QuestionKind::Records(def) => {
            if let Some(max) = def.max_records {
                rules.push(format!("at most {max} {}s", def.record_label));
            }
        }
        QuestionKind::ChoicesText(def) => rules.extend(words_rule(def.words)),
    }
    if question.required {
        rules.push("required".to_string());
    }
    (!rules.is_empty()).then(|| rules.join("; "))
}

fn words_rule(words: WordLimits) -> Option<String> {
    match (words.min, words.max) {
        (Some(min), Some(max)) => Some(format!("{min} to {max} words")),
        (Some(min), None) => Some(format!("at least {min} words")),
        (None, Some(max)) => Some(format!("at most {max} words")),
        (None, None) => None,
    }
}

pub(super) fn prompt_for(field: &Field) -> String {
    let how = match field.kind {
        FieldKind::Dates => " (e.g. 2023-03-30, or 30-31 March 2023)",
        FieldKind::Places => " (several separated by `;`)",
        FieldKind::Url => " (an https:// address; Enter for none)",
        FieldKind::Languages => " (codes or names, separated by commas)",
        FieldKind::Organisations if field.allow_all => " (separated by commas, or `all`)",
        FieldKind::Organisations => " (separated by commas)",
        FieldKind::Countries if field.allow_all => " (separated by commas, or `all`)",
        FieldKind::Countries => " (separated by commas)",
        _ => "",
    };
    let optional = if field.required || field.kind == FieldKind::Url {
        ""
    } else {
        " (optional)"
    };
    format!("{}{how}{optional}", field.label)
}

fn completer(kind: FieldKind) -> Option<Completer> {
    match kind {
        FieldKind::Countries | FieldKind::Places => Some(complete_country_list),
        FieldKind::Languages => Some(complete_language_list),
        _ => None,
    }
}

/// Completes the last item of a list (after the last `,` or `;`): the one name it starts, or the
/// names it may start.
fn complete_last(
    input: &str,
    complete: fn(&str) -> Option<&'static str>,
    candidates: fn(&str) -> Vec<&'static str>,
) -> Completion {
    let cut = input.rfind([',', ';']).map_or(0, |i| i + 1);
    let (head, last) = input.split_at(cut);
    let last = last.trim();
    if let Some(name) = complete(last) {
        let space = if head.is_empty() { "" } else { " " };
        return Completion::Done(format!("{}{space}{name}", head.trim_end()));
    }
    if last.is_empty() {
        return Completion::None;
    }
    // Only names that start with what is typed: a guess at a misspelling is no completion.
    let folded = crate::text::fold(last);
    let mut found: Vec<String> = candidates(last)
        .into_iter()
        .filter(|c| crate::text::fold(c).starts_with(&folded))
        .map(str::to_string)
        .collect();
    found.dedup();
    if found.len() > 1 {
        Completion::Candidates(found)
    } else {
        Completion::None
    }
}

fn complete_country_list(input: &str) -> Completion {
    complete_last(input, refdata::complete_state, refdata::country_candidates)
}

fn complete_language_list(input: &str) -> Completion {
    complete_last(
        input,
        refdata::complete_language,
        refdata::language_candidates,
    )
}

fn display_dates(dates: Dates) -> String {
    let day = |d: jiff::civil::Date| {
        format!(
            "{} {} {}",
            d.day(),
            crate::rules::dates::month_name(d.month()),
            d.year()
        )
    };
    match dates {
        Dates::Day(d) => day(d),
        Dates::Span { start, end } => format!("{} to {}", day(start), day(end)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn completing_the_last_item() {
        let done = |s: &str| Completion::Done(s.to_string());
        assert_eq!(complete_country_list("Kenya, sene"), done("Kenya, Senegal"));
        assert_eq!(complete_country_list("Apia, Sam"), done("Apia, Samoa"));
        assert_eq!(complete_language_list("en, Portu"), done("en, Portuguese"));
        // `guinea` starts several names: they are listed, none is taken.
        let Completion::Candidates(names) = complete_country_list("guinea") else {
            panic!("{:?}", complete_country_list("guinea"))
        };
        assert!(names.iter().any(|n| n == "Guinea-Bissau"), "{names:?}");
        assert!(names.iter().all(|n| n.starts_with("Guinea")), "{names:?}");
        assert_eq!(complete_country_list("Kenya, "), Completion::None);
    }

    #[test]
    fn dates_are_echoed_in_words() {
        let span = Dates::new(
            jiff::civil::date(2023, 3, 30),
            jiff::civil::date(2023, 3, 31),
        );
        assert_eq!(display_dates(span), "30 March 2023 to 31 March 2023");
    }
}
