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
//!   writes what `validate` and `fmt` accept);
//! * a Word form's blocks and findings point at paragraphs and rows it has, and a file that is
//!   no form is one finding of one line;
//! * `definition from-text` never writes a definition that does not load.
//! * answers carried by `migrate` to every other built-in edition and back give the canonical
//!   original, or keep every value of what did not come back in a note with a finding.

use std::sync::OnceLock;

use std::io::Write;

use qfill::answers::Answers;
use qfill::check::check;
use qfill::definition::from_text::{FormError, FormPlace, FromText, from_form, from_text};
use qfill::document::resolve_positions;
use qfill::document::{self, Format};
use qfill::docx::{Form, Limits};
use qfill::export::{Legacy, Markdown, Render};
use qfill::finding::{Anchor, Finding};
use qfill::import::{import, import_form};
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

/// The target `docx_flatten`: XML inside a valid package, read as `qfill import FILE.docx`
/// reads it; then the answers written in every format, and the form read as a blank form.
///
/// The input is the main part (`word/document.xml`); after each `<!--part-->` comes the next
/// part of numbering, styles, footnotes and a header, so that the fuzzer reaches them too.
pub fn docx_flatten(data: &[u8]) {
    let Some(form) = docx_form(&package(data, "<!--part-->")) else {
        return;
    };
    let questionnaire = builtin();
    let imported = import_form(&form, questionnaire);
    for finding in &imported.findings {
        if let Anchor::Offset(at) = finding.anchor {
            assert!(
                at < form.spots.len(),
                "a finding at {at} of {}",
                form.spots.len()
            );
            assert!(
                finding.place.is_some(),
                "a finding in a form without a place: {finding:?}"
            );
        }
        assert!(finding.line.is_none(), "a line in a form: {finding:?}");
    }
    writers(&imported.answers, questionnaire);
    blank_form(from_form(&form, "fuzz", "fuzz.docx"), None);
}

/// The target `definition_from_text`: a blank form for `qfill definition from-text`, as text,
/// or, when it starts with `<`, as the main part of a .docx.
pub fn definition_from_text(data: &[u8]) {
    if data.starts_with(b"<") {
        if let Some(form) = docx_form(&package(data, "<!--part-->")) {
            blank_form(from_form(&form, "fuzz", "fuzz.docx"), None);
        }
        return;
    }
    let Some(text) = text(data) else { return };
    let lines = text
        .strip_prefix('\u{feff}')
        .unwrap_or(text)
        .lines()
        .count();
    blank_form(from_text(text, "fuzz", "fuzz.txt"), Some(lines));
}

/// What `definition from-text` made: a definition that loads (`from_text` loads it: failing to
/// is a bug), or no question; warnings at lines the text has.
fn blank_form(made: Result<FromText, FormError>, lines: Option<usize>) {
    let made = match made {
        Ok(made) => made,
        Err(FormError::NoQuestion) => return,
        Err(FormError::NotLoaded(e)) => {
            panic!("from-text wrote a definition that does not load: {e}")
        }
    };
    assert!(!made.definition.questions.is_empty());
    // The TOML is the definition.
    let again = parse_definition(&made.toml, "fuzz.toml").expect("the TOML written loads");
    assert_eq!(again, made.definition);
    for warning in &made.warnings {
        if let (FormPlace::Line(line), Some(lines)) = (warning.place, lines) {
            assert!(
                line >= 1 && line <= lines.max(1),
                "line {line} of {lines}: {}",
                warning.message
            );
        }
        assert!(!warning.message.contains('\n'), "{}", warning.message);
    }
}

/// A Word form read from a package, checked for what any form must be: every block and
/// finding at a spot the form has; or a failure of one finding, on one line.
fn docx_form(package: &[u8]) -> Option<Form> {
    let limits = Limits {
        max_size: 4 * 1024 * 1024,
    };
    let form = match qfill::docx::read_bytes(package, limits) {
        Ok(form) => form,
        Err(finding) => {
            assert!(!finding.message.contains('\n'), "{}", finding.message);
            return None;
        }
    };
    for block in &form.blocks {
        assert!(
            block.span.start < form.spots.len(),
            "a block at {:?}",
            block.span
        );
    }
    for skipped in &form.skipped {
        if let Some(span) = &skipped.span {
            assert!(span.start < form.spots.len(), "skipped text at {span:?}");
        }
    }
    for finding in &form.findings {
        if let Anchor::Offset(at) = finding.anchor {
            assert!(at < form.spots.len(), "a finding at {at}");
        }
    }
    Some(form)
}

/// A .docx package around `data`: the main part, then (split at `separator`) numbering,
/// styles, footnotes and a header, each related to the main part. Stored, not compressed: the
/// reader's work is the point, not inflating.
pub fn package(data: &[u8], separator: &str) -> Vec<u8> {
    const REL: &str = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
    let mut parts = split(data, separator.as_bytes()).into_iter();
    let document = parts.next().unwrap_or_default();
    let related = [
        ("numbering", "numbering.xml"),
        ("styles", "styles.xml"),
        ("footnotes", "footnotes.xml"),
        ("header", "header1.xml"),
    ];
    let mut files: Vec<(String, Vec<u8>)> = vec![
        (
            "_rels/.rels".into(),
            format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>"#).into_bytes(),
        ),
        ("word/document.xml".into(), document.to_vec()),
    ];
    let mut rels = String::new();
    for ((kind, name), part) in related.iter().zip(parts) {
        rels.push_str(&format!(
            r#"<Relationship Id="r{kind}" Type="{REL}/{kind}" Target="{name}"/>"#
        ));
        files.push((format!("word/{name}"), part.to_vec()));
    }
    files.push((
        "word/_rels/document.xml.rels".into(),
        format!(r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">{rels}<Relationship Id="rIdLink" Type="{REL}/hyperlink" Target="https://example.org/fuzz" TargetMode="External"/></Relationships>"#).into_bytes(),
    ));
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    for (name, bytes) in files {
        zip.start_file(name, options).expect("a file starts");
        zip.write_all(&bytes).expect("a file is written");
    }
    zip.finish().expect("the zip is finished").into_inner()
}

fn split<'a>(data: &'a [u8], separator: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    let mut rest = data;
    while let Some(at) = rest
        .windows(separator.len())
        .position(|window| window == separator)
    {
        parts.push(&rest[..at]);
        rest = &rest[at + separator.len()..];
    }
    parts.push(rest);
    parts
}

/// The target `migrate`: an answers file (TOML, or JSON when it starts with `{`) as `qfill
/// migrate` reads it, carried to every other built-in edition and back (see [`round_trips`]).
pub fn migrate(data: &[u8]) {
    let Some(text) = text(data) else { return };
    let format = if text
        .trim_start_matches('\u{feff}')
        .trim_start()
        .starts_with('{')
    {
        Format::Json
    } else {
        Format::Toml
    };
    round_trips(text, format);
}

/// Reads `text` as `validate` does and carries its answers to every other built-in edition and
/// back, as `qfill migrate` does (written, read and checked at each step). Panics unless the
/// result is the canonical original (`[draft]`, fill's progress, aside), or, where an answer did
/// not come back, the result keeps the original's notes first, and a note it adds holds every
/// value of that answer and gets a `notes-answers` finding.
pub fn round_trips(text: &str, format: Format) {
    use qfill::finding::Code;
    use qfill::input::{Kind, Text};
    let validator = Validator::default();
    let (findings, checked) = validator.validate_text(text, format);
    let Some(checked) = checked else { return };
    let Some(from) =
        qfill::questionnaire::applicable(None, checked.answers.questionnaire.as_deref())
            .questionnaire()
    else {
        return;
    };
    // A file that already holds answers in notes may see them placed on the way: only nothing
    // lost is promised then.
    let strict = !findings.iter().any(|f| f.code == Code::NotesAnswers);
    let original = checked.answers;
    let source = Text {
        text: text.to_string(),
        kind: Kind::Answers(format),
    };
    for id in Questionnaire::builtin_ids() {
        let to = Questionnaire::builtin_cached(id).expect("a built-in edition");
        if to.id == from.id {
            continue;
        }
        let there = qfill::migrate::rewrite(&original, Some(&source), from, to, Format::Toml)
            .unwrap_or_else(|e| panic!("to {}: {e}", to.id));
        let there_doc = document::parse(&there.text, Format::Toml)
            .unwrap_or_else(|e| panic!("to {}, unreadable: {}\n{}", to.id, e.message, there.text));
        let there_answers = check(&there_doc, to).answers;
        let there_source = Text {
            text: there.text.clone(),
            kind: Kind::Answers(Format::Toml),
        };
        let back =
            qfill::migrate::rewrite(&there_answers, Some(&there_source), to, from, Format::Toml)
                .unwrap_or_else(|e| panic!("back from {}: {e}", to.id));
        let back_doc = document::parse(&back.text, Format::Toml).unwrap_or_else(|e| {
            panic!(
                "back from {}, unreadable: {}\n{}",
                to.id, e.message, back.text
            )
        });
        let got = check(&back_doc, from);
        let what = || format!("{} -> {} -> {}:\n{}", from.id, to.id, from.id, back.text);
        if let Some(draft) = &got.answers.draft {
            assert!(
                draft.carried.is_none()
                    || original.draft.as_ref().is_some_and(|d| d.carried.is_some()),
                "carried is gone back home: {}",
                what()
            );
        }
        let mut expected = original.clone();
        let mut result = got.answers.clone();
        expected.draft = None;
        result.draft = None;
        // migrate writes the edition it carried the answers to, named or not in the file.
        expected.questionnaire = Some(from.id.clone());
        expected.extra.retain(|(key, _)| key != "questionnaire");
        if expected.to_text(Format::Toml) == result.to_text(Format::Toml) {
            continue;
        }
        // An answer the file's edition does not know, read by the other edition as its own
        // question's: it comes back read (in a note, say), not as written.
        let read_there = |key: &str| from.question(key).is_none() && to.question(key).is_some();
        let mut as_known = expected.clone();
        as_known.answers.retain(|(key, _)| !read_there(key));
        // Nothing lost: every value of the original is in the result, in an answer or a note.
        let everything = words_of(&node_text(&result.to_node()));
        for value in leaves(&as_known.to_node()) {
            assert!(
                everything.contains(&words_of(&value)),
                "`{value}` is lost: {}",
                what()
            );
        }
        if !strict {
            continue;
        }
        // Everything but the answers and notes as the original, as written.
        let outside = |a: &qfill::answers::Answers| {
            qfill::answers::Answers {
                answers: Vec::new(),
                notes: Vec::new(),
                ..a.clone()
            }
            .to_text(Format::Toml)
        };
        assert_eq!(outside(&expected), outside(&result), "{}", what());
        assert!(
            result.notes.starts_with(&expected.notes),
            "the file's own notes come first: {}",
            what()
        );
        let added = &result.notes[expected.notes.len()..];
        for (key, answer) in &expected.answers {
            let single = |a: &qfill::answers::Answer| {
                node_text(
                    &qfill::answers::Answers {
                        answers: vec![(key.clone(), a.clone())],
                        ..Default::default()
                    }
                    .to_node(),
                )
            };
            let now = result.answer(key);
            if now.is_some_and(|now| single(now) == single(answer)) {
                continue;
            }
            if read_there(key) {
                continue;
            }
            let values = leaves(
                &qfill::answers::Answers {
                    answers: vec![(key.clone(), answer.clone())],
                    ..Default::default()
                }
                .to_node(),
            );
            let kept = added.iter().enumerate().find(|(_, note)| {
                let note = words_of(note);
                values.iter().all(|v| note.contains(&words_of(v)))
            });
            let Some((index, _)) = kept else {
                panic!("`{key}` did not come back and no note keeps it: {}", what());
            };
            let path = format!("notes[{}]", expected.notes.len() + index);
            assert!(
                got.findings
                    .iter()
                    .any(|f| f.code == Code::NotesAnswers && f.path == path),
                "{path} keeps `{key}` without a notes-answers finding: {}",
                what()
            );
        }
    }
}

/// The text of every leaf value of a tree, under the answers and elsewhere (keys aside).
fn leaves(node: &document::Node) -> Vec<String> {
    let mut out = Vec::new();
    walk(node, &mut out);
    out
}

fn walk(node: &document::Node, out: &mut Vec<String>) {
    use qfill::document::Value;
    match &node.value {
        Value::Array(items) => items.iter().for_each(|i| walk(i, out)),
        Value::Table(entries) => entries.iter().for_each(|e| walk(&e.node, out)),
        Value::String(s) | Value::Datetime(s) => out.push(s.to_string()),
        Value::Null => {}
        // As a note writes a value that is not text: in JSON.
        Value::Bool(_) | Value::Integer(_) | Value::Float(_) => {
            out.push(qfill::answers::node_json(node).to_string());
        }
    }
}

/// Every leaf of a tree, one after another.
fn node_text(node: &document::Node) -> String {
    leaves(node).join("\n")
}

/// Text as its words, one space between them, to find a value again whatever lines it was
/// written on.
fn words_of(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
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
