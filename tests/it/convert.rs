//! `import`, `fmt` and the document formats of `export`, through the built binary.

use crate::common::{Scratch, qfill, repo};
use std::fs;

use predicates::str::contains;

fn legacy() -> String {
    repo("tests/data/legacy-example.txt").display().to_string()
}

/// Codes and lines of the findings an import prints.
fn import_findings(stderr: &str) -> Vec<(String, usize)> {
    stderr
        .lines()
        .filter(|l| l.starts_with("error[") || l.starts_with("warning["))
        .map(|l| {
            let code = l[l.find('[').unwrap() + 1..l.find(']').unwrap()].to_string();
            let place = l.split(": ").nth(1).unwrap();
            let line = place.rsplit(':').nth(1).unwrap().parse().unwrap();
            (code, line)
        })
        .collect()
}

#[test]
fn importing_the_legacy_example_finds_exactly_what_a_reader_sees() {
    let output = qfill().args(["import", &legacy()]).output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(1),
        "errors: the over-long description and the SDGs"
    );
    let stderr = String::from_utf8(output.stderr).unwrap();
    let found = import_findings(&stderr);
    let want: Vec<(String, usize)> = [
        ("warning", "not-answered", 3),
        ("warning", "url-bare-domain", 16),
        ("warning", "date-no-year", 20),
        ("warning", "pending", 31),
        ("error", "sdg-range", 35),
        ("error", "sdg-duplicate", 35),
        ("warning", "pending", 39),
        ("error", "word-limit", 50),
        ("warning", "pending", 69),
        ("warning", "stray-number", 70),
        ("warning", "not-member-state", 81),
        ("warning", "country-unknown", 81),
    ]
    .iter()
    .map(|(_, code, line)| (code.to_string(), *line))
    .collect();
    assert_eq!(found, want, "{stderr}");
    assert!(
        stderr.contains("legacy-example.txt:50:1: resources[0].description has 156 words"),
        "{stderr}"
    );
    // TOML on stdout, valid apart from the findings above, with no human-written values left.
    let toml = String::from_utf8(output.stdout).unwrap();
    assert!(toml.starts_with("questionnaire = \"hlpf-2024\"\nentity = \"Office for Coastal Resilience Studies (OCRS)\""), "{toml}");
    assert!(toml.contains("sdgs = \"all\""), "{toml}");
    assert!(
        toml.contains("languages = [\"en\", \"es\", \"ar\"]"),
        "{toml}"
    );
    assert!(toml.contains("member_states = \"all\""), "{toml}");
    assert!(toml.contains("partners = [\"OCRS\", \"FAO\", \"Coastal Communities Network\", \"the Blue Finance Facility\"]"), "{toml}");
    assert!(
        toml.contains("initiatives = [\"Power of Data\", \"Early Warnings for All\"]"),
        "{toml}"
    );
}

#[test]
fn import_writes_files_checks_and_refuses_to_overwrite() {
    let dir = Scratch::new();
    let out = dir.path().join("imported.json");
    let out = out.to_str().unwrap();
    qfill()
        .args(["import", &legacy(), "--check"])
        .assert()
        .code(1)
        .stdout("");
    qfill()
        .args(["import", &legacy(), "-o", out])
        .assert()
        .code(1);
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(json["answers"]["events"].as_array().unwrap().len(), 3);
    qfill()
        .args(["import", &legacy(), "-o", out])
        .assert()
        .code(2)
        .stderr(contains("use `--force`"));
    // The imported file validates with the same errors, now pointing into it.
    let output = qfill()
        .args(["validate", "--format", "json", out])
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let doc: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let codes: Vec<&str> = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"word-limit") && codes.contains(&"sdg-range"),
        "{codes:?}"
    );
    assert!(
        !codes.contains(&"non-canonical"),
        "import writes canonical values: {codes:?}"
    );
}

#[test]
fn text_that_belongs_nowhere_is_kept_in_notes() {
    let dir = Scratch::new();
    let input = dir.path().join("old.txt");
    fs::write(
        &input,
        "Office X (OX)\nPrepared by the planning unit.\n\
         2. In the past year, has your organization organized any intergovernmentally mandated conferences\n\
         A stray remark before any label.\nEvent Name |\nForum |\n",
    )
    .unwrap();
    let output = qfill()
        .args(["import", input.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    assert!(stderr.contains("warning[unplaced-text]: "), "{stderr}");
    assert!(
        stderr.contains("old.txt:2:1: text that belongs to no answer was kept in notes[0]"),
        "{stderr}"
    );
    assert!(stderr.contains("old.txt:4:1"), "{stderr}");
    let toml = String::from_utf8(output.stdout).unwrap();
    assert!(
        toml.contains(
            "notes = [\"Prepared by the planning unit.\", \"A stray remark before any label.\"]"
        ),
        "{toml}"
    );
}

#[test]
fn export_renders_markdown_and_the_legacy_layout() {
    let example = repo("examples/response.toml");
    let example = example.to_str().unwrap();
    let md = qfill()
        .args(["export", example, "--to", "markdown"])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let md = String::from_utf8(md).unwrap();
    assert!(
        md.starts_with("# Global Water Resilience Institute (GWRI)\n"),
        "{md}"
    );
    assert!(
        md.contains("## 2. In the past year, has your organization organized"),
        "{md}"
    );
    assert!(
        md.contains("### Event 1: Regional Forum on Water Security"),
        "{md}"
    );
    assert!(
        md.contains("- **Relevant SDGs:** 2 Zero Hunger, 6 Clean Water and Sanitation"),
        "{md}"
    );
    let dir = Scratch::new();
    let text = dir.path().join("legacy.txt");
    qfill()
        .args(["export", example, "-o", text.to_str().unwrap()])
        .assert()
        .code(0);
    let back = qfill()
        .args(["import", text.to_str().unwrap()])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let back = String::from_utf8(back).unwrap();
    assert!(
        back.contains(
            "name = \"Regional Forum on Water Security and Climate Adaptation in Africa\""
        ),
        "{back}"
    );
}

#[test]
fn fmt_rewrites_in_place_and_check_reports() {
    let dir = Scratch::new();
    let messy = dir.path().join("messy.toml");
    let original = fs::read_to_string(repo("examples/warnings.toml")).unwrap();
    fs::write(&messy, &original).unwrap();
    let clean = dir.path().join("clean.toml");
    fs::copy(repo("examples/response.toml"), &clean).unwrap();
    let broken = dir.path().join("broken.json");
    fs::write(&broken, "{").unwrap();

    qfill()
        .args(["fmt", "--check", dir.path().to_str().unwrap()])
        .assert()
        .code(1)
        .stdout(contains("messy.toml: would be reformatted"))
        .stderr(contains("error[parse-error]"));
    assert_eq!(
        fs::read_to_string(&messy).unwrap(),
        original,
        "--check changes nothing"
    );

    qfill()
        .args(["fmt", messy.to_str().unwrap(), clean.to_str().unwrap()])
        .assert()
        .code(0)
        .stderr(contains("formatted"));
    let formatted = fs::read_to_string(&messy).unwrap();
    assert!(formatted.contains("sdgs = [1, 3, 5]"), "{formatted}");
    assert_eq!(
        fs::read_to_string(&broken).unwrap(),
        "{",
        "a file that does not parse is left alone"
    );
    // Idempotent: a second run changes nothing.
    qfill()
        .args([
            "fmt",
            "--check",
            messy.to_str().unwrap(),
            clean.to_str().unwrap(),
        ])
        .assert()
        .code(0)
        .stdout("");
    qfill()
        .args(["fmt", broken.to_str().unwrap()])
        .assert()
        .code(1);
    qfill()
        .args(["fmt", dir.path().join("missing.toml").to_str().unwrap()])
        .assert()
        .code(2);
}

#[test]
fn import_to_a_file_says_where_it_wrote_how_much_is_answered_and_what_next() {
    let dir = Scratch::new();
    let output = qfill()
        .current_dir(dir.path())
        .args(["import", &legacy(), "-o", "last year.toml"])
        .output()
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    // Question 1 holds only `No response`: not counted as answered.
    let told: Vec<&str> = stderr
        .lines()
        .skip_while(|l| !l.starts_with("wrote "))
        .collect();
    assert_eq!(
        told,
        [
            "wrote last year.toml: 5 of 6 questions of hlpf-2024 answered",
            "  next, to fill in what is missing or wrong: qfill fill --answers 'last year.toml'",
            "  or, to start from it for another edition: qfill migrate 'last year.toml' --edition ID",
        ],
        "{stderr}"
    );
}
