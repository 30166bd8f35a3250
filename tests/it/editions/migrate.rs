//! `migrate` through the binary: the example carried to 2026 and back, a named `.txt` read as
//! legacy text, a file's own edition changing nothing, comments travelling with their answers, and
//! the round trip to every edition and back as a property on generated files.

use std::fs;

use super::{findings, run, stderr, stdout};
use crate::common::{Scratch, repo};

#[test]
fn the_example_migrated_to_2026_and_back() {
    let dir = Scratch::new();
    let to_2026 = dir.path().join("2026.toml");
    let output = run(&[
        "migrate",
        repo("examples/response.toml").to_str().unwrap(),
        "--edition",
        "hlpf-2026",
        "-o",
        to_2026.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let err = stderr(&output);
    assert!(
        err.contains("it was events[0].dates, question 2 of hlpf-2024"),
        "the findings name old and new places: {err}"
    );
    let mut found = findings(&to_2026);
    found.sort();
    assert_eq!(
        found,
        [
            ("date-window".to_string(), "events[0].dates".to_string()),
            ("date-window".to_string(), "events[1].dates".to_string()),
            ("draft".to_string(), "draft".to_string()),
            ("not-answered".to_string(), "coordination".to_string()),
            ("notes-answers".to_string(), "notes[0]".to_string()),
            ("notes-answers".to_string(), "notes[1]".to_string()),
            ("notes-answers".to_string(), "notes[2]".to_string()),
            ("notes-answers".to_string(), "notes[3]".to_string()),
            ("word-limit".to_string(), "governing_body".to_string()),
        ]
    );
    // Question 1 was reworded and limited anew, the events' window moved: both to look at again.
    assert!(
        err.contains("to look at again (their wording, limit or window changed): questions 1, 3"),
        "{err}"
    );
    let migrated: toml::Table = toml::from_str(&fs::read_to_string(&to_2026).unwrap()).unwrap();
    assert_eq!(migrated["questionnaire"].as_str(), Some("hlpf-2026"));
    assert_eq!(
        migrated["draft"]["carried"]["from"].as_str(),
        Some("hlpf-2024")
    );
    assert_eq!(
        migrated["draft"]["carried"]["questions"],
        toml::Value::Array(vec!["governing_body".into(), "events".into()])
    );
    let original: toml::Table =
        toml::from_str(&fs::read_to_string(repo("examples/response.toml")).unwrap()).unwrap();
    assert_eq!(
        migrated["answers"]["events"], original["answers"]["events"],
        "the events are under the events question"
    );
    assert_eq!(
        migrated["answers"]["governing_body"],
        original["answers"]["governing_body"]
    );
    let notes: Vec<&str> = migrated["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect();
    assert_eq!(notes.len(), 4);
    for (note, number) in notes.iter().zip([
        "3. In the past year",
        "4. In connection",
        "5. In addition",
        "6. In the Political",
    ]) {
        assert!(note.starts_with(number), "{note}");
    }
    // Back to 2024: the events and the governing-body text come back, the rest from the notes.
    let back = dir.path().join("2024.toml");
    let output = run(&[
        "migrate",
        to_2026.to_str().unwrap(),
        "--edition",
        "hlpf-2024",
        "-o",
        back.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let canonical = run(&[
        "export",
        repo("examples/response.toml").to_str().unwrap(),
        "--to",
        "toml",
    ]);
    assert_eq!(fs::read_to_string(&back).unwrap(), stdout(&canonical));
}

#[test]
fn a_named_txt_is_migrated_as_legacy_text() {
    let output = run(&[
        "migrate",
        repo("tests/data/legacy-example.txt").to_str().unwrap(),
        "--edition",
        "hlpf-2026",
    ]);
    let text = stdout(&output);
    let migrated: toml::Table = toml::from_str(&text).unwrap_or_else(|e| panic!("{e}\n{text}"));
    assert_eq!(migrated["questionnaire"].as_str(), Some("hlpf-2026"));
    assert!(
        migrated["answers"]["events"]
            .as_array()
            .is_some_and(|e| !e.is_empty()),
        "the legacy events are under question 3: {text}"
    );
    assert!(
        stderr(&output).contains(
            "moved: question 2 `events` of hlpf-2024 is question 3 `events` of hlpf-2026"
        ),
        "{}",
        stderr(&output)
    );
}

#[test]
fn migrating_to_the_files_own_edition_changes_nothing() {
    let dir = Scratch::new();
    let file = dir.path().join("commented.toml");
    fs::write(&file, COMMENTED).unwrap();
    let output = run(&["migrate", file.to_str().unwrap(), "--edition", "hlpf-2024"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout(&output), COMMENTED);
    // Stdout without -o; -o does not replace a file without --force.
    let exists = run(&[
        "migrate",
        file.to_str().unwrap(),
        "--edition",
        "hlpf-2026",
        "-o",
        file.to_str().unwrap(),
    ]);
    assert_eq!(exists.status.code(), Some(2));
    assert_eq!(fs::read_to_string(&file).unwrap(), COMMENTED);
    // Only answers files come out; nothing is written otherwise.
    let markdown = dir.path().join("out.md");
    let refused = run(&[
        "migrate",
        file.to_str().unwrap(),
        "--edition",
        "hlpf-2026",
        "-o",
        markdown.to_str().unwrap(),
    ]);
    assert_eq!(refused.status.code(), Some(2));
    assert!(!markdown.exists());
}

/// A canonical answers file with comments above keys, at the end of lines, on tables and records.
const COMMENTED: &str = r#"#:schema ./answers.schema.json

# Which survey
questionnaire = "hlpf-2024"
entity = "Office X (OX)" # the name on the letterhead

# Checked by the unit head
[answers]
# Short for now
governing_body = "The Assembly adopted a strategy."
# From the annual report
recommendations = "More data."

# The first event
[[answers.events]]
name = "Forum" # working title
dates = "2024-02-01"
location = { city = "Apia", country = "Samoa" }
sdgs = [13, 14]
description = "A forum."

# to be confirmed
"#;

#[test]
fn comments_survive_fmt_and_migrate() {
    let dir = Scratch::new();
    let file = dir.path().join("a.toml");
    // Out of canonical order, with a comment inside an array.
    let scrambled = COMMENTED
        .replace(
            "questionnaire = \"hlpf-2024\"\nentity = \"Office X (OX)\" # the name on the letterhead\n",
            "entity = \"Office X (OX)\" # the name on the letterhead\nquestionnaire = \"hlpf-2024\"\n",
        )
        .replace("sdgs = [13, 14]", "sdgs = [\n  13, # the main one\n  14,\n]");
    fs::write(&file, &scrambled).unwrap();
    let output = run(&["fmt", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let formatted = fs::read_to_string(&file).unwrap();
    for comment in scrambled
        .lines()
        .filter_map(|l| l.find('#').map(|i| &l[i..]))
    {
        let comment = comment.trim_start_matches('#').trim();
        assert!(
            formatted.contains(comment),
            "lost `{comment}`:\n{formatted}"
        );
    }
    assert!(formatted.starts_with("#:schema ./answers.schema.json\n\nquestionnaire"));
    assert!(
        formatted.contains("# the main one\nsdgs = [13, 14]"),
        "{formatted}"
    );
    // fmt of a formatted file changes nothing.
    let check = run(&["fmt", "--check", file.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0), "{}", stdout(&check));
    // migrate: each comment with its key; those of answers that went to notes, on their note.
    let output = run(&["migrate", file.to_str().unwrap(), "--edition", "hlpf-2026"]);
    let migrated = stdout(&output);
    let there = dir.path().join("2026.toml");
    fs::write(&there, &migrated).unwrap();
    for comment in COMMENTED
        .lines()
        .filter_map(|l| l.find('#').map(|i| &l[i..]))
    {
        let comment = comment.trim_start_matches('#').trim();
        assert!(migrated.contains(comment), "lost `{comment}`:\n{migrated}");
    }
    assert!(
        migrated.contains("# Short for now\ngoverning_body ="),
        "{migrated}"
    );
    assert!(
        migrated.contains("notes = [\n  # From the annual report\n  \"\"\"\n6. In the Political"),
        "{migrated}"
    );
    assert!(
        migrated.contains("name = \"Forum\" # working title"),
        "{migrated}"
    );
    // And back: the comment comes back with the answer it sat on.
    let output = run(&["migrate", there.to_str().unwrap(), "--edition", "hlpf-2024"]);
    let back = stdout(&output);
    assert!(
        back.contains("# From the annual report\nrecommendations = \"More data.\""),
        "{back}"
    );
}

/// Answers files for every built-in edition, with what migrate must carry whole: canonical and
/// human-written values, none (`[]`), not-answered and pending markers, a Q4 of text alone or of
/// names alone, paragraphs with single line breaks, values of the wrong type, keys no definition
/// has, remarks in notes, a contact.
mod generated {
    use proptest::prelude::*;

    fn text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "water", "data", "forum", "policy", "coast", "SDG", "2024", "IOM's", "N/A", "TBD",
        ]);
        let paragraph = prop::collection::vec(word, 1..8).prop_map(|w| w.join(" "));
        (
            prop::collection::vec(paragraph, 1..4),
            prop::sample::select(vec!["\n\n", "\n", "\n\n- "]),
        )
            .prop_map(|(ps, sep)| ps.join(sep))
    }

    fn value() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => text().prop_map(|t| format!("{t:?}")),
            1 => Just("5".to_string()),
            1 => Just("\"N/A\"".to_string()),
            1 => Just("[\"a\", 2]".to_string()),
        ]
    }

    fn event() -> impl Strategy<Value = String> {
        (
            text(),
            prop::sample::select(vec![
                "\"2023-05-10\"",
                "{ start = \"2024-11-02\", end = \"2024-11-03\" }",
                "\"10 May 2025\"",
                "\"TBD\"",
            ]),
            prop::sample::select(vec![
                "{ city = \"Apia\", country = \"Samoa\" }",
                "\"Nairobi, Kenya\"",
                "[{ city = \"Dakar\", country = \"Senegal\" }, { city = \"Apia\", country = \"Samoa\" }]",
            ]),
            prop::sample::select(vec!["[13]", "[6, 13, 17]", "\"all\"", "\"1, 3 and 5\""]),
            text(),
            prop::option::of(prop::sample::select(vec![
                "\"https://example.org/x\"",
                "\"www.example.org\"",
            ])),
            prop::option::of(value()),
        )
            .prop_map(|(name, dates, location, sdgs, description, website, extra)| {
                let mut r = format!(
                    "name = {name:?}\ndates = {dates}\nlocation = {location}\nsdgs = {sdgs}\ndescription = {description:?}\n"
                );
                if let Some(w) = website {
                    r.push_str(&format!("website = {w}\n"));
                }
                if let Some(e) = extra {
                    r.push_str(&format!("hashtag = {e}\n"));
                }
                r
            })
    }

    fn records(key: &'static str) -> impl Strategy<Value = String> {
        prop_oneof![
            1 => Just(format!("{key} = []\n")),
            3 => prop::collection::vec(event(), 1..3).prop_map(move |events| {
                events
                    .iter()
                    .map(|e| format!("[[answers.{key}]]\n{e}"))
                    .collect::<Vec<_>>()
                    .join("\n")
            }),
        ]
    }

    fn q4() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("high_impact = { text = \"Not at this time.\" }\n".to_string()),
            text().prop_map(|t| format!("high_impact = {{ initiatives = [], text = {t:?} }}\n")),
            Just("high_impact = { initiatives = [\"Power of Data\", \"Energy Compacts\"] }\n".to_string()),
            Just("high_impact = { initiatives = [\"Power of Data\"], text = \"We back Power of Data and FutureGov.\" }\n".to_string()),
        ]
    }

    /// An answers file of `edition`, its plain answers and its records.
    pub fn file() -> impl Strategy<Value = String> {
        (
            prop::sample::select(vec!["hlpf-2024", "hlpf-2025", "hlpf-2026"]),
            prop::option::of(value()),
            prop::option::of(value()),
            prop::option::of(q4()),
            prop::option::of(value()),
            prop::option::of(records("events")),
            prop::option::of(records("resources")),
            prop::option::of(text()),
            any::<bool>(),
        )
            .prop_map(
                |(edition, q1, q2, q4, q6, events, resources, note, contact)| {
                    let mut top =
                        format!("questionnaire = \"{edition}\"\nentity = \"Office (O)\"\n");
                    if let Some(note) = note {
                        top.push_str(&format!("notes = [{note:?}]\n"));
                    }
                    if contact {
                        top.push_str("[contact]\nname = \"A\"\n");
                    }
                    let mut plain = String::from("[answers]\n");
                    if let Some(v) = q1 {
                        plain.push_str(&format!("governing_body = {v}\n"));
                    }
                    if let Some(v) = q2 {
                        // A key 2024 does not have, which the later editions read as their question.
                        plain.push_str(&format!("coordination = {v}\n"));
                    }
                    if let Some(v) = q4 {
                        plain.push_str(&v);
                    }
                    if let Some(v) = q6 {
                        plain.push_str(&format!("recommendations = {v}\n"));
                    }
                    let mut tables = String::new();
                    for r in [events, resources].into_iter().flatten() {
                        if r.contains(" = []") {
                            plain.push_str(&r);
                        } else {
                            tables.push_str(&r);
                            tables.push('\n');
                        }
                    }
                    format!("{top}{plain}\n{tables}")
                },
            )
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]

    /// Any answers the checker reads, carried to every other edition and back, give the canonical
    /// original, or keep every value that did not come back in a note with a finding: the fuzz
    /// target `migrate`'s property (`fuzz/oracle.rs`), on generated files.
    #[test]
    fn migrate_to_every_edition_and_back_keeps_everything(file in generated::file()) {
        // The generator writes files the checker reads, or the property would hold for nothing.
        let doc = qfill::document::parse(&file, qfill::document::Format::Toml);
        proptest::prop_assert!(doc.is_ok(), "{}", file);
        crate::fuzz_regressions::oracle::round_trips(&file, qfill::document::Format::Toml);
    }
}
