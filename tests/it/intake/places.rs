//! Member States as the answers meant them, the other places named apart (item 4).

use std::collections::{BTreeMap, BTreeSet};

use super::expected;
use super::harness::{compiled, count, int, page, sel};

/// The places every counted response names as Member States, computed from the files:
/// (entity key, edition, file, place, kind), once per record.
fn named_places() -> Vec<(String, String, String, String, String)> {
    let files = expected::files();
    let instead = expected::counted_instead(&files, false);
    let mut out = Vec::new();
    for (file, instead) in files.iter().zip(&instead) {
        if instead.is_some() {
            continue;
        }
        let key = expected::key_of(file.base()).to_string();
        let edition = file.edition().unwrap_or("hlpf-2024").to_string();
        // ESCWA's 2025 file holds its 2024 initiatives in its notes.
        let escwa = expected::escwa_2024();
        let file = if file.base() == expected::ESCWA_2025 {
            &escwa
        } else {
            file
        };
        let lists: Vec<serde_json::Value> = if file.base() == "iom.txt" {
            expected::iom_lists()
                .into_iter()
                .map(serde_json::Value::String)
                .collect()
        } else {
            file.records("initiatives")
                .iter()
                .map(|r| r["member_states"].clone())
                .collect()
        };
        for list in lists {
            let places = expected::places(&list)
                .unwrap_or_else(|| vec![("All Member States".to_string(), "member state")]);
            for (place, kind) in places {
                out.push((
                    key.clone(),
                    edition.clone(),
                    file.name.clone(),
                    place,
                    kind.to_string(),
                ));
            }
        }
    }
    out
}

#[test]
fn member_states_are_counted_as_the_answers_meant_them() {
    let named = named_places();
    let iom: Vec<_> = named.iter().filter(|p| p.0 == "IOM").collect();
    assert_eq!(iom.len(), 68, "IOM names 68 places");
    assert_eq!(
        iom.iter().filter(|p| p.4 == "member state").count(),
        61,
        "61 of them Member States"
    );
    let others = named.iter().filter(|p| p.4 != "member state").count();

    // A Member State's records per entity: the most any one answer of an entity to an edition
    // gives, summed over editions.
    let mut per_answer: BTreeMap<(String, String, String, String), i64> = BTreeMap::new();
    for (key, edition, file, place, kind) in &named {
        if kind == "member state" {
            *per_answer
                .entry((place.clone(), key.clone(), edition.clone(), file.clone()))
                .or_default() += 1;
        }
    }
    let mut matrix: BTreeMap<(String, String), i64> = BTreeMap::new();
    let mut most: BTreeMap<(String, String, String), i64> = BTreeMap::new();
    for ((place, key, edition, _), n) in per_answer {
        let slot = most.entry((place, key, edition)).or_default();
        *slot = (*slot).max(n);
    }
    for ((place, key, _), n) in most {
        *matrix.entry((place, key)).or_default() += n;
    }

    let (outputs, stderr) = compiled(&[]);
    let totals = stderr.lines().last().unwrap();
    assert!(
        totals.contains(&format!(", {others} places not Member States; wrote ")),
        "{totals}"
    );
    for tables in &outputs {
        let f = tables.format;
        let sheet = tables.sheet("member_states");
        let mut got: Vec<(String, String, String)> = sheet
            .rows
            .iter()
            .map(|r| {
                (
                    r[sheet.at("entity_key")].clone(),
                    r[sheet.at("country")].clone(),
                    r[sheet.at("kind")].clone(),
                )
            })
            .collect();
        let mut want: Vec<(String, String, String)> = named
            .iter()
            .map(|(k, _, _, p, kind)| (k.clone(), p.clone(), kind.clone()))
            .collect();
        got.sort();
        want.sort();
        assert_eq!(
            got, want,
            "{f}: every place named, Member State or not, with its kind"
        );
        for row in sheet.rows_where("country", "All Member States") {
            assert_eq!(row[sheet.at("all")], "true", "{f}");
        }

        // The country matrix counts Member States only.
        let countries = tables.sheet("country_matrix");
        let listed: BTreeSet<&str> = countries.column("country").into_iter().collect();
        let want: BTreeSet<&str> = matrix.keys().map(|(p, _)| p.as_str()).collect();
        assert_eq!(listed, want, "{f}");
        for row in &countries.rows {
            let place = &row[countries.at("country")];
            let of: Vec<(&String, &i64)> = matrix
                .iter()
                .filter(|((p, _), _)| p == place)
                .map(|((_, k), n)| (k, n))
                .collect();
            assert_eq!(
                int(&row[countries.at("total")]),
                of.iter().map(|(_, n)| **n).sum::<i64>(),
                "{f}: {place}"
            );
            assert_eq!(
                int(&row[countries.at("entities")]),
                of.len() as i64,
                "{f}: {place}"
            );
            for (key, n) in of {
                assert_eq!(int(&row[countries.at(key)]), *n, "{f}: {place}, {key}");
            }
        }
    }

    // The page: the Member States table as the matrix has them, the other places apart.
    let doc = page(&[]);
    let table: BTreeMap<String, i64> = doc
        .select(&sel("table.states tbody tr"))
        .map(|tr| {
            let th = tr
                .select(&sel("th"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            let td = tr
                .select(&sel("td"))
                .next()
                .unwrap()
                .text()
                .collect::<String>();
            (th.trim_end_matches(" (“all”)").trim().to_string(), int(&td))
        })
        .collect();
    let mut want: BTreeMap<String, i64> = BTreeMap::new();
    for ((place, _), n) in &matrix {
        *want.entry(place.clone()).or_default() += n;
    }
    assert_eq!(table, want);
    let distinct: BTreeSet<(&str, &str)> = named
        .iter()
        .filter(|p| p.4 != "member state")
        .map(|p| (p.3.as_str(), p.4.as_str()))
        .collect();
    assert_eq!(count(&doc, "other-places"), distinct.len() as i64);
    assert_eq!(count(&doc, "other-records"), others as i64);
    let kinds: BTreeSet<(String, String)> = doc
        .select(&sel("table.other-places tbody tr"))
        .map(|tr| {
            let cells: Vec<String> = tr
                .text()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(str::to_string)
                .collect();
            (cells[0].clone(), cells[1].clone())
        })
        .collect();
    let want: BTreeSet<(String, String)> = distinct
        .iter()
        .map(|(p, k)| ((*p).to_string(), (*k).to_string()))
        .collect();
    assert_eq!(kinds, want);
}
