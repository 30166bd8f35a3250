//! One question, every entity: the answers to a question as a Markdown document, entity by entity
//! in roster order (else input order), with word counts — the raw material of a synthesis note.

use std::collections::HashMap;
use std::fmt::Write;

use super::model::{Cell, Compilation, Sheet};

/// The responses in the order the note takes them: each file once, roster members first (in
/// roster order, with members who did not respond as `None`), then the other files in input
/// order. Items are (heading, file).
fn order(c: &Compilation) -> Vec<(String, Option<String>)> {
    let mut out: Vec<(String, Option<String>)> = Vec::new();
    let mut listed: Vec<String> = Vec::new();
    let responses = c.sheet("responses");
    let entity_of = |file: &str| -> String {
        responses
            .and_then(|s| {
                let (f, e) = (s.column("file")?, s.column("entity")?);
                s.rows
                    .iter()
                    .find(|r| r[f].to_plain() == file)
                    .map(|r| r[e].to_plain())
            })
            .unwrap_or_default()
    };
    if let Some(roster) = c.sheet("roster")
        && let (Some(n), Some(f), Some(s)) = (
            roster.column("name"),
            roster.column("files"),
            roster.column("status"),
        )
    {
        for row in &roster.rows {
            let status = row[s].to_plain();
            if status == "not in roster" || status == "ambiguous" {
                continue;
            }
            let files = row[f].to_plain();
            if files.is_empty() {
                out.push((row[n].to_plain(), None));
                continue;
            }
            for file in files.split("; ") {
                out.push((heading(&entity_of(file), file), Some(file.to_string())));
                listed.push(file.to_string());
            }
        }
    }
    if let Some(s) = responses
        && let (Some(f), Some(e)) = (s.column("file"), s.column("entity"))
    {
        for row in &s.rows {
            let file = row[f].to_plain();
            if !listed.contains(&file) {
                out.push((heading(&row[e].to_plain(), &file), Some(file.clone())));
                listed.push(file);
            }
        }
    }
    out
}

fn heading(entity: &str, file: &str) -> String {
    if entity.is_empty() {
        format!("({file})")
    } else {
        entity.to_string()
    }
}

/// Rows of a sheet by file, in sheet order.
fn by_file(sheet: &Sheet) -> HashMap<String, Vec<&Vec<Cell>>> {
    let mut out: HashMap<String, Vec<&Vec<Cell>>> = HashMap::new();
    if let Some(f) = sheet.column("file") {
        for row in &sheet.rows {
            out.entry(row[f].to_plain()).or_default().push(row);
        }
    }
    out
}

/// The answers to topic `question` (its text, or its records) as Markdown; `title` heads it.
pub fn question_markdown(c: &Compilation, question: &str, title: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}\n", crate::text::one_line(title));
    let texts = c.sheet("texts");
    let text_rows = texts.map(by_file).unwrap_or_default();
    let records = c.sheets.iter().find(|s| {
        s.column("record").is_some()
            && s.spec
                .columns
                .iter()
                .any(|col| col.question.as_deref() == Some(question))
    });
    let record_rows = records.map(by_file).unwrap_or_default();
    for (heading, file) in order(c) {
        let _ = writeln!(out, "## {}\n", crate::text::one_line(&heading));
        let Some(file) = file else {
            let _ = writeln!(out, "_no response_\n");
            continue;
        };
        let mut said = false;
        if let Some(texts) = texts {
            let (q, w, l, t) = (
                texts.column("question"),
                texts.column("words"),
                texts.column("limit"),
                texts.column("text"),
            );
            for row in text_rows.get(&file).into_iter().flatten() {
                if q.map(|q| row[q].to_plain()) != Some(question.to_string()) {
                    continue;
                }
                let words = w.map(|w| row[w].to_plain()).unwrap_or_default();
                let limit = l.map(|l| row[l].to_plain()).unwrap_or_default();
                let limit = if limit.is_empty() {
                    String::new()
                } else {
                    format!(", limit {limit}")
                };
                let _ = writeln!(out, "_{words} words{limit}; {file}_\n");
                let _ = writeln!(
                    out,
                    "{}\n",
                    t.map(|t| row[t].to_plain()).unwrap_or_default().trim()
                );
                said = true;
            }
        }
        if let Some(sheet) = records {
            let rows = record_rows
                .get(&file)
                .map(Vec::as_slice)
                .unwrap_or_default();
            if !rows.is_empty() {
                let _ = writeln!(out, "_{} records; {file}_\n", rows.len());
            }
            for row in rows {
                let fields: Vec<(String, String)> = sheet
                    .spec
                    .columns
                    .iter()
                    .zip(row.iter())
                    .filter(|(col, _)| col.question.as_deref() == Some(question))
                    .map(|(col, cell)| (col.label.clone(), cell.to_plain()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                let name = fields.first().map(|(_, v)| v.clone()).unwrap_or_default();
                let number = sheet
                    .column("record")
                    .map(|r| row[r].to_plain())
                    .unwrap_or_default();
                let _ = writeln!(out, "### {number}. {}\n", crate::text::one_line(&name));
                for (label, value) in fields.iter().skip(1) {
                    let _ = writeln!(out, "- **{label}**: {}", value.trim());
                }
                let _ = writeln!(out);
                said = true;
            }
        }
        if !said {
            match edition_of(c, &file) {
                Some(edition) if !asked_in(c, question, &edition) => {
                    let _ = writeln!(out, "_not asked in {edition}; {file}_\n");
                }
                _ => {
                    let _ = writeln!(out, "_not answered; {file}_\n");
                }
            }
        }
    }
    while out.ends_with("\n\n") {
        out.pop();
    }
    out
}

/// The edition a file was checked against, from the `responses` sheet.
fn edition_of(c: &Compilation, file: &str) -> Option<String> {
    let sheet = c.sheet("responses")?;
    let (f, e) = (sheet.column("file")?, sheet.column("edition")?);
    sheet
        .rows
        .iter()
        .find(|r| r[f].to_plain() == file)
        .map(|r| r[e].to_plain())
        .filter(|e| !e.is_empty())
}

/// Whether an edition asks the topic: the editions of the topic's columns in `responses`.
fn asked_in(c: &Compilation, question: &str, edition: &str) -> bool {
    c.sheet("responses").is_none_or(|sheet| {
        sheet
            .spec
            .columns
            .iter()
            .filter(|col| col.question.as_deref() == Some(question))
            .any(|col| col.editions.iter().any(|e| e == edition))
    })
}
