//! The page for the director: the first screen of a year's intake (title with edition and
//! response rate, the as-of date by its one rule, the content headline, the roster's gaps, the
//! checker's counts moved to the findings), a caption on every table, matrices headed by entity
//! keys, the events' SDGs, languages by name, and the paper of `@page`. Every figure is computed
//! here from the compiled model (`compile --to json`) or from the answers, never read back from
//! the page's own code.

use std::collections::BTreeMap;
use std::fs;

use scraper::{Html, Selector};

use super::model::Model;
use crate::common::{Scratch, qfill};

const DIR: &str = "tests/data/intake-2024";
const IOM: &str = "tests/data/intake-2024/iom.txt";
const ROSTER: &str = "tests/data/intake-2024-roster.csv";

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn words(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn texts(doc: &Html, s: &str) -> Vec<String> {
    doc.select(&sel(s))
        .map(|e| words(&e.text().collect::<String>()))
        .collect()
}

/// The page of the intake with the roster, `extra` flags and environment.
fn intake_page(extra: &[&str], env: &[(&str, &str)]) -> Html {
    let dir = Scratch::new();
    let out = dir.path().join("report.html");
    let mut cmd = qfill();
    cmd.args(["report", DIR, IOM, "--roster", ROSTER, "-o"])
        .arg(&out)
        .args(extra)
        .env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let output = cmd.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    Html::parse_document(&fs::read_to_string(&out).unwrap())
}

fn intake_model() -> Model {
    Model::compile(&[DIR, IOM, "--roster", ROSTER])
}

#[test]
fn the_title_names_the_edition_and_the_response_rate_of_the_roster() {
    let m = intake_model();
    let roster = m.sheet("roster");
    let status = roster.at("status");
    let matched = roster.at("matched_by");
    // The roster's entries: a file matched to no entry has a row too, which names no match;
    // `received, unreadable` counts as responded.
    let members: Vec<&Vec<serde_json::Value>> = roster
        .rows
        .iter()
        .filter(|r| match r[status].as_str().unwrap_or("") {
            "not responded" | "responded" | "responded twice" => true,
            "received, unreadable" => !r[matched].is_null(),
            _ => false,
        })
        .collect();
    let responded = members
        .iter()
        .filter(|r| r[status] != "not responded")
        .count();
    let responses = m.sheet("responses");
    let mut editions: BTreeMap<String, usize> = BTreeMap::new();
    for row in &responses.rows {
        if let Some(e) = row[responses.at("edition")].as_str() {
            *editions.entry(e.to_string()).or_default() += 1;
        }
    }
    let principal = editions.iter().max_by_key(|(_, n)| **n).unwrap().0;
    assert_eq!(principal, "hlpf-2024");
    let want = format!(
        "HLPF 2024 questionnaire — {responded} of {} entities responded ({}%)",
        members.len(),
        responded * 100 / members.len()
    );
    assert_eq!(
        want,
        "HLPF 2024 questionnaire — 49 of 52 entities responded (94%)"
    );
    let doc = intake_page(&[], &[]);
    assert_eq!(texts(&doc, "head > title"), texts(&doc, "h1"));
    assert_eq!(texts(&doc, "h1"), [want]);
}

#[test]
fn the_as_of_date_is_the_flag_else_source_date_epoch_else_the_latest_submission() {
    let m = intake_model();
    let responses = m.sheet("responses");
    let latest = responses
        .rows
        .iter()
        .filter_map(|r| r[responses.at("submitted")].as_str())
        .max()
        .unwrap()
        .to_string();
    let cases = [
        (
            vec!["--as-of", "2024-12-07"],
            vec![("SOURCE_DATE_EPOCH", "1700000000")],
            "2024-12-07",
            "As of 7 December 2024 (the date given with --as-of).",
        ),
        (
            vec![],
            vec![("SOURCE_DATE_EPOCH", "1700000000")],
            "2023-11-14",
            "As of 14 November 2023 (the date of SOURCE_DATE_EPOCH).",
        ),
        (
            vec![],
            vec![],
            latest.as_str(),
            "(the latest submission date).",
        ),
    ];
    for (flags, env, iso, said) in cases {
        let doc = intake_page(&flags, &env);
        let time = doc.select(&sel("p.as-of time")).next().unwrap();
        assert_eq!(
            time.value().attr("datetime"),
            Some(iso),
            "{flags:?} {env:?}"
        );
        let line = texts(&doc, "p.as-of").join("");
        assert!(line.ends_with(said), "{line}");
        // The printed page carries it in its margin box.
        let style = texts(&doc, "style").join("");
        let long = words(&time.text().collect::<String>());
        assert!(
            style.contains(&format!("@bottom-left {{ content: \"As of {long}\"")),
            "{long} in the page's margin box"
        );
    }
}

#[test]
fn a_bad_as_of_date_is_one_line() {
    let output = qfill()
        .args(["report", DIR, "-o", "-", "--as-of", "7 December"])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--as-of"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn the_headline_says_what_the_responses_hold_and_the_checker_counts_are_with_the_findings() {
    let m = intake_model();
    let doc = intake_page(&[], &[]);
    // Records by question, from the record sheets.
    for sheet in ["events", "resources", "initiatives"] {
        let shown = texts(&doc, &format!("#summary [data-records={sheet}]"));
        assert_eq!(shown, [m.sheet(sheet).len().to_string()], "{sheet}");
    }
    // The goals most and least named: records per goal from the long `sdgs` sheet.
    let sdgs = m.sheet("sdgs");
    let mut per_goal: Vec<(i64, usize)> = (1..=17)
        .map(|g| {
            (
                g,
                sdgs.rows.iter().filter(|r| r[sdgs.at("goal")] == g).count(),
            )
        })
        .collect();
    per_goal.sort_by_key(|(g, n)| (std::cmp::Reverse(*n), *g));
    let most = texts(&doc, "#summary li.goals-most").join("");
    for (goal, n) in &per_goal[..3] {
        assert!(
            most.contains(&format!("SDG {goal}:")) && most.contains(&format!("({n} records)")),
            "SDG {goal} ({n}) in {most}"
        );
    }
    per_goal.sort_by_key(|(g, n)| (*n, *g));
    let least = texts(&doc, "#summary li.goals-least").join("");
    for (goal, n) in &per_goal[..3] {
        assert!(
            least.contains(&format!("SDG {goal}:")) && least.contains(&format!("({n} records)")),
            "SDG {goal} ({n}) in {least}"
        );
    }
    // The leading initiative: named by the most entities.
    let hi = m.sheet("high_impact");
    let leader = texts(&doc, "#summary li.initiatives").join("");
    let named = |name: &str| {
        hi.rows
            .iter()
            .filter(|r| r[hi.at(name)] == true)
            .map(|r| r[hi.at("entity_key")].to_string())
            .collect::<std::collections::BTreeSet<_>>()
            .len()
    };
    let most_named = hi
        .columns
        .iter()
        .enumerate()
        .filter(|(i, _)| hi.kinds[*i] == "boolean")
        .map(|(_, c)| named(c))
        .max()
        .unwrap();
    assert!(
        leader.contains(&format!("({most_named} entities)")),
        "{leader}"
    );
    assert!(!texts(&doc, "#summary li.states").is_empty());
    // The roster's gaps are on the first screen; the checker's counts are not.
    assert!(!texts(&doc, "#summary ul.roster-missing li").is_empty());
    let responses = m.sheet("responses");
    for (name, want) in [
        ("errors", responses.sum("errors")),
        ("warnings", responses.sum("warnings")),
    ] {
        assert!(texts(&doc, &format!("#summary [data-count={name}]")).is_empty());
        assert_eq!(
            texts(&doc, &format!("#findings [data-count={name}]")),
            [want.to_string()]
        );
    }
}

#[test]
fn every_table_has_a_caption_and_matrices_are_headed_by_entity_keys() {
    let m = intake_model();
    let doc = intake_page(&[], &[]);
    let tables: Vec<_> = doc.select(&sel("table")).collect();
    assert!(tables.len() > 30, "{} tables", tables.len());
    for table in &tables {
        let first = table.children().find_map(scraper::ElementRef::wrap);
        assert_eq!(
            first.map(|e| e.value().name()),
            Some("caption"),
            "a table whose first element is not its caption: {}",
            words(&table.text().collect::<String>())
                .chars()
                .take(80)
                .collect::<String>()
        );
    }
    // The High-Impact Initiatives matrix: one row per row of the sheet, headed by its key, the
    // full name in the abbreviation's title.
    let hi = m.sheet("high_impact");
    let heads: Vec<(String, String)> = doc
        .select(&sel("table.matrix tbody th"))
        .map(|th| {
            let abbr = th.select(&sel("abbr")).next();
            (
                words(&th.text().collect::<String>()),
                abbr.and_then(|a| a.value().attr("title"))
                    .unwrap_or("")
                    .to_string(),
            )
        })
        .collect();
    assert_eq!(heads.len(), hi.len());
    for ((key, title), row) in heads.iter().zip(&hi.rows) {
        let want_key = row[hi.at("entity_key")].as_str().unwrap();
        let entity = row[hi.at("entity")].as_str().unwrap_or(want_key);
        assert_eq!(key, want_key);
        if entity != want_key {
            assert_eq!(words(title), words(entity), "{key}");
        }
    }
    let heat: Vec<String> = texts(&doc, "table.heatmap tbody th");
    let matrix = m.sheet("sdg_matrix");
    let keys: Vec<String> = matrix
        .rows
        .iter()
        .filter_map(|r| r[matrix.at("entity_key")].as_str().map(str::to_string))
        .collect();
    assert_eq!(heat, keys);
}

#[test]
fn events_show_their_goals_and_resources_their_languages_by_name() {
    let m = intake_model();
    let doc = intake_page(&[], &[]);
    let events = m.sheet("events");
    let mut want: Vec<String> = events
        .rows
        .iter()
        .filter(|r| {
            r[events.at("dates_start")]
                .as_str()
                .is_some_and(|d| d.len() == 10)
        })
        .map(|r| r[events.at("sdgs")].as_str().unwrap_or("").to_string())
        .collect();
    let mut shown = texts(&doc, "table.events tbody td.sdgs");
    want.sort();
    shown.sort();
    assert_eq!(shown, want);
    // Codes in the workbook, names on the page: every code the resources sheet holds is shown as
    // its English name.
    let resources = m.sheet("resources");
    let catalogue = texts(&doc, "table.catalogue tbody").join(" ");
    let codes: Vec<String> = resources
        .rows
        .iter()
        .filter_map(|r| r[resources.at("languages")].as_str())
        .flat_map(|l| l.split("; ").map(str::to_string).collect::<Vec<_>>())
        .collect();
    assert!(codes.iter().any(|c| c == "en"), "{codes:?}");
    assert!(catalogue.contains("English"));
    for code in &codes {
        assert!(
            !catalogue.contains(&format!(" {code};")),
            "`{code}` shown as a code"
        );
    }
}

#[test]
fn the_page_prints_on_a4_unless_letter_is_asked() {
    for (flags, want) in [
        (vec![], "size: A4 portrait;"),
        (vec!["--paper", "letter"], "size: letter portrait;"),
    ] {
        let doc = intake_page(&flags, &[]);
        let style = texts(&doc, "style").join("");
        assert!(style.contains(want), "{want}");
        assert!(style.contains("counter(page)") && style.contains("counter(pages)"));
    }
}
