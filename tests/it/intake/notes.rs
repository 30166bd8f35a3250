//! Answers kept in notes compiled under their question (item 6).

use std::fs;
use std::path::Path;

use super::expected::{self, DIR};
use super::harness::{compiled, count, page, run, texts};
use crate::common::{Scratch, repo};

#[test]
fn answers_kept_in_notes_are_compiled_under_their_question() {
    // The 2025 file is what `qfill migrate` writes from ESCWA's 2024 answers: its notes hold
    // the answers to every question hlpf-2025 does not ask.
    let dir = Scratch::new();
    let migrated = dir.at("escwa-2025.toml");
    let (code, stderr, _) = run(&[
        "migrate",
        expected::ESCWA_2024,
        "--edition",
        "hlpf-2025",
        "-o",
        &migrated,
    ]);
    assert_eq!(code, Some(0), "{stderr}");
    let notes = |path: &Path| -> toml::Value {
        let table: toml::Table = fs::read_to_string(path).unwrap().parse().unwrap();
        table["notes"].clone()
    };
    let in_intake = repo(&format!("{DIR}/{}", expected::ESCWA_2025));
    assert_eq!(notes(Path::new(&migrated)), notes(&in_intake));

    let source = expected::escwa_2024();
    let file = format!("{DIR}/{}", expected::ESCWA_2025);
    let records: usize = ["events", "resources", "initiatives"]
        .iter()
        .map(|q| source.records(q).len())
        .sum();
    assert_eq!(records, 6);
    let unep = expected::files()
        .into_iter()
        .find(|f| f.base() == "UNEP.toml")
        .unwrap();
    let plain = unep.doc.as_ref().unwrap()["notes"][0]
        .as_str()
        .unwrap()
        .to_string();

    let (outputs, stderr) = compiled(&[]);
    let totals = stderr.lines().last().unwrap();
    assert!(
        totals.contains(&format!(", {records} records read from notes, ")),
        "{totals}"
    );
    for tables in &outputs {
        let f = tables.format;
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            let rows = sheet.rows_where("file", &file);
            let names: Vec<&str> = rows.iter().map(|r| r[sheet.at("name")].as_str()).collect();
            let want: Vec<&str> = source
                .records(question)
                .iter()
                .map(|r| r["name"].as_str().unwrap())
                .collect();
            assert_eq!(names, want, "{f}: {question}");
            for row in rows {
                assert_eq!(row[sheet.at("via")], "notes", "{f}");
                assert_eq!(row[sheet.at("answered_in")], "hlpf-2024", "{f}");
                assert_eq!(row[sheet.at("edition")], "hlpf-2025", "{f}");
            }
            // The file's own records say where they come from too.
            for row in sheet.rows.iter().filter(|r| r[sheet.at("file")] != file) {
                assert_eq!(row[sheet.at("via")], "", "{f}");
                assert_eq!(
                    row[sheet.at("answered_in")],
                    row[sheet.at("edition")],
                    "{f}"
                );
            }
        }
        let texts = tables.sheet("texts");
        let from_notes: Vec<&str> = texts
            .rows_where("via", "notes")
            .iter()
            .map(|r| r[texts.at("question")].as_str())
            .collect();
        assert_eq!(from_notes, ["high_impact", "recommendations"], "{f}");
        let hi = tables.sheet("high_impact");
        assert_eq!(hi.rows_where("file", &file).len(), 1, "{f}");
        let responses = tables.sheet("responses");
        let row = responses.rows_where("file", &file)[0];
        assert_eq!(
            row[responses.at("in_notes")],
            "events, resources, high_impact, initiatives, recommendations",
            "{f}"
        );
        // A note that holds no answer is a row of `notes`.
        let sheet = tables.sheet("notes");
        assert_eq!(sheet.rows.len(), 1, "{f}");
        assert_eq!(sheet.get(0, "file"), unep.name, "{f}");
        assert_eq!(sheet.get(0, "entity_key"), "UNEP", "{f}");
        assert_eq!(sheet.get(0, "note"), "1", "{f}");
        assert_eq!(sheet.get(0, "text"), plain, "{f}");
    }

    // The page says what was read from notes and lists the other notes.
    let doc = page(&[]);
    assert_eq!(count(&doc, "notes-records"), records as i64);
    assert_eq!(count(&doc, "notes-texts"), 2);
    assert_eq!(count(&doc, "notes"), 1);
    assert_eq!(texts(&doc, "table.notes td.note"), [plain]);

    // The digest shows the answer kept in notes, and says so.
    let (code, stderr, stdout) = run(&[
        "compile",
        DIR,
        "--question",
        "events",
        "--to",
        "markdown",
        "-o",
        "-",
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let digest = String::from_utf8(stdout).unwrap();
    let escwa = digest
        .split("\n## ")
        .find(|e| e.starts_with("Economic and Social Commission for Western Asia"))
        .unwrap();
    assert!(
        escwa.contains(&format!(
            "_2 records; from its notes, answered in hlpf-2024; {file}_"
        )),
        "{escwa}"
    );
    for record in source.records("events") {
        assert!(escwa.contains(record["name"].as_str().unwrap()), "{escwa}");
    }
}
