//! Resuming through the plain prompter: the draft's progress per field, the text being typed,
//! `--answers` saying why a field is asked, the resume command and the save summary.

use super::*;

fn request(dir: &Path) -> FillRequest {
    FillRequest {
        questionnaire: None,
        answers: None,
        output: dir.join("response.toml"),
        draft: None,
        force: false,
        plain: true,
        docx: None,
    }
}

/// Runs a fill with typed lines; returns how it ended and what it showed.
fn run_lines(request: &FillRequest, lines: &[&str]) -> (Result<Filled, FillError>, String) {
    let input = lines.iter().map(|l| format!("{l}\n")).collect::<String>();
    let mut shown = Vec::new();
    let result = {
        let mut prompter = PlainPrompter::new(input.as_bytes(), &mut shown);
        run(request, None, &mut prompter, &Interrupt::default())
    };
    (result, String::from_utf8(shown).unwrap())
}

/// Entity, Q1 left unanswered, then an event begun.
const TO_AN_EVENT: &[&str] = &["Office (O)", "", "y", "1"];

#[test]
fn a_resume_asks_every_field_of_the_record_not_asked_yet_and_no_other() {
    let dir = tempfile::tempdir().unwrap();
    let request = request(dir.path());
    // Stopped after the dates of event 1.
    let mut lines = TO_AN_EVENT.to_vec();
    lines.extend(["Forum A", "2023-05-10"]);
    let (result, _) = run_lines(&request, &lines);
    assert!(result.is_err(), "the input ended");
    let draft = std::fs::read_to_string(request.draft_path()).unwrap();
    assert!(
        draft.contains("events = [[\"name\", \"dates\"]]"),
        "{draft}"
    );

    // Resumed: the other fields, the optional website too; then stopped at "Add another?".
    let lines = ["1", "Apia, Samoa", "13", "About A.", ".", ""];
    let (_, shown) = run_lines(&request, &lines);
    assert!(!shown.contains("Event Name"), "{shown}");
    assert!(
        shown.contains("Event 1 · Website\n  not asked yet"),
        "{shown}"
    );
    assert!(shown.contains("Add another event?"), "{shown}");

    // Resumed again: every field was asked, the website left empty; nothing is asked again.
    let (_, shown) = run_lines(&request, &["1", "n"]);
    assert!(!shown.contains("Website"), "{shown}");
    assert!(shown.contains("Add another event?"), "{shown}");
}

#[test]
fn an_older_draft_asks_the_fields_its_last_record_lacks() {
    let dir = tempfile::tempdir().unwrap();
    let request = request(dir.path());
    std::fs::write(
        request.draft_path(),
        "questionnaire = \"hlpf-2024\"\nentity = \"Office (O)\"\n[draft]\nnext = \"events\"\nskipped = [\"governing_body\"]\n[[answers.events]]\nname = \"Forum A\"\ndates = \"2023-05-10\"\nlocation = \"Apia, Samoa\"\nsdgs = [13]\ndescription = \"About A.\"\n",
    )
    .unwrap();
    let (_, shown) = run_lines(&request, &["1", "https://example.org", "n"]);
    assert!(shown.contains("Event 1 · Website"), "{shown}");
    assert!(!shown.contains("Event Name"), "{shown}");
}

#[test]
fn the_text_being_typed_is_offered_back() {
    let dir = tempfile::tempdir().unwrap();
    let request = request(dir.path());
    std::fs::write(
        request.draft_path(),
        "questionnaire = \"hlpf-2024\"\nentity = \"Office (O)\"\n[draft]\nnext = \"events\"\nskipped = [\"governing_body\"]\nasked = { events = [[\"name\", \"dates\", \"location\", \"sdgs\"]] }\n[draft.typed]\nquestion = \"events\"\nrecord = 1\nfield = \"description\"\ntext = \"First line.\\nSecond\"\n[[answers.events]]\nname = \"Forum A\"\ndates = \"2023-05-10\"\nlocation = \"Apia, Samoa\"\nsdgs = [13]\n",
    )
    .unwrap();
    // Enter at once keeps the text offered; the website is left empty.
    let (result, shown) = run_lines(&request, &["1", "", ""]);
    assert!(
        shown.contains("the text you were typing when the fill stopped is back (3 words)"),
        "{shown}"
    );
    assert!(
        shown.contains("current text:\nFirst line.\nSecond"),
        "{shown}"
    );
    assert!(result.is_err(), "{shown}");
    let draft = std::fs::read_to_string(request.draft_path()).unwrap();
    assert!(
        draft.contains("description = \"\"\"\nFirst line.\nSecond\"\"\""),
        "{draft}"
    );
    assert!(!draft.contains("[draft.typed]"), "offered once: {draft}");
}

#[test]
fn answers_say_why_a_field_is_asked_and_what_it_holds() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/response.toml"),
    )
    .unwrap();
    let long = vec!["word"; 163].join(" ");
    let start = example
        .replacen(
            "website = \"https://www.gwri.example.org/events/africa-forum-2023\"\n",
            "",
            1,
        )
        .replacen(
            "description = \"\"\"\nConvened pursuant",
            &format!("description = \"{long}\"\nold_description = \"\"\"\nConvened pursuant"),
            1,
        );
    std::fs::write(dir.path().join("start.toml"), start).unwrap();
    let request = FillRequest {
        answers: Some(dir.path().join("start.toml")),
        ..request(dir.path())
    };
    let (_, shown) = run_lines(&request, &[]);
    assert!(
        shown.contains(
            "Question 2 · Event 1 · Description\n  error: Event 1 · Description: 163 words, the limit is 150 — shorten it by 13 words\n  now: word word"
        ),
        "{shown}"
    );
    assert!(shown.contains("… (163 words)"), "{shown}");
}

#[test]
fn answers_say_why_a_question_is_asked_again() {
    let dir = tempfile::tempdir().unwrap();
    let example = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/response.toml"),
    )
    .unwrap();
    let at = example.find("governing_body = \"\"\"").unwrap();
    let end = example[at + 20..].find("\"\"\"\n").unwrap() + at + 24;
    let start = format!(
        "{}governing_body = \"{}\"\n{}",
        &example[..at],
        vec!["word"; 801].join(" "),
        &example[end..]
    );
    std::fs::write(dir.path().join("start.toml"), start).unwrap();
    let request = FillRequest {
        answers: Some(dir.path().join("start.toml")),
        ..request(dir.path())
    };
    let (_, shown) = run_lines(&request, &[]);
    assert!(
        shown.contains(
            "(200 to 800 words)\n  error: Question 1: 801 words, the limit is 800 — shorten it by 1 word\n  now: word word"
        ),
        "{shown}"
    );
}

#[test]
fn the_resume_command_repeats_every_option() {
    let request = FillRequest {
        questionnaire: Some("my q.toml".into()),
        answers: Some("last year.toml".into()),
        output: "out.json".into(),
        draft: Some("d.toml".into()),
        force: true,
        plain: true,
        docx: Some("the form.docx".into()),
    };
    assert_eq!(
        request.resume_command(),
        "qfill fill -o out.json --draft d.toml --questionnaire 'my q.toml' --answers 'last year.toml' --force --plain --docx 'the form.docx'"
    );
    assert!(
        request
            .interrupted_message()
            .ends_with(&request.resume_command())
    );
}

#[test]
fn the_save_says_where_and_what_next() {
    let request = FillRequest {
        questionnaire: Some("hlpf-2024".into()),
        ..request(Path::new("out"))
    };
    let said = save_summary(&request, 1, 2);
    let lines: Vec<&str> = said.lines().collect();
    assert!(
        lines[0].starts_with("saved out/response.toml: 1 error, 2 warnings (written to /"),
        "{said}"
    );
    assert_eq!(
        &lines[1..],
        [
            "  every finding, any time: qfill validate out/response.toml --questionnaire hlpf-2024",
            "  a document to read or share: qfill export out/response.toml --to markdown --questionnaire hlpf-2024",
        ]
    );
}

#[test]
fn the_save_names_the_word_form_when_one_is_written() {
    let request = FillRequest {
        docx: Some("out/response.docx".into()),
        ..request(Path::new("out"))
    };
    let said = save_summary(&request, 0, 0);
    assert_eq!(
        said.lines().nth(1),
        Some("  the filled Word form: out/response.docx"),
        "{said}"
    );
}

#[test]
fn a_plain_fill_writes_the_word_form_of_the_saved_answers() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        concat!(env!("CARGO_MANIFEST_DIR"), "/examples/response.toml"),
        dir.path().join("start.toml"),
    )
    .unwrap();
    let request = FillRequest {
        answers: Some(dir.path().join("start.toml")),
        docx: Some(dir.path().join("response.docx")),
        ..request(dir.path())
    };
    let (filled, shown) = run_lines(&request, &["1"]);
    assert!(matches!(filled, Ok(Filled::Saved { .. })), "{shown}");
    let saved = std::fs::read_to_string(&request.output).unwrap();
    let q = Questionnaire::builtin_cached("hlpf-2024").unwrap();
    let doc = crate::document::parse(&saved, Format::Toml).unwrap();
    let answers = check::check(&doc, q).answers;
    assert_eq!(
        std::fs::read(dir.path().join("response.docx")).unwrap(),
        crate::docx::write::filled_form(&answers, q)
    );
}
