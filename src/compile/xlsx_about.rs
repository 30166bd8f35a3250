//! What the workbook says of itself, beyond the rows of answers: the `about` sheet that opens it
//! (editions, reporting windows, the as-of date, counts, and what a row of each sheet is), a
//! sentence and the question's number and text for each column of the codebook, the languages
//! by name beside their codes, and the full name of each entity a matrix is headed by.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};

use jiff::civil::Date;

use super::as_of;
use super::model::{Cell, Column, ColumnKind, SheetSpec};
use crate::questionnaire::{FieldKind, Question, QuestionKind, Questionnaire};

/// What the workbook knows besides its rows: the editions it compiles and `--as-of`.
#[derive(Debug, Clone, Default)]
pub struct Context {
    /// The editions, as the compilation lays them out.
    pub editions: Vec<Questionnaire>,
    /// `--as-of`.
    pub as_of: Option<Date>,
}

impl Context {
    /// The question of a topic, from the first edition that asks it.
    fn question(&self, id: &str) -> Option<&Question> {
        self.editions.iter().find_map(|q| q.question(id))
    }

    /// The record fields that hold languages: (question, field).
    pub fn language_fields(&self) -> HashSet<(String, String)> {
        self.editions
            .iter()
            .flat_map(|q| &q.questions)
            .filter_map(|q| match &q.kind {
                QuestionKind::Records(r) => Some((q, r)),
                _ => None,
            })
            .flat_map(|(q, r)| {
                r.fields
                    .iter()
                    .filter(|f| f.kind == FieldKind::Languages)
                    .map(|f| (q.id.clone(), f.id.clone()))
            })
            .collect()
    }
}

/// What the `about` sheet counts, gathered from the `responses` rows as they go by.
#[derive(Debug, Clone, Default)]
pub struct Tally {
    files: usize,
    valid: usize,
    keys: BTreeSet<String>,
    /// Entity key → the entity as its first response names itself.
    pub names: HashMap<String, String>,
    submitted: Vec<Date>,
    editions: BTreeMap<String, usize>,
}

impl Tally {
    /// Counts one row of the `responses` sheet.
    pub fn response(&mut self, spec: &SheetSpec, cells: &[Cell]) {
        let cell = |id: &str| {
            spec.columns
                .iter()
                .position(|c| c.id == id)
                .and_then(|i| cells.get(i))
        };
        let text = |id: &str| cell(id).map(Cell::to_plain).unwrap_or_default();
        self.files += 1;
        if matches!(cell("valid"), Some(Cell::Bool(true))) {
            self.valid += 1;
        }
        let key = text("entity_key");
        if !key.is_empty() {
            let entity = text("entity");
            if !entity.is_empty() {
                self.names.entry(key.clone()).or_insert(entity);
            }
            self.keys.insert(key);
        }
        if let Some(Cell::Date(d)) = cell("submitted") {
            self.submitted.push(*d);
        }
        let edition = text("edition");
        if !edition.is_empty() {
            *self.editions.entry(edition).or_default() += 1;
        }
    }
}

/// The `about` sheet's columns.
pub fn about_spec() -> SheetSpec {
    SheetSpec {
        name: "about".to_string(),
        columns: vec![
            Column::plain("item", "Item", ColumnKind::Text),
            Column::plain("value", "Value", ColumnKind::Text),
            Column::plain("note", "Note", ColumnKind::Text),
        ],
    }
}

fn line(item: &str, value: Cell, note: impl Into<String>) -> Vec<Cell> {
    vec![Cell::text(item), value, Cell::text(note.into())]
}

/// The rows of the `about` sheet: the editions and their reporting windows, the as-of date, the
/// counts, then one line per sheet (`sheets`: name and rows) saying what a row is.
pub fn about_rows(cx: &Context, tally: &Tally, sheets: &[(String, usize)]) -> Vec<Vec<Cell>> {
    let mut rows = Vec::new();
    for (id, n) in &tally.editions {
        let def = cx.editions.iter().find(|q| q.id == *id);
        let name = def
            .and_then(|q| q.edition.clone())
            .unwrap_or_else(|| id.clone());
        rows.push(line(
            "edition",
            Cell::text(format!("{name} ({id})")),
            format!("{n} {}", crate::text::plural(*n, "response")),
        ));
        if let Some(w) = def.and_then(|q| q.reporting_window) {
            rows.push(line(
                "reporting window",
                Cell::text(format!("{} – {}", w.start, w.end)),
                format!("{name}: dates outside it are flagged `date-window`"),
            ));
        }
    }
    match as_of::from_env(cx.as_of, tally.submitted.iter().copied()) {
        Some(a) => rows.push(line("as of", Cell::Date(a.date), a.source.said())),
        None => rows.push(line(
            "as of",
            Cell::Empty,
            "no `--as-of`, no `SOURCE_DATE_EPOCH` and no `submitted` date in the responses",
        )),
    }
    let count = |n: usize| Cell::Int(i64::try_from(n).unwrap_or(i64::MAX));
    rows.push(line("files", count(tally.files), "answers files read"));
    rows.push(line("valid", count(tally.valid), "files without errors"));
    rows.push(line(
        "invalid",
        count(tally.files - tally.valid),
        "files with errors: see the `findings` sheet",
    ));
    rows.push(line(
        "entities",
        count(tally.keys.len()),
        "distinct entity keys",
    ));
    for (name, n) in sheets {
        rows.push(line(
            &format!("sheet `{name}`"),
            count(*n),
            format!("rows; a row is {}", what_a_row_is(cx, name)),
        ));
    }
    rows
}

/// What one row of a sheet is, in words.
pub fn what_a_row_is(cx: &Context, sheet: &str) -> String {
    let known = match sheet {
        "about" => "one fact about the workbook",
        "responses" => {
            "one file read: its entity, edition, findings, and per question its words or records"
        }
        "texts" => "one text answer of one response, with its words against the limit",
        "sdgs" => "one goal named by one record (a record naming three goals is three rows)",
        "sdg_matrix" => {
            "one entity in one edition: the records naming each goal; the last row counts the responses naming each goal"
        }
        "member_states" => {
            "one place named by one record as a Member State, and what kind of place it is"
        }
        "country_matrix" => {
            "one Member State: the records of each entity naming it (entity keys head the columns; the full names are in the header notes and the `roster` sheet)"
        }
        "high_impact" => {
            "one response's answer to the High-Impact Initiatives question, a column per initiative of the list"
        }
        "notes" => "one note of a response that holds no answer",
        "findings" => "one finding of the checker on one file",
        "codebook" => "one column of one sheet: what it holds, and the question it comes from",
        "roster" => {
            "one entity on the roster and what matched it, then each response that matched no entry"
        }
        _ => "",
    };
    if !known.is_empty() {
        return known.to_string();
    }
    match cx.question(sheet) {
        Some(q) => format!(
            "one record of question {} ({}) of one response",
            q.number,
            crate::text::elided(&crate::text::one_line(&q.text), 80)
        ),
        None => "one row of the sheet".to_string(),
    }
}

/// The codebook's added columns.
pub fn codebook_columns() -> [Column; 3] {
    [
        Column::plain("description", "Description", ColumnKind::Text),
        Column::plain("question_number", "Question number", ColumnKind::Text),
        Column::plain("question_text", "Question text", ColumnKind::Text),
    ]
}

/// The codebook's added cells for one of its rows (`sheet`, `column`, …): a sentence saying what
/// the column holds, and the number and text of the question it comes from.
pub fn codebook_cells(
    cx: &Context,
    specs: &HashMap<String, SheetSpec>,
    sheet: &str,
    id: &str,
) -> [Cell; 3] {
    let column = specs
        .get(sheet)
        .and_then(|s| s.columns.iter().find(|c| c.id == id));
    let question = column
        .and_then(|c| c.question.as_deref())
        .and_then(|q| cx.question(q));
    [
        Cell::text(describe(sheet, id, column, question)),
        Cell::text(question.map(|q| q.number.clone()).unwrap_or_default()),
        Cell::text(
            question
                .map(|q| crate::text::one_line(&q.text))
                .unwrap_or_default(),
        ),
    ]
}

/// A sentence for one column.
fn describe(sheet: &str, id: &str, column: Option<&Column>, question: Option<&Question>) -> String {
    let fixed = match id {
        "entity" => "The entity as the response names itself.",
        "entity_key" => {
            "The key the entity is counted under: its acronym from the roster or the directory of UN system entities; join sheets on it."
        }
        "edition" => "The edition of the questionnaire the response answers (its `questionnaire`).",
        "file" | "files" => "The answers file (or files) the row comes from.",
        "via" => {
            "Where the answer was read: the answers, or the response's notes (kept there by `qfill migrate`)."
        }
        "answered_in" => {
            "The edition whose question the answer was given to, when it is not the response's own."
        }
        "record" => "The record's number within its question, from 1.",
        "record_id" => "A key for the record: entity key, year, question and number.",
        "valid" => "Whether the file has no errors.",
        "errors" => "Errors the checker found in the file.",
        "warnings" => "Warnings the checker found in the file.",
        "submitted" => "The day the response says it was submitted.",
        "language_names" => {
            "The languages of the record by name, from their codes in the column before."
        }
        _ => "",
    };
    if !fixed.is_empty() {
        return fixed.to_string();
    }
    let Some(column) = column else {
        return format!("The column `{id}` of the sheet `{sheet}`.");
    };
    let n = question.map_or_else(String::new, |q| format!(" of question {}", q.number));
    if let Some(goal) = id.strip_prefix("sdg_").filter(|g| g.parse::<u8>().is_ok()) {
        return format!("Records naming SDG {goal} ({}).", column.label);
    }
    if id.ends_with("_words") {
        return format!("Words of the answer{n}.");
    }
    if id.ends_with("_limit") {
        return format!("The word limit{n}.");
    }
    if id.ends_with("_records") {
        return format!("Records the response gives{n}.");
    }
    let kind = match column.kind {
        ColumnKind::Text => "text",
        ColumnKind::Integer => "a whole number",
        ColumnKind::Boolean => "true or false",
        ColumnKind::Date => "a calendar day (text when the answer gives no year)",
        ColumnKind::Link => "a web address",
    };
    let unit = column
        .unit
        .as_deref()
        .map_or_else(String::new, |u| format!(" of {u}"));
    format!("{}{n}: {kind}{unit}.", column.label)
}

/// Languages by name: `en; pt` → `English; Portuguese`; a code the registry does not know is
/// kept as written.
pub fn language_names(codes: &str) -> String {
    codes
        .split(';')
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| crate::refdata::language_name(c).unwrap_or(c))
        .collect::<Vec<_>>()
        .join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cx() -> Context {
        Context {
            editions: vec![Questionnaire::builtin_cached("hlpf-2024").unwrap().clone()],
            as_of: Some("2024-12-07".parse().unwrap()),
        }
    }

    #[test]
    fn about_says_editions_window_date_counts_and_what_a_row_is() {
        let spec = SheetSpec {
            name: "responses".into(),
            columns: vec![
                Column::plain("entity", "Entity", ColumnKind::Text),
                Column::plain("entity_key", "Entity key", ColumnKind::Text),
                Column::plain("edition", "Edition", ColumnKind::Text),
                Column::plain("valid", "Valid", ColumnKind::Boolean),
            ],
        };
        let mut tally = Tally::default();
        for (entity, key, valid) in [("UNDP", "UNDP", true), ("UNEP", "UNEP", false)] {
            tally.response(
                &spec,
                &[
                    Cell::text(entity),
                    Cell::text(key),
                    Cell::text("hlpf-2024"),
                    Cell::Bool(valid),
                ],
            );
        }
        let rows = about_rows(&cx(), &tally, &[("events".into(), 3)]);
        let text: Vec<String> = rows
            .iter()
            .map(|r| r.iter().map(Cell::to_plain).collect::<Vec<_>>().join(" | "))
            .collect();
        assert_eq!(
            text,
            [
                "edition | HLPF 2024 (hlpf-2024) | 2 responses",
                "reporting window | 2022-11-01 – 2024-12-31 | HLPF 2024: dates outside it are flagged `date-window`",
                "as of | 2024-12-07 | the date given with --as-of",
                "files | 2 | answers files read",
                "valid | 1 | files without errors",
                "invalid | 1 | files with errors: see the `findings` sheet",
                "entities | 2 | distinct entity keys",
                "sheet `events` | 3 | rows; a row is one record of question 2 (In the past year, has your organization organized any intergovernmentally manda…) of one response",
            ]
        );
    }

    #[test]
    fn every_codebook_row_gets_a_sentence_and_its_question() {
        let editions = ["hlpf-2024".to_string()];
        let spec = SheetSpec {
            name: "events".into(),
            columns: vec![
                Column::plain("entity_key", "Entity key", ColumnKind::Text),
                Column::plain("name", "Name of the event", ColumnKind::Text)
                    .of("events", &editions),
                Column::plain("governing_body_words", "x", ColumnKind::Integer)
                    .unit("words")
                    .of("governing_body", &editions),
            ],
        };
        let specs = HashMap::from([("events".to_string(), spec)]);
        let [sentence, number, text] = codebook_cells(&cx(), &specs, "events", "name");
        assert_eq!(
            sentence.to_plain(),
            "Name of the event of question 2: text."
        );
        assert_eq!(number.to_plain(), "2");
        assert!(
            text.to_plain()
                .starts_with("In the past year, has your organization")
        );
        let [sentence, ..] = codebook_cells(&cx(), &specs, "events", "governing_body_words");
        assert_eq!(sentence.to_plain(), "Words of the answer of question 1.");
        let [sentence, number, _] = codebook_cells(&cx(), &specs, "events", "entity_key");
        assert!(sentence.to_plain().starts_with("The key the entity"));
        assert_eq!(number, Cell::Empty);
    }

    #[test]
    fn languages_are_named_and_unknown_codes_kept() {
        assert_eq!(language_names("en; pt"), "English; Portuguese");
        assert_eq!(language_names("fr;xx"), "French; xx");
        assert_eq!(language_names(""), "");
        assert!(
            cx().language_fields()
                .contains(&("resources".to_string(), "languages".to_string()))
        );
    }
}
