//! What an incomplete edition changes for a file checked against it: an answer to a question the
//! definition does not know yet is a `question-unknown` warning (the question may well exist in
//! the survey) instead of an `unknown-key` error, and commands say once that the edition is
//! incomplete. The answer itself is kept as written, as every unknown key is.

use std::collections::BTreeSet;
use std::sync::Mutex;

use crate::finding::{Code, Finding};
use crate::questionnaire::Questionnaire;

/// The notices of the incomplete editions files were checked against in this process.
///
/// `validate` checks files in parallel, each against its own edition, and keeps only their
/// findings; what a run needs to say once at its end is gathered here instead of in every report.
static CHECKED_AGAINST: Mutex<BTreeSet<String>> = Mutex::new(BTreeSet::new());

/// Remembers that a file was checked against `questionnaire`, if it is incomplete.
pub fn record(questionnaire: &Questionnaire) {
    if let Some(line) = notice(questionnaire)
        && let Ok(mut seen) = CHECKED_AGAINST.lock()
    {
        seen.insert(line);
    }
}

/// The notices for the incomplete editions files have been checked against, one per edition,
/// each once; the record is emptied.
pub fn take_notices() -> Vec<String> {
    CHECKED_AGAINST
        .lock()
        .map(|mut seen| std::mem::take(&mut *seen).into_iter().collect())
        .unwrap_or_default()
}

/// Turns the `unknown-key` findings for keys under `[answers]` into `question-unknown` warnings
/// when `questionnaire` is incomplete; for a complete edition they stay errors.
pub fn soften_unknown_questions(findings: &mut [Finding], questionnaire: &Questionnaire) {
    if questionnaire.complete {
        return;
    }
    for finding in findings.iter_mut().filter(|f| f.code == Code::UnknownKey) {
        finding.code = Code::QuestionUnknown;
        finding.severity = Code::QuestionUnknown.severity();
        finding.message = format!(
            "`{}` is not a question {} knows: its definition is incomplete, so the answer is kept as written",
            finding.path, questionnaire.id
        );
        // The message names its place itself, as `unknown-key`'s does.
        finding.predicate = finding.message.clone();
        let known: Vec<String> = questionnaire
            .questions
            .iter()
            .map(|q| format!("`{}`", q.id))
            .collect();
        let misspelt = match finding.hint.as_deref() {
            Some(rename) if rename.starts_with("rename") => rename.to_string(),
            _ => format!("use one of {}", known.join(", ")),
        };
        finding.hint = Some(format!(
            "keep it if it answers a question of {} that qfill does not know yet; if the key is misspelt, {misspelt}",
            questionnaire.id
        ));
    }
}

/// The one line `validate` and `fill` show about an incomplete edition, or `None`.
pub fn notice(questionnaire: &Questionnaire) -> Option<String> {
    (!questionnaire.complete).then(|| {
        let known: Vec<&str> = questionnaire
            .questions
            .iter()
            .map(|q| q.number.as_str())
            .collect();
        format!(
            "note: {} is incomplete: qfill knows only question{} {} of it; answers to other questions get `question-unknown` and are kept as written",
            questionnaire.id,
            if known.len() == 1 { "" } else { "s" },
            known.join(", ")
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::document::{Format, parse};

    fn findings(questionnaire: &str, answers: &str) -> Vec<Finding> {
        let text =
            format!("questionnaire = \"{questionnaire}\"\nentity = \"X\"\n[answers]\n{answers}");
        let q = Questionnaire::builtin_cached(questionnaire).unwrap();
        check(&parse(&text, Format::Toml).unwrap(), q).findings
    }

    #[test]
    fn unknown_questions_are_warnings_only_in_incomplete_editions() {
        let found = findings("hlpf-2026", "resources = \"R\"\n");
        let unknown: Vec<_> = found.iter().filter(|f| f.path == "resources").collect();
        assert_eq!(unknown.len(), 1, "{found:#?}");
        assert_eq!(unknown[0].code, Code::QuestionUnknown);
        assert!(
            unknown[0].message.contains("hlpf-2026"),
            "{}",
            unknown[0].message
        );
        assert!(!found.iter().any(|f| f.code == Code::UnknownKey));
        // The same key is an error in a complete edition.
        let complete = findings("hlpf-2024", "resourcs = \"R\"\n");
        assert!(complete.iter().any(|f| f.code == Code::UnknownKey));
        // Keys inside a known answer stay errors: the edition knows that question.
        let inner = findings(
            "hlpf-2026",
            "[[answers.events]]\nname = \"E\"\ncolour = \"red\"\n",
        );
        assert!(
            inner.iter().any(|f| f.code == Code::UnknownKey),
            "{inner:#?}"
        );
    }

    #[test]
    fn the_notice_names_what_is_known() {
        let q = Questionnaire::builtin_cached("hlpf-2026").unwrap();
        let line = notice(q).unwrap();
        assert!(line.contains("questions 1, 2, 3"), "{line}");
        assert!(!line.contains('\n'));
        assert_eq!(
            notice(Questionnaire::builtin_cached("hlpf-2024").unwrap()),
            None
        );
    }
}
