//! Every response keyed and matched to the roster however it names itself (items 1 and 2).

use std::collections::BTreeSet;
use std::fs;

use super::expected::{self, DIR, IOM, ROSTER};
use super::harness::{compiled, count, page, run, texts};
use crate::common::repo;

#[test]
fn every_response_is_keyed_and_matched_to_the_roster_however_it_names_itself() {
    let files = expected::files();
    assert_eq!(files.len(), expected::KEYS.len(), "every file has its key");
    let (outputs, stderr) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        let responses = tables.sheet("responses");
        let listed: Vec<&str> = responses.column("file");
        let want: Vec<&str> = files.iter().map(|f| f.name.as_str()).collect();
        assert_eq!(listed, want, "{f}: one row per file, in input order");
        for file in &files {
            let row = responses.rows_where("file", &file.name)[0];
            // The entity as the file writes it, its edition as the file names it.
            let written = file.doc.as_ref().and_then(|d| d["entity"].as_str());
            assert_eq!(
                row[responses.at("entity")],
                written.unwrap_or_else(|| if file.base() == "iom.txt" {
                    "International Organization for Migration (IOM)"
                } else {
                    ""
                }),
                "{f}: {}",
                file.name
            );
            assert_eq!(
                row[responses.at("edition")],
                file.edition().unwrap_or(if file.base() == "iom.txt" {
                    "hlpf-2024"
                } else {
                    ""
                }),
                "{f}: {}",
                file.name
            );
            assert_eq!(
                row[responses.at("entity_key")],
                expected::key_of(file.base()),
                "{f}: {}",
                file.name
            );
        }
        // Every data sheet carries the key.
        for sheet in [
            "texts",
            "events",
            "resources",
            "initiatives",
            "sdgs",
            "member_states",
        ] {
            assert!(tables.sheet(sheet).has("entity_key"), "{f}: {sheet}");
        }

        let roster = tables.sheet("roster");
        let status = |name: &str| -> String {
            let rows = roster.rows_where("name", name);
            assert_eq!(rows.len(), 1, "{f}: {name}");
            rows[0][roster.at("status")].clone()
        };
        let of = |status: &str| -> BTreeSet<String> {
            roster
                .rows_where("status", status)
                .iter()
                .map(|r| r[roster.at("name")].clone())
                .collect()
        };
        let set = |names: &[&str]| -> BTreeSet<String> {
            names.iter().map(|n| (*n).to_string()).collect()
        };
        assert_eq!(of("not responded"), set(&expected::NOT_RESPONDED), "{f}");
        assert_eq!(
            of("received, unreadable"),
            set(&expected::UNREADABLE),
            "{f}"
        );
        assert_eq!(of("responded twice"), set(&expected::TWICE), "{f}");
        // One row per roster entry (52), then one per response matching none.
        let members = fs::read_to_string(repo(ROSTER)).unwrap().lines().count() - 1;
        assert_eq!(members, 52);
        let unmatched: Vec<(&str, &str)> = roster.rows[members..]
            .iter()
            .map(|r| {
                (
                    r[roster.at("name")].as_str(),
                    r[roster.at("entity_key")].as_str(),
                )
            })
            .collect();
        let want = expected::NOT_IN_ROSTER.to_vec();
        assert_eq!(unmatched, want, "{f}: in input order");
        assert!(
            roster.rows[members..]
                .iter()
                .all(|r| r[roster.at("status")] == "not in roster"),
            "{f}"
        );
        assert_eq!(
            roster.rows.len() - members - of("not in roster").len(),
            0,
            "{f}"
        );
        let responded = members - expected::NOT_RESPONDED.len();
        assert_eq!(
            of("responded").len() + of("responded twice").len() + of("received, unreadable").len(),
            responded,
            "{f}"
        );
        for (name, by) in expected::SELF_NAMED {
            assert_eq!(status(name), "responded", "{f}: {name}");
            let row = roster.rows_where("name", name)[0];
            assert_eq!(row[roster.at("matched_by")], by, "{f}: {name}");
        }
        // The WMO file's entity line and ITU's file name are read.
        let wmo = roster.rows_where("name", "World Meteorological Organization")[0];
        assert_eq!(
            wmo[roster.at("files")],
            format!("{DIR}/WMO_submission.toml")
        );
        let itu = roster.rows_where("name", "International Telecommunication Union")[0];
        assert_eq!(itu[roster.at("files")], format!("{DIR}/ITU.json"));
    }

    // The totals name the entities neither the roster nor the directory knows.
    let note = stderr.lines().next().unwrap();
    assert!(
        note.starts_with("note: 3 entities neither the roster nor the directory"),
        "{stderr}"
    );
    for name in expected::UNKNOWN {
        assert!(note.contains(&format!("`{name}`")), "{name}: {note}");
    }
    assert!(
        !note.contains("UNV"),
        "the directory knows UN Volunteers: {note}"
    );

    // `validate` says nothing about who sent a file.
    let (_, validated, json) = run(&["validate", DIR, IOM, "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}: {validated}"));
    for file in report["files"].as_array().unwrap() {
        for finding in file["findings"].as_array().unwrap() {
            assert_ne!(finding["path"], "entity", "{finding}");
        }
    }

    // The page's response rate comes from the roster sheet: unreadable files count as responses.
    let doc = page(&[]);
    let members = 52;
    let responded = members - expected::NOT_RESPONDED.len() as i64;
    assert_eq!(count(&doc, "rate"), responded * 100 / members);
    let rate = texts(&doc, "p.rate");
    assert!(
        rate[0].starts_with(&format!("{responded} of {members} entities")),
        "{rate:?}"
    );
    let missing: BTreeSet<String> = texts(&doc, "ul.roster-missing li").into_iter().collect();
    assert_eq!(missing.len(), expected::NOT_RESPONDED.len());
    for name in expected::NOT_RESPONDED {
        assert!(missing.contains(name), "{name}");
    }
    let unreadable = texts(&doc, "ul.roster-unreadable li");
    assert_eq!(unreadable, expected::UNREADABLE);
    let distinct: BTreeSet<&str> = expected::KEYS.iter().map(|(_, k)| *k).collect();
    assert_eq!(count(&doc, "entities"), distinct.len() as i64);
}
