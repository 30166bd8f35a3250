//! What compile reads: a roster, a folder of mixed inputs and editions, one question as Markdown,
//! JSON on standard output, and never its own output.

use std::fs;

use super::{SHEETS, csv_table, examples, run, workbook};
use crate::common::{Scratch, repo};

#[test]
fn the_roster_lists_who_responded_twice_and_who_did_not() {
    let dir = Scratch::new();
    examples(dir.path());
    let roster = repo("tests/data/roster.csv");
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "-o", "r.xlsx", "--roster", roster.to_str().unwrap()],
    );
    // Roster gaps do not change the exit code.
    assert_eq!(code, Some(0), "{stderr}");
    let (names, sheets) = workbook(&dir.path().join("r.xlsx"));
    assert_eq!(names.last().map(String::as_str), Some("roster"));
    let roster = &sheets["roster"];
    let status = |name: &str| roster.rows_where("name", name)[0][roster.at("status")].clone();
    assert_eq!(
        status("Global Water Resilience Institute"),
        "responded twice"
    );
    assert_eq!(
        status("Inter-Agency Centre for Climate-Resilient Agriculture"),
        "responded"
    );
    assert_eq!(status("Missing Entity Organization"), "not responded");
    assert_eq!(roster.rows_where("status", "not responded").len(), 1);

    // An acronym two entries share: a finding, and the response is counted for neither.
    let ambiguous = dir.path().join("ambiguous.txt");
    fs::write(
        &ambiguous,
        "Global Water Resilience Institute (GWRI)\nGWRI\nICRA\n",
    )
    .unwrap();
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "-o", "a/", "--roster", ambiguous.to_str().unwrap()],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let findings = csv_table(&dir.path().join("a/findings.csv"));
    let found = findings.rows_where("code", "roster-ambiguous");
    assert_eq!(found.len(), 2, "{:?}", findings.rows);
    assert_eq!(found[0][findings.at("severity")], "warning");
    let roster = csv_table(&dir.path().join("a/roster.csv"));
    assert_eq!(roster.rows_where("status", "ambiguous").len(), 2);
    assert_eq!(roster.get(2, "status"), "responded");
}

#[test]
fn a_folder_with_a_parse_error_a_legacy_text_and_two_editions_compiles() {
    let dir = Scratch::new();
    let subs = examples(dir.path());
    fs::write(
        subs.join("broken.toml"),
        "entity = \"Broken (BRK)\"\nanswers = [\n",
    )
    .unwrap();
    fs::write(
        subs.join("pilot.toml"),
        "questionnaire = \"pilot-2026\"\nentity = \"Pilot Entity (PE)\"\n\n[answers]\nsummary = \"We trained statisticians in three regions.\"\n\n[[answers.workshops]]\ntitle = \"Census methods\"\n",
    )
    .unwrap();
    let legacy = repo("tests/data/legacy-example.txt");
    let pilot = repo("tests/data/pilot-2026.toml");
    let (code, _, stderr) = run(
        dir.path(),
        &[
            "subs",
            legacy.to_str().unwrap(),
            "-q",
            "hlpf-2024",
            "-q",
            pilot.to_str().unwrap(),
            "-o",
            "mixed.xlsx",
        ],
    );
    // The parse error makes the run invalid; it does not stop it.
    assert_eq!(code, Some(1), "{stderr}");
    let (names, sheets) = workbook(&dir.path().join("mixed.xlsx"));
    assert!(names.contains(&"workshops".to_string()), "{names:?}");
    let responses = &sheets["responses"];
    assert_eq!(responses.rows.len(), 6);
    let broken = responses.rows_where("file", "subs/broken.toml");
    assert_eq!(broken[0][responses.at("valid")], "false");
    assert_eq!(broken[0][responses.at("edition")], "");
    let pilot_row = responses.rows_where("file", "subs/pilot.toml");
    assert_eq!(pilot_row[0][responses.at("edition")], "pilot-2026");
    assert_eq!(pilot_row[0][responses.at("summary_words")], "6");
    let legacy_row = responses.rows_where("read_as", "legacy text");
    assert_eq!(legacy_row.len(), 1);
    assert_eq!(legacy_row[0][responses.at("edition")], "hlpf-2024");
    assert!(!legacy_row[0][responses.at("entity")].is_empty());
    assert_eq!(sheets["workshops"].rows.len(), 1);
    let findings = &sheets["findings"];
    assert_eq!(
        findings.rows_where("file", "subs/broken.toml")[0][findings.at("code")],
        "parse-error"
    );
}

#[test]
fn one_question_as_markdown_in_roster_order() {
    let dir = Scratch::new();
    examples(dir.path());
    let roster = dir.path().join("roster.txt");
    fs::write(
        &roster,
        "ICRA\nNobody Yet (NBY)\nGlobal Water Resilience Institute (GWRI)\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(
        dir.path(),
        &[
            "subs",
            "--question",
            "recommendations",
            "--to",
            "markdown",
            "-o",
            "-",
            "--roster",
            roster.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let headings: Vec<&str> = stdout.lines().filter(|l| l.starts_with("## ")).collect();
    assert_eq!(
        headings,
        [
            "## Inter-Agency Centre for Climate-Resilient Agriculture (ICRA)",
            "## Nobody Yet",
            "## Global Water Resilience Institute (GWRI)",
            "## Global Water Resilience Institute (GWRI)",
        ]
    );
    assert!(
        stdout.starts_with("# 6. In the Political") || stdout.starts_with("# In the Political"),
        "{stdout}"
    );
    assert!(stdout.contains("_not answered; subs/warnings.toml_"));
    assert!(stdout.contains("_no response_"));
    assert!(
        stdout.contains("_133 words; subs/response.json_"),
        "{stdout}"
    );
    assert!(stdout.contains("GWRI recommends that the review"));

    // Records too, to a file.
    let (code, _, stderr) = run(
        dir.path(),
        &["subs", "--question", "events", "-o", "events.md"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let md = fs::read_to_string(dir.path().join("events.md")).unwrap();
    assert!(
        md.contains("### 1. Regional Forum on Water Security"),
        "{md}"
    );
    assert!(md.contains("- **Event Dates (start)**: 2023-05-10"), "{md}");
}

#[test]
fn json_on_stdout_is_the_same_model() {
    let dir = Scratch::new();
    examples(dir.path());
    let (code, stdout, stderr) = run(dir.path(), &["subs", "--to", "json", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&stdout).unwrap();
    let names: Vec<&str> = doc["sheets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, SHEETS);
    let events = &doc["sheets"][2];
    assert_eq!(events["columns"][1]["id"], "entity_key");
    assert_eq!(events["columns"][8]["id"], "name");
    assert_eq!(events["columns"][9]["kind"], "date");
    assert_eq!(events["rows"][0][1], "GWRI");
    assert_eq!(events["rows"][0][5], "hlpf-2024");
    assert_eq!(events["rows"][0][7], "GWRI-2024-events-1");
    assert_eq!(events["rows"][0][9], "2023-05-10");
    assert_eq!(events["rows"][0][6], 1);
}

#[test]
fn the_output_is_never_read_as_an_input() {
    let dir = Scratch::new();
    let subs = examples(dir.path());
    let out = subs.join("compiled.json");
    for _ in 0..2 {
        let (code, _, stderr) = run(
            dir.path(),
            &["subs", "-o", out.to_str().unwrap(), "--force"],
        );
        assert_eq!(code, Some(0), "{stderr}");
        assert!(stderr.contains("\n3 files:"), "{stderr}");
    }
    fs::remove_file(&out).unwrap();
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "subs/csv/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let (code, _, stderr) = run(dir.path(), &["subs", "-o", "subs/csv/", "--force"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(stderr.contains("\n3 files:"), "{stderr}");
}

#[test]
fn three_editions_compile_into_the_same_columns() {
    let dir = Scratch::new();
    let (code, _, stderr) = run(
        dir.path(),
        &[repo("examples").to_str().unwrap(), "-o", "all/"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let responses = csv_table(&dir.path().join("all/responses.csv"));
    let editions: Vec<&str> = responses
        .rows
        .iter()
        .map(|r| r[responses.at("edition")].as_str())
        .collect();
    for edition in ["hlpf-2024", "hlpf-2025", "hlpf-2026"] {
        assert!(editions.contains(&edition), "{editions:?}");
    }
    // Q1 of every edition is one topic; 2026's events continue 2024's, in the same sheet.
    let texts = csv_table(&dir.path().join("all/texts.csv"));
    let q1: Vec<&str> = texts
        .rows_where("question", "governing_body")
        .iter()
        .map(|r| r[texts.at("edition")].as_str())
        .collect();
    assert!(
        q1.contains(&"hlpf-2025") && q1.contains(&"hlpf-2026"),
        "{q1:?}"
    );
    assert_eq!(texts.rows_where("question", "coordination").len(), 2);
    let events = csv_table(&dir.path().join("all/events.csv"));
    let of_2026 = events.rows_where("edition", "hlpf-2026");
    assert!(!of_2026.is_empty());
    assert_eq!(of_2026[0][events.at("dates_start")], "2025-03-11");
    // Each row's SDGs under review are its edition's.
    let matrix = csv_table(&dir.path().join("all/sdg_matrix.csv"));
    let review =
        |edition: &str| matrix.rows_where("edition", edition)[0][matrix.at("review_sdgs")].clone();
    assert_eq!(review("hlpf-2024"), "1, 2, 13, 16, 17");
    assert_eq!(review("hlpf-2026"), "6, 7, 9, 11, 17");
    let codebook = csv_table(&dir.path().join("all/codebook.csv"));
    let row = codebook
        .rows
        .iter()
        .find(|r| r[0] == "events" && r[1] == "dates_start")
        .unwrap();
    assert_eq!(row[codebook.at("editions")], "hlpf-2024, hlpf-2026");
}
