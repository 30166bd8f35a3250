//! What the checker's tests share: a file header, a sample event, and findings as tuples.

use super::check;
use crate::document::resolve_positions;
use crate::document::{Format, parse};
use crate::finding::Code;
use crate::questionnaire::Questionnaire;

/// The top of every test file, up to `[answers]`.
pub const HEADER: &str = "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\n";

/// (code, path, line) of each finding for a TOML answers file, with [`HEADER`] above it.
pub fn findings(answers: &str) -> Vec<(Code, String, Option<usize>)> {
    let text = format!("{HEADER}{answers}");
    let doc = parse(&text, Format::Toml).expect(&text);
    let mut checked = check(&doc, &Questionnaire::default_builtin());
    resolve_positions(&mut checked.findings, &text);
    checked
        .findings
        .into_iter()
        // Whole questions left out are not what these cases are about.
        .filter(|f| f.code != Code::NotAnswered)
        .map(|f| (f.code, f.path, f.line))
        .collect()
}

/// The codes of [`findings`].
pub fn codes(answers: &str) -> Vec<Code> {
    findings(answers).into_iter().map(|f| f.0).collect()
}

const EVENT: &str = "name = \"E\"\ndates = \"2023-03-30\"\nlocation = { city = \"Apia\", country = \"Samoa\" }\nsdgs = [13]\ndescription = \"Short.\"\n";

/// A clean event, then `extra` lines.
pub fn event(extra: &str) -> String {
    format!("[[answers.events]]\n{EVENT}{extra}")
}

/// A clean event with `field` set to `value`.
pub fn event_with(field: &str, value: &str) -> String {
    let base: String = EVENT
        .lines()
        .filter(|l| !l.starts_with(&format!("{field} =")))
        .map(|l| format!("{l}\n"))
        .collect();
    format!("[[answers.events]]\n{base}{field} = {value}\n")
}
