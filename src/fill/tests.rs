//! Whole fills scripted through the plain prompter: the walk, the review, going back,
//! candidates for names, keeping a refused answer.

use super::*;

/// Runs a whole fill with typed lines, in a scratch folder; returns the saved response.
fn fill(script: &[&str]) -> (Filled, String, String) {
    let dir = tempfile::tempdir().unwrap();
    let request = FillRequest {
        questionnaire: None,
        answers: None,
        output: dir.path().join("response.toml"),
        draft: None,
        force: false,
        plain: true,
        docx: None,
    };
    let input = script.iter().map(|l| format!("{l}\n")).collect::<String>();
    let mut shown = Vec::new();
    let exit = {
        let mut prompter = PlainPrompter::new(input.as_bytes(), &mut shown);
        run(&request, None, &mut prompter, &Interrupt::default())
    };
    let exit = exit.unwrap_or_else(|e| panic!("{e}\n{}", String::from_utf8_lossy(&shown)));
    let saved = std::fs::read_to_string(&request.output).unwrap_or_default();
    (exit, saved, String::from_utf8(shown).unwrap())
}

const EVENT_A: &[&str] = &[
    "Forum A",
    "2023-05-10",
    "Apia, Samoa",
    "13",
    "About A.",
    ".",
    "",
];
const EVENT_B: &[&str] = &[
    "Forum B",
    "2024-01-02",
    "Dakar, Senegal",
    "14",
    "About B.",
    ".",
    "",
];

#[test]
fn the_review_edits_reorders_and_changes_answers() {
    let mut script = vec!["Office (O)", "", "y"]; // entity; Q1 left unanswered
    script.push("1"); // add an event
    script.extend(EVENT_A);
    script.push("y"); // add another
    script.extend(EVENT_B);
    script.push("n");
    script.extend(["2", "", "", "y", "2", "", "y"]); // Q3 none; Q4 skipped; Q5 none; Q6 skipped
    // Review: change question 2 (item 4), view event 1, move event 2 up (after 2 views, 2
    // edits and 2 removes), then back (the last item), change the entity (item 3, after
    // "Undo"), save.
    script.extend(["4", "1", "7", "11", "3", "Office Renamed (OR)", "1"]);
    let (exit, saved, shown) = fill(&script);
    assert_eq!(exit, Filled::Saved { valid: true }, "{shown}");
    let b = saved.find("Forum B").unwrap();
    let a = saved.find("Forum A").unwrap();
    assert!(b < a, "event 2 was moved up:\n{saved}");
    assert!(
        saved.contains("entity = \"Office Renamed (OR)\""),
        "{saved}"
    );
    assert!(
        saved.contains("resources = []") && saved.contains("initiatives = []"),
        "{saved}"
    );
    assert!(
        !saved.contains("high_impact") && !saved.contains("governing_body"),
        "{saved}"
    );
    assert!(shown.contains("Move event 2 up"), "{shown}");
    assert!(
        shown.contains("Event 1\n  Event Name: Forum A\n  Event Dates: 2023-05-10"),
        "{shown}"
    );
}

#[test]
fn a_closed_input_keeps_the_draft_and_says_how_to_resume() {
    let dir = tempfile::tempdir().unwrap();
    let request = FillRequest {
        questionnaire: None,
        answers: None,
        output: dir.path().join("r.json"),
        draft: None,
        force: false,
        plain: true,
        docx: None,
    };
    let mut prompter = PlainPrompter::new("Office (O)\n".as_bytes(), Vec::new());
    let error = run(&request, None, &mut prompter, &Interrupt::default()).unwrap_err();
    assert!(error.to_string().contains("the input ended"), "{error}");
    assert!(
        error.hint().unwrap().contains("qfill fill -o"),
        "{:?}",
        error.hint()
    );
    let draft = std::fs::read_to_string(dir.path().join("r.draft.toml")).unwrap();
    assert!(draft.contains("entity = \"Office (O)\""), "{draft}");
}

#[test]
fn a_country_that_matches_nothing_offers_what_it_may_mean() {
    let mut script = vec!["Office (O)", "", "y", "2", "2", "", "", "y"]; // to question 5
    script.extend(["1", "Initiative A", "UNEP", "13"]);
    // One strong candidate: yes by default; several: chosen by number; an alias: silent.
    script.extend(["Trinidad and Tobaggo, Gui, USA, Viet", "", "1", "n", "y"]);
    script.extend(["Helps.", ".", "", "n", "Recommendations.", "."]);
    script.push("1");
    let (exit, saved, shown) = fill(&script);
    assert_eq!(exit, Filled::Saved { valid: true }, "{shown}");
    assert!(
        shown.contains("`Trinidad and Tobaggo`: did you mean Trinidad and Tobago? [Y/n]"),
        "{shown}"
    );
    assert!(
        shown.contains("`Gui` matches several names; which one?"),
        "{shown}"
    );
    assert!(shown.contains("3) Keep `Gui` as typed"), "{shown}");
    assert!(
        !shown.contains("`USA`"),
        "an alias is accepted silently: {shown}"
    );
    assert!(
        shown.contains("`Viet`: did you mean Viet Nam? [Y/n]"),
        "{shown}"
    );
    assert!(
        // `Viet`, kept as typed, keeps the list as written, with its warning.
        saved.contains("member_states = \"Trinidad and Tobago, Guinea, USA, Viet\""),
        "{saved}"
    );
}

#[test]
fn back_from_a_first_record_leaves_the_question_unanswered() {
    // Entity; Q1 unanswered; Q2: add an event, then `:back` at its name goes to Q1, kept
    // empty; Q2 is asked afresh: none.
    let script = [
        "Office (O)",
        "",
        "y",
        "1",
        ":back",
        "",
        "y",
        "2",
        "2",
        "",
        "",
        "y",
        "2",
        "x",
        ".",
        "1",
    ];
    let (exit, saved, shown) = fill(&script);
    assert_eq!(exit, Filled::Saved { valid: true }, "{shown}");
    assert_eq!(shown.matches("Question 1 of 6").count(), 2, "{shown}");
    assert_eq!(shown.matches("Add an event?").count(), 2, "{shown}");
    assert!(saved.contains("events = []"), "{saved}");
    assert!(!saved.contains("governing_body"), "{saved}");
}

#[test]
fn removing_asks_first_and_the_review_undoes_one_step() {
    let mut script = vec!["Office (O)", "", "y", "1"];
    script.extend(EVENT_A);
    script.push("y");
    script.extend(EVENT_B);
    script.push("n");
    script.extend(["2", "", "", "y", "2", "", "y"]);
    // Review: question 2 (item 4); remove event 1 (item 5): no, then yes; report none (item 5
    // once one event is left): yes; back (item 4 with none left). Then undo (item 2), save.
    script.extend(["4", "5", "n", "5", "y", "5", "y", "4", "2", "1"]);
    let (exit, saved, shown) = fill(&script);
    assert_eq!(exit, Filled::Saved { valid: true }, "{shown}");
    assert!(shown.contains("Remove event 1 (Forum A)? [y/N]"), "{shown}");
    assert!(
        shown.contains("Remove the event and report none? [y/N]"),
        "{shown}"
    );
    assert!(
        shown.contains("2) Undo the changes to question 2"),
        "{shown}"
    );
    assert!(
        saved.contains("Forum A") && saved.contains("Forum B"),
        "undone: {saved}"
    );
}

#[test]
fn a_refused_answer_can_be_kept_for_now_and_saving_then_asks() {
    let long = vec!["word"; 801].join(" ");
    let script = [
        "Office (O)",
        &long,
        ".",
        ":keep",
        "2",
        "2",
        "",
        "",
        "y",
        "2",
        "x",
        ".",
        "1",
        "y",
    ];
    let (exit, saved, shown) = fill(&script);
    assert_eq!(exit, Filled::Saved { valid: false }, "{shown}");
    assert!(
        shown.contains("`:keep` keeps the refused answer"),
        "{shown}"
    );
    assert!(shown.contains("kept as it is for now"), "{shown}");
    assert!(
        shown.contains("Q1 Governing body   801 words     1 error"),
        "the review marks it: {shown}"
    );
    assert!(shown.contains("Review your answers: 1 error, "), "{shown}");
    assert!(
        shown.contains(") error: Question 1: 801 words"),
        "errors first: {shown}"
    );
    assert!(
        shown.contains("The response has 1 error; save it anyway? [y/N]"),
        "{shown}"
    );
    assert!(
        saved.contains(&format!("governing_body = \"{long}\"")),
        "{saved}"
    );
}

#[test]
fn the_first_screen_says_when_the_edition_is_incomplete() {
    let dir = tempfile::tempdir().unwrap();
    let request = FillRequest {
        questionnaire: Some("hlpf-2026".to_string()),
        answers: None,
        output: dir.path().join("r.toml"),
        draft: None,
        force: false,
        plain: true,
        docx: None,
    };
    let mut shown = Vec::new();
    let q = Questionnaire::builtin_cached("hlpf-2026");
    let _ = run(
        &request,
        q,
        &mut PlainPrompter::new("".as_bytes(), &mut shown),
        &Interrupt::default(),
    );
    let shown = String::from_utf8(shown).unwrap();
    assert!(shown.contains("hlpf-2026 is incomplete"), "{shown}");
}

#[test]
fn how_long_ago_in_words() {
    for (seconds, want) in [
        (5, "just now"),
        (60, "1 minute ago"),
        (12 * 60 + 30, "12 minutes ago"),
        (3 * 3600, "3 hours ago"),
        (2 * 86_400 + 5, "2 days ago"),
    ] {
        assert_eq!(ago(seconds), want);
    }
}

#[test]
fn the_offer_to_resume_says_whose_draft_how_far_and_when() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("response.draft.toml");
    std::fs::write(
        &path,
        "questionnaire = \"hlpf-2024\"\nentity = \"Office for Testing (OFT)\"\n[draft]\nnext = \"resources\"\n[answers]\ngoverning_body = \"Text.\"\nevents = []\n",
    )
    .unwrap();
    let said = draft_summary(&path, None);
    assert!(
        said.starts_with("A draft of the response of Office for Testing (OFT) is in "),
        "{said}"
    );
    assert!(
        said.ends_with(": 2 of 6 questions answered, saved just now."),
        "{said}"
    );
}
