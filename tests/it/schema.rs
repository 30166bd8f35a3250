//! `qfill schema`: the JSON Schema it prints is a valid 2020-12 schema that accepts every valid
//! answers file and rejects files the checker finds errors in, for any questionnaire.

use crate::common::{Scratch, qfill, repo};
use std::fs;
use std::path::Path;

use serde_json::{Value, json};

/// A compiled schema, as printed by `qfill schema`.
struct Schema {
    schemas: boon::Schemas,
    index: boon::SchemaIndex,
}

impl Schema {
    fn of(args: &[&str]) -> Schema {
        let output = qfill().arg("schema").args(args).output().unwrap();
        assert!(output.status.success(), "{output:?}");
        let document: Value = serde_json::from_slice(&output.stdout).unwrap();
        assert_eq!(
            document["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
        let mut schemas = boon::Schemas::new();
        let mut compiler = boon::Compiler::new();
        let url = "urn:qfill:answers-schema";
        compiler.add_resource(url, document).unwrap();
        // Compiling checks the schema against the 2020-12 meta-schema.
        let index = compiler
            .compile(url, &mut schemas)
            .unwrap_or_else(|e| panic!("{e:#}"));
        Schema { schemas, index }
    }

    fn check(&self, answers: &Value) -> Result<(), String> {
        self.schemas
            .validate(answers, self.index)
            .map_err(|e| format!("{e:#}"))
    }
}

/// An answers file as the JSON an editor checks: TOML dates become strings, as in editors.
fn as_json(path: &Path) -> Value {
    let text = fs::read_to_string(path).unwrap();
    if path.extension().is_some_and(|e| e == "json") {
        return serde_json::from_str(&text).unwrap();
    }
    toml_to_json(&toml::from_str(&text).unwrap())
}

fn toml_to_json(value: &toml::Value) -> Value {
    match value {
        toml::Value::String(s) => json!(s),
        toml::Value::Integer(i) => json!(i),
        toml::Value::Float(f) => json!(f),
        toml::Value::Boolean(b) => json!(b),
        toml::Value::Datetime(d) => json!(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// Exit code of `qfill validate` on TOML text.
fn validate_exit(args: &[&str], toml: &str) -> i32 {
    let dir = Scratch::new();
    let file = dir.path().join("answers.toml");
    fs::write(&file, toml).unwrap();
    qfill()
        .arg("validate")
        .args(args)
        .arg(&file)
        .output()
        .unwrap()
        .status
        .code()
        .unwrap()
}

#[test]
fn every_example_is_accepted() {
    let mut seen = 0;
    for entry in fs::read_dir(repo("examples")).unwrap() {
        let path = entry.unwrap().path();
        let document = as_json(&path);
        // Each example against the schema of the edition it answers.
        let edition = document["questionnaire"].as_str().unwrap().to_string();
        let schema = Schema::of(&["--questionnaire", &edition]);
        if let Err(e) = schema.check(&document) {
            panic!("{}: {e}", path.display());
        }
        seen += 1;
    }
    assert!(seen >= 3);
}

#[test]
fn files_with_errors_are_rejected_by_the_schema_and_the_checker() {
    let schema = Schema::of(&["--questionnaire", "hlpf-2024"]);
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    assert_eq!(validate_exit(&[], &example), 0);
    let resource = "\n[[answers.resources]]\nname = \"R\"\nsdgs = [1]\npublishers = [\"P\"]\naudience = \"A\"\ndescription = \"D\"\nlanguages = [\"en\"]\nwebsite = \"https://example.org\"\n";
    let cases: Vec<(&str, String)> = vec![
        (
            "a float among the SDGs",
            example.replace("sdgs = [2, 6, 13, 17]", "sdgs = [1.5]"),
        ),
        (
            "an SDG out of range",
            example.replace("sdgs = [2, 6, 13, 17]", "sdgs = [18]"),
        ),
        (
            "an SDG twice",
            example.replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 2]"),
        ),
        (
            "an unknown top-level key",
            format!("colour = \"blue\"\n{example}"),
        ),
        (
            "an unknown record field",
            example.replace("sdgs = [2, 6, 13, 17]", "sdgs = [2]\nvenue = \"x\""),
        ),
        (
            "a missing entity",
            example.replace("entity = ", "former_entity = "),
        ),
        (
            "another questionnaire",
            example.replace(
                "questionnaire = \"hlpf-2024\"",
                "questionnaire = \"hlpf-2023\"",
            ),
        ),
        ("four resources", format!("{example}{}", resource.repeat(4))),
    ];
    for (what, text) in cases {
        assert_ne!(text, example, "{what}: the case changes nothing");
        assert_eq!(
            validate_exit(&[], &text),
            1,
            "{what}: the checker accepts it"
        );
        let answers = toml_to_json(&toml::from_str(&text).unwrap());
        assert!(
            schema.check(&answers).is_err(),
            "{what}: the schema accepts it"
        );
    }
}

#[test]
fn another_definition_gets_its_own_schema() {
    let pilot = repo("tests/data/pilot-2026.toml");
    let pilot = pilot.to_str().unwrap();
    let schema = Schema::of(&["--questionnaire", pilot]);
    let valid = r#"questionnaire = "pilot-2026"
entity = "Statistics Office (SO)"

[answers]
summary = "Census support in two regions."
themes = { picked = ["Census"], comment = "Mostly census work." }

[[answers.workshops]]
title = "Sampling"
held = { start = 2026-02-03, end = 2026-02-04 }
goals = "SDG 17"
countries = ["Senegal", "Gambia"]
"#;
    assert_eq!(validate_exit(&["--questionnaire", pilot], valid), 0);
    schema
        .check(&toml_to_json(&toml::from_str(valid).unwrap()))
        .unwrap();
    // The 2024 survey's questions are unknown keys here, and a third workshop is one too many.
    let workshop = "\n[[answers.workshops]]\ntitle = \"W\"\nheld = 2026-01-05\n";
    for (what, text) in [
        (
            "a 2024 question",
            valid.replace("[answers]\n", "[answers]\nevents = []\n"),
        ),
        ("three workshops", format!("{valid}{}", workshop.repeat(2))),
        (
            "a workshop without its title",
            valid.replace("title = \"Sampling\"\n", ""),
        ),
    ] {
        assert_eq!(
            validate_exit(&["--questionnaire", pilot], &text),
            1,
            "{what}"
        );
        let answers = toml_to_json(&toml::from_str(&text).unwrap());
        assert!(
            schema.check(&answers).is_err(),
            "{what}: the schema accepts it"
        );
    }
}

#[test]
fn titles_and_descriptions_come_from_the_definition() {
    let output = qfill().args(["schema"]).output().unwrap();
    let schema: Value = serde_json::from_slice(&output.stdout).unwrap();
    let events = &schema["properties"]["answers"]["properties"]["events"];
    assert_eq!(events["title"], "Question 2");
    assert!(
        events["description"]
            .as_str()
            .unwrap()
            .starts_with("In the past year, has your organization organized"),
        "{events}"
    );
    let location = &events["anyOf"][0]["items"]["properties"]["location"];
    assert_eq!(location["title"], "Event Location");
    // A broken definition is a usage error, as for every command.
    qfill()
        .args(["schema", "--questionnaire", "no-such-edition"])
        .assert()
        .code(2);
}
