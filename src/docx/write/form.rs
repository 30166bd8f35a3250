//! The filled form, as DESA sends it and expects it back: the entity table, each question
//! numbered with its full text, free text as paragraphs and lists, each record as a label |
//! value table, the initiatives of a choices question as check boxes, and the notes at the end.

use super::body::{Body, Cell, Run, Style};
use super::package::Package;
use super::values::{field_text, node_text, scalar_text};
use crate::answers::{Answer, Answers, Record};
use crate::document::Value;
use crate::questionnaire::{
    ChoicesText, FieldKind, Question, QuestionKind, Questionnaire, Records,
};
use crate::text::{capitalised, fold, one_line};

/// The custom document property that names the edition a form was written for.
pub const QUESTIONNAIRE_PROPERTY: &str = "qfill-questionnaire";

/// The labels of the entity table's rows, as the form prints them: the entity, the focal
/// point's name and e-mail, the date of submission.
pub const ENTITY_LABELS: [&str; 4] = [
    "Name of entity",
    "Focal point",
    "E-mail",
    "Date of submission",
];

/// The heading of the last section, which holds the answers file's `notes`.
pub const NOTES_HEADING: &str = "Notes";

/// The answers as the Word form; dated `created` (seconds since the epoch).
pub fn filled_form_at(answers: &Answers, q: &Questionnaire, created: i64) -> Vec<u8> {
    let mut body = Body::default();
    entity_table(&mut body, answers, q);
    for question in &q.questions {
        body.numbered(
            Style::Heading(1),
            &question.number,
            &[Run::plain(&one_line(&question.text))],
        );
        answer(&mut body, question, answers.answer(&question.id));
    }
    if !answers.notes.is_empty() {
        body.paragraph(Style::Heading(1), &[Run::plain(NOTES_HEADING)]);
        // One paragraph a note, its own line breaks kept inside it, so that a note stays one.
        for note in &answers.notes {
            body.paragraph(Style::Normal, &[Run::plain(note)]);
        }
    }
    let title = match &answers.entity {
        Some(entity) => format!("{}: {}", one_line(&scalar_text(entity)), q.title),
        None => q.title.clone(),
    };
    let (document, numbering) = body.finish();
    Package {
        document,
        numbering,
        title: &title,
        created,
        properties: vec![(QUESTIONNAIRE_PROPERTY, &q.id)],
    }
    .zip()
}

/// The entity, the focal point's name and e-mail and the date of submission, under the
/// questionnaire's title; a row for each, empty when the answers do not say.
fn entity_table(body: &mut Body, answers: &Answers, q: &Questionnaire) {
    let contact = |key: &str| {
        answers
            .contact
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| scalar_text(v))
            .unwrap_or_default()
    };
    let [entity, focal_point, email, submitted] = ENTITY_LABELS;
    let mut rows = vec![
        (
            entity.to_string(),
            Cell::Line(answers.entity.as_ref().map(scalar_text).unwrap_or_default()),
        ),
        (focal_point.to_string(), Cell::Line(contact("name"))),
        (email.to_string(), Cell::Line(contact("email"))),
        (
            submitted.to_string(),
            Cell::Line(
                answers
                    .submitted
                    .as_ref()
                    .map(scalar_text)
                    .unwrap_or_default(),
            ),
        ),
    ];
    // Contact details the form has no row for (none today) get one of their own.
    for (key, value) in &answers.contact {
        if key != "name" && key != "email" {
            rows.push((capitalised(key), Cell::Line(scalar_text(value))));
        }
    }
    let title = match &q.edition {
        Some(edition) => format!("{} ({edition})", q.title),
        None => q.title.clone(),
    };
    body.table(Some((&title, Style::Title)), &rows);
}

/// What follows a question: its answer, or an empty one in the answer's place.
fn answer(body: &mut Body, question: &Question, answer: Option<&Answer>) {
    match (&question.kind, answer) {
        (QuestionKind::Records(def), Some(Answer::Records(records))) => {
            if records.is_empty() {
                body.paragraph(Style::Normal, &[Run::plain(&no_records(def))]);
                record_table(body, def, 1, None);
            }
            for (i, record) in records.iter().enumerate() {
                record_table(body, def, i + 1, Some(record));
            }
        }
        (QuestionKind::Records(def), other) => {
            if let Some(other) = other {
                body.text(&answer_text(question, other));
            }
            record_table(body, def, 1, None);
        }
        (QuestionKind::ChoicesText(def), Some(Answer::Choices { selected, text, .. })) => {
            check_boxes(body, def, selected.as_deref().unwrap_or_default());
            body.text(text.as_deref().unwrap_or_default());
        }
        (QuestionKind::ChoicesText(def), Some(Answer::Raw(node))) => {
            // Kept as written: what reads as chosen names and text is shown as such.
            let names: Vec<String> = match node.get(&def.choices_key).map(|n| &n.value) {
                Some(Value::Array(items)) => items.iter().map(node_text).collect(),
                Some(_) | None => Vec::new(),
            };
            let text = match &node.value {
                Value::Table(_) => node.get(&def.text_key).map(node_text).unwrap_or_default(),
                _ => node_text(node),
            };
            check_boxes(body, def, &names);
            body.text(&text);
        }
        (QuestionKind::ChoicesText(def), other) => {
            check_boxes(body, def, &[]);
            body.text(&other.map(|a| answer_text(question, a)).unwrap_or_default());
        }
        (QuestionKind::Text(_), other) => {
            body.text(&other.map(|a| answer_text(question, a)).unwrap_or_default());
        }
    }
}

/// `No events to report.`: an empty list of records, an answer ("none").
pub fn no_records(def: &Records) -> String {
    format!("No {}s to report.", def.record_label)
}

/// One record's table: its title row (`Event 1`), then every field of the definition with its
/// form label and value (empty when the record has none).
fn record_table(body: &mut Body, def: &Records, number: usize, record: Option<&Record>) {
    let rows: Vec<(String, Cell)> = def
        .fields
        .iter()
        .map(|field| {
            let value = record
                .and_then(|r| r.fields.iter().find(|(id, _)| *id == field.id))
                .map(|(_, value)| field_text(field, value))
                .unwrap_or_default();
            let cell = match field.kind {
                FieldKind::Paragraphs => Cell::Text(value),
                _ => Cell::Line(value),
            };
            (one_line(&field.label), cell)
        })
        .collect();
    let title = format!("{} {number}", capitalised(&def.record_label));
    body.table(Some((&title, Style::Normal)), &rows);
}

/// A box for every choice the edition lists, ticked when chosen, then a ticked box for each
/// chosen name it does not list.
fn check_boxes(body: &mut Body, def: &ChoicesText, chosen: &[String]) {
    let chosen: Vec<(String, &String)> = chosen.iter().map(|c| (fold(c), c)).collect();
    for choice in &def.choices {
        let folded = fold(choice);
        body.check_box(chosen.iter().any(|(c, _)| *c == folded), choice);
    }
    for (folded, name) in &chosen {
        if !def.choices.iter().any(|c| fold(c) == *folded) {
            body.check_box(true, name);
        }
    }
}

/// An answer of another shape than its question's, as text: a string as it is, anything else
/// as the JSON an answers file would hold.
fn answer_text(question: &Question, answer: &Answer) -> String {
    match answer {
        Answer::Text(text) => text.clone(),
        Answer::Raw(node) => node_text(node),
        other => {
            let holder = Answers {
                answers: vec![(question.id.clone(), other.clone())],
                ..Answers::default()
            };
            holder.to_json_value()["answers"][&question.id].to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::{Block, Para, Unpacked, unpack};
    use super::super::values::field_text;
    use super::*;
    use crate::answers::{FieldValue, Scalar};
    use crate::compile::FIXED_DATE;
    use crate::document::{Format, Node, parse};

    fn checked(text: &str, q: &Questionnaire) -> Answers {
        crate::check::check(&parse(text, Format::Toml).unwrap(), q).answers
    }

    fn example() -> (Answers, Questionnaire) {
        let q = Questionnaire::default_builtin();
        (
            checked(include_str!("../../../examples/response.toml"), &q),
            q,
        )
    }

    fn form(answers: &Answers, q: &Questionnaire) -> Unpacked {
        unpack(&filled_form_at(answers, q, FIXED_DATE))
    }

    fn paragraphs(blocks: &[Block]) -> Vec<&Para> {
        blocks
            .iter()
            .filter_map(|b| match b {
                Block::Paragraph(p) => Some(p),
                Block::Table(_) => None,
            })
            .collect()
    }

    /// The blocks after question `number`'s paragraph, up to the next question's.
    fn after_question<'a>(blocks: &'a [Block], q: &Questionnaire, id: &str) -> &'a [Block] {
        let text = one_line(&q.question(id).unwrap().text);
        let is_question = |b: &Block| matches!(b, Block::Paragraph(p) if p.list.is_some() && p.style.as_deref() == Some("Heading1"));
        let start = blocks
            .iter()
            .position(|b| matches!(b, Block::Paragraph(p) if p.text == text))
            .unwrap_or_else(|| panic!("no question {id}"));
        let end = blocks[start + 1..]
            .iter()
            .position(|b| {
                is_question(b) || matches!(b, Block::Paragraph(p) if p.text == NOTES_HEADING)
            })
            .map_or(blocks.len(), |i| start + 1 + i);
        &blocks[start + 1..end]
    }

    /// `w:num` id → (the abstract list it uses, its start override).
    fn numbering(form: &Unpacked) -> Vec<(u32, u32, Option<u32>)> {
        let text = form.part("word/numbering.xml");
        let doc = roxmltree::Document::parse(text).unwrap();
        let val = |n: roxmltree::Node<'_, '_>, name: &str| {
            n.descendants()
                .find(|c| c.has_tag_name((super::super::W, name)))
                .and_then(|c| c.attribute((super::super::W, "val")))
                .map(|v| v.parse().unwrap())
        };
        doc.root_element()
            .children()
            .filter(|n| n.has_tag_name((super::super::W, "num")))
            .map(|n| {
                let id = n
                    .attribute((super::super::W, "numId"))
                    .unwrap()
                    .parse()
                    .unwrap();
                (
                    id,
                    val(n, "abstractNumId").unwrap(),
                    val(n, "startOverride"),
                )
            })
            .collect()
    }

    #[test]
    fn the_entity_table_comes_first_under_the_title() {
        let (answers, q) = example();
        let blocks = form(&answers, &q).body();
        let Block::Table(rows) = &blocks[0] else {
            panic!("{:?}", blocks[0]);
        };
        assert_eq!(rows[0].len(), 1);
        assert_eq!(rows[0][0].span, 2);
        assert_eq!(rows[0][0].text(), format!("{} (HLPF 2024)", q.title));
        let cells: Vec<(String, String)> = rows[1..]
            .iter()
            .map(|r| (r[0].text(), r[1].text()))
            .collect();
        let s = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            cells,
            [
                s("Name of entity", "Global Water Resilience Institute (GWRI)"),
                s("Focal point", "Focal Point, Strategic Planning Unit"),
                s("E-mail", "sdg-focalpoint@gwri.example.org"),
                s("Date of submission", "2024-02-15"),
            ]
        );
        assert!(rows[1][0].paragraphs[0].bold);
    }

    #[test]
    fn each_question_is_numbered_automatically_with_its_full_text() {
        let (answers, q) = example();
        let form = form(&answers, &q);
        let blocks = form.body();
        let numbers = numbering(&form);
        let questions: Vec<&Para> = paragraphs(&blocks)
            .into_iter()
            .filter(|p| p.style.as_deref() == Some("Heading1") && p.list.is_some())
            .collect();
        assert_eq!(questions.len(), q.questions.len());
        for (para, question) in questions.iter().zip(&q.questions) {
            assert_eq!(para.text, one_line(&question.text));
            assert!(!para.text.starts_with(&question.number));
            let (num_id, level) = para.list.unwrap();
            assert_eq!(level, 0);
            let (_, abstract_id, start) = numbers.iter().find(|(id, _, _)| *id == num_id).unwrap();
            assert_eq!(*abstract_id, 1, "the decimal list");
            assert_eq!(start.map(|s| s.to_string()), Some(question.number.clone()));
        }
    }

    #[test]
    fn a_number_that_is_not_a_count_is_shown_as_written() {
        let q = crate::questionnaire::Questionnaire::from_file(std::path::Path::new(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/tests/data/pilot-2026.toml"
        )))
        .unwrap();
        let form = form(&Answers::default(), &q);
        let numbering_text = form.part("word/numbering.xml");
        for question in q
            .questions
            .iter()
            .filter(|q| q.number.parse::<u32>().is_err())
        {
            let shown = format!("w:lvlText w:val=\"{}.\"", question.number);
            assert!(numbering_text.contains(&shown), "{shown}\n{numbering_text}");
        }
        let numbered = paragraphs(&form.body())
            .into_iter()
            .filter(|p| {
                p.list
                    .is_some_and(|(id, _)| id != super::super::numbering::BULLETS)
            })
            .count();
        assert_eq!(numbered, q.questions.len());
    }

    #[test]
    fn each_record_is_a_label_value_table() {
        let (answers, q) = example();
        let blocks = form(&answers, &q).body();
        for question in &q.questions {
            let (QuestionKind::Records(def), Some(Answer::Records(records))) =
                (&question.kind, answers.answer(&question.id))
            else {
                continue;
            };
            let tables: Vec<&Vec<Vec<super::super::testing::Cell>>> =
                after_question(&blocks, &q, &question.id)
                    .iter()
                    .filter_map(|b| match b {
                        Block::Table(rows) => Some(rows),
                        Block::Paragraph(_) => None,
                    })
                    .collect();
            assert_eq!(tables.len(), records.len(), "{}", question.id);
            for (i, (rows, record)) in tables.iter().zip(records).enumerate() {
                let title = format!("{} {}", capitalised(&def.record_label), i + 1);
                assert_eq!((rows[0][0].span, rows[0][0].text()), (2, title));
                assert_eq!(rows.len(), def.fields.len() + 1);
                for (row, field) in rows[1..].iter().zip(&def.fields) {
                    assert_eq!(row[0].text(), one_line(&field.label));
                    let want = record
                        .fields
                        .iter()
                        .find(|(id, _)| *id == field.id)
                        .map(|(_, v)| field_text(field, v))
                        .unwrap_or_default();
                    // Paragraphs are a cell's paragraphs; the text keeps a blank line between.
                    assert_eq!(row[1].text(), want.replace("\n\n", "\n"), "{}", field.id);
                }
            }
        }
    }

    #[test]
    fn the_choices_are_check_boxes_ticked_when_chosen() {
        let (answers, q) = example();
        let blocks = form(&answers, &q).body();
        let boxes: Vec<(String, bool)> = paragraphs(after_question(&blocks, &q, "high_impact"))
            .into_iter()
            .filter(|p| !p.boxes.is_empty())
            .map(|p| (p.text.clone(), p.boxes[0]))
            .collect();
        let QuestionKind::ChoicesText(def) = &q.question("high_impact").unwrap().kind else {
            unreachable!()
        };
        assert_eq!(boxes.len(), def.choices.len());
        for ((text, ticked), choice) in boxes.iter().zip(&def.choices) {
            let chosen = ["Power of Data", "Early Warnings for All"].contains(&choice.as_str());
            assert_eq!(*ticked, chosen, "{choice}");
            let glyph = if chosen { '\u{2612}' } else { '\u{2610}' };
            assert_eq!(*text, format!("{glyph} {choice}"));
        }
        let text = paragraphs(after_question(&blocks, &q, "high_impact"))
            .into_iter()
            .find(|p| p.boxes.is_empty())
            .unwrap();
        assert!(
            text.text.starts_with("GWRI contributes to Early Warnings"),
            "{}",
            text.text
        );
    }

    #[test]
    fn a_chosen_name_the_edition_does_not_list_gets_a_ticked_box_of_its_own() {
        let q = Questionnaire::default_builtin();
        let boxes_for = |answer: Option<Answer>| {
            let answers = Answers {
                answers: answer
                    .map(|a| ("high_impact".to_string(), a))
                    .into_iter()
                    .collect(),
                ..Answers::default()
            };
            let blocks = form(&answers, &q).body();
            paragraphs(after_question(&blocks, &q, "high_impact"))
                .into_iter()
                .filter(|p| !p.boxes.is_empty())
                .map(|p| (p.text.chars().skip(2).collect::<String>(), p.boxes[0]))
                .collect::<Vec<_>>()
        };
        let choices = |selected: Option<Vec<&str>>| Answer::Choices {
            choices_key: "initiatives".into(),
            selected: selected.map(|s| s.into_iter().map(String::from).collect()),
            text_key: "text".into(),
            text: None,
            extra: Vec::new(),
        };
        let boxes = boxes_for(Some(choices(Some(vec![
            "power of data",
            "Ocean Decade Alliance",
        ]))));
        assert_eq!(boxes.len(), 13);
        let ticked: Vec<&str> = boxes
            .iter()
            .filter(|(_, t)| *t)
            .map(|(n, _)| n.as_str())
            .collect();
        assert_eq!(ticked, ["Power of Data", "Ocean Decade Alliance"]);
        assert_eq!(boxes.last().unwrap().0, "Ocean Decade Alliance");
        for empty in [None, Some(choices(None)), Some(choices(Some(vec![])))] {
            let boxes = boxes_for(empty);
            assert_eq!(boxes.len(), 12);
            assert!(boxes.iter().all(|(_, t)| !t));
        }
        // Kept as written (a pending text): its names and text are still shown.
        let raw = checked(
            "questionnaire = \"hlpf-2024\"\n[answers.high_impact]\ninitiatives = [\"FutureGov\"]\ntext = \"TBD\"\n",
            &q,
        );
        assert!(matches!(raw.answer("high_impact"), Some(Answer::Raw(_))));
        let blocks = form(&raw, &q).body();
        let after = paragraphs(after_question(&blocks, &q, "high_impact"));
        let ticked: Vec<&str> = after
            .iter()
            .filter(|p| p.boxes == [true])
            .map(|p| &p.text[4..])
            .collect();
        assert_eq!(ticked, ["FutureGov"]);
        assert_eq!(after.last().unwrap().text, "TBD");
    }

    #[test]
    fn an_unanswered_question_keeps_its_place_in_the_form() {
        let q = Questionnaire::default_builtin();
        let none = Answers {
            answers: vec![("events".into(), Answer::Records(Vec::new()))],
            ..Answers::default()
        };
        let blocks = form(&none, &q).body();
        for question in &q.questions {
            let after = after_question(&blocks, &q, &question.id);
            match &question.kind {
                QuestionKind::Text(_) => {
                    assert_eq!(
                        after,
                        [Block::Paragraph(Para::default())],
                        "{}",
                        question.id
                    );
                }
                QuestionKind::Records(def) => {
                    let table = after.iter().find_map(|b| match b {
                        Block::Table(rows) => Some(rows),
                        Block::Paragraph(_) => None,
                    });
                    let rows = table.unwrap_or_else(|| panic!("{}: no table", question.id));
                    assert_eq!(rows.len(), def.fields.len() + 1);
                    assert!(rows[1..].iter().all(|r| r[1].text().is_empty()));
                    let said: Vec<&str> = paragraphs(after)
                        .iter()
                        .map(|p| p.text.as_str())
                        .filter(|t| !t.is_empty())
                        .collect();
                    if question.id == "events" {
                        assert_eq!(said, ["No events to report."]);
                    } else {
                        assert!(said.is_empty(), "{said:?}");
                    }
                }
                QuestionKind::ChoicesText(def) => {
                    let after = paragraphs(after);
                    assert_eq!(after.len(), def.choices.len() + 1);
                    assert_eq!(*after.last().unwrap(), &Para::default());
                }
            }
        }
        // The entity table is there too, its values empty.
        let Block::Table(rows) = &blocks[0] else {
            panic!()
        };
        assert!(rows[1..].iter().all(|r| r[1].text().is_empty()));
    }

    #[test]
    fn free_text_keeps_paragraphs_lists_line_breaks_and_tabs() {
        // (list and level, style, text)
        type Shown<'a> = (Option<(u32, u8)>, Option<&'a str>, &'a str);
        let q = Questionnaire::default_builtin();
        let text = "Intro:\n- one\n  - one and a half\n- two\n\nLine one\nline two\twith a tab\n\n  spaced  ";
        let answers = Answers {
            answers: vec![("governing_body".into(), Answer::Text(text.into()))],
            ..Answers::default()
        };
        let form = form(&answers, &q);
        let blocks = form.body();
        let shown: Vec<Shown<'_>> = paragraphs(after_question(&blocks, &q, "governing_body"))
            .into_iter()
            .map(|p| (p.list, p.style.as_deref(), p.text.as_str()))
            .collect();
        let bullets = super::super::numbering::BULLETS;
        assert_eq!(
            shown,
            [
                (None, None, "Intro:"),
                (Some((bullets, 0)), Some("ListParagraph"), "one"),
                (Some((bullets, 1)), Some("ListParagraph"), "one and a half"),
                (Some((bullets, 0)), Some("ListParagraph"), "two"),
                (None, None, "Line one\nline two\twith a tab"),
                (None, None, "  spaced  "),
            ]
        );
        let document = form.part("word/document.xml");
        assert!(
            document.contains("<w:t>Line one</w:t><w:br/><w:t>line two</w:t><w:tab/>"),
            "{document}"
        );
        assert!(document.contains("<w:t xml:space=\"preserve\">  spaced  </w:t>"));
        let numbers = numbering(&form);
        assert!(
            numbers.contains(&(bullets, 0, None)),
            "the bullets use the bullet list"
        );
    }

    #[test]
    fn hostile_text_is_escaped_and_never_breaks_a_part() {
        let q = Questionnaire::default_builtin();
        let nasty = "<Acme & \"Sons\"> 'x' ]]> </w:t></w:p> &amp; \u{0}\u{7}\u{1b}[31m\u{fffe} end";
        let shown = nasty.replace(['\u{0}', '\u{7}', '\u{1b}', '\u{fffe}'], "\u{fffd}");
        let answers = Answers {
            questionnaire: Some("hlpf-2024".into()),
            entity: Some(Scalar::Text(nasty.into())),
            contact: vec![("name".into(), Scalar::Text(nasty.into()))],
            notes: vec![nasty.into()],
            answers: vec![
                ("governing_body".into(), Answer::Text(nasty.into())),
                (
                    "events".into(),
                    Answer::Records(vec![Record {
                        fields: vec![("name".into(), FieldValue::Text(nasty.into()))],
                    }]),
                ),
            ],
            ..Answers::default()
        };
        let form = form(&answers, &q);
        for name in &form.names {
            roxmltree::Document::parse(form.part(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        let blocks = form.body();
        let Block::Table(rows) = &blocks[0] else {
            panic!()
        };
        assert_eq!(rows[1][1].text(), shown);
        assert_eq!(rows[2][1].text(), shown);
        assert_eq!(
            paragraphs(after_question(&blocks, &q, "governing_body"))[0].text,
            shown
        );
        let Some(Block::Table(event)) = after_question(&blocks, &q, "events").first() else {
            panic!()
        };
        assert_eq!(event[1][1].text(), shown);
        assert_eq!(paragraphs(&blocks).last().unwrap().text, shown);
        let core = form.part("docProps/core.xml");
        let core = roxmltree::Document::parse(core).unwrap();
        let title = core
            .descendants()
            .find(|n| n.tag_name().name() == "title")
            .unwrap();
        assert_eq!(title.text(), Some(format!("{shown}: {}", q.title).as_str()));
    }

    #[test]
    fn notes_close_the_form_one_paragraph_each() {
        let (mut answers, q) = example();
        answers.notes = vec!["First note.".into(), "Second note,\non two lines.".into()];
        let blocks = form(&answers, &q).body();
        let tail: Vec<(Option<&str>, &str)> = paragraphs(&blocks)
            .iter()
            .rev()
            .take(3)
            .rev()
            .map(|p| (p.style.as_deref(), p.text.as_str()))
            .collect();
        assert_eq!(
            tail,
            [
                (Some("Heading1"), NOTES_HEADING),
                (None, "First note."),
                (None, "Second note,\non two lines."),
            ]
        );
        let without = form(&example().0, &q).body();
        assert!(!paragraphs(&without).iter().any(|p| p.text == NOTES_HEADING));
    }

    #[test]
    fn the_edition_is_a_custom_property() {
        for (id, file) in [
            ("hlpf-2024", include_str!("../../../examples/response.toml")),
            (
                "hlpf-2025",
                include_str!("../../../examples/response-2025.toml"),
            ),
            (
                "hlpf-2026",
                include_str!("../../../examples/response-2026.toml"),
            ),
        ] {
            let q = Questionnaire::builtin(id).unwrap().unwrap();
            let form = form(&checked(file, &q), &q);
            let custom = roxmltree::Document::parse(form.part("docProps/custom.xml")).unwrap();
            let properties: Vec<(&str, &str)> = custom
                .root_element()
                .children()
                .filter(roxmltree::Node::is_element)
                .map(|n| {
                    assert_eq!(
                        n.attribute("fmtid"),
                        Some("{D5CDD505-2E9C-101B-9397-08002B2CF9AE}")
                    );
                    assert_eq!(n.attribute("pid"), Some("2"));
                    (
                        n.attribute("name").unwrap(),
                        n.first_element_child().unwrap().text().unwrap(),
                    )
                })
                .collect();
            assert_eq!(properties, [(QUESTIONNAIRE_PROPERTY, id)]);
            let questions = paragraphs(&form.body())
                .into_iter()
                .filter(|p| p.style.as_deref() == Some("Heading1") && p.list.is_some())
                .count();
            assert_eq!(questions, q.questions.len(), "{id}");
        }
    }

    #[test]
    fn a_value_kept_as_written_is_shown_as_written() {
        let q = Questionnaire::default_builtin();
        let answers = Answers {
            entity: Some(Scalar::Raw(Node::new(crate::document::Value::Integer(42)))),
            answers: vec![
                (
                    "governing_body".into(),
                    Answer::Raw(Node::new(crate::document::Value::String("N/A".into()))),
                ),
                (
                    "events".into(),
                    Answer::Raw(Node::new(crate::document::Value::String(
                        "No response".into(),
                    ))),
                ),
                ("recommendations".into(), Answer::Records(Vec::new())),
            ],
            ..Answers::default()
        };
        let blocks = form(&answers, &q).body();
        let Block::Table(rows) = &blocks[0] else {
            panic!()
        };
        assert_eq!(rows[1][1].text(), "42");
        assert_eq!(
            paragraphs(after_question(&blocks, &q, "governing_body"))[0].text,
            "N/A"
        );
        let events = after_question(&blocks, &q, "events");
        assert_eq!(paragraphs(events)[0].text, "No response");
        assert!(events.iter().any(|b| matches!(b, Block::Table(_))));
        // An answer of another shape than its question's is shown as the JSON a file would hold.
        assert_eq!(
            paragraphs(after_question(&blocks, &q, "recommendations"))[0].text,
            "[]"
        );
    }
}
