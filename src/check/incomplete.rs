//! What an incomplete edition changes for a file checked against it: an answer to a question the
//! definition does not know yet is a `question-unknown` warning (the question may well exist in
//! the survey) instead of an `unknown-key` error. The answer itself is kept as written, as every
//! unknown key is.

use crate::finding::Code;
use crate::questionnaire::Questionnaire;
use crate::rules::Problem;

/// The `question-unknown` warning for an answer under `[answers]` whose key `questionnaire` (an
/// incomplete edition) does not know; `near` is the nearest question id, in case it is misspelt.
pub(super) fn unknown_question(
    questionnaire: &Questionnaire,
    key: &str,
    near: Option<&str>,
) -> Problem {
    let misspelt = match near {
        Some(near) => format!("rename it to `{near}`"),
        None => {
            let known: Vec<String> = questionnaire
                .questions
                .iter()
                .map(|q| format!("`{}`", q.id))
                .collect();
            format!("use one of {}", known.join(", "))
        }
    };
    Problem::new(
        Code::QuestionUnknown,
        format!(
            "`{key}` is not a question {} knows: its definition is incomplete, so the answer is kept as written",
            questionnaire.id
        ),
    )
    .hint(format!(
        "keep it if it answers a question of {} that qfill does not know yet; if the key is misspelt, {misspelt}",
        questionnaire.id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::check;
    use crate::document::{Format, parse};
    use crate::finding::Finding;

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
}
