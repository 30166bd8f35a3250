//! Record ids, admin columns and a review carried over (item 7).

use std::collections::{BTreeMap, BTreeSet};
use std::fs;

use super::expected::{self, DIR, IOM, ROSTER};
use super::harness::{compiled, int, read_json, run};
use crate::common::Scratch;

/// The id of record `number` of `question` in `file`: `KEY-YEAR-QUESTION-N`, `~2` for the second
/// counted file of an entity and edition.
fn record_id(files: &[expected::File], file: &str, question: &str, number: usize) -> String {
    let instead = expected::counted_instead(files, false);
    let at = files.iter().position(|f| f.name == file).unwrap();
    let key = expected::key_of(files[at].base());
    let edition = files[at].edition().unwrap_or("hlpf-2024");
    let year = &edition[edition.len() - 4..];
    let before = files[..at]
        .iter()
        .zip(&instead)
        .filter(|(f, i)| {
            i.is_none()
                && expected::key_of(f.base()) == key
                && f.edition().unwrap_or("hlpf-2024") == edition
        })
        .count();
    let suffix = if before == 0 {
        String::new()
    } else {
        format!("~{}", before + 1)
    };
    format!("{key}-{year}-{question}-{number}{suffix}")
}

#[test]
fn every_record_has_an_id_and_every_response_its_admin_columns() {
    let files = expected::files();
    let records = expected::counted_records(&files);
    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        let mut ids: BTreeMap<(String, String, i64), String> = BTreeMap::new();
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            for row in &sheet.rows {
                let id = row[sheet.at("record_id")].clone();
                let key = (
                    row[sheet.at("file")].clone(),
                    question.to_string(),
                    int(&row[sheet.at("record")]),
                );
                assert!(ids.insert(key, id).is_none(), "{f}");
            }
        }
        let distinct: BTreeSet<&String> = ids.values().collect();
        assert_eq!(distinct.len(), ids.len(), "{f}: ids are unique");
        assert_eq!(ids.len(), records.len(), "{f}");
        for r in &records {
            let id = &ids[&(r.file.clone(), r.question.to_string(), r.number as i64)];
            assert_eq!(*id, record_id(&files, &r.file, r.question, r.number), "{f}");
        }
        let unicef = ids
            .iter()
            .filter(|((file, q, _), _)| file.ends_with("final.json") && q == "events")
            .map(|(_, id)| id.as_str())
            .collect::<Vec<_>>();
        assert_eq!(
            unicef,
            [
                "UNICEF-2024-events-1~2",
                "UNICEF-2024-events-2~2",
                "UNICEF-2024-events-3~2"
            ],
            "{f}"
        );
        // The long sheets carry their record's id.
        for sheet in ["sdgs", "member_states"] {
            let long = tables.sheet(sheet);
            for row in &long.rows {
                let key = (
                    row[long.at("file")].clone(),
                    row[long.at("question")].clone(),
                    int(&row[long.at("record")]),
                );
                assert_eq!(row[long.at("record_id")], ids[&key], "{f}: {sheet}");
            }
        }
        // Findings: their entity, the record they point into, counted from 1.
        let findings = tables.sheet("findings");
        for row in &findings.rows {
            let file = &row[findings.at("file")];
            let base = file.rsplit('/').next().unwrap();
            assert_eq!(
                row[findings.at("entity_key")],
                expected::key_of(base),
                "{f}"
            );
            let path = &row[findings.at("path")];
            let pointed = ["events", "resources", "initiatives"].iter().find_map(|q| {
                let rest = path.strip_prefix(&format!("{q}["))?;
                let index: usize = rest[..rest.find(']')?].parse().ok()?;
                Some((*q, index + 1))
            });
            match pointed {
                Some((question, number)) => {
                    assert_eq!(
                        int(&row[findings.at("record")]),
                        number as i64,
                        "{f}: {path}"
                    );
                    assert_eq!(
                        row[findings.at("record_id")],
                        record_id(&files, file, question, number),
                        "{f}: {path}"
                    );
                }
                None => {
                    assert_eq!(row[findings.at("record")], "", "{f}: {path}");
                    assert_eq!(row[findings.at("record_id")], "", "{f}: {path}");
                }
            }
        }
        assert!(!findings.rows_where("record", "1").is_empty(), "{f}");
        // Who to write to, and when it was sent.
        let responses = tables.sheet("responses");
        for file in files.iter().filter(|f| f.doc.is_some()) {
            let row = responses.rows_where("file", &file.name)[0];
            let doc = file.doc.as_ref().unwrap();
            let text = |v: &serde_json::Value| v.as_str().unwrap_or("").to_string();
            assert_eq!(
                row[responses.at("submitted")],
                text(&doc["submitted"]),
                "{f}"
            );
            assert_eq!(
                row[responses.at("contact_name")],
                text(&doc["contact"]["name"]),
                "{f}"
            );
            assert_eq!(
                row[responses.at("contact_email")],
                text(&doc["contact"]["email"]),
                "{f}"
            );
            assert_eq!(row[responses.at("review_status")], "", "{f}");
        }
    }
}

#[test]
fn a_review_is_carried_over_from_a_previous_workbook() {
    let dir = Scratch::new();
    // DESA's reviewer filled in two columns of last run's workbook, written with labels.
    let previous = dir.path().join("previous.xlsx");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet().set_name("responses").unwrap();
    let rows = [
        ["Entity key", "Edition", "Review status", "Review note"],
        [
            "UNWTO",
            "hlpf-2024",
            "checked",
            "figures match the 2023 report",
        ],
        ["UNICEF", "hlpf-2024", "asked for one final version", ""],
        ["ESCWA", "hlpf-2024", "checked", "last year's answer"],
    ];
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, *cell).unwrap();
        }
    }
    book.save(&previous).unwrap();
    let out = dir.at("reviewed.json");
    let review = previous.display().to_string();
    let (code, stderr, _) = run(&[
        "compile", DIR, IOM, "--roster", ROSTER, "--review", &review, "-o", &out,
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    let tables = read_json(&fs::read_to_string(&out).unwrap());
    let responses = tables.sheet("responses");
    let reviewed: Vec<(&str, &str, &str)> = responses
        .rows
        .iter()
        .filter(|r| !r[responses.at("review_status")].is_empty())
        .map(|r| {
            (
                r[responses.at("entity_key")].as_str(),
                r[responses.at("review_status")].as_str(),
                r[responses.at("review_note")].as_str(),
            )
        })
        .collect();
    assert_eq!(
        reviewed,
        [
            ("UNICEF", "asked for one final version", ""),
            ("UNWTO", "checked", "figures match the 2023 report"),
            ("UNICEF", "asked for one final version", ""),
        ],
        "by entity key and edition: ESCWA's 2025 answer is not last year's"
    );

    // A workbook that is not one: a message naming it, exit 2.
    let (code, stderr, _) = run(&["compile", DIR, "--review", ROSTER, "-o", &dir.at("x.json")]);
    assert_eq!(code, Some(2));
    assert!(
        stderr.contains(&format!(
            "error: cannot read the review workbook `{ROSTER}`: not a workbook qfill can read"
        )),
        "{stderr}"
    );
    assert_eq!(
        stderr.lines().filter(|l| l.starts_with("error")).count(),
        1,
        "{stderr}"
    );
}
