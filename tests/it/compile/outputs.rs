//! Outputs that never cut, collide or hide: only the workbook cuts a text, entity keys never take
//! over a column, `--excel` guards headers, a stray list item keeps its readable neighbours.

use std::fs;

use super::{csv_table, run, workbook};
use crate::common::{Scratch, repo};

/// A text's length as a spreadsheet counts it: in UTF-16 units.
fn cell_length(text: &str) -> usize {
    text.encode_utf16().count()
}

#[test]
fn only_the_workbook_cuts_a_text_at_what_a_cell_holds_and_says_so() {
    let dir = Scratch::new();
    // 40,000 characters of words; 20,000 emoji, 40,000 units as Excel counts them.
    let long = "word ".repeat(8_000);
    let emoji = "🌍".repeat(20_000);
    let text = fs::read_to_string(repo("examples/response.toml"))
        .unwrap()
        .replace(
            "recommendations = \"\"\"\n",
            &format!("recommendations = \"\"\"\n{long}\n"),
        )
        .replace(
            "name = \"Regional Forum on Water Security and Climate Adaptation in Africa\"",
            &format!("name = \"{emoji}\""),
        )
        .replace(
            "entity = \"Global Water Resilience Institute (GWRI)\"",
            &format!("entity = \"Two\\nlines {}\"", "e".repeat(300)),
        );
    fs::write(dir.path().join("long.toml"), &text).unwrap();
    let (code, _, stderr) = run(dir.path(), &["long.toml", "-o", "long.xlsx"]);
    assert_eq!(code, Some(0), "{stderr}");
    // On standard error too.
    let told: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("warning[truncated]: long.toml"))
        .collect();
    assert_eq!(told.len(), 2, "{stderr}");
    assert!(
        told[0].contains("events[0].name has 40000 characters as Excel counts them"),
        "{stderr}"
    );
    let (_, sheets) = workbook(&dir.path().join("long.xlsx"));
    let texts = &sheets["texts"];
    let cut = &texts.rows_where("question", "recommendations")[0][texts.at("text")];
    assert_eq!(cell_length(cut), 32_767);
    assert!(
        cut.ends_with("characters, the cell holds 32767]"),
        "{}",
        &cut[cut.len() - 100..]
    );
    let events = &sheets["events"];
    let name = &events.rows[0][events.at("name")];
    assert!(cell_length(name) <= 32_767, "{}", cell_length(name));
    assert!(name.starts_with("🌍🌍") && name.ends_with("the cell holds 32767]"));
    let findings = &sheets["findings"];
    let truncated = findings.rows_where("code", "truncated");
    let paths: Vec<&str> = truncated
        .iter()
        .map(|r| r[findings.at("path")].as_str())
        .collect();
    assert_eq!(paths, ["events[0].name", "recommendations"]);
    assert_eq!(sheets["responses"].get(0, "warnings"), "2");
    // An entity key is a column name of the country matrix: on one line, cut to what a table
    // takes.
    let header = &sheets["country_matrix"].header[1];
    assert!(header.starts_with("Two lines eee"), "{header}");
    assert_eq!(header.chars().count(), 240);

    // JSON and CSV (for Excel too) hold the whole texts, and cut nothing.
    let (code, json, stderr) = run(dir.path(), &["long.toml", "--to", "json", "-o", "-"]);
    assert_eq!(code, Some(0), "{stderr}");
    assert!(!stderr.contains("truncated"), "{stderr}");
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sheet = |name: &str| {
        doc["sheets"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| s["name"] == name)
            .unwrap()
            .clone()
    };
    let texts = sheet("texts");
    let whole = texts["rows"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r.as_array().unwrap().iter().any(|c| c == "recommendations"))
        .unwrap();
    assert!(
        whole
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|c| c.as_str())
            .any(|c| c.starts_with(long.trim_end())
                && cell_length(c) > 40_000
                && !c.contains("cut by qfill"))
    );
    assert!(
        !sheet("findings")["rows"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r.as_array().unwrap().iter().any(|c| c == "truncated"))
    );
    for excel in [false, true] {
        let out = if excel { "excel/" } else { "csv/" };
        let mut args = vec!["long.toml", "-o", out];
        if excel {
            args.push("--excel");
        }
        let (code, _, stderr) = run(dir.path(), &args);
        assert_eq!(code, Some(0), "{stderr}");
        assert!(!stderr.contains("truncated"), "{stderr}");
        let events = csv_table(&dir.path().join(format!("{out}events.csv")));
        assert_eq!(events.rows[0][events.at("name")], emoji);
        let findings = csv_table(&dir.path().join(format!("{out}findings.csv")));
        assert!(findings.rows_where("code", "truncated").is_empty());
    }
}

#[test]
fn entity_keys_never_take_over_a_column_and_excel_headers_are_guarded() {
    let dir = Scratch::new();
    let with = |entity: &str| {
        fs::read_to_string(repo("examples/response.toml"))
            .unwrap()
            .replace("Global Water Resilience Institute (GWRI)", entity)
    };
    fs::write(dir.path().join("a.toml"), with("total")).unwrap();
    fs::write(dir.path().join("b.toml"), with("Country")).unwrap();
    fs::write(dir.path().join("c.toml"), with("=SUM(B2:B9)")).unwrap();
    let (code, _, stderr) = run(dir.path(), &["a.toml", "b.toml", "c.toml", "-o", "plain/"]);
    assert_eq!(code, Some(0), "{stderr}");
    let matrix = csv_table(&dir.path().join("plain/country_matrix.csv"));
    assert_eq!(
        matrix.header,
        [
            "country",
            "total (entity)",
            "Country (entity)",
            "=SUM(B2:B9)",
            "entities",
            "total"
        ]
    );
    let kenya = matrix.rows_where("country", "Kenya")[0];
    assert_eq!(kenya[matrix.at("total")], "3", "the real total");
    let (code, _, stderr) = run(
        dir.path(),
        &["a.toml", "b.toml", "c.toml", "-o", "excel/", "--excel"],
    );
    assert_eq!(code, Some(0), "{stderr}");
    let bytes = fs::read(dir.path().join("excel/country_matrix.csv")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let header = text.lines().next().unwrap();
    assert_eq!(
        header,
        "\u{feff}country,total (entity),Country (entity),'=SUM(B2:B9),entities,total"
    );
    let responses = csv_table(&dir.path().join("excel/responses.csv"));
    assert_eq!(responses.get(2, "entity_key"), "'=SUM(B2:B9)");
}

#[test]
fn a_stray_item_in_a_record_list_leaves_the_readable_records_beside_it() {
    let dir = Scratch::new();
    let text = fs::read_to_string(repo("examples/response.toml")).unwrap();
    // Three events written as an array: the second is not a record.
    let events = "events = [\n  { name = \"First\", dates = \"2023-05-10\", location = { city = \"Nairobi\", country = \"Kenya\" }, sdgs = [6], description = \"One.\" },\n  \"a stray line of text\",\n  { name = \"Third\", dates = \"2024-10-08\", location = { city = \"Dakar\", country = \"Senegal\" }, sdgs = \"13 and 14\", description = \"Three.\" },\n]\n";
    let mut kept: Vec<&str> = Vec::new();
    let mut skip = false;
    for line in text.lines() {
        if line == "[[answers.events]]" {
            skip = true;
            continue;
        }
        if skip && (line.starts_with("[[") || line.starts_with("[answers.")) {
            skip = false;
        }
        if !skip {
            kept.push(line);
        }
    }
    let mut file = kept.join("\n");
    file = file.replacen("[answers]\n", &format!("[answers]\n{events}"), 1);
    fs::write(dir.path().join("stray.toml"), &file).unwrap();
    let (code, _, stderr) = run(dir.path(), &["stray.toml", "-o", "out/"]);
    assert_eq!(code, Some(1), "{stderr}");
    let sheet = csv_table(&dir.path().join("out/events.csv"));
    let rows: Vec<(&str, &str)> = sheet
        .rows
        .iter()
        .map(|r| (r[sheet.at("record")].as_str(), r[sheet.at("name")].as_str()))
        .collect();
    assert_eq!(
        rows,
        [("1", "First"), ("3", "Third")],
        "every readable record, numbered as in the file"
    );
    assert_eq!(sheet.rows[1][sheet.at("sdg_14")], "1");
    let findings = csv_table(&dir.path().join("out/findings.csv"));
    let stray = findings.rows_where("path", "events[1]");
    assert_eq!(stray.len(), 1, "{:?}", findings.rows);
    assert_eq!(stray[0][findings.at("code")], "wrong-type");
    assert_eq!(stray[0][findings.at("record")], "2");
    let sdgs = csv_table(&dir.path().join("out/sdgs.csv"));
    assert_eq!(sdgs.rows_where("question", "events").len(), 3);
    let responses = csv_table(&dir.path().join("out/responses.csv"));
    assert_eq!(responses.get(0, "events_records"), "2");
}
