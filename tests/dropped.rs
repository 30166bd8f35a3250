//! Nothing a person wrote is dropped: `import` keeps a value that begins with a label's words as
//! the value it is, through the built binary, and the imported file validates.

mod common;

use std::fs;
use std::path::Path;

use common::{qfill, repo};
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
