//! The blank form read into a definition (`definition from-text` of a .docx).

use std::fs;

use super::filled::{filled, filled_docx};
use super::*;

/// A blank form's text (`show --to text`) as Word holds it: questions numbered automatically
/// (typed where the number is not Word's `1.`, `2.`), each question's `Label |` rows as two
/// tables (the form's room for two records), check boxes as content controls.
fn blank_docx(text: &str) -> Docx {
    let mut body = String::new();
    let mut rows: Vec<String> = Vec::new();
    let mut counted = 0;
    let flush = |rows: &mut Vec<String>, body: &mut String| {
        if rows.is_empty() {
            return;
        }
        for n in 1..=2 {
            let mut table_rows = vec![title_row(&format!("Record {n}"))];
            table_rows.extend(rows.iter().cloned());
            body.push_str(&table(&table_rows));
            body.push_str(&p(""));
        }
        rows.clear();
    };
    for line in text.lines() {
        if let Some(label) = line.strip_suffix(" |") {
            rows.push(row(label, &[]));
            continue;
        }
        flush(&mut rows, &mut body);
        if let Some(choice) = line.strip_prefix("☐ ") {
            body.push_str(&w14_box(false, choice));
            continue;
        }
        let numbered = line
            .split_once(". ")
            .filter(|(n, _)| !n.is_empty() && n.len() <= 4 && !n.contains(' '));
        match numbered {
            Some((number, rest)) if number == (counted + 1).to_string() => {
                counted += 1;
                body.push_str(&question(rest));
            }
            _ => body.push_str(&p(line)),
        }
    }
    flush(&mut rows, &mut body);
    Docx::new(body).lists()
}

#[test]
fn the_blank_word_form_gives_back_the_definition_it_shows() {
    use qfill::definition::to_text::FormView;
    use qfill::questionnaire::Questionnaire;
    let dir = Scratch::new();
    let pilot = crate::common::repo("tests/data/pilot-2026.toml");
    let mut editions: Vec<(String, Questionnaire)> = Questionnaire::builtin_ids()
        .map(|id| (id.to_string(), Questionnaire::resolve(id).unwrap()))
        .collect();
    editions.push((
        pilot.to_str().unwrap().to_string(),
        Questionnaire::from_file(&pilot).unwrap(),
    ));
    for (arg, definition) in editions {
        let shown = qfill()
            .args(["show", "--to", "text", "-q", &arg])
            .output()
            .unwrap();
        let text = String::from_utf8(shown.stdout).unwrap();
        let form = dir.path().join(format!("{}.docx", definition.id));
        fs::write(&form, blank_docx(&text).bytes()).unwrap();
        let out = dir.path().join(format!("{}.toml", definition.id));
        let made = qfill()
            .args(["definition", "from-text"])
            .arg(&form)
            .arg("-o")
            .arg(&out)
            .output()
            .unwrap();
        let stderr = String::from_utf8(made.stderr).unwrap();
        assert_eq!(made.status.code(), Some(0), "{arg}: {stderr}");
        assert_eq!(stderr, "", "{arg}: no warnings for a blank form");
        let back = Questionnaire::from_file(&out).unwrap();
        let toml = fs::read_to_string(&out).unwrap();
        assert_eq!(
            FormView::of(&back),
            FormView::of(&definition),
            "{arg}\n{toml}"
        );
        // Every inference says where in Word it comes from.
        assert_has(&toml, "# title from paragraph 1");
        assert_has(&toml, "# number and text from paragraph ");
        if toml.contains("kind = \"records\"") {
            assert_has(&toml, "# label from table ");
            assert_has(
                &toml,
                "# the form holds 2 tables for these records (the first is read)",
            );
        }
    }
}

#[test]
fn answers_in_a_word_form_are_ignored_by_from_text_with_a_warning_at_their_place() {
    let dir = Scratch::new();
    let form = dir.path().join("filled.docx");
    fs::write(&form, filled_docx(&filled()).bytes()).unwrap();
    let made = qfill()
        .args(["definition", "from-text"])
        .arg(&form)
        .output()
        .unwrap();
    let stderr = String::from_utf8(made.stderr).unwrap();
    assert_eq!(made.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("warning: ") && stderr.contains("filled.docx: table 2, row 2: text under question 2 is an answer, not part of a blank form: ignored (`Regional Forum"),
        "{stderr}"
    );
    assert!(
        stderr.contains("filled.docx: paragraph 3: text under question 1 is an answer"),
        "{stderr}"
    );
}
