//! The Word documents qfill writes: the filled form of every example, of generated answers and
//! of awkward ones, and the digests of the examples. Always: each is a well-formed package that
//! the same answers write byte for byte. In the LibreOffice tier: LibreOffice opens each one and
//! converts it to text, in which every answer is found — numbers, bullets and check boxes as
//! Word shows them.
//!
//! The tier runs when `QFILL_TEST_LIBREOFFICE=1` (set by `.ci/run`, which installs
//! `libreoffice-writer`); then a missing LibreOffice is a failure. There the documents are written
//! by the binary (`qfill export … --to docx`, `qfill compile … --question ID --to docx`), and what
//! they must show is computed from the library's canonical answers and digest model.

use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use qfill::answers::{Answer, Answers, FieldValue, Record, Scalar};
use qfill::check::check;
use qfill::compile::markdown::{Digest, digest};
use qfill::compile::{ReadPlan, Setup, model::Compilation, tables};
use qfill::document::{Format, parse};
use qfill::docx::write::{ENTITY_LABELS, filled_form, no_records};
use qfill::fsio::Target;
use qfill::questionnaire::{FieldKind, QuestionKind, Questionnaire, Records};
use qfill::rules::sdgs::SdgSet;

use crate::common::{Scratch, qfill, repo};

/// Answers no example holds: markup characters, nested bullets, breaks and tabs, an initiative
/// the edition does not list, no events, notes.
const AWKWARD: &str = r#"
questionnaire = "hlpf-2024"
entity = "Office for <Awkward> & \"Quoted\" Texts (OAQT)"
submitted = "2024-03-01"
notes = ["A note with a tab\there.", "A note on\ntwo lines."]

[contact]
name = "Ana O'Neil"
email = "ana@example.org"

[answers]
governing_body = """
The Board decided:
- to act on water
  - in rivers
    - in deltas
  - in lakes
- to report yearly

Then a line
broken in two, and a tab\there.

  Indented start and trailing spaces   """
recommendations = "Use 5 < 6 & 7 > 3, say \"why\" and 'how'."
events = []

[answers.high_impact]
initiatives = ["Energy Compacts", "Ocean Decade Alliance"]
text = "We back the Energy Compacts and the Ocean Decade Alliance."

[[answers.resources]]
name = "Guide"
sdgs = "all"
publishers = ["UNEP", "FAO"]
audience = "Planners"
description = "- first point\n- second point"
languages = ["el", "ny", "ar"]
"#;

/// A response to write: its name, its answers, the edition they answer, and the file and flags
/// the binary exports it from.
struct Response {
    name: String,
    answers: Answers,
    q: Questionnaire,
    source: PathBuf,
    flags: Vec<String>,
}

fn read(name: &str, source: &Path, format: Format) -> Response {
    let text = fs::read_to_string(source).unwrap();
    let doc = parse(&text, format).unwrap_or_else(|e| panic!("{name}: {e:?}"));
    let id = doc
        .get("questionnaire")
        .and_then(|n| n.as_str())
        .unwrap_or(qfill::questionnaire::DEFAULT_ID)
        .to_string();
    let q = Questionnaire::builtin(&id).unwrap().unwrap();
    Response {
        name: name.to_string(),
        answers: check(&doc, &q).answers,
        q,
        source: source.to_path_buf(),
        flags: Vec::new(),
    }
}

/// The examples, six generated responses, the awkward one and a blank form of another edition.
fn responses(dir: &Path) -> Vec<Response> {
    let mut out = Vec::new();
    let mut examples: Vec<PathBuf> = fs::read_dir(repo("examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    examples.sort();
    for path in examples {
        let format = Format::from_extension(path.to_str().unwrap()).unwrap();
        let name = path.file_stem().unwrap().to_str().unwrap();
        let ext = format.as_str();
        out.push(read(&format!("{name}-{ext}"), &path, format));
    }
    let generated = dir.join("generated");
    let q = Questionnaire::default_builtin();
    crate::generator::generate(&generated, 6, crate::generator::Format::Toml, &q);
    let mut files: Vec<PathBuf> = fs::read_dir(&generated)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    for path in files {
        let name = format!("generated-{}", path.file_stem().unwrap().to_str().unwrap());
        out.push(read(&name, &path, Format::Toml));
    }
    let awkward = dir.join("awkward.toml");
    fs::write(&awkward, AWKWARD).unwrap();
    out.push(read("awkward", &awkward, Format::Toml));
    // A blank form of an edition numbered `A`, `B.1`, `B.2`: numbers that are not counts.
    let pilot = repo("tests/data/pilot-2026.toml");
    let blank = dir.join("pilot-blank.toml");
    fs::write(&blank, "questionnaire = \"pilot-2026\"\n[answers]\n").unwrap();
    out.push(Response {
        name: "pilot-blank".to_string(),
        answers: Answers::default(),
        q: Questionnaire::from_file(&pilot).unwrap(),
        source: blank,
        flags: vec!["-q".to_string(), pilot.display().to_string()],
    });
    out
}

/// The digests' questions.
const DIGESTS: [&str; 3] = ["governing_body", "events", "recommendations"];

/// The examples compiled with the test roster, and the digests of three questions, titled as
/// `compile --question` titles them.
fn digests() -> Vec<(String, Digest)> {
    let setup = Setup::new(Vec::new(), Some(&repo("tests/data/roster.csv"))).unwrap();
    let sources = qfill::input::expand(&[repo("examples").to_str().unwrap().to_string()], false);
    let mut compilation = Compilation::default();
    let mut err = Vec::new();
    let (plan, silent) = (ReadPlan::default(), &qfill::batch::Silent);
    tables(
        &setup,
        &sources,
        plan,
        &mut compilation,
        &mut err,
        silent,
        &Target::Stdout,
    )
    .unwrap();
    DIGESTS
        .iter()
        .map(|id| {
            let (topic, title) = setup.question_topic(id).unwrap();
            (format!("digest-{id}"), digest(&compilation, &topic, &title))
        })
        .collect()
}

fn unzip(bytes: &[u8]) -> Vec<(String, String)> {
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).unwrap();
            let mut text = String::new();
            file.read_to_string(&mut text).unwrap();
            (file.name().unwrap().to_string(), text)
        })
        .collect()
}

#[test]
fn every_form_and_digest_is_a_well_formed_package_written_the_same_each_time() {
    let dir = Scratch::new();
    let mut documents: Vec<(String, Vec<u8>, Vec<u8>)> = responses(dir.path())
        .iter()
        .map(|r| {
            let once = filled_form(&r.answers, &r.q);
            (r.name.clone(), once, filled_form(&r.answers, &r.q))
        })
        .collect();
    for (name, digest) in digests() {
        let once = qfill::docx::write::digest(&digest);
        documents.push((name, once, qfill::docx::write::digest(&digest)));
    }
    assert!(documents.len() >= 15, "{}", documents.len());
    for (name, once, twice) in &documents {
        assert_eq!(once, twice, "{name}: the same input, other bytes");
        let parts = unzip(once);
        assert_eq!(parts[0].0, "[Content_Types].xml", "{name}");
        for (part, text) in &parts {
            roxmltree::Document::parse(text).unwrap_or_else(|e| panic!("{name}: {part}: {e}"));
        }
    }
}

/// Whitespace runs as one space: LibreOffice's text puts list glyphs, tabs and line breaks its
/// own way.
fn squeeze(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The glyph LibreOffice shows before a list item of a level (the form's bullet list).
fn glyph(level: usize) -> char {
    ['\u{2022}', '\u{25e6}', '\u{25aa}'][level % 3]
}

/// What a free text shows: each line, a list item (`- `, two spaces of indent a level) after its
/// glyph.
fn text_pieces(text: &str) -> Vec<String> {
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|line| {
            let rest = line.trim_start_matches(' ');
            let level = (line.len() - rest.len()) / 2;
            match rest.strip_prefix("- ") {
                Some(item) => format!("{} {item}", glyph(level)),
                None => line.to_string(),
            }
        })
        .collect()
}

fn scalar(value: &Scalar) -> Option<String> {
    match value {
        Scalar::Text(text) => Some(text.clone()),
        Scalar::Raw(node) => node.as_str().map(str::to_string),
    }
}

/// What a record's field shows, as the form's rules say: goals `1, 3, 5` or `All`, dates as
/// their text, each place `City, Country`, languages by name, every entry of a list.
fn value_pieces(kind: FieldKind, value: &FieldValue) -> Vec<String> {
    match value {
        FieldValue::Text(text) if kind == FieldKind::Paragraphs => text_pieces(text),
        FieldValue::Sdgs(SdgSet::All) | FieldValue::All => vec!["All".to_string()],
        FieldValue::Sdgs(SdgSet::Goals(goals)) => {
            let goals: Vec<String> = goals.iter().map(u8::to_string).collect();
            vec![goals.join(", ")]
        }
        FieldValue::Places(places) => places.iter().map(ToString::to_string).collect(),
        FieldValue::List(items) => items
            .iter()
            .map(|item| match kind {
                FieldKind::Languages => qfill::refdata::language_name(item)
                    .unwrap_or(item)
                    .to_string(),
                _ => item.clone(),
            })
            .collect(),
        other => vec![other.to_plain()],
    }
}

/// A record table per record, or one empty table when there is none: its title and labels,
/// and the values there are.
fn record_pieces(def: &Records, records: &[Record], out: &mut Vec<String>) {
    let mut label = def.record_label.clone();
    label[..1].make_ascii_uppercase();
    let empty = [Record::default()];
    let tables = if records.is_empty() {
        &empty[..]
    } else {
        records
    };
    for (i, record) in tables.iter().enumerate() {
        out.push(format!("{label} {}", i + 1));
        for field in &def.fields {
            out.push(squeeze(&field.label));
            if let Some((_, value)) = record.fields.iter().find(|(id, _)| *id == field.id) {
                out.extend(value_pieces(field.kind, value));
            }
        }
    }
}

/// Everything a filled form must show for its answers.
fn form_pieces(answers: &Answers, q: &Questionnaire) -> Vec<String> {
    let mut out: Vec<String> = ENTITY_LABELS
        .iter()
        .map(std::string::ToString::to_string)
        .collect();
    out.extend(
        [&answers.entity, &answers.submitted]
            .into_iter()
            .flatten()
            .filter_map(scalar),
    );
    out.extend(answers.contact.iter().filter_map(|(_, v)| scalar(v)));
    for question in &q.questions {
        out.push(format!("{}. {}", question.number, squeeze(&question.text)));
        match (&question.kind, answers.answer(&question.id)) {
            (QuestionKind::Records(def), Some(Answer::Records(records))) => {
                if records.is_empty() {
                    out.push(no_records(def));
                }
                record_pieces(def, records, &mut out);
            }
            (QuestionKind::Records(def), other) => {
                if let Some(Answer::Raw(node)) = other {
                    out.extend(node.as_str().map(text_pieces).unwrap_or_default());
                }
                record_pieces(def, &[], &mut out);
            }
            (QuestionKind::ChoicesText(def), Some(Answer::Choices { selected, text, .. })) => {
                let chosen = selected.clone().unwrap_or_default();
                for choice in &def.choices {
                    let ticked = chosen.contains(choice);
                    out.push(format!(
                        "{} {choice}",
                        if ticked { '\u{2612}' } else { '\u{2610}' }
                    ));
                }
                for name in chosen.iter().filter(|c| !def.choices.contains(c)) {
                    out.push(format!("\u{2612} {name}"));
                }
                out.extend(text.iter().flat_map(|t| text_pieces(t)));
            }
            (_, Some(Answer::Text(text))) => out.extend(text_pieces(text)),
            (_, Some(Answer::Raw(node))) => {
                out.extend(node.as_str().map(text_pieces).unwrap_or_default());
            }
            _ => {}
        }
    }
    if !answers.notes.is_empty() {
        out.push("Notes".to_string());
        out.extend(answers.notes.iter().cloned());
    }
    out
}

/// Everything a digest must show.
fn digest_pieces(digest: &Digest) -> Vec<String> {
    let mut out = vec![digest.title.clone()];
    for entry in &digest.entries {
        out.push(entry.heading.clone());
        let Some(file) = &entry.file else {
            out.push("no response".to_string());
            continue;
        };
        for text in &entry.texts {
            out.push(format!("{} words", text.words));
            out.extend(text_pieces(&text.text));
        }
        for record in &entry.records {
            out.push(format!("{}. {}", record.number, record.name));
            for (label, value) in &record.fields {
                out.push(format!("{} {label}: {}", glyph(0), value.trim()));
            }
        }
        if !entry.answered() {
            out.push(file.clone());
        }
    }
    out
}

fn office() -> Option<&'static str> {
    ["soffice", "libreoffice"].into_iter().find(|tool| {
        Command::new(tool)
            .arg("--version")
            .output()
            .is_ok_and(|o| o.status.success())
    })
}

#[test]
fn libreoffice_shows_every_answer_of_the_forms_and_digests_qfill_writes() {
    if std::env::var("QFILL_TEST_LIBREOFFICE").as_deref() != Ok("1") {
        return;
    }
    let tool = office().expect(
        "QFILL_TEST_LIBREOFFICE=1 but neither `soffice` nor `libreoffice` runs; install libreoffice-writer",
    );
    let dir = Scratch::new();
    let written = dir.path().join("docx");
    fs::create_dir_all(&written).unwrap();
    let mut expected: Vec<(String, Vec<String>)> = Vec::new();
    for r in responses(dir.path()) {
        let out = written.join(format!("{}.docx", r.name));
        let export = qfill()
            .arg("export")
            .arg(&r.source)
            .args(["--to", "docx", "-o"])
            .arg(&out)
            .args(&r.flags)
            .output()
            .unwrap();
        assert!(
            out.exists(),
            "{}: {}",
            r.name,
            String::from_utf8_lossy(&export.stderr)
        );
        expected.push((r.name.clone(), form_pieces(&r.answers, &r.q)));
    }
    for (name, digest) in digests() {
        let out = written.join(format!("{name}.docx"));
        let id = name.trim_start_matches("digest-");
        let compile = qfill()
            .arg("compile")
            .arg(repo("examples"))
            .arg("--roster")
            .arg(repo("tests/data/roster.csv"))
            .args(["--question", id, "-o"])
            .arg(&out)
            .output()
            .unwrap();
        assert!(
            compile.status.success(),
            "{name}: {}",
            String::from_utf8_lossy(&compile.stderr)
        );
        expected.push((name, digest_pieces(&digest)));
    }
    let converted = dir.path().join("txt");
    let output = Command::new(tool)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("profile").display()
        ))
        .args([
            "--headless",
            "--convert-to",
            "txt:Text (encoded):UTF8",
            "--outdir",
        ])
        .arg(&converted)
        .args(
            expected
                .iter()
                .map(|(name, _)| written.join(format!("{name}.docx"))),
        )
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{tool}: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let mut missing = Vec::new();
    for (name, pieces) in &expected {
        let path = converted.join(format!("{name}.txt"));
        let text = fs::read_to_string(&path).unwrap_or_else(|e| {
            panic!(
                "{tool} wrote no {}: {e}; {}",
                path.display(),
                String::from_utf8_lossy(&output.stdout)
            )
        });
        let text = squeeze(&text);
        assert!(pieces.len() > 5, "{name}: {pieces:?}");
        for piece in pieces {
            if !text.contains(&squeeze(piece)) {
                missing.push(format!("{name}: `{piece}`"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "not in LibreOffice's text:\n{}",
        missing.join("\n")
    );
}

/// Everything `export` writes to the Word form, `import` (and every reader) gives back: the same
/// canonical answers, read through the binary both ways, for the examples of every edition,
/// generated answers, awkward ones and a blank form. The one difference allowed is Q4's: boxes
/// shown and none ticked read as `initiatives = []`.
#[test]
fn export_to_word_then_read_gives_back_the_canonical_answers() {
    let dir = Scratch::new();
    let toml_of = |source: &Path, flags: &[String]| -> toml::Table {
        let output = qfill()
            .arg("export")
            .arg(source)
            .args(["--to", "toml"])
            .args(flags)
            .output()
            .unwrap();
        let text = String::from_utf8(output.stdout).unwrap();
        text.parse()
            .unwrap_or_else(|e| panic!("{}: {e}\n{text}", source.display()))
    };
    for r in responses(dir.path()) {
        let form = dir.path().join(format!("{}.docx", r.name));
        let export = qfill()
            .arg("export")
            .arg(&r.source)
            .arg("-o")
            .arg(&form)
            .args(&r.flags)
            .output()
            .unwrap();
        assert!(
            form.exists(),
            "{}: {}",
            r.name,
            String::from_utf8_lossy(&export.stderr)
        );
        let want = toml_of(&r.source, &r.flags);
        let mut back = toml_of(&form, &r.flags);
        // Q4's boxes are shown whether or not the answer named initiatives.
        let answered = |t: &toml::Table, q: &str, key: &str| {
            t.get("answers")
                .and_then(|a| a.get(q))
                .and_then(|a| a.get(key))
                .is_some()
        };
        for question in
            r.q.questions
                .iter()
                .filter(|q| matches!(q.kind, QuestionKind::ChoicesText(_)))
        {
            let QuestionKind::ChoicesText(def) = &question.kind else {
                unreachable!()
            };
            if !answered(&want, &question.id, &def.choices_key)
                && let Some(table) = back
                    .get_mut("answers")
                    .and_then(|a| a.get_mut(&question.id))
                    .and_then(|a| a.as_table_mut())
            {
                assert_eq!(
                    table.remove(&def.choices_key),
                    Some(toml::Value::Array(Vec::new())),
                    "{}",
                    r.name
                );
                if table.is_empty() {
                    back["answers"].as_table_mut().unwrap().remove(&question.id);
                }
            }
        }
        assert_eq!(back, want, "{}: the Word form read back", r.name);
    }
}
