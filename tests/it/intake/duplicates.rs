//! One entity counted once: identical copies merged, different answers flagged, `--keep latest` (item 3).

use std::collections::BTreeSet;
use std::fs;

use super::expected::{self, DIR, IOM, ROSTER};
use super::harness::{compiled, count, goal_columns, int, numbers, page, read_json, run};
use crate::common::Scratch;

#[test]
fn one_entity_is_counted_once_and_two_different_answers_are_flagged() {
    let files = expected::files();
    let instead = expected::counted_instead(&files, false);
    let not_counted: Vec<&str> = files
        .iter()
        .zip(&instead)
        .filter(|(_, i)| i.is_some())
        .map(|(f, _)| f.base())
        .collect();
    assert_eq!(
        not_counted,
        ["WFP-HLPF2024.toml"],
        "the same answer as TOML and JSON"
    );
    let by_name = |base: &str| files.iter().find(|f| f.base() == base).unwrap();
    let unicef = [
        by_name("UNICEF.toml"),
        by_name("United Nations Children's Fund - final.json"),
    ];
    assert_ne!(
        unicef[0].answers(),
        unicef[1].answers(),
        "two different answers"
    );

    let (outputs, stderr) = compiled(&[]);
    assert!(
        stderr
            .lines()
            .last()
            .unwrap()
            .contains(&format!("; {} duplicate merged, ", not_counted.len())),
        "{stderr}"
    );
    for tables in &outputs {
        let f = tables.format;
        let responses = tables.sheet("responses");
        for (file, instead) in files.iter().zip(&instead) {
            let row = responses.rows_where("file", &file.name)[0];
            let want = instead.map_or("", |i| files[i].name.as_str());
            assert_eq!(
                row[responses.at("duplicate_of")],
                want,
                "{f}: {}",
                file.name
            );
            let counted = if instead.is_some() { "false" } else { "true" };
            assert_eq!(row[responses.at("counted")], counted, "{f}: {}", file.name);
        }
        // The copy's rows are in no data sheet; its row and findings stay.
        let copy = &files[instead.iter().position(Option::is_some).unwrap()];
        for sheet in [
            "texts",
            "events",
            "resources",
            "initiatives",
            "sdgs",
            "member_states",
            "high_impact",
        ] {
            assert!(
                tables
                    .sheet(sheet)
                    .rows_where("file", &copy.name)
                    .is_empty(),
                "{f}: {sheet}"
            );
        }
        // Both UNICEF answers count, each with a warning that names the other.
        let findings = tables.sheet("findings");
        let flagged: Vec<&str> = findings
            .rows_where("code", "duplicate-entity")
            .iter()
            .map(|r| r[findings.at("file")].as_str())
            .collect();
        assert_eq!(
            flagged,
            [unicef[0].name.as_str(), unicef[1].name.as_str()],
            "{f}"
        );
        for (one, other) in [(0, 1), (1, 0)] {
            let row = findings
                .rows_where("file", &unicef[one].name)
                .into_iter()
                .find(|r| r[findings.at("code")] == "duplicate-entity")
                .unwrap();
            assert_eq!(row[findings.at("severity")], "warning");
            assert!(
                row[findings.at("message")].contains(&unicef[other].name),
                "{f}"
            );
            let events = tables
                .sheet("events")
                .rows_where("file", &unicef[one].name)
                .len();
            assert_eq!(events, unicef[one].records("events").len(), "{f}");
            // Its warnings count it.
            let warnings = findings
                .rows_where("file", &unicef[one].name)
                .iter()
                .filter(|r| r[findings.at("severity")] == "warning")
                .count();
            let response = responses.rows_where("file", &unicef[one].name)[0];
            assert_eq!(
                int(&response[responses.at("warnings")]),
                warnings as i64,
                "{f}"
            );
        }

        // The SDG matrix: a row per entity and edition; a goal both UNICEF answers name
        // counts as in the answer that names it most.
        let matrix = tables.sheet("sdg_matrix");
        let goals = goal_columns();
        let row = matrix.rows_where("entity_key", "UNICEF");
        assert_eq!(row.len(), 1, "{f}");
        assert_eq!(
            row[0][matrix.at("files")],
            format!("{}; {}", unicef[0].name, unicef[1].name)
        );
        let (a, b) = (
            expected::goal_counts(unicef[0]),
            expected::goal_counts(unicef[1]),
        );
        let most: Vec<i64> = a.iter().zip(&b).map(|(x, y)| *x.max(y)).collect();
        assert_eq!(numbers(matrix, row[0], &goals), most, "{f}");
        let wfp = matrix.rows_where("entity_key", "WFP");
        assert_eq!(
            wfp[0][matrix.at("files")],
            by_name("WFP-HLPF2024.json").name,
            "{f}"
        );
        let (entities, total): (Vec<&Vec<String>>, Vec<&Vec<String>>) = matrix
            .rows
            .iter()
            .partition(|r| !r[matrix.at("entity_key")].is_empty());
        let keys: Vec<(&str, &str)> = entities
            .iter()
            .map(|r| {
                (
                    r[matrix.at("entity_key")].as_str(),
                    r[matrix.at("edition")].as_str(),
                )
            })
            .collect();
        let distinct: BTreeSet<&(&str, &str)> = keys.iter().collect();
        assert_eq!(
            distinct.len(),
            keys.len(),
            "{f}: one row per entity and edition"
        );
        // The total row counts entities, not files.
        for (g, column) in goals.iter().enumerate() {
            let naming: BTreeSet<&str> = entities
                .iter()
                .filter(|r| !r[matrix.at(column)].is_empty())
                .map(|r| r[matrix.at("entity_key")].as_str())
                .collect();
            assert_eq!(
                numbers(matrix, total[0], &goals)[g],
                naming.len() as i64,
                "{f}: {column}"
            );
        }

        // The country matrix is keyed by entity: UNICEF is one column, WFP counted once.
        let countries = tables.sheet("country_matrix");
        assert_eq!(
            countries.header.first().map(String::as_str),
            Some("country")
        );
        assert_eq!(
            &countries.header[countries.header.len() - 2..],
            ["entities", "total"]
        );
        let keyed: Vec<&str> = countries.header[1..countries.header.len() - 2]
            .iter()
            .map(String::as_str)
            .collect();
        let distinct: BTreeSet<&&str> = keyed.iter().collect();
        assert_eq!(distinct.len(), keyed.len(), "{f}: each key once");
        for key in &keyed {
            assert!(
                expected::KEYS.iter().any(|(_, k)| k == key),
                "{f}: {key} is a key"
            );
        }
        for row in &countries.rows {
            let cells = numbers(
                countries,
                row,
                &keyed.iter().map(|k| (*k).to_string()).collect::<Vec<_>>(),
            );
            assert_eq!(int(&row[countries.at("total")]), cells.iter().sum::<i64>());
            assert_eq!(
                int(&row[countries.at("entities")]),
                cells.iter().filter(|n| **n > 0).count() as i64
            );
        }
        let count_in = |file: &expected::File, country: &str| -> i64 {
            file.records("initiatives")
                .iter()
                .filter(|r| {
                    r["member_states"]
                        .as_array()
                        .is_some_and(|a| a.iter().any(|c| c == country))
                })
                .count() as i64
        };
        for country in ["Afghanistan", "Chad", "Haiti"] {
            let want = count_in(unicef[0], country).max(count_in(unicef[1], country));
            let row = countries.rows_where("country", country);
            let got = row.first().map_or(0, |r| {
                let cell = &r[countries.at("UNICEF")];
                if cell.is_empty() { 0 } else { int(cell) }
            });
            assert_eq!(got, want, "{f}: UNICEF in {country}");
        }
    }

    // The page counts entities, and says how many responses are not counted.
    let doc = page(&[]);
    assert_eq!(count(&doc, "not-counted"), not_counted.len() as i64);

    // With `--keep latest`, UNICEF's earlier answer is left out too, and nobody is warned.
    let latest = expected::counted_instead(&files, true);
    let dir = Scratch::new();
    let out = dir.at("latest.json");
    let (code, stderr, _) = run(&[
        "compile", DIR, IOM, "--roster", ROSTER, "--keep", "latest", "-o", &out,
    ]);
    assert_eq!(code, Some(1), "{stderr}");
    assert!(
        stderr.lines().last().unwrap().contains(&format!(
            "; {} duplicates merged, ",
            latest.iter().flatten().count()
        )),
        "{stderr}"
    );
    let tables = read_json(&fs::read_to_string(&out).unwrap());
    let responses = tables.sheet("responses");
    for (file, instead) in files.iter().zip(&latest) {
        let row = responses.rows_where("file", &file.name)[0];
        let want = instead.map_or("", |i| files[i].name.as_str());
        assert_eq!(row[responses.at("duplicate_of")], want, "{}", file.name);
    }
    assert_eq!(
        latest[files
            .iter()
            .position(|f| f.base() == "UNICEF.toml")
            .unwrap()]
        .map(|i| files[i].base()),
        Some("United Nations Children's Fund - final.json")
    );
    assert!(
        tables
            .sheet("findings")
            .rows_where("code", "duplicate-entity")
            .is_empty()
    );
    let matrix = tables.sheet("sdg_matrix");
    let row = matrix.rows_where("entity_key", "UNICEF")[0];
    assert_eq!(row[matrix.at("files")], unicef[1].name);
    assert_eq!(
        numbers(matrix, row, &goal_columns()),
        expected::goal_counts(unicef[1]).to_vec()
    );
    let doc = page(&["--keep", "latest"]);
    assert_eq!(
        count(&doc, "not-counted"),
        latest.iter().flatten().count() as i64
    );
}
