//! What every fuzz target checks, shared by the targets (`fuzz/fuzz_targets/*.rs`) and by the
//! regression test (`tests/it/fuzz_regressions.rs`), which includes this file with `#[path]`.
//!
//! Each function takes raw bytes, as libFuzzer gives them, and panics when a property that must
//! hold for ANY input fails:
//!
//! * nothing panics, whatever the input (the library's own panics are what the fuzzer finds);
//! * every finding placed at a line and column is placed inside the text;
//! * the canonical TOML and JSON that qfill writes for answers it read always parse again, and
//!   reading and writing them once more gives the same text (`fmt` is idempotent, `export`
//!   writes what `validate` and `fmt` accept).

use std::sync::OnceLock;

use qfill::answers::Answers;
use qfill::check::check;
use qfill::document::resolve_positions;
use qfill::document::{self, Format};
use qfill::export::{Legacy, Markdown, Render};
use qfill::finding::Finding;
use qfill::import::import;
use qfill::questionnaire::{Questionnaire, parse_definition};
use qfill::validate::Validator;

/// The target `answers_toml` and `answers_json`: read an answers file as `validate`, `fmt` and
/// `export` do, then write it in both formats.
pub fn answers(data: &[u8], format: Format) {
    let Some(text) = text(data) else { return };
    let validator = Validator::default();
    let (mut findings, checked) = validator.validate_text(text, format);
    resolve_positions(&mut findings, text);
    positions_inside(&findings, text);
    let Some(checked) = checked else { return };
    // The questionnaire `validate_text` picked: the one the file names, else the default.
    let questionnaire =
        qfill::questionnaire::applicable(None, checked.answers.questionnaire.as_deref())
            .questionnaire()
            .expect("a file naming an unknown questionnaire is not checked");
    writers(&checked.answers, questionnaire);
}

/// The target `definition`: load a questionnaire definition, then use what loaded to check,
/// import and write the examples.
pub fn definition(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let questionnaire = match parse_definition(text, "fuzz.toml") {
        Ok(questionnaire) => questionnaire,
        Err(e) => {
            if let Some((line, column)) = e.position {
                assert_inside(line, column, text, &e.to_string());
            }
            return;
        }
    };
    assert!(
        !questionnaire.questions.is_empty(),
        "a definition with no question loaded"
    );
    let _ = qfill::schema::answers_schema(&questionnaire).to_string();
    for example in examples() {
        let checked = check(example, &questionnaire);
        writers(&checked.answers, &questionnaire);
    }
    let imported = import(LEGACY_EXAMPLE, &questionnaire);
    positions_inside(&imported.findings, LEGACY_EXAMPLE);
    writers(&imported.answers, &questionnaire);
}

/// The target `legacy_import`: import legacy text as `qfill import` does, then write the
/// answers in every format and import the legacy rendering again.
pub fn legacy_import(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let questionnaire = builtin();
    let imported = import(text, questionnaire);
    // Findings are placed in the text without its BOM, as `import` reads it.
    let placed = text.strip_prefix('\u{feff}').unwrap_or(text);
    positions_inside(&imported.findings, placed);
    writers(&imported.answers, questionnaire);
    let legacy = Legacy.render(&imported.answers, questionnaire);
    let _ = import(&legacy, questionnaire);
}

/// Text as `qfill` reads it: UTF-8 (other bytes are refused before any parser sees them).
fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}

fn builtin() -> &'static Questionnaire {
    Questionnaire::builtin_cached(qfill::questionnaire::DEFAULT_ID)
        .expect("the default questionnaire is built in")
}

const LEGACY_EXAMPLE: &str = include_str!("../tests/data/legacy-example.txt");

/// The example answers files, parsed once.
fn examples() -> &'static [document::Node] {
    static EXAMPLES: OnceLock<Vec<document::Node>> = OnceLock::new();
    EXAMPLES.get_or_init(|| {
        [
            (include_str!("../examples/response.toml"), Format::Toml),
            (include_str!("../examples/response.json"), Format::Json),
            (include_str!("../examples/warnings.toml"), Format::Toml),
        ]
        .into_iter()
        .map(|(text, format)| document::parse(text, format).expect("the examples parse"))
        .collect()
    })
}

/// The canonical writers: TOML and JSON parse again and are a fixed point of read-then-write;
/// Markdown and the legacy layout do not panic.
pub fn writers(answers: &Answers, questionnaire: &Questionnaire) {
    for format in [Format::Toml, Format::Json] {
        let once = answers.to_text(format);
        let doc = document::parse(&once, format).unwrap_or_else(|e| {
            panic!(
                "qfill wrote {} it cannot read ({}, at {:?}):\n{once}",
                format.as_str(),
                e.message,
                e.position
            )
        });
        let again = check(&doc, questionnaire).answers;
        let twice = again.to_text(format);
        assert_eq!(
            once,
            twice,
            "writing the {} qfill wrote changes it",
            format.as_str()
        );
    }
    let _ = Markdown.render(answers, questionnaire);
    let _ = Legacy.render(answers, questionnaire);
}

fn positions_inside(findings: &[Finding], text: &str) {
    for finding in findings {
        if let (Some(line), Some(column)) = (finding.line, finding.column) {
            assert_inside(line, column, text, &finding.message);
        }
    }
}

/// A 1-based line and column that a person could find: the line exists and the column is at
/// most one past its last character.
fn assert_inside(line: usize, column: usize, text: &str, what: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    assert!(
        line >= 1 && line <= lines.len(),
        "line {line} of {} for {what}",
        lines.len()
    );
    let length = lines[line - 1].chars().count();
    assert!(
        column >= 1 && column <= length + 1,
        "column {column} of a line of {length} characters for {what}"
    );
}
