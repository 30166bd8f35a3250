//! Nothing a person wrote is dropped: `import` keeps a value that begins with a label's words as
//! the value it is, through the built binary, and the imported file validates.

use std::fs;
use std::path::Path;

use crate::common::{Scratch, qfill, repo};
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
    let dir = Scratch::new();
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
    let dir = Scratch::new();
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
    let dir = Scratch::new();
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
    let dir = Scratch::new();
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

/// One case of a value people write: the example answers with `from` replaced by `to`; the
/// finding it must give (code and path), and where its value must come back, as what, from
/// `export`, `fmt` and (when the legacy layout carries it) `import`.
struct Kept {
    from: String,
    to: String,
    finding: Option<(&'static str, &'static str)>,
    /// A code the value must not give.
    never: &'static str,
    pointer: &'static str,
    want: Value,
    /// The legacy layout carries the value (it does not carry `contact` or `notes`).
    legacy: bool,
}

const LANGUAGES: &str = "languages = [\"ar\", \"en\", \"es\", \"fr\", \"ru\", \"zh\"]";
const STATES: &str = "member_states = [\"Kenya\", \"Uganda\", \"United Republic of Tanzania\", \"Rwanda\", \"Burundi\"]";
const SDGS: &str = "sdgs = [2, 6, 13, 17]";
const WEBSITE: &str = "website = \"https://www.gwri.example.org/events/africa-forum-2023\"";

fn kept_cases() -> Vec<Kept> {
    use serde_json::json;
    let languages = "/answers/resources/0/languages";
    let states = "/answers/initiatives/1/member_states";
    let sdgs = "/answers/events/0/sdgs";
    let ideographs = "国际对话".repeat(40);
    let description = String::from(
        "description = \"This guidance note offers a step-by-step approach for assessing water-related climate risks and translating them into priority adaptation actions. It draws on case studies from small island developing States and least developed countries, and provides templates for costing adaptation measures and linking them to climate finance proposals.\"",
    );
    vec![
        // A code that spells a not-answered word is the code, in a list and alone.
        Kept {
            from: LANGUAGES.into(),
            to: "languages = [\"na\", \"en\"]".into(),
            finding: None,
            never: "required",
            pointer: languages,
            want: json!(["na", "en"]),
            legacy: true,
        },
        Kept {
            from: LANGUAGES.into(),
            to: "languages = [\"na\"]".into(),
            finding: None,
            never: "required",
            pointer: languages,
            want: json!(["na"]),
            legacy: true,
        },
        Kept {
            from: LANGUAGES.into(),
            to: "languages = \"na\"".into(),
            finding: Some(("non-canonical", "resources[0].languages")),
            never: "required",
            pointer: languages,
            want: json!(["na"]),
            legacy: true,
        },
        Kept {
            from: STATES.into(),
            to: "member_states = [\"NA\", \"Kenya\"]".into(),
            finding: None,
            never: "required",
            pointer: states,
            want: json!(["Namibia", "Kenya"]),
            legacy: true,
        },
        Kept {
            from: STATES.into(),
            to: "member_states = \"NA\"".into(),
            finding: Some(("non-canonical", "initiatives[1].member_states")),
            never: "required",
            pointer: states,
            want: json!(["Namibia"]),
            legacy: true,
        },
        // Lists and sets as people mean them.
        Kept {
            from: SDGS.into(),
            to: "sdgs = [\"all\"]".into(),
            finding: Some(("non-canonical", "events[0].sdgs")),
            never: "wrong-type",
            pointer: sdgs,
            want: json!("all"),
            legacy: true,
        },
        Kept {
            from: STATES.into(),
            to: "member_states = [\"all\"]".into(),
            finding: Some(("non-canonical", "initiatives[1].member_states")),
            never: "wrong-type",
            pointer: states,
            want: json!("all"),
            legacy: true,
        },
        Kept {
            from: STATES.into(),
            to: "member_states = \"Senegal, Gambia and Trinidad and Tobago\"".into(),
            finding: Some(("non-canonical", "initiatives[1].member_states")),
            never: "country-unknown",
            pointer: states,
            want: json!(["Senegal", "Gambia", "Trinidad and Tobago"]),
            legacy: true,
        },
        Kept {
            from: SDGS.into(),
            to: "sdgs = \"13 (and 14)\"".into(),
            finding: Some(("non-canonical", "events[0].sdgs")),
            never: "wrong-type",
            pointer: sdgs,
            want: json!([13, 14]),
            legacy: true,
        },
        Kept {
            from: SDGS.into(),
            to: "sdgs = \"SDG 13.1\"".into(),
            finding: Some(("non-canonical", "events[0].sdgs")),
            never: "wrong-type",
            pointer: sdgs,
            want: json!([13]),
            legacy: true,
        },
        Kept {
            from: SDGS.into(),
            to: "sdgs = \"SDG 13 – Climate Action\"".into(),
            finding: Some(("non-canonical", "events[0].sdgs")),
            never: "wrong-type",
            pointer: sdgs,
            want: json!([13]),
            legacy: true,
        },
        // Smaller rules.
        Kept {
            from: WEBSITE.into(),
            to: "website = \"https:///x\"".into(),
            finding: Some(("url-invalid", "events[0].website")),
            never: "",
            pointer: "/answers/events/0/website",
            want: json!("https:///x"),
            legacy: true,
        },
        Kept {
            from: "submitted = \"2024-02-15\"".into(),
            to: "submitted = \"2024-02-15\"\nnotes = \"Figures are provisional.\"".into(),
            finding: Some(("wrong-type", "notes")),
            never: "",
            pointer: "/notes",
            want: json!("Figures are provisional."),
            legacy: false,
        },
        Kept {
            from: "name = \"Focal Point, Strategic Planning Unit\"".into(),
            to: "name = \"TBD\"".into(),
            finding: Some(("pending", "contact.name")),
            never: "",
            pointer: "/contact/name",
            want: json!("TBD"),
            legacy: false,
        },
        Kept {
            from: description,
            to: format!("description = \"{ideographs}\""),
            finding: Some(("word-limit", "resources[1].description")),
            never: "",
            pointer: "/answers/resources/1/description",
            want: json!(ideographs),
            legacy: true,
        },
    ]
}

/// `export --to json` of `path`: the exit code and the document.
fn exported(path: &Path) -> (Option<i32>, Value) {
    let out = run(&["export", path.to_str().unwrap(), "--to", "json"]);
    let doc = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stderr)));
    (out.status.code(), doc)
}

/// What is wrong with how qfill reads and keeps one case; empty when nothing is.
fn kept_failures(n: usize, case: &Kept, example: &str) -> Vec<String> {
    let mut failures = Vec::new();
    let mut expect = |ok: bool, what: String| {
        if !ok {
            failures.push(what);
        }
    };
    let dir = Scratch::new();
    assert_eq!(example.matches(&case.from).count(), 1, "{}", case.from);
    let answers = dir.path().join(format!("case{n}.toml"));
    fs::write(&answers, example.replacen(&case.from, &case.to, 1)).unwrap();

    let out = run(&["validate", "--format", "json", answers.to_str().unwrap()]);
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let found: Vec<(String, String)> = report["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = case
        .finding
        .iter()
        .map(|(code, path)| (code.to_string(), path.to_string()))
        .collect();
    expect(
        found == want,
        format!("validate gives {found:?}, not {want:?}"),
    );
    expect(
        found.iter().all(|(c, _)| c != case.never),
        format!("validate gives {}", case.never),
    );

    let mut kept = |how: &str, path: &Path| {
        let (_, doc) = exported(path);
        let got = doc.pointer(case.pointer);
        expect(
            got == Some(&case.want),
            format!("{how} gives {got:?}, not {}", case.want),
        );
    };
    kept("export", &answers);
    let formatted = dir.path().join(format!("fmt{n}.toml"));
    fs::copy(&answers, &formatted).unwrap();
    let out = run(&["fmt", formatted.to_str().unwrap()]);
    assert!(matches!(out.status.code(), Some(0 | 1)), "fmt: {out:?}");
    kept("fmt", &formatted);
    if case.legacy {
        let legacy = dir.path().join(format!("case{n}.txt"));
        let out = run(&[
            "export",
            answers.to_str().unwrap(),
            "-o",
            legacy.to_str().unwrap(),
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        let imported = dir.path().join(format!("imported{n}.json"));
        let out = run(&[
            "import",
            legacy.to_str().unwrap(),
            "-o",
            imported.to_str().unwrap(),
        ]);
        assert!(matches!(out.status.code(), Some(0 | 1)), "{out:?}");
        kept("export to the legacy layout and import", &imported);
    }
    failures
}

#[test]
fn values_people_write_are_read_as_meant_and_kept_by_export_fmt_and_import() {
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    let failures: Vec<String> = kept_cases()
        .iter()
        .enumerate()
        .flat_map(|(n, case)| {
            kept_failures(n, case, &example)
                .into_iter()
                .map(move |f| format!("{}: {f}", case.to.chars().take(60).collect::<String>()))
        })
        .collect();
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn a_target_is_read_as_its_goal_with_a_warning_that_names_it() {
    let dir = Scratch::new();
    let example = fs::read_to_string(repo("examples/response.toml")).unwrap();
    let answers = dir.path().join("targets.toml");
    fs::write(
        &answers,
        example.replacen(SDGS, "sdgs = [\"SDG 13.1\", \"13.2\", 6]", 1),
    )
    .unwrap();
    let out = run(&["validate", "--format", "json", answers.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let report: Value = serde_json::from_slice(&out.stdout).unwrap();
    let finding = &report["files"][0]["findings"][0];
    assert_eq!(finding["code"], "non-canonical");
    let message = finding["message"].as_str().unwrap();
    assert!(
        message.contains("`13.1`, `13.2`") && message.contains("will not be kept"),
        "{message}"
    );
    assert_eq!(
        finding["hint"],
        "write `[6, 13]` (`qfill export` writes it for you)"
    );
    let (_, doc) = exported(&answers);
    assert_eq!(
        doc["answers"]["events"][0]["sdgs"],
        serde_json::json!([6, 13])
    );
}

#[test]
fn a_not_answered_word_beside_names_is_kept_with_a_finding() {
    let dir = Scratch::new();
    let answers = example_with(dir.path(), r#"["en", "N/A"]"#, r#"["Kenya", "N/A"]"#);
    let (code, found) = findings(&answers);
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(code, Some(1), "{found:?}");
    assert_eq!(codes, ["language-unknown", "required"], "{found:?}");
    let (_, doc) = exported(&answers);
    assert_eq!(
        doc["answers"]["resources"][0]["languages"],
        serde_json::json!(["en", "N/A"])
    );
    assert_eq!(
        doc["answers"]["initiatives"][1]["member_states"],
        serde_json::json!(["Kenya", "N/A"])
    );
    // A list of nothing but a not-answered word is the whole value not answered.
    let answers = example_with(dir.path(), r#"["N/A"]"#, r#"["N/A"]"#);
    let (_, found) = findings(&answers);
    let codes: Vec<&str> = found.iter().map(|(c, _)| c.as_str()).collect();
    assert_eq!(codes, ["required", "required"], "{found:?}");
}
