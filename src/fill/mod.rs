//! `qfill fill`: the interactive walk through a questionnaire. Prompts are generated from the
//! definition, every answer goes through the same checker as `validate`, and the draft is written
//! atomically after every confirmed answer so that nothing a person confirmed is ever lost.

mod ask;
mod carried;
mod error;
mod external;
mod goals;
mod interrupt;
mod names;
mod plain;
mod progress;
mod prompter;
mod review;
mod screen;
mod terminal;

use std::path::{Path, PathBuf};

pub use error::{FillError, Resume};
pub use interrupt::Interrupt;
pub use plain::PlainPrompter;
pub use prompter::{
    Completer, Completion, NotKept, Picked, Picks, PromptError, Prompted, Prompter, Ticks, Typing,
    pick_choices,
};
pub use terminal::TerminalPrompter;

use crate::answers::{Answer, Answers, Carried, Draft, Scalar, Typed};
use crate::check::{self, Checked};
use crate::document::Format;
use crate::finding::Finding;
use crate::fsio::{Target, WriteError};
use crate::input::{ReadOptions, Source};
use crate::questionnaire::{Question, QuestionKind, Questionnaire};
use crate::validate::Validator;

/// `qfill fill`.
#[derive(Debug, Clone)]
pub struct FillRequest {
    /// `--questionnaire`.
    pub questionnaire: Option<String>,
    /// `--answers`: answers to start from.
    pub answers: Option<PathBuf>,
    /// `-o`: where the submission goes (TOML or JSON by extension).
    pub output: PathBuf,
    /// `--draft`; by default `<stem of OUT>.draft.toml` beside OUT.
    pub draft: Option<PathBuf>,
    /// `--force`: overwrite OUT.
    pub force: bool,
    /// `--plain`: numbered lines instead of menus.
    pub plain: bool,
    /// `--docx`: the filled Word form, written beside the response whenever it is saved.
    pub docx: Option<PathBuf>,
}

impl FillRequest {
    /// The draft file: `--draft`, else `<stem of OUT>.draft.toml` beside OUT.
    pub fn draft_path(&self) -> PathBuf {
        if let Some(draft) = &self.draft {
            return draft.clone();
        }
        let stem = self
            .output
            .file_stem()
            .map_or_else(|| "response".into(), |s| s.to_string_lossy().into_owned());
        self.output.with_file_name(format!("{stem}.draft.toml"))
    }

    /// What Ctrl-C says: where the answers are and how to resume.
    pub fn interrupted_message(&self) -> String {
        format!(
            "interrupted: every confirmed answer is saved in {}\n  resume with: {}",
            self.draft_path().display(),
            self.resume_command()
        )
    }

    fn resume(&self) -> Resume {
        Resume {
            draft: self.draft_path(),
            command: self.resume_command(),
        }
    }

    /// The same command again: every option given that a resume needs (the draft is found
    /// from `-o` and `--draft`).
    fn resume_command(&self) -> String {
        let mut command = format!("qfill fill -o {}", shell_quote(&self.output));
        if let Some(draft) = &self.draft {
            command.push_str(&format!(" --draft {}", shell_quote(draft)));
        }
        command.push_str(&self.questionnaire_option());
        if let Some(answers) = &self.answers {
            command.push_str(&format!(" --answers {}", shell_quote(answers)));
        }
        if self.force {
            command.push_str(" --force");
        }
        if self.plain {
            command.push_str(" --plain");
        }
        if let Some(docx) = &self.docx {
            command.push_str(&format!(" --docx {}", shell_quote(docx)));
        }
        command
    }

    /// ` --questionnaire ID` when one was given, for the commands `fill` suggests.
    fn questionnaire_option(&self) -> String {
        self.questionnaire.as_ref().map_or_else(String::new, |q| {
            format!(" --questionnaire {}", shell_quote(Path::new(q)))
        })
    }
}

fn shell_quote(path: &Path) -> String {
    shell_words::quote(&path.display().to_string()).into_owned()
}

/// How a fill ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Filled {
    /// The response was saved; `valid` when it has no errors.
    Saved {
        /// Whether the saved response has no errors.
        valid: bool,
    },
    /// Stopped by Ctrl-C; every confirmed answer is in the draft.
    Interrupted,
}

/// Runs `fill` with any prompter, against `flag` (`--questionnaire`, resolved) if given. Whoever
/// handles Ctrl-C (a signal handler of the binary's) shares `interrupt`: files are written while
/// holding it, and Ctrl-C is reported once.
pub fn run(
    request: &FillRequest,
    flag: Option<&Questionnaire>,
    prompter: &mut dyn Prompter,
    interrupt: &Interrupt,
) -> Result<Filled, FillError> {
    // Find out now, not after an hour of typing, whether the answers can be saved.
    let draft = request.draft_path();
    for path in [Some(&request.output), Some(&draft), request.docx.as_ref()]
        .into_iter()
        .flatten()
    {
        check_writable(path)?;
    }
    let mut session = Session::start(request, flag, prompter, interrupt)?;
    match session.walk() {
        Ok(filled) => Ok(filled),
        Err(PromptError::Interrupted) => {
            if interrupt.first_report() {
                let _ = session
                    .p
                    .say(&format!("\n{}", request.interrupted_message()));
            }
            Ok(Filled::Interrupted)
        }
        // Back cannot leave the walk (it stops at the first question); should it, it ends the
        // input the same way.
        Err(PromptError::Eof | PromptError::Back | PromptError::Keep) => {
            Err(FillError::InputEnded {
                resume: request.resume(),
            })
        }
        Err(PromptError::Save { path, source }) => Err(FillError::Unsaved {
            path,
            source,
            resume: request.resume(),
        }),
        Err(PromptError::Io(e)) => Err(WriteError::to(Target::Terminal)(e).into()),
    }
}

/// Fails unless a file can be created beside `path` (as the atomic writes do).
fn check_writable(path: &Path) -> Result<(), WriteError> {
    let unwritable = WriteError::file(path);
    if path.is_dir() {
        return Err(unwritable(std::io::ErrorKind::IsADirectory.into()));
    }
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    tempfile::Builder::new()
        .prefix(".qfill-")
        .tempfile_in(dir)
        .map(drop)
        .map_err(unwritable)
}

fn saving(path: &Path) -> impl FnOnce(std::io::Error) -> PromptError {
    move |source| PromptError::Save {
        path: path.to_path_buf(),
        source,
    }
}

/// A fill in progress.
struct Session<'a> {
    q: Questionnaire,
    answers: Answers,
    skipped: Vec<String>,
    /// Index of the first question to walk (after a resume).
    start: usize,
    /// Whether the walk resumes a draft (then the question it stopped in goes on).
    resumed: bool,
    /// Per records question, per record, the fields asked so far (the draft's `asked`).
    asked: Vec<(String, Vec<Vec<String>>)>,
    /// The text being typed when the draft was saved, until it is offered back.
    typed: Option<Typed>,
    /// What `migrate` carried from another edition and is not looked at yet.
    carried: Option<Carried>,
    /// What changed in the carried question being asked, said under its text.
    carried_note: Option<String>,
    /// Questions asked as carried answers in this fill: the walk does not ask them again.
    looked: Vec<String>,
    request: &'a FillRequest,
    p: &'a mut dyn Prompter,
    interrupt: &'a Interrupt,
}

impl<'a> Session<'a> {
    fn start(
        request: &'a FillRequest,
        flag: Option<&Questionnaire>,
        p: &'a mut dyn Prompter,
        interrupt: &'a Interrupt,
    ) -> Result<Session<'a>, FillError> {
        let draft_path = request.draft_path();
        let mut base: Option<(Checked, Questionnaire)> = None;
        if draft_path.exists() {
            let about = draft_summary(&draft_path, flag);
            let resume = loop {
                let resume = prompt_usage(p.select(
                    &about,
                    &[
                        "Resume where I stopped".to_string(),
                        "Start over (the draft is replaced)".to_string(),
                    ],
                    0,
                ))? == 0;
                let sure = || "Start over? The answers in the draft are replaced by the new ones";
                if resume || prompt_usage(p.confirm(sure(), false))? {
                    break resume;
                }
            };
            if resume {
                base = Some(load(&draft_path, flag, p)?);
            }
        }
        if base.is_none()
            && let Some(path) = &request.answers
        {
            base = Some(load(path, flag, p)?);
        }
        let (mut answers, q) = match base {
            Some((checked, q)) => (checked.answers, q),
            None => (
                Answers::default(),
                flag.cloned().unwrap_or_else(Questionnaire::default_builtin),
            ),
        };
        let draft = answers.draft.take();
        // A draft that only says what `migrate` carried is a start, not a walk to resume.
        let resumed = draft.as_ref().is_some_and(Draft::has_progress);
        let Draft {
            next,
            skipped,
            asked,
            typed,
            carried,
        } = draft.unwrap_or_default();
        let start = match (&next, resumed) {
            (Some(id), _) => q.questions.iter().position(|x| x.id == *id),
            (None, true) => None,
            (None, false) => Some(0),
        }
        .unwrap_or(q.questions.len());
        // A draft written before `asked` existed: its last record in the question it stopped
        // in is taken as begun, with the fields it has asked.
        let asked = asked.unwrap_or_else(|| guess_asked(&answers, next.as_deref()));
        answers.questionnaire = Some(q.id.clone());
        Ok(Session {
            q,
            answers,
            skipped,
            start,
            resumed,
            asked,
            typed,
            carried,
            carried_note: None,
            looked: Vec::new(),
            request,
            p,
            interrupt,
        })
    }

    fn walk(&mut self) -> Prompted<Filled> {
        self.p.say(&format!(
            "{} ({})\nYour answers are saved after every step in {}; press Ctrl-C at any time and run the same command to resume.",
            self.q.title,
            self.q.id,
            self.request.draft_path().display()
        ))?;
        if let Some(notice) = self.q.incomplete_notice() {
            self.p.say(&notice)?;
        }
        loop {
            match self.ask_entity() {
                Err(PromptError::Back) => continue,
                other => break other?,
            }
        }
        // Answers carried from another edition whose question changed, and answers kept in
        // notes, come first.
        self.walk_carried()?;
        let mut invalid = self.questions_with_errors();
        invalid.retain(|id| !self.looked.contains(id));
        let count = self.q.questions.len();
        let mut index = self.start.min(count);
        // After a step back, the question is shown again with its answer, whatever state it is in.
        let mut again = false;
        while index < count {
            let question = self.q.questions[index].clone();
            let result = if again {
                self.ask_again(&question)
            } else {
                self.visit(index, &question, &invalid)
            };
            match result {
                Ok(()) => {
                    index += 1;
                    again = false;
                }
                Err(PromptError::Back) => {
                    again = true;
                    index = index.saturating_sub(1);
                }
                Err(e) => return Err(e),
            }
        }
        self.review()
    }

    /// Asks a question in the walk if it needs it: not answered yet, answered "not answered",
    /// the one a resumed draft stopped in, or holding errors.
    fn visit(&mut self, index: usize, question: &Question, invalid: &[String]) -> Prompted<()> {
        if self.skipped.contains(&question.id) {
            return Ok(());
        }
        match self.answers.answer(&question.id) {
            None => self.ask_question(question),
            Some(answer) if answer.is_not_answered() => {
                self.answers.answers.retain(|(k, _)| *k != question.id);
                self.ask_question(question)
            }
            Some(_) if index == self.start && self.resumed => self.ask_question(question),
            Some(_) if invalid.contains(&question.id) => self.fix_question(question),
            Some(_) => Ok(()),
        }
    }

    /// A question gone back to: its answer to change, records in the records menu.
    fn ask_again(&mut self, question: &Question) -> Prompted<()> {
        match &question.kind {
            QuestionKind::Records(def) if self.answers.answer(&question.id).is_some() => {
                let done = match self.next_after(&question.id) {
                    Some(_) => "Go on to the next question".to_string(),
                    None => "Go on to the review".to_string(),
                };
                self.change_records(question, def, &done)?;
                self.finish_question(question)
            }
            _ => self.ask_question(question),
        }
    }

    /// Checks the whole response as `validate` would.
    fn check_all(&self) -> Vec<Finding> {
        check::check_answers(&self.answers, &self.q).findings
    }

    /// Ids of questions whose current answer has errors.
    fn questions_with_errors(&self) -> Vec<String> {
        self.check_all()
            .iter()
            .filter(|f| f.is_error())
            .filter_map(|f| question_of(f, &self.q))
            .collect()
    }

    /// Sets or replaces a question's answer, keeping questionnaire order.
    fn set_answer(&mut self, id: &str, answer: Answer) {
        self.skipped.retain(|s| s != id);
        let order = |key: &str| {
            self.q
                .questions
                .iter()
                .position(|q| q.id == key)
                .unwrap_or(usize::MAX)
        };
        let answers = &mut self.answers.answers;
        answers.retain(|(k, _)| k != id);
        let at = answers
            .iter()
            .position(|(k, _)| order(k) > order(id))
            .unwrap_or(answers.len());
        answers.insert(at, (id.to_string(), answer));
    }

    fn skip(&mut self, id: &str) {
        self.forget_question(id);
        self.answers.answers.retain(|(k, _)| k != id);
        if !self.skipped.iter().any(|s| s == id) {
            self.skipped.push(id.to_string());
        }
    }

    fn answer_mut(&mut self, id: &str) -> Option<&mut Answer> {
        self.answers
            .answers
            .iter_mut()
            .find(|(k, _)| k == id)
            .map(|(_, a)| a)
    }

    /// Writes the draft atomically; `next` is the question the walk goes to.
    fn save_draft(&mut self, next: Option<&str>) -> Prompted<()> {
        let text = self.draft_answers(next).to_text(Format::Toml);
        let path = self.request.draft_path();
        let _guard = self.interrupt.saving();
        crate::fsio::write_atomic(&path, text.as_bytes()).map_err(saving(&path))
    }

    /// The id of the question after `id`, for the draft's `next`.
    fn next_after(&self, id: &str) -> Option<String> {
        let index = self.q.questions.iter().position(|q| q.id == id)?;
        self.q.questions.get(index + 1).map(|q| q.id.clone())
    }

    fn ask_entity(&mut self) -> Prompted<()> {
        let current = match &self.answers.entity {
            Some(Scalar::Text(t)) if !t.is_empty() => {
                if crate::rules::text::marker(t).is_none() {
                    return Ok(());
                }
                Some(t.clone())
            }
            _ => None,
        };
        loop {
            let mut typing = self.typing(None);
            let entity = self.p.line(
                "Entity (name and acronym, e.g. \"International Organization for Migration (IOM)\")",
                current.as_deref(),
                None,
                &mut typing,
            )?;
            if entity.trim().is_empty() || crate::rules::text::marker(&entity).is_some() {
                self.p.say("  the entity is required")?;
                continue;
            }
            self.answers.entity = Some(Scalar::Text(entity.trim().to_string()));
            let first = self.q.questions.get(self.start).map(|q| q.id.clone());
            return self.save_draft(first.as_deref());
        }
    }

    fn save_output(&mut self) -> Prompted<Filled> {
        let mut out = self.answers.clone();
        // Carried answers not looked at stay listed, for the next `fill --answers`.
        out.draft = self.carried.clone().map(|carried| Draft {
            carried: Some(carried),
            ..Draft::default()
        });
        let format =
            Format::from_extension(&self.request.output.to_string_lossy()).unwrap_or(Format::Toml);
        let text = out.to_text(format);
        let findings = check::check_answers(&out, &self.q).findings;
        crate::fsio::write_atomic(&self.request.output, text.as_bytes())
            .map_err(saving(&self.request.output))?;
        if let Some(docx) = &self.request.docx {
            let form = crate::docx::write::filled_form(&out, &self.q);
            crate::fsio::write_atomic(docx, &form).map_err(saving(docx))?;
        }
        let draft = self.request.draft_path();
        if draft != self.request.output {
            let _guard = self.interrupt.saving();
            let _ = std::fs::remove_file(&draft);
        }
        let errors = findings.iter().filter(|f| f.is_error()).count();
        let warnings = findings.len() - errors;
        self.p.say(&save_summary(self.request, errors, warnings))?;
        Ok(Filled::Saved { valid: errors == 0 })
    }
}

/// What the offer to resume says about a draft: whose response it is, how far it got, when it
/// was saved, where it is.
fn draft_summary(path: &Path, flag: Option<&Questionnaire>) -> String {
    use crate::text::plural;
    let validator = Validator {
        questionnaire: flag,
        read: ReadOptions::default(),
        editions: None,
    };
    let checked = validator
        .validate(&Source::File(path.to_path_buf()))
        .checked;
    let answers = checked.as_ref().map(|c| &c.answers);
    let whose = match answers.and_then(|a| a.entity.as_ref()) {
        Some(Scalar::Text(entity)) if !entity.trim().is_empty() => {
            format!("the response of {entity}")
        }
        _ => "this response".to_string(),
    };
    let progress = answers.and_then(|a| {
        let q =
            crate::questionnaire::applicable(flag, a.questionnaire.as_deref()).questionnaire()?;
        let answered = q
            .questions
            .iter()
            .filter(|question| a.answer(&question.id).is_some_and(|x| !x.is_not_answered()))
            .count();
        Some(format!(
            "{answered} of {} {} answered",
            q.questions.len(),
            plural(q.questions.len(), "question")
        ))
    });
    let saved = std::fs::metadata(path)
        .and_then(|m| m.modified())
        .ok()
        .and_then(|t| t.elapsed().ok())
        .map(|age| format!("saved {}", ago(age.as_secs())));
    let details: Vec<String> = [progress, saved].into_iter().flatten().collect();
    format!(
        "A draft of {whose} is in {}{}.",
        path.display(),
        if details.is_empty() {
            String::new()
        } else {
            format!(": {}", details.join(", "))
        }
    )
}

/// How long ago, in words: `just now`, `12 minutes ago`, `3 hours ago`, `2 days ago`.
fn ago(seconds: u64) -> String {
    use crate::text::plural;
    let (n, unit) = match seconds {
        0..60 => return "just now".to_string(),
        60..3600 => (seconds / 60, "minute"),
        3600..86_400 => (seconds / 3600, "hour"),
        _ => (seconds / 86_400, "day"),
    };
    let n = usize::try_from(n).unwrap_or(usize::MAX);
    format!("{n} {} ago", plural(n, unit))
}

/// What saving says: where the response is, its errors and warnings, and what to do next.
fn save_summary(request: &FillRequest, errors: usize, warnings: usize) -> String {
    use crate::text::plural;
    let out = &request.output;
    let file = shell_quote(out);
    let q = request.questionnaire_option();
    let full = std::path::absolute(out).unwrap_or_else(|_| out.clone());
    let mut lines = vec![format!(
        "saved {}: {errors} {}, {warnings} {} (written to {})",
        out.display(),
        plural(errors, "error"),
        plural(warnings, "warning"),
        full.display()
    )];
    if let Some(docx) = &request.docx {
        lines.push(format!("  the filled Word form: {}", docx.display()));
    }
    lines.push(format!(
        "  every finding, any time: qfill validate {file}{q}"
    ));
    lines.push(format!(
        "  a document to read or share: qfill export {file} --to markdown{q}"
    ));
    lines.join("\n")
}

/// For a draft without `asked`: the last record of the question it stopped in, with the fields
/// it has, as if those had been asked (so that its other fields are).
fn guess_asked(answers: &Answers, next: Option<&str>) -> Vec<(String, Vec<Vec<String>>)> {
    let Some((id, Some(Answer::Records(records)))) = next.map(|id| (id, answers.answer(id))) else {
        return Vec::new();
    };
    let mut per_record = vec![Vec::new(); records.len()];
    if let (Some(last), Some(record)) = (per_record.last_mut(), records.last()) {
        *last = record.fields.iter().map(|(k, _)| k.clone()).collect();
    }
    vec![(id.to_string(), per_record)]
}

/// The question a finding is about, from its path.
fn question_of(finding: &Finding, q: &Questionnaire) -> Option<String> {
    q.question(finding.question()?).map(|q| q.id.clone())
}

/// Loads a draft or `--answers` file: an unreadable or unparsable one ends the run.
fn load(
    path: &Path,
    flag: Option<&Questionnaire>,
    p: &mut dyn Prompter,
) -> Result<(Checked, Questionnaire), FillError> {
    let validator = Validator {
        questionnaire: flag,
        read: ReadOptions::default(),
        editions: None,
    };
    let validated = validator.validate(&Source::File(path.to_path_buf()));
    let fail = |validated: &crate::validate::Validated| {
        let first = validated.report.findings.first();
        FillError::CannotStart {
            path: path.to_path_buf(),
            reason: first.map_or("it cannot be read".to_string(), |f| {
                match (f.line, f.column) {
                    (Some(l), Some(c)) => format!("{l}:{c}: {}", f.message),
                    _ => f.message.clone(),
                }
            }),
        }
    };
    let Some(checked) = validated.checked.clone() else {
        return Err(fail(&validated));
    };
    let named = checked.answers.questionnaire.as_deref();
    let Some(q) = crate::questionnaire::applicable(flag, named).questionnaire() else {
        return Err(fail(&validated));
    };
    let q = q.clone();
    let kept = checked
        .answers
        .answers
        .iter()
        .filter(|(_, a)| !a.is_not_answered())
        .count();
    let _ = p.say(&format!(
        "starting from {}: {kept} {} answered",
        path.display(),
        crate::text::plural(kept, "question")
    ));
    Ok((checked, q))
}

/// An answer that is a not-answered value (`N/A`, `No response`): asked again by the walk.
fn prompt_usage<T>(result: Prompted<T>) -> Result<T, FillError> {
    result.map_err(|e| match e {
        PromptError::Interrupted | PromptError::Eof | PromptError::Back | PromptError::Keep => {
            FillError::StoppedBeforeStart
        }
        PromptError::Io(e) => WriteError::to(Target::Terminal)(e).into(),
        PromptError::Save { path, source } => WriteError::file(&path)(source).into(),
    })
}

#[cfg(test)]
mod resume_tests;
#[cfg(test)]
mod tests;
