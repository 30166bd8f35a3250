//! Nothing a person wrote is dropped: `import` keeps a value that begins with a label's words as
//! the value it is, through the built binary, and the imported file validates.

use std::fs;
use std::path::Path;

use crate::common::{qfill, repo};
use serde_json::Value;

/// Sentences that begin with a form label's words, added as the last paragraph of descriptions
/// in the example answers' legacy text: (the paragraph it follows, the record, the sentence).
const ADDED: &[(&str, &str, usize, &str)] = &[
    (
        "technical cooperation in the region.",
        "events",
        0,
        "Relevant SDGs were chosen by the Governing Council.",
    ),
    (
        "transmitted to the HLPF in 2025.",
        "events",
        1,
        "Event Name changes are agreed by the Council each year.",
    ),
    (
        "national development plans and budget processes.",
        "resources",
        0,
        "Languages other than English will follow in 2025.",
    ),
    (
        "linking them to climate finance proposals.",
        "resources",
        1,
        "Target audience feedback shaped the templates.",
    ),
    (
        "informal settlements and rural service providers.",
        "initiatives",
        0,
        "Website traffic grew by a third after the launch.",
    ),
];

fn run(args: &[&str]) -> std::process::Output {
    qfill().args(args).output().unwrap()
}

fn json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// The example answers exported to the legacy layout, with the sentences of `ADDED` appended.
fn hostile_legacy(dir: &Path) -> std::path::PathBuf {
    let legacy = dir.join("legacy.txt");
    let example = repo("examples/response.toml");
    let out = run(&[
        "export",
        example.to_str().unwrap(),
        "-o",
        legacy.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut text = fs::read_to_string(&legacy).unwrap();
    for (after, _, _, sentence) in ADDED {
        let closing = format!("{after} |\n");
        assert_eq!(text.matches(&closing).count(), 1, "{after}");
        text = text.replace(&closing, &format!("{after}\n{sentence} |\n"));
    }
    fs::write(&legacy, text).unwrap();
    legacy
}

#[test]
fn values_beginning_with_a_label_word_are_imported_whole_and_validate() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = hostile_legacy(dir.path());
    let imported = dir.path().join("imported.json");
    let out = run(&[
        "import",
        legacy.to_str().unwrap(),
        "-o",
        imported.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stderr}");
    assert!(!stderr.contains("unplaced-text"), "{stderr}");

    // Every value of the example comes back, the descriptions with their added paragraph.
    let example = dir.path().join("example.json");
    let out = run(&[
        "export",
        repo("examples/response.toml").to_str().unwrap(),
        "-o",
        example.to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let mut want = json(&example)["answers"].clone();
    for (_, question, record, sentence) in ADDED {
        let description = &mut want[*question][*record]["description"];
        let text = format!("{}\n\n{sentence}", description.as_str().unwrap());
        *description = Value::String(text);
    }
    let got = json(&imported);
    assert_eq!(got["answers"], want);
    assert!(got.get("notes").is_none(), "{got}");

    let out = run(&["validate", imported.to_str().unwrap()]);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
}

#[test]
fn a_one_line_value_beginning_with_a_label_word_is_a_value() {
    let dir = tempfile::tempdir().unwrap();
    let legacy = dir.path().join("old.txt");
    fs::write(
        &legacy,
        "Office X (OX)\n\
         2. In the past year, has your organization organized any intergovernmentally mandated conferences\n\
         Event Name |\nEvent Name Day for Coastal Towns |\n\
         Event Dates |\n2024-06-12 |\n\
         Event Location (City, Country): |\nApia, Samoa |\n\
         Relevant SDGs |\n14 |\n\
         Description (max 150 words): please include a short summary of the event's mandate |\n\
         Relevant SDGs were chosen by the board. |\n\
         Website (if applicable) |\n",
    )
    .unwrap();
    let out = run(&["import", legacy.to_str().unwrap()]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    let toml = String::from_utf8(out.stdout).unwrap();
    assert_eq!(out.status.code(), Some(0), "{stderr}\n{toml}");
    assert!(
        toml.contains("name = \"Event Name Day for Coastal Towns\""),
        "{toml}"
    );
    assert!(
        toml.contains("description = \"Relevant SDGs were chosen by the board.\""),
        "{toml}"
    );
    assert_eq!(toml.matches("[[answers.events]]").count(), 1, "{toml}");
    assert!(
        !stderr.contains("error[") && !stderr.contains("unplaced-text"),
        "{stderr}"
    );

    let imported = dir.path().join("imported.toml");
    fs::write(&imported, &toml).unwrap();
    let out = run(&["validate", "--format", "json", imported.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let codes: Vec<&str> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(codes.iter().all(|c| *c == "not-answered"), "{codes:?}");
}

/// The example answers with the first resource's languages and the second initiative's Member
/// States replaced.
fn example_with(dir: &Path, languages: &str, states: &str) -> std::path::PathBuf {
    let text = fs::read_to_string(repo("examples/response.toml")).unwrap();
    let languages_line = "languages = [\"ar\", \"en\", \"es\", \"fr\", \"ru\", \"zh\"]";
    let states_line = "member_states = [\"Kenya\", \"Uganda\", \"United Republic of Tanzania\", \"Rwanda\", \"Burundi\"]";
    assert!(text.contains(languages_line) && text.contains(states_line));
    let text = text
        .replace(languages_line, &format!("languages = {languages}"))
        .replace(states_line, &format!("member_states = {states}"));
    let path = dir.join("answers.toml");
    fs::write(&path, text).unwrap();
    path
}

/// (code, hint) of each finding `validate --format json` gives for `path`.
fn findings(path: &Path) -> (Option<i32>, Vec<(String, String)>) {
    let out = run(&["validate", "--format", "json", path.to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["hint"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    (out.status.code(), found)
}

#[test]
fn registry_names_common_names_and_alpha_2_codes_are_read() {
    let dir = tempfile::tempdir().unwrap();
    let answers = example_with(
        dir.path(),
        r#"["Pashto", "Punjabi", "Kyrgyz", "Haitian Creole", "Greek, Modern (1453-)", "Farsi", "ara"]"#,
        r#"["ZA", "BW", "Kenya"]"#,
    );
    let (code, found) = findings(&answers);
    assert_eq!(code, Some(0), "{found:?}");
    assert!(found.iter().all(|(c, _)| c == "non-canonical"), "{found:?}");
    let out = run(&["export", answers.to_str().unwrap(), "--to", "json"]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let doc: Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        doc["answers"]["resources"][0]["languages"],
        serde_json::json!(["ps", "pa", "ky", "ht", "el", "fa", "ar"])
    );
    assert_eq!(
        doc["answers"]["initiatives"][1]["member_states"],
        serde_json::json!(["South Africa", "Botswana", "Kenya"])
    );
}

#[test]
fn hints_name_the_close_candidates_or_say_none_is_close() {
    let dir = tempfile::tempdir().unwrap();
    let answers = example_with(
        dir.path(),
        r#"["en", "Pashtu", "Klingon"]"#,
        r#"["Tobago", "Moldava", "Korea", "Atlantis"]"#,
    );
    let (code, found) = findings(&answers);
    assert_eq!(code, Some(0), "warnings only: {found:?}");
    let hint = |code: &str, n: usize| -> String {
        found
            .iter()
            .filter(|(c, _)| c == code)
            .nth(n)
            .map(|(_, h)| h.clone())
            .unwrap_or_default()
    };
    assert_eq!(hint("language-unknown", 0), "did you mean `Pashto`?");
    assert_eq!(
        hint("language-unknown", 1),
        "no ISO 639-1 language name is close; use the language's English name or its two-letter ISO 639-1 code"
    );
    assert_eq!(
        hint("country-unknown", 0),
        "did you mean `Trinidad and Tobago`?"
    );
    assert_eq!(
        hint("country-unknown", 1),
        "did you mean `Republic of Moldova`?"
    );
    assert_eq!(
        hint("country-unknown", 2),
        "did you mean `Republic of Korea` or `Democratic People's Republic of Korea`?"
    );
    assert_eq!(
        hint("country-unknown", 3),
        "no Member State name is close; use the official short name or an ISO 3166 code"
    );
}
