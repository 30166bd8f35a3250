//! One question, every entity: the answers to a question entity by entity in roster order (else
//! input order), with word counts — the raw material of a synthesis note. [`digest`] builds the
//! model; [`Digest::markdown`] writes it as Markdown (`docx::write::digest` as Word).

use std::collections::HashMap;
use std::fmt::Write;

use super::model::{Cell, Compilation, Sheet};
use crate::text::one_line;

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

/// The edition a row's answer was given in, when the row was read from notes.
fn from_notes(sheet: &Sheet, row: &[Cell]) -> Option<String> {
    let via = sheet.column("via").map(|at| row[at].to_plain());
    let edition = sheet.column("answered_in").map(|at| row[at].to_plain());
    (via.as_deref() == Some("notes")).then(|| edition.unwrap_or_default())
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

/// One question's answers, entity by entity: the model of the digest, whatever it is written as
/// (Markdown here, Word in `docx::write`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Digest {
    /// What heads the digest: the question's text.
    pub title: String,
    /// One entry per response, in the order the note takes them.
    pub entries: Vec<DigestEntry>,
}

/// One entity's answer in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestEntry {
    /// The entity's name, or `(file)` when the response names none.
    pub heading: String,
    /// The response's file; `None` for a roster member who did not respond.
    pub file: Option<String>,
    /// The edition the file was checked against, if known.
    pub edition: Option<String>,
    /// Whether that edition asks the question (when it does not, nothing answers it).
    pub asked: bool,
    /// The file whose answers count instead of this one's (a copy of it, or with `--keep
    /// latest` a later one): this entry then shows nothing.
    pub duplicate_of: Option<String>,
    /// The edition the answer was given in when it comes from the response's notes (as
    /// `migrate` keeps an answer to a question the response's edition does not ask).
    pub in_notes: Option<String>,
    /// The texts that answer the question, with their word counts.
    pub texts: Vec<DigestText>,
    /// The records that answer it.
    pub records: Vec<DigestRecord>,
}

/// A text answer in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestText {
    /// Its word count, as the `texts` sheet holds it.
    pub words: String,
    /// Its word limit, if the question has one.
    pub limit: Option<String>,
    /// The text, trimmed.
    pub text: String,
}

/// A record in a digest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DigestRecord {
    /// Its number in the response.
    pub number: String,
    /// Its name: the first field that holds a value.
    pub name: String,
    /// The other fields that hold a value, as (label, value).
    pub fields: Vec<(String, String)>,
}

impl DigestEntry {
    /// Whether anything in the response answers the question.
    pub fn answered(&self) -> bool {
        !self.texts.is_empty() || !self.records.is_empty()
    }

    /// Where the entry's answer comes from, for the line before it: the file, and the edition
    /// and the notes when it comes from the notes.
    pub fn source(&self) -> String {
        let file = self.file.as_deref().unwrap_or_default();
        match &self.in_notes {
            Some(edition) => format!("from its notes, answered in {edition}; {file}"),
            None => file.to_string(),
        }
    }

    /// What the digest says, in italics, of a response that shows no answer: that it is not
    /// counted, not asked in its edition, or not answered; `None` when it shows its answer (or
    /// there is no response).
    pub fn note(&self) -> Option<String> {
        let file = self.file.as_ref()?;
        if let Some(instead) = &self.duplicate_of {
            return Some(format!(
                "not counted: the answers of {instead} count instead; {file}"
            ));
        }
        if self.answered() {
            return None;
        }
        Some(match &self.edition {
            Some(edition) if !self.asked => format!("not asked in {edition}; {file}"),
            _ => format!("not answered; {file}"),
        })
    }
}

/// The answers to topic `question` (its text, or its records), entity by entity; `title` heads
/// it.
pub fn digest(c: &Compilation, question: &str, title: &str) -> Digest {
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
    let mut entries = Vec::new();
    for (heading, file) in order(c) {
        let Some(file) = file else {
            entries.push(DigestEntry {
                heading,
                file: None,
                edition: None,
                asked: true,
                duplicate_of: None,
                in_notes: None,
                texts: Vec::new(),
                records: Vec::new(),
            });
            continue;
        };
        let mut entry_texts = Vec::new();
        let mut in_notes = None;
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
                in_notes = in_notes.or_else(|| from_notes(texts, row));
                let limit = l.map(|l| row[l].to_plain()).unwrap_or_default();
                entry_texts.push(DigestText {
                    words: w.map(|w| row[w].to_plain()).unwrap_or_default(),
                    limit: (!limit.is_empty()).then_some(limit),
                    text: t
                        .map(|t| row[t].to_plain())
                        .unwrap_or_default()
                        .trim()
                        .to_string(),
                });
            }
        }
        let mut entry_records = Vec::new();
        if let Some(sheet) = records {
            let rows = record_rows
                .get(&file)
                .map(Vec::as_slice)
                .unwrap_or_default();
            for row in rows {
                in_notes = in_notes.or_else(|| from_notes(sheet, row));
                let mut fields: Vec<(String, String)> = sheet
                    .spec
                    .columns
                    .iter()
                    .zip(row.iter())
                    .filter(|(col, _)| col.question.as_deref() == Some(question))
                    .map(|(col, cell)| (col.label.clone(), cell.to_plain()))
                    .filter(|(_, v)| !v.is_empty())
                    .collect();
                let name = if fields.is_empty() {
                    String::new()
                } else {
                    fields.remove(0).1
                };
                let number = sheet
                    .column("record")
                    .map(|r| row[r].to_plain())
                    .unwrap_or_default();
                entry_records.push(DigestRecord {
                    number,
                    name,
                    fields,
                });
            }
        }
        let edition = edition_of(c, &file);
        let asked = edition
            .as_deref()
            .is_none_or(|edition| asked_in(c, question, edition));
        let duplicate_of = response_cell(c, &file, "duplicate_of").filter(|d| !d.is_empty());
        entries.push(DigestEntry {
            heading,
            file: Some(file),
            edition,
            asked,
            duplicate_of,
            in_notes,
            texts: entry_texts,
            records: entry_records,
        });
    }
    Digest {
        title: title.to_string(),
        entries,
    }
}

/// The answers to topic `question` (its text, or its records) as Markdown; `title` heads it.
pub fn question_markdown(c: &Compilation, question: &str, title: &str) -> String {
    digest(c, question, title).markdown()
}

impl Digest {
    /// The digest as a Markdown document.
    pub fn markdown(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(out, "# {}\n", one_line(&self.title));
        for entry in &self.entries {
            let _ = writeln!(out, "## {}\n", one_line(&entry.heading));
            if entry.file.is_none() {
                let _ = writeln!(out, "_no response_\n");
                continue;
            }
            for text in &entry.texts {
                let limit = text
                    .limit
                    .as_ref()
                    .map(|limit| format!(", limit {limit}"))
                    .unwrap_or_default();
                let _ = writeln!(out, "_{} words{limit}; {}_\n", text.words, entry.source());
                let _ = writeln!(out, "{}\n", text.text);
            }
            if !entry.records.is_empty() {
                let _ = writeln!(
                    out,
                    "_{} records; {}_\n",
                    entry.records.len(),
                    entry.source()
                );
            }
            for record in &entry.records {
                let _ = writeln!(out, "### {}. {}\n", record.number, one_line(&record.name));
                for (label, value) in &record.fields {
                    let _ = writeln!(out, "- **{label}**: {}", value.trim());
                }
                let _ = writeln!(out);
            }
            if let Some(note) = entry.note() {
                let _ = writeln!(out, "_{note}_\n");
            }
        }
        while out.ends_with("\n\n") {
            out.pop();
        }
        out
    }
}

/// The edition a file was checked against, from the `responses` sheet.
fn edition_of(c: &Compilation, file: &str) -> Option<String> {
    response_cell(c, file, "edition").filter(|e| !e.is_empty())
}

/// Column `column` of a file's row of the `responses` sheet, as text.
fn response_cell(c: &Compilation, file: &str, column: &str) -> Option<String> {
    let sheet = c.sheet("responses")?;
    let (f, at) = (sheet.column("file")?, sheet.column(column)?);
    sheet
        .rows
        .iter()
        .find(|r| r[f].to_plain() == file)
        .map(|r| r[at].to_plain())
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

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::compile::{ReadPlan, Setup, tables};
    use crate::fsio::Target;

    /// The examples compiled with the test roster: responses of three editions, a roster member
    /// without a response.
    pub(crate) fn examples() -> Compilation {
        let root = env!("CARGO_MANIFEST_DIR");
        let roster = std::path::PathBuf::from(format!("{root}/tests/data/roster.csv"));
        let setup = Setup::new(Vec::new(), Some(&roster)).unwrap();
        let sources = crate::input::expand(&[format!("{root}/examples")], false);
        let mut compilation = Compilation::default();
        let mut err = Vec::new();
        let silent = &crate::batch::Silent;
        tables(
            &setup,
            &sources,
            ReadPlan::default(),
            &mut compilation,
            &mut err,
            silent,
            &Target::Stdout,
        )
        .unwrap();
        compilation
    }

    fn file_name(entry: &DigestEntry) -> Option<&str> {
        entry
            .file
            .as_deref()
            .map(|f| f.rsplit('/').next().unwrap_or(f))
    }

    #[test]
    fn a_digest_holds_every_roster_member_and_what_answers_the_question() {
        // (heading, file name, edition, asked, texts)
        type Seen<'a> = (&'a str, Option<&'a str>, Option<&'a str>, bool, usize);
        let c = examples();
        let digest = digest(&c, "recommendations", "Recommendations?");
        assert_eq!(digest.title, "Recommendations?");
        let seen: Vec<Seen<'_>> = digest
            .entries
            .iter()
            .map(|e| {
                (
                    e.heading.as_str(),
                    file_name(e),
                    e.edition.as_deref(),
                    e.asked,
                    e.texts.len(),
                )
            })
            .collect();
        let gwri = "Global Water Resilience Institute (GWRI)";
        let icra = "Inter-Agency Centre for Climate-Resilient Agriculture (ICRA)";
        assert_eq!(
            seen,
            [
                (
                    gwri,
                    Some("response-2025.toml"),
                    Some("hlpf-2025"),
                    false,
                    0
                ),
                (
                    gwri,
                    Some("response-2026.toml"),
                    Some("hlpf-2026"),
                    false,
                    0
                ),
                (gwri, Some("response.json"), Some("hlpf-2024"), true, 1),
                // The same answers as `response.json`: counted once, there.
                (gwri, Some("response.toml"), Some("hlpf-2024"), true, 0),
                (icra, Some("warnings.toml"), Some("hlpf-2024"), true, 0),
                ("Missing Entity Organization", None, None, true, 0),
            ]
        );
        let copy = &digest.entries[3];
        assert!(
            copy.duplicate_of
                .as_deref()
                .unwrap()
                .ends_with("response.json")
        );
        let note = copy.note().unwrap();
        assert!(
            note.starts_with("not counted: the answers of ")
                && note.contains("response.json count instead; "),
            "{note}"
        );
        let text = &digest.entries[2].texts[0];
        assert_eq!((text.words.as_str(), text.limit.as_deref()), ("133", None));
        assert!(text.text.starts_with("GWRI recommends"));
        assert!(digest.entries.iter().all(|e| e.records.is_empty()));
    }

    #[test]
    fn a_digest_of_records_names_each_record_and_its_fields() {
        let c = examples();
        let digest = digest(&c, "events", "Events?");
        let toml = digest
            .entries
            .iter()
            .find(|e| file_name(e) == Some("response.json"))
            .unwrap();
        assert!(toml.texts.is_empty());
        let records: Vec<(&str, &str)> = toml
            .records
            .iter()
            .map(|r| (r.number.as_str(), r.name.as_str()))
            .collect();
        assert_eq!(
            records,
            [
                (
                    "1",
                    "Regional Forum on Water Security and Climate Adaptation in Africa"
                ),
                ("2", "Global Dialogue on Water Data for the SDGs"),
            ]
        );
        let fields = &toml.records[0].fields;
        assert!(
            fields
                .iter()
                .all(|(label, value)| !label.is_empty() && !value.is_empty())
        );
        assert!(
            fields
                .iter()
                .any(|(_, v)| v == "https://www.gwri.example.org/events/africa-forum-2023")
        );
        let markdown = digest.markdown();
        assert!(
            markdown.contains("### 1. Regional Forum on Water Security"),
            "{markdown}"
        );
        assert!(markdown.contains(&format!("_2 records; {}_", toml.file.as_deref().unwrap())));
    }
}
