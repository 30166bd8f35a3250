//! A named legacy text read alike by `validate` and `compile` (item 8).

use super::expected::IOM;
use super::harness::{compiled, int, run};

#[test]
fn a_named_legacy_text_is_read_alike_by_validate_and_compile() {
    let (_, stderr, json) = run(&["validate", IOM, "--format", "json"]);
    let report: serde_json::Value =
        serde_json::from_slice(&json).unwrap_or_else(|e| panic!("{e}: {stderr}"));
    let file = &report["files"][0];
    assert_eq!(file["file"], IOM);
    let text = |v: &serde_json::Value| match v {
        serde_json::Value::Null => String::new(),
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let validated: Vec<[String; 5]> = file["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            [
                text(&f["code"]),
                text(&f["path"]),
                text(&f["line"]),
                text(&f["column"]),
                text(&f["message"]),
            ]
        })
        .collect();
    assert!(validated.len() >= 8, "{validated:?}");
    let (outputs, _) = compiled(&[]);
    for tables in &outputs {
        let findings = tables.sheet("findings");
        let compiled: Vec<[String; 5]> = findings
            .rows_where("file", IOM)
            .iter()
            .map(|r| {
                ["code", "path", "line", "column", "message"].map(|c| r[findings.at(c)].clone())
            })
            .collect();
        assert_eq!(compiled, validated, "{}", tables.format);
        let responses = tables.sheet("responses");
        let row = responses.rows_where("file", IOM)[0];
        assert_eq!(row[responses.at("read_as")], "legacy text");
        assert_eq!(row[responses.at("edition")], "hlpf-2024");
        assert_eq!(
            int(&row[responses.at("warnings")]),
            file["warnings"].as_i64().unwrap()
        );
    }
}
