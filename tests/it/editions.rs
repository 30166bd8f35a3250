//! Editions through the binary: the 2025 and 2026 definitions, `show` with statuses and
//! `--list`, `question-unknown`, the blank form and `definition from-text` (the round trip for
//! every built-in edition and the pilot, and a form with Word's quirks), `diff`, and the
//! bad-input corpus through the new commands; `migrate` (and comments kept by `fmt` and
//! `migrate`) in `editions/migrate.rs`.

mod migrate;

use std::fs;
use std::path::Path;
use std::process::Output;

use crate::common::{Scratch, on_threads, qfill, repo};
use crate::hostile::{self, assert_calm, cases};
use qfill::definition::to_text::FormView;
use qfill::questionnaire::{FieldKind, QuestionKind, Questionnaire};
use serde_json::Value;

fn run(args: &[&str]) -> Output {
    qfill().args(args).output().unwrap()
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).to_string()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

/// (code, path) of every finding of a `validate --format json` run on one file.
fn findings(file: &Path) -> Vec<(String, String)> {
    let output = run(&["validate", "--format", "json", file.to_str().unwrap()]);
    let doc: Value = serde_json::from_slice(&output.stdout).unwrap();
    doc["files"][0]["findings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["code"].as_str().unwrap().to_string(),
                f["path"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn the_new_editions_load_and_show_their_statuses() {
    for id in ["hlpf-2025", "hlpf-2026"] {
        let output = run(&["show", "--questionnaire", id]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = stdout(&output);
        assert!(text.contains(&format!("({id})")), "{text}");
        assert!(text.contains("complete: no"), "{text}");
        assert!(text.contains("verified [1]"), "{text}");
        assert!(text.contains("[1] https://sdgs.un.org/"), "{text}");
    }
    let text = stdout(&run(&["show", "-q", "hlpf-2026"]));
    assert!(
        text.contains("SDGs under review: 6, 7, 9, 11, 17 (assumed)"),
        "{text}"
    );
    assert!(text.contains("partial"), "{text}");
    assert!(text.contains("assumed"), "{text}");
    let text = stdout(&run(&["show"]));
    assert!(
        text.contains("(hlpf-2024)"),
        "the default stays 2024: {text}"
    );
    assert!(text.contains("complete: yes"), "{text}");
}

#[test]
fn show_list_names_the_builtin_editions() {
    let output = run(&["show", "--list"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for (id, window, complete) in [
        ("hlpf-2024 (default)", "2022-11-01 to 2024-12-31", "yes"),
        ("hlpf-2025", "2024-01-01 to 2024-12-31", "no"),
        ("hlpf-2026", "2024-11-01 to 2025-10-31", "no"),
    ] {
        let row = text
            .lines()
            .find(|l| l.contains(id))
            .unwrap_or_else(|| panic!("{id}: {text}"));
        assert!(row.contains(window) && row.contains(complete), "{row}");
    }
    let refused = run(&["show", "--list", "-q", "hlpf-2026"]);
    assert_eq!(refused.status.code(), Some(2));
}

#[test]
fn the_examples_of_the_new_editions_validate() {
    for name in ["examples/response-2025.toml", "examples/response-2026.toml"] {
        let file = repo(name);
        assert_eq!(findings(&file), [], "{name}");
        let output = run(&["validate", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
        // Said once, on stderr.
        let notes: Vec<String> = stderr(&output)
            .lines()
            .filter(|l| l.contains("is incomplete"))
            .map(str::to_string)
            .collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
    }
    let complete = run(&["validate", repo("examples/response.toml").to_str().unwrap()]);
    assert!(!stderr(&complete).contains("incomplete"));
}

#[test]
fn answers_to_questions_an_incomplete_edition_does_not_know_are_kept() {
    let dir = Scratch::new();
    let file = dir.path().join("a.toml");
    fs::write(
        &file,
        "questionnaire = \"hlpf-2026\"\nentity = \"X\"\n[answers]\ngoverning_body = \"Yes.\"\ncoordination = \"Some.\"\nevents = []\nrecommendations = \"Do more.\"\n",
    )
    .unwrap();
    assert_eq!(
        findings(&file),
        [(
            "question-unknown".to_string(),
            "recommendations".to_string()
        )]
    );
    let output = run(&["validate", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0));
    let exported = run(&["export", file.to_str().unwrap(), "--to", "json"]);
    let doc: Value = serde_json::from_slice(&exported.stdout).unwrap();
    assert_eq!(doc["answers"]["recommendations"], "Do more.");
    // In a complete edition the same key is an error.
    fs::write(
        &file,
        "questionnaire = \"hlpf-2024\"\nentity = \"X\"\n[answers]\ncoordination = \"Some.\"\n",
    )
    .unwrap();
    assert!(findings(&file).contains(&("unknown-key".to_string(), "coordination".to_string())));
}

/// `show --to text`, then `definition from-text`: what the form shows comes back. Ids,
/// `required`, provenance, `continues`, `review_sdgs`, `record_label`, the keys of choices and
/// the other settings a form does not print are not compared: `FormView` leaves them out.
#[test]
fn the_blank_form_round_trip_holds_for_every_builtin_edition_and_the_pilot() {
    let dir = Scratch::new();
    let pilot = repo("tests/data/pilot-2026.toml");
    let mut editions: Vec<(String, Questionnaire)> = Questionnaire::builtin_ids()
        .map(|id| (id.to_string(), Questionnaire::resolve(id).unwrap()))
        .collect();
    editions.push((
        pilot.to_str().unwrap().to_string(),
        Questionnaire::from_file(&pilot).unwrap(),
    ));
    for (arg, definition) in editions {
        let form = dir.path().join(format!("{}.txt", definition.id));
        let shown = run(&["show", "--to", "text", "-q", &arg]);
        assert_eq!(shown.status.code(), Some(0), "{}", stderr(&shown));
        fs::write(&form, &shown.stdout).unwrap();
        let out = dir.path().join(format!("{}-back.toml", definition.id));
        let made = run(&[
            "definition",
            "from-text",
            form.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(made.status.code(), Some(0), "{}", stderr(&made));
        assert_eq!(stderr(&made), "", "{arg}: no warnings for a blank form");
        let back = Questionnaire::from_file(&out).unwrap();
        assert_eq!(
            FormView::of(&back),
            FormView::of(&definition),
            "{arg}\n{}",
            fs::read_to_string(&out).unwrap()
        );
        // The result is a definition the binary uses like any other.
        let used = run(&["show", "-q", out.to_str().unwrap()]);
        assert_eq!(used.status.code(), Some(0));
        // `-o` does not replace a file without `--force`.
        let again = run(&[
            "definition",
            "from-text",
            form.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ]);
        assert_eq!(again.status.code(), Some(2));
        assert!(stderr(&again).contains("--force"), "{}", stderr(&again));
    }
}

#[test]
fn a_form_with_words_quirks_becomes_a_definition_that_marks_inferences_and_guesses() {
    let form = repo("tests/data/form-quirks.txt");
    let output = run(&["definition", "from-text", form.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let toml = stdout(&output);
    // Inferences are comments; guesses are TODOs.
    assert!(
        toml.contains("# max_words from \"(Max 200 words)\""),
        "{toml}"
    );
    assert!(
        toml.contains("# reporting_window from \"From November 2025 to October 2026\""),
        "{toml}"
    );
    assert!(
        toml.contains("# max_records from \"up to three\""),
        "{toml}"
    );
    assert!(toml.contains("TODO"), "{toml}");
    // Stray list numbers are skipped with a warning that names the line.
    let warnings = stderr(&output);
    assert!(
        warnings.contains("form-quirks.txt:14: a list number `4.`"),
        "{warnings}"
    );
    assert!(
        warnings.contains("form-quirks.txt:26: a list number `7.`"),
        "{warnings}"
    );
    let q = qfill::questionnaire::parse_definition(&toml, "quirks.toml").unwrap();
    let numbers: Vec<&str> = q.questions.iter().map(|q| q.number.as_str()).collect();
    assert_eq!(numbers, ["1", "2", "3", "4", "5", "6"]);
    let window = q.reporting_window.unwrap();
    assert_eq!(
        (window.start.to_string(), window.end.to_string()),
        ("2025-11-01".to_string(), "2026-10-31".to_string())
    );
    // "1.From": the number without a space; the limit leaves the text.
    assert!(q.questions[0].text.starts_with("From November 2025"));
    assert!(!q.questions[0].text.contains("Max 200"));
    assert!(matches!(q.questions[0].kind, QuestionKind::Text(w) if w.max == Some(200)));
    // "3." on one line and the text on the next.
    assert!(
        q.questions[2]
            .text
            .starts_with("From November 2025 to October 2026, has")
    );
    let QuestionKind::Records(events) = &q.questions[2].kind else {
        panic!("{:?}", q.questions[2].kind)
    };
    let fields: Vec<(&str, &str, FieldKind)> = events
        .fields
        .iter()
        .map(|f| (f.id.as_str(), f.short_label(), f.kind))
        .collect();
    assert_eq!(
        fields,
        [
            ("name", "Event Name", FieldKind::Line),
            ("dates", "Event Dates", FieldKind::Dates),
            ("location", "Event Location", FieldKind::Places),
            ("sdgs", "Relevant SDGs", FieldKind::Sdgs),
            ("description", "Description", FieldKind::Paragraphs),
            ("website", "Website", FieldKind::Url),
        ]
    );
    // Colons after labels go; curly quotes are straightened; a label and its `|` on two lines.
    assert_eq!(events.fields[2].label, "Event Location (City, Country)");
    assert!(events.fields[4].label.contains("event's mandate"));
    assert_eq!(events.fields[4].words.max, Some(150));
    assert!(events.fields[1].check_window);
    let QuestionKind::Records(resources) = &q.questions[3].kind else {
        panic!()
    };
    assert_eq!(resources.max_records, Some(3));
    assert_eq!(resources.fields[2].kind, FieldKind::Organisations);
    assert_eq!(resources.fields[3].kind, FieldKind::Languages);
    let QuestionKind::ChoicesText(choices) = &q.questions[4].kind else {
        panic!()
    };
    assert_eq!(
        choices.choices,
        [
            "Transforming Education",
            "Digital Public Infrastructure",
            "Energy Compacts"
        ]
    );
    assert_eq!(
        (choices.words.min, choices.words.max),
        (Some(200), Some(800))
    );
    assert!(
        q.questions[5]
            .text
            .contains("Secretary-General's \"Our Common Agenda\"")
    );
}

#[test]
fn forms_that_are_not_forms_exit_2_with_one_line() {
    let dir = Scratch::new();
    let prose = dir.path().join("prose.txt");
    fs::write(&prose, "Dear colleague,\nplease find the form attached.\n").unwrap();
    let binary = dir.path().join("form.docx");
    fs::write(&binary, b"PK\x03\x04\x00\x00binary\x00\xff").unwrap();
    for (file, want) in [
        (prose, "no question found"),
        (binary, "form.docx"),
        (dir.path().join("missing.txt"), "missing.txt"),
    ] {
        let output = run(&["definition", "from-text", file.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
        let err = stderr(&output);
        let first = err.lines().next().unwrap();
        assert!(
            first.starts_with("error: ") && first.contains(want),
            "{err}"
        );
        assert_eq!(stdout(&output), "");
    }
    // Answers present in the form are ignored with a warning.
    let filled = repo("tests/data/legacy-example.txt");
    let output = run(&["definition", "from-text", filled.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("is an answer, not part of a blank form"));
}

/// A 2026 response copied out of Word: its questions 2 and 3 are known only by their opening
/// words, and are found all the same.
#[test]
fn a_2026_response_imports_by_the_opening_words_of_its_questions() {
    let dir = Scratch::new();
    let legacy = dir.path().join("2026.txt");
    fs::write(
        &legacy,
        "Office X (OX)\n\
         1.From November 2024 to October 2025, has the governing body of your organization taken any decisions, including in the context of the Pact for the Future implementation and/or the UN80 Initiative, that are related to the implementation of the 2030 Agenda? (Max 200 words)\n\
         Yes, decision 4/1.\n\
         2.From November 2024 to October 2025, what actions have your entities taken to improve coordination among UN system entities? Please provide any relevant links.\n\
         We co-chaired a working group.\n\
         3. From November 2024 to October 2025, has your organization organized any intergovernmentally mandated conferences, forums or events that contributed to the achievement of the SDGs?\n\
         Event Name |\n\
         Forum |\n",
    )
    .unwrap();
    let output = run(&["import", legacy.to_str().unwrap(), "-q", "hlpf-2026"]);
    let imported: toml::Table = toml::from_str(&stdout(&output)).unwrap();
    let answers = &imported["answers"];
    assert_eq!(
        answers["governing_body"].as_str(),
        Some("Yes, decision 4/1.")
    );
    assert_eq!(
        answers["coordination"].as_str(),
        Some("We co-chaired a working group.")
    );
    assert_eq!(answers["events"][0]["name"].as_str(), Some("Forum"));
}

#[test]
fn diff_says_what_changed_from_2024_to_2026_in_text_and_json() {
    let output = run(&["diff", "hlpf-2024", "hlpf-2026"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    for want in [
        "renumbered: question 2 `events` → question 3 `events`",
        "word limit: 200-800 words → at most 200 words",
        "reporting window: 2022-11-01 to 2024-12-31 → 2024-11-01 to 2025-10-31",
        "SDGs under review: 1, 2, 13, 16, 17 → 6, 7, 9, 11, 17",
        "added: question 2 `coordination`",
        "not known in hlpf-2026: question 3 `resources`",
    ] {
        assert!(text.contains(want), "{want}:\n{text}");
    }
    // A reworded question reads as the two texts whole, one above the other, into a pipe
    // one line each, with no marks inside the words.
    let was = text
        .lines()
        .position(|l| l.starts_with("was: Responding to the multiple crises"))
        .unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[was].ends_with("poverty eradication?"), "{text}");
    assert!(
        lines[was + 1]
            .starts_with("now: From November 2024 to October 2025, has the governing body"),
        "{text}"
    );
    assert!(lines[was + 1].ends_with("symbols and links."), "{text}");
    assert!(!text.contains("[-") && !text.contains("{+"), "{text}");
    let json = run(&["diff", "hlpf-2024", "hlpf-2026", "--format", "json"]);
    assert_eq!(json.status.code(), Some(0));
    let doc: Value = serde_json::from_slice(&json.stdout).unwrap();
    assert_eq!(doc["a"], "hlpf-2024");
    assert_eq!(doc["window"]["to"], "2024-11-01 to 2025-10-31");
    let events = doc["questions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|q| q["b"]["id"] == "events")
        .unwrap();
    assert_eq!(events["renumbered"], true);
    assert_eq!(events["a"]["number"], "2");
    assert_eq!(events["change"], "changed");
    assert_eq!(events["wording"], "reworded");
    let same_q = run(&["diff", "hlpf-2024", "hlpf-2024", "--format", "json"]);
    let same_doc: Value = serde_json::from_slice(&same_q.stdout).unwrap();
    assert!(
        same_doc["questions"]
            .as_array()
            .unwrap()
            .iter()
            .all(|q| q["wording"] == "same")
    );
    // No difference is not a failure.
    let same = run(&["diff", "hlpf-2024", "hlpf-2024"]);
    assert_eq!(same.status.code(), Some(0));
    assert_eq!(stdout(&same), "hlpf-2024 → hlpf-2024\n");
    // An answers file where an edition belongs.
    let refused = run(&[
        "diff",
        "hlpf-2024",
        repo("examples/response.json").to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    let err = stderr(&refused);
    assert!(
        err.starts_with("error: ") && err.contains("is an answers file"),
        "{err}"
    );
}

#[test]
fn a_broken_continues_link_breaks_the_definition() {
    let dir = Scratch::new();
    let def = dir.path().join("def.toml");
    fs::write(
        &def,
        "id = \"x\"\ntitle = \"X\"\n[[questions]]\nid = \"a\"\nnumber = \"1\"\ntext = \"t\"\nkind = \"text\"\ncontinues = \"hlpf-2023.governing_body\"\n",
    )
    .unwrap();
    let example = repo("examples/response.toml");
    let (def, example) = (def.to_str().unwrap(), example.to_str().unwrap());
    for args in [
        vec!["show", "-q", def],
        vec!["diff", "hlpf-2024", def],
        vec!["migrate", example, "--edition", def],
    ] {
        let output = run(&args);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let err = stderr(&output);
        assert!(err.contains("def.toml:8:"), "{err}");
        assert!(
            err.contains("no built-in edition has the id `hlpf-2023`"),
            "{err}"
        );
    }
}

/// Exactly one line of message, and its hint if any.
fn one_line_error(output: &Output, what: &str) {
    let err = stderr(output);
    let lines: Vec<&str> = err.lines().collect();
    assert!(
        lines.first().is_some_and(|l| l.starts_with("error: ")),
        "{what}: {err}"
    );
    assert!(lines.len() <= 2, "{what}: {err}");
    if let Some(second) = lines.get(1) {
        assert!(second.starts_with("  hint: "), "{what}: {err}");
    }
}

#[test]
fn every_hostile_file_goes_calmly_through_migrate_diff_and_from_text() {
    on_threads(cases(), 2, |case| {
        let (file, name) = (case.path(), &case.file);
        // migrate: as validate for what cannot be read; otherwise a result, exit 0 or 1.
        let migrated = hostile::run(&["migrate", &file, "--edition", "hlpf-2026"]);
        assert_calm(&migrated, name);
        let code = migrated.status.code().unwrap();
        if case.validate == 2 {
            assert_eq!(code, 2, "migrate {name}: {}", stderr(&migrated));
        } else {
            assert!(
                code == 0 || code == 1,
                "migrate {name}: {code} {}",
                stderr(&migrated)
            );
        }
        if !stdout(&migrated).is_empty() {
            let text = stdout(&migrated);
            toml::from_str::<toml::Table>(&text)
                .unwrap_or_else(|e| panic!("migrate {name} writes TOML: {e}\n{text}"));
        }
        // diff: an answers file or a file that is no definition is refused, in one line.
        let diffed = hostile::run(&["diff", "hlpf-2024", &file]);
        assert_calm(&diffed, name);
        assert_eq!(diffed.status.code(), Some(2), "diff {name}");
        one_line_error(&diffed, &format!("diff {name}"));
        // from-text: no question is exit 2 in one line; the legacy text has questions.
        let made = hostile::run(&["definition", "from-text", &file]);
        assert_calm(&made, name);
        match made.status.code() {
            Some(2) => one_line_error(&made, &format!("from-text {name}")),
            Some(0) => {
                let toml = stdout(&made);
                qfill::questionnaire::parse_definition(&toml, "made.toml")
                    .unwrap_or_else(|e| panic!("from-text {name}: {e}\n{toml}"));
            }
            other => panic!("from-text {name}: {other:?} {}", stderr(&made)),
        }
    });
}
