//! Every goal that can be read counts once and can be filtered (item 5).

use std::collections::{BTreeMap, BTreeSet};

use super::expected;
use super::harness::{compiled, goal_columns, int, numbers, page, sel};

#[test]
fn every_goal_that_can_be_read_counts_once_and_can_be_filtered() {
    let files = expected::files();
    let records = expected::counted_records(&files);
    let undp = records
        .iter()
        .find(|r| r.key == "UNDP" && r.question == "initiatives")
        .unwrap();
    assert_eq!(
        undp.goals,
        BTreeSet::from([10, 13, 16, 17]),
        "a repeated goal once"
    );
    let women = records
        .iter()
        .find(|r| r.key == "UN-Women" && r.question == "initiatives")
        .unwrap();
    assert_eq!(
        women.goals,
        BTreeSet::from([5, 8]),
        "a goal out of range not at all"
    );

    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let f = tables.format;
        // The long sheet: one row per goal of every record, with the record's dates.
        let sdgs = tables.sheet("sdgs");
        let mut got: Vec<(String, String, i64, i64)> = sdgs
            .rows
            .iter()
            .map(|r| {
                (
                    r[sdgs.at("file")].clone(),
                    r[sdgs.at("question")].clone(),
                    int(&r[sdgs.at("record")]),
                    int(&r[sdgs.at("goal")]),
                )
            })
            .collect();
        let mut want: Vec<(String, String, i64, i64)> = records
            .iter()
            .flat_map(|r| {
                r.goals.iter().map(|g| {
                    (
                        r.file.clone(),
                        r.question.to_string(),
                        r.number as i64,
                        i64::from(*g),
                    )
                })
            })
            .collect();
        got.sort();
        want.sort();
        assert_eq!(got, want, "{f}");
        for r in records.iter().filter(|r| r.question == "events") {
            let Some(serde_json::Value::Object(dates)) = &r.dates else {
                continue;
            };
            for row in sdgs.rows_where("file", &r.file) {
                if row[sdgs.at("question")] == "events"
                    && int(&row[sdgs.at("record")]) == r.number as i64
                {
                    assert_eq!(
                        row[sdgs.at("start")],
                        dates["start"].as_str().unwrap(),
                        "{f}"
                    );
                    assert_eq!(row[sdgs.at("end")], dates["end"].as_str().unwrap(), "{f}");
                }
            }
        }

        // Each record sheet: sdg_1 … sdg_17 beside the text, so that `sdg_14 = 1` finds every
        // record naming SDG 14, "all" included, where "contains 14" finds fewer.
        let mut fourteen = 0;
        let mut contains = 0;
        for question in ["events", "resources", "initiatives"] {
            let sheet = tables.sheet(question);
            for r in records.iter().filter(|r| r.question == question) {
                let row = sheet
                    .rows_where("file", &r.file)
                    .into_iter()
                    .find(|row| int(&row[sheet.at("record")]) == r.number as i64)
                    .unwrap_or_else(|| panic!("{f}: {} {question} {}", r.file, r.number));
                for goal in 1..=17u8 {
                    let want = if r.goals.contains(&goal) { "1" } else { "0" };
                    assert_eq!(
                        row[sheet.at(&format!("sdg_{goal}"))],
                        want,
                        "{f}: {} {question} {} SDG {goal}",
                        r.file,
                        r.number
                    );
                }
            }
            fourteen += sheet.rows_where("sdg_14", "1").len();
            contains += sheet
                .column("sdgs")
                .iter()
                .filter(|s| s.contains("14"))
                .count();
        }
        let naming_14 = records.iter().filter(|r| r.goals.contains(&14)).count();
        assert_eq!(fourteen, naming_14, "{f}");
        assert!(records.iter().any(|r| r.all && r.question == "events"));
        assert!(
            contains < fourteen,
            "{f}: the text filter misses the `all` records"
        );

        // The matrix: records naming each goal, an entity's two answers as the one naming it
        // most; the total counts entities.
        let matrix = tables.sheet("sdg_matrix");
        let goals = goal_columns();
        let mut per_file: BTreeMap<(&str, &str), [i64; 17]> = BTreeMap::new();
        for r in &records {
            let counts = per_file
                .entry((r.key.as_str(), r.file.as_str()))
                .or_default();
            for g in &r.goals {
                counts[usize::from(*g) - 1] += 1;
            }
        }
        let mut per_key: BTreeMap<&str, [i64; 17]> = BTreeMap::new();
        for ((key, _), counts) in &per_file {
            let most = per_key.entry(key).or_default();
            for (m, n) in most.iter_mut().zip(counts) {
                *m = (*m).max(*n);
            }
        }
        for (key, counts) in &per_key {
            if counts.iter().all(|n| *n == 0) {
                continue;
            }
            let row = matrix.rows_where("entity_key", key);
            assert_eq!(row.len(), 1, "{f}: {key}");
            assert_eq!(
                numbers(matrix, row[0], &goals),
                counts.to_vec(),
                "{f}: {key}"
            );
        }
        let total = matrix
            .rows
            .iter()
            .find(|r| r[matrix.at("entity_key")].is_empty())
            .unwrap();
        let naming: Vec<i64> = (0..17)
            .map(|g| per_key.values().filter(|c| c[g] > 0).count() as i64)
            .collect();
        assert_eq!(numbers(matrix, total, &goals), naming, "{f}");
    }

    // The page's chart counts every record naming each goal.
    let doc = page(&[]);
    let bars: Vec<i64> = doc
        .select(&sel("figure#chart-sdgs svg g.bar"))
        .map(|g| int(g.value().attr("data-value").unwrap()))
        .collect();
    let want: Vec<i64> = (1..=17u8)
        .map(|g| records.iter().filter(|r| r.goals.contains(&g)).count() as i64)
        .collect();
    assert_eq!(bars, want);
}
