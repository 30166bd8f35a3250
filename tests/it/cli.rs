//! Integration tests: the built `qfill` binary, its outputs and exit codes; where output goes
//! when its reader is gone or a write fails (`output.rs`).

mod output;

use crate::common::{Scratch, qfill, repo};
use std::fs;
use std::path::Path;

use qfill::finding::Code;
use serde_json::Value;

/// Runs `validate --format json` and returns the document and the exit code.
fn validate_json(args: &[&str]) -> (Value, i32) {
    let output = qfill()
        .arg("validate")
        .args(["--format", "json"])
        .args(args)
        .output()
        .unwrap();
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "not JSON ({e}): {}\nstderr: {}",
            String::from_utf8_lossy(&output.stdout),
            String::from_utf8_lossy(&output.stderr)
        )
    });
    (doc, output.status.code().unwrap())
}

fn codes_of(doc: &Value, file: usize) -> Vec<String> {
    doc["files"][file]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["code"].as_str().unwrap().to_string())
        .collect()
}

const HEADER: &str = "questionnaire = \"hlpf-2024\"\nentity = \"Test Entity (TE)\"\n";

fn toml_answers(body: &str) -> String {
    format!("{HEADER}[answers]\n{body}")
}

fn complete() -> String {
    fs::read_to_string(repo("examples/response.toml")).unwrap()
}

#[test]
fn every_example_is_valid() {
    let (doc, code) = validate_json(&[repo("examples").to_str().unwrap()]);
    assert_eq!(code, 0, "{doc:#}");
    let files = doc["files"].as_array().unwrap();
    assert!(files.len() >= 3);
    for file in files {
        assert_eq!(file["valid"], true, "{file:#}");
        assert_eq!(file["errors"], 0, "{file:#}");
    }
    // The complete examples have no findings at all; the warnings example only warnings.
    for file in files {
        let name = file["file"].as_str().unwrap();
        if name.contains("response.") {
            assert_eq!(file["findings"].as_array().unwrap().len(), 0, "{file:#}");
        }
    }
}

#[test]
fn every_definition_in_questionnaires_loads() {
    for entry in fs::read_dir(repo("questionnaires")).unwrap() {
        let path = entry.unwrap().path();
        qfill()
            .args(["show", "--questionnaire", path.to_str().unwrap()])
            .assert()
            .success();
    }
}

#[test]
fn the_json_document_has_the_documented_shape() {
    let s = Scratch::new();
    let long: String = vec!["word"; 151].join(" ");
    let file = s.file(
        "a.toml",
        toml_answers(&format!(
            "[[answers.events]]\nname = \"E\"\ndates = \"2023-03-30\"\nlocation = {{ city = \"Apia\", country = \"Samoa\" }}\nsdgs = [13]\ndescription = \"{long}\"\n"
        )),
    );
    let (doc, code) = validate_json(&[&file]);
    assert_eq!(code, 1);
    let f = &doc["files"][0];
    assert_eq!(f["file"], file.as_str());
    assert_eq!(f["valid"], false);
    assert_eq!(f["errors"], 1);
    let finding = f["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|x| x["code"] == "word-limit")
        .unwrap();
    assert_eq!(finding["severity"], "error");
    assert_eq!(finding["path"], "events[0].description");
    assert_eq!(finding["line"], 9);
    assert_eq!(finding["column"], 15);
    assert_eq!(
        finding["message"],
        "events[0].description has 151 words, the limit is 150"
    );
    assert_eq!(finding["hint"], "shorten it by 1 word");
    let keys: Vec<&str> = finding
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert_eq!(
        keys,
        [
            "severity", "code", "path", "line", "column", "message", "hint"
        ]
    );
    assert_eq!(
        doc["summary"],
        serde_json::json!({"files": 1, "valid": 0, "invalid": 1, "errors": 1, "warnings": 5})
    );
}

#[test]
fn findings_give_the_same_path_and_their_own_line_and_column_in_toml_and_json() {
    let s = Scratch::new();
    let toml = s.file(
        "p.toml",
        toml_answers("[[answers.initiatives]]\nname = \"I\"\npartners = \"all\"\nsdgs = [3, 18]\nmember_states = [\"Kenya\", \"Atlantis\"]\ndescription = \"D\"\n"),
    );
    let json = s.file(
        "p.json",
        r#"{
  "questionnaire": "hlpf-2024",
  "entity": "Test Entity (TE)",
  "answers": {
    "initiatives": [
      {
        "name": "I",
        "partners": "all",
        "sdgs": [3, 18],
        "member_states": ["Kenya", "Atlantis"],
        "description": "D",
        "websit": "x"
      }
    ]
  }
}
"#,
    );
    let (doc, code) = validate_json(&[&toml, &json]);
    assert_eq!(code, 1);
    let place = |file: usize, code: &str| {
        let f = doc["files"][file]["findings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|x| x["code"] == code)
            .unwrap_or_else(|| panic!("no {code} in {doc:#}"))
            .clone();
        (
            f["path"].as_str().unwrap().to_string(),
            f["line"].as_u64(),
            f["column"].as_u64(),
        )
    };
    // Named files are reported in the order given: p.toml, then p.json.
    assert_eq!(
        place(0, "sdg-range"),
        ("initiatives[0].sdgs".into(), Some(7), Some(8))
    );
    assert_eq!(
        place(0, "country-unknown"),
        ("initiatives[0].member_states[1]".into(), Some(8), Some(27))
    );
    assert_eq!(
        place(1, "sdg-range"),
        ("initiatives[0].sdgs".into(), Some(9), Some(17))
    );
    assert_eq!(
        place(1, "country-unknown"),
        ("initiatives[0].member_states[1]".into(), Some(10), Some(36))
    );
    assert_eq!(
        place(1, "unknown-key"),
        ("initiatives[0].websit".into(), Some(12), Some(9))
    );
    // A question left out points at its parent table: `[answers]` in TOML, `"answers": {` in JSON.
    assert_eq!(
        place(0, "not-answered"),
        ("governing_body".into(), Some(3), Some(1))
    );
    assert_eq!(
        place(1, "not-answered"),
        ("governing_body".into(), Some(4), Some(14))
    );
}

/// One small file per finding code, run through the binary: every code is reachable.
#[test]
fn every_finding_code_through_the_binary() {
    let s = Scratch::new();
    let event = |extra: &str| {
        toml_answers(&format!(
            "[[answers.events]]\nname = \"E\"\ndates = \"2023-03-30\"\nlocation = {{ city = \"Apia\", country = \"Samoa\" }}\nsdgs = [13]\ndescription = \"D\"\n{extra}"
        ))
    };
    let with = |field: &str, value: &str| {
        let text = event("");
        let line = text
            .lines()
            .find(|l| l.starts_with(&format!("{field} =")))
            .unwrap()
            .to_string();
        text.replace(&line, &format!("{field} = {value}"))
    };
    let resource = |name: &str| {
        format!(
            "[[answers.resources]]\nname = \"{name}\"\nsdgs = [4]\npublishers = [\"P\"]\naudience = \"A\"\ndescription = \"D\"\nlanguages = [\"en\"]\n"
        )
    };
    let cases: Vec<(Code, String, Vec<&str>)> = vec![
        (Code::ParseError, "a = ".to_string(), vec![]),
        (Code::TooLarge, event(""), vec!["--max-size", "10"]),
        (
            Code::QuestionnaireUnknown,
            "questionnaire = \"hlpf-1999\"\nentity = \"E\"\n".into(),
            vec![],
        ),
        (
            Code::QuestionnaireMismatch,
            "questionnaire = \"pilot-2026\"\nentity = \"E\"\n".into(),
            vec!["--questionnaire", "hlpf-2024"],
        ),
        (
            Code::UnknownKey,
            format!("{HEADER}colour = \"blue\"\n"),
            vec![],
        ),
        (Code::WrongType, with("sdgs", "[1.5]"), vec![]),
        (
            Code::Required,
            "questionnaire = \"hlpf-2024\"\n".into(),
            vec![],
        ),
        (
            Code::WordLimit,
            with("description", &format!("\"{}\"", vec!["w"; 151].join(" "))),
            vec![],
        ),
        (
            Code::WordMinimum,
            toml_answers("governing_body = \"Too short.\"\n"),
            vec![],
        ),
        (Code::SdgRange, with("sdgs", "[18]"), vec![]),
        (Code::SdgDuplicate, with("sdgs", "[10, 13, 10]"), vec![]),
        (
            Code::TooManyRecords,
            toml_answers(
                &(0..4)
                    .map(|i| resource(&format!("R{i}")))
                    .collect::<String>(),
            ),
            vec![],
        ),
        (Code::DateInvalid, with("dates", "\"soon\""), vec![]),
        (
            Code::DateOrder,
            with("dates", "{ start = \"2023-03-31\", end = \"2023-03-30\" }"),
            vec![],
        ),
        (
            Code::DateNoYear,
            with("dates", "\"February 28 – March 2nd\""),
            vec![],
        ),
        (Code::DateWindow, with("dates", "\"2021-01-01\""), vec![]),
        (
            Code::UrlInvalid,
            event("website = \"ftp://example.org\"\n"),
            vec![],
        ),
        (
            Code::UrlBareDomain,
            event("website = \"www.example.org\"\n"),
            vec![],
        ),
        (Code::Pending, event("website = \"TBD\"\n"), vec![]),
        (
            Code::LanguageUnknown,
            toml_answers(&resource("R").replace("[\"en\"]", "[\"Klingon\"]")),
            vec![],
        ),
        (
            Code::CountryUnknown,
            with("location", "{ city = \"X\", country = \"Atlantis\" }"),
            vec![],
        ),
        (
            Code::NotMemberState,
            with("location", "{ city = \"Oranjestad\", country = \"Aruba\" }"),
            vec![],
        ),
        (Code::NotAnswered, HEADER.to_string(), vec![]),
        (Code::NonCanonical, with("sdgs", "\"1, 3 and 5\""), vec![]),
        (
            Code::ChoiceUnknown,
            toml_answers("high_impact = { initiatives = [\"Power of Dta\"] }\n"),
            vec![],
        ),
        (
            Code::DuplicateRecord,
            toml_answers(&resource("R").repeat(2)),
            vec![],
        ),
        (
            Code::Draft,
            format!("{HEADER}[draft]\nnext = \"events\"\n"),
            vec![],
        ),
        (
            Code::NotesAnswers,
            {
                let q = qfill::questionnaire::Questionnaire::default_builtin();
                let q6 = q.question("recommendations").unwrap();
                let note = format!(
                    "{}. {}\nMore data.",
                    q6.number,
                    qfill::text::one_line(&q6.text)
                );
                format!("{HEADER}notes = [{note:?}]\n")
            },
            vec![],
        ),
        (
            Code::QuestionUnknown,
            "questionnaire = \"hlpf-2026\"\nentity = \"X\"\n[answers]\nresources = \"R\"\n"
                .to_string(),
            vec![],
        ),
    ];
    for code in Code::ALL {
        if matches!(
            code,
            Code::Unreadable
                | Code::StrayNumber
                | Code::UnplacedText
                | Code::Truncated
                | Code::RosterAmbiguous
                | Code::DuplicateEntity
                | Code::TrackedChanges
                | Code::Comments
                | Code::SkippedText
                | Code::Placeholder
        ) {
            // unreadable: with its own exit code; import only: tests/convert.rs; compile only:
            // tests/compile.rs and tests/intake.rs; a .docx only: tests/docx.rs
            continue;
        }
        let (_, text, args) = cases
            .iter()
            .find(|(c, _, _)| c == code)
            .unwrap_or_else(|| panic!("no CLI case for `{code}`"));
        let file = s.file(&format!("{code}.toml"), text);
        let mut all: Vec<&str> = args.clone();
        all.push(&file);
        let (doc, exit) = validate_json(&all);
        assert!(
            codes_of(&doc, 0).contains(&code.as_str().to_string()),
            "{code}: {doc:#}"
        );
        let want = if code.severity() == qfill::finding::Severity::Error {
            1
        } else {
            0
        };
        assert_eq!(exit, want, "{code}: {doc:#}");
    }
}

#[test]
fn validate_exits_0_when_valid_1_on_errors_and_2_when_it_cannot_do_its_job() {
    let s = Scratch::new();
    let valid = s.file("valid.toml", complete());
    let warnings = s.file(
        "warn.toml",
        complete().replace("sdgs = [2, 6, 13, 17]", "sdgs = \"2, 6, 13 and 17\""),
    );
    let invalid = s.file(
        "invalid.toml",
        complete().replace("sdgs = [2, 6, 13, 17]", "sdgs = [2, 6, 13, 18]"),
    );
    let broken = s.file("broken.json", "{\"questionnaire\": ");
    let missing = s.at("missing.toml");

    qfill().args(["validate", &valid]).assert().code(0);
    qfill().args(["validate", &warnings]).assert().code(0);
    qfill()
        .args(["validate", "--strict", &warnings])
        .assert()
        .code(1);
    qfill().args(["validate", &invalid]).assert().code(1);
    qfill().args(["validate", &broken]).assert().code(1);
    // An unreadable input is reported and the others are still checked; 2 wins over 1.
    let (doc, code) = validate_json(&[&valid, &missing, &invalid]);
    assert_eq!(code, 2);
    assert_eq!(doc["summary"]["files"], 3);
    assert_eq!(codes_of(&doc, 1), ["unreadable"]);
    assert_eq!(doc["files"][2]["valid"], false);
    // Usage errors.
    qfill().args(["validate"]).assert().code(2);
    qfill()
        .args(["validate", "--format", "yaml", &valid])
        .assert()
        .code(2);
    qfill().arg("frobnicate").assert().code(2);
    // No answers file in a folder.
    let empty = s.file("empty/readme.txt", "nothing");
    qfill()
        .args([
            "validate",
            Path::new(&empty).parent().unwrap().to_str().unwrap(),
        ])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("no answers files"));
    // A broken definition.
    let def = s.file(
        "def.toml",
        "id = \"x\"\ntitle = \"X\"\nquestions = []\ncolour = 1\n",
    );
    qfill()
        .args(["validate", "--questionnaire", &def, &valid])
        .assert()
        .code(2)
        .stderr(predicates::str::contains(
            "def.toml:4:1: unknown field `colour`",
        ));
}

#[test]
fn a_folder_or_a_symlink_loop_where_a_file_is_needed_is_unreadable_and_exits_2() {
    let s = Scratch::new();
    let folder_as_file = s.file("dir/x.txt", "");
    let folder = Path::new(&folder_as_file)
        .parent()
        .unwrap()
        .to_str()
        .unwrap()
        .to_string();
    qfill()
        .args(["export", &folder])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unreadable"))
        .stderr(predicates::str::contains("is a folder"));
    #[cfg(unix)]
    {
        let a = s.at("loop-a.toml");
        let b = s.at("loop-b.toml");
        std::os::unix::fs::symlink(&b, &a).unwrap();
        std::os::unix::fs::symlink(&a, &b).unwrap();
        let (doc, code) = validate_json(&[&a]);
        assert_eq!(code, 2);
        assert_eq!(codes_of(&doc, 0), ["unreadable"]);
        assert!(
            doc["files"][0]["findings"][0]["message"]
                .as_str()
                .unwrap()
                .contains("symbolic link loop")
        );
    }
}

#[test]
fn human_output_gives_each_finding_with_place_and_hint_then_a_table_and_totals() {
    let s = Scratch::new();
    let file = s.file("a.toml", toml_answers("governing_body = \"Too short.\"\n"));
    let out = qfill()
        .args(["validate", &file])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(
        out.contains(&format!("warning[word-minimum]: {file}:4:18: governing_body has 2 words, at least 200 are expected\n  hint: add 198 words or more\n")),
        "{out}"
    );
    assert!(out.contains("│ file"), "summary table: {out}");
    assert!(
        out.ends_with("1 file: 1 valid, 0 invalid; 0 errors, 6 warnings\n"),
        "{out}"
    );
    let quiet = qfill()
        .args(["validate", "--quiet", &file])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(
        String::from_utf8(quiet).unwrap(),
        "1 file: 1 valid, 0 invalid; 0 errors, 6 warnings\n"
    );
}

#[test]
fn hostile_text_is_escaped_for_terminals() {
    let s = Scratch::new();
    let file = s.file(
        "a.toml",
        toml_answers("[[answers.events]]\nname = \"E\"\ndates = \"\\u001b[2J soon\"\n"),
    );
    let out = qfill()
        .args(["validate", &file])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let out = String::from_utf8(out).unwrap();
    assert!(!out.contains('\u{1b}'), "{out:?}");
    assert!(out.contains("\\u{1b}[2J soon"), "{out}");
}

#[test]
fn stdin_a_bom_crlf_and_input_format_are_read() {
    let text = fs::read_to_string(repo("examples/response.json")).unwrap();
    let (doc, code) = {
        let output = qfill()
            .args(["validate", "--format", "json", "-"])
            .write_stdin(text.clone())
            .output()
            .unwrap();
        (
            serde_json::from_slice::<Value>(&output.stdout).unwrap(),
            output.status.code().unwrap(),
        )
    };
    assert_eq!(code, 0, "{doc:#}");
    assert_eq!(doc["files"][0]["file"], "-");
    // A BOM and CRLF line endings are fine.
    let s = Scratch::new();
    let crlf = s.file(
        "crlf.toml",
        format!("\u{feff}{}", complete().replace('\n', "\r\n")),
    );
    qfill().args(["validate", &crlf]).assert().code(0);
    // --input-format overrides the extension.
    let odd = s.file("answers.txt", text);
    qfill()
        .args(["validate", "--input-format", "json", &odd])
        .assert()
        .code(0);
}

#[test]
fn export_writes_canonical_answers() {
    let s = Scratch::new();
    let input = s.file(
        "in.toml",
        fs::read_to_string(repo("examples/warnings.toml")).unwrap(),
    );
    let out = s.at("out.json");
    qfill()
        .args(["export", &input, "--to", "json", "-o", &out])
        .assert()
        .code(0)
        .stderr(predicates::str::contains("warning[non-canonical]"));
    let exported: Value = serde_json::from_str(&fs::read_to_string(&out).unwrap()).unwrap();
    let event = &exported["answers"]["events"][0];
    assert_eq!(event["sdgs"], serde_json::json!([1, 3, 5]));
    assert_eq!(
        event["dates"],
        serde_json::json!({"start": "2023-03-30", "end": "2023-03-31"})
    );
    // The export itself validates without non-canonical warnings.
    let (doc, code) = validate_json(&[&out]);
    assert_eq!(code, 0);
    assert!(
        !codes_of(&doc, 0).contains(&"non-canonical".to_string()),
        "{doc:#}"
    );
    // Refuses to overwrite without --force, then overwrites with it.
    qfill()
        .args(["export", &input, "-o", &out])
        .assert()
        .code(2)
        .stderr(predicates::str::contains("use `--force`"));
    qfill()
        .args(["export", &input, "-o", &out, "--force", "--to", "toml"])
        .assert()
        .code(0);
    assert!(
        fs::read_to_string(&out)
            .unwrap()
            .starts_with("questionnaire = \"hlpf-2024\"")
    );
    // Export of the canonical example is the example itself.
    let same = qfill()
        .args(["export", repo("examples/response.toml").to_str().unwrap()])
        .assert()
        .code(0)
        .get_output()
        .stdout
        .clone();
    assert_eq!(String::from_utf8(same).unwrap(), complete());
}

#[test]
fn export_writes_nothing_for_a_parse_error_and_everything_for_rule_errors() {
    let s = Scratch::new();
    let broken = s.file("broken.toml", "questionnaire = ");
    let out = s.at("out.toml");
    qfill()
        .args(["export", &broken, "-o", &out])
        .assert()
        .code(1);
    assert!(!Path::new(&out).exists());
    let invalid = s.file(
        "invalid.toml",
        complete().replace(
            "sdgs = [2, 6, 13, 17]",
            "sdgs = [2, 6, 13, 18]\ndescripton = \"kept\"",
        ),
    );
    qfill()
        .args(["export", &invalid, "-o", &out])
        .assert()
        .code(1);
    let written = fs::read_to_string(&out).unwrap();
    assert!(written.contains("sdgs = [2, 6, 13, 18]"), "{written}");
    assert!(
        written.contains("descripton = \"kept\""),
        "unknown keys are kept: {written}"
    );
}

#[test]
fn another_questionnaire_drives_every_rule() {
    let s = Scratch::new();
    let pilot = repo("tests/data/pilot-2026.toml");
    let pilot = pilot.to_str().unwrap();
    let file = s.file(
        "pilot.toml",
        "questionnaire = \"pilot-2026\"\nentity = \"Office\"\n[answers]\n\
         summary = \"one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twentyone\"\n\
         themes = { picked = [\"Census\", \"Sample surveys\"], comment = \"ok\" }\n\
         [[answers.workshops]]\ntitle = \"W1\"\nheld = \"2024-01-01\"\n\
         [[answers.workshops]]\ntitle = \"W2\"\nheld = \"2026-01-01\"\ngoals = [17]\n\
         [[answers.workshops]]\ntitle = \"W3\"\nheld = \"2026-02-01\"\ncountries = [\"Aruba\"]\n",
    );
    let (doc, code) = validate_json(&["--questionnaire", pilot, &file]);
    assert_eq!(code, 1, "{doc:#}");
    let findings: Vec<(String, String)> = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().into(),
                f["path"].as_str().unwrap().into(),
            )
        })
        .collect();
    let expect = [
        ("word-limit", "summary"),
        ("choice-unknown", "themes.picked[1]"),
        ("too-many-records", "workshops"),
        ("date-window", "workshops[0].held"),
        ("not-member-state", "workshops[2].countries[0]"),
    ];
    for (code, path) in expect {
        assert!(
            findings.contains(&(code.into(), path.into())),
            "{code} {path}: {findings:?}"
        );
    }
    assert_eq!(findings.len(), expect.len(), "{findings:?}");
    let too_many = doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["code"] == "too-many-records")
        .unwrap();
    assert_eq!(
        too_many["message"],
        "workshops has 3 workshops, question B.1 allows at most 2"
    );
    // Without the flag the id is not a built-in.
    let (doc, code) = validate_json(&[&file]);
    assert_eq!(code, 1);
    assert_eq!(codes_of(&doc, 0), ["questionnaire-unknown"]);
    // `show` reads it too.
    qfill()
        .args(["show", "--questionnaire", pilot])
        .assert()
        .success()
        .stdout(predicates::str::contains("B.1"))
        .stdout(predicates::str::contains("at most 2 workshops"));
}

#[test]
fn help_lists_the_subcommands_and_version_succeeds() {
    qfill()
        .arg("--help")
        .assert()
        .success()
        .stdout(predicates::str::contains("validate"))
        .stdout(predicates::str::contains("export"))
        .stdout(predicates::str::contains("show"));
    qfill().arg("--version").assert().success();
}

/// Every subcommand, as `qfill --help` lists them.
const SUBCOMMANDS: &[&str] = &[
    "fill",
    "validate",
    "export",
    "import",
    "fmt",
    "show",
    "schema",
    "completions",
    "man",
];

#[test]
fn completions_for_every_shell_name_every_subcommand() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = qfill().args(["completions", shell]).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{shell}: {out:?}");
        let script = String::from_utf8(out.stdout).unwrap();
        for name in SUBCOMMANDS {
            assert!(script.contains(name), "{shell}: no `{name}`");
        }
    }
    let bash = qfill().args(["completions", "bash"]).output().unwrap();
    let script = String::from_utf8(bash.stdout).unwrap();
    assert!(script.contains("complete -F _qfill"), "{script}");
    // A shell clap_complete does not know is a usage error, and so is `--questionnaire`.
    qfill().args(["completions", "tcsh"]).assert().code(2);
    qfill()
        .args(["completions", "bash", "--questionnaire", "hlpf-2024"])
        .assert()
        .code(2);
}

#[test]
fn the_man_page_is_roff_with_a_page_per_subcommand() {
    let out = qfill().arg("man").output().unwrap();
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    let page = String::from_utf8(out.stdout).unwrap();
    // roff may define its strings (`.ie`/`.el`) before the page's `.TH` header.
    let first = page
        .lines()
        .find(|l| !l.starts_with(".ie ") && !l.starts_with(".el "))
        .unwrap();
    assert!(first.starts_with(".TH qfill 1 "), "{first}");
    for name in SUBCOMMANDS {
        assert!(
            page.contains(&format!("qfill\\-{name}(1)")),
            "`{name}` not named"
        );
        assert!(
            page.contains(&format!(".TH qfill-{name} 1 ")),
            "no page for `{name}`"
        );
    }
    qfill().args(["man", "-q", "hlpf-2024"]).assert().code(2);
}
