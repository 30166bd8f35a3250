//! Why `compile` cannot do its job: its options do not fit together, its roster cannot be read,
//! or its output cannot be written.

use crate::fsio::WriteError;

/// A `compile` request that cannot be carried out; every one exits 2.
#[derive(Debug, thiserror::Error)]
pub enum CompileError {
    /// An output (the tables, or standard error) could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// `-o -` without `--to`: standard output has no extension to tell the format.
    #[error("`-o -` needs `--to json`, `--to markdown`, `--to xlsx` or `--to docx`")]
    StdoutNeedsFormat,
    /// `--to csv` with `-o -`.
    #[error(
        "CSV output is a folder of files, one per sheet: it cannot go to standard output (`-o -`)"
    )]
    NotForStdout,
    /// OUT has no extension `compile` knows and is not a folder.
    #[error("cannot tell what to write to `{output}`")]
    UnknownOutput {
        /// OUT as given.
        output: String,
    },
    /// CSV output named as an existing file.
    #[error("`{output}` is a file; CSV output is a folder of files, one per sheet")]
    CsvNeedsFolder {
        /// OUT as given.
        output: String,
    },
    /// A one-file format named as a folder.
    #[error("`{output}` is a folder; this format is one file")]
    FileNeedsFile {
        /// OUT as given.
        output: String,
    },
    /// `--question` without a digest's format (Markdown or Word).
    #[error("`--question` shows one question as Markdown or a Word document")]
    QuestionWithoutDigest,
    /// A digest's format without `--question`.
    #[error("{format} output shows one question: `--question` is missing")]
    DigestWithoutQuestion {
        /// `Markdown` or `Word`.
        format: &'static str,
    },
    /// `--question` names no question of the editions compiled.
    #[error("no question has the id `{id}`")]
    UnknownQuestion {
        /// The id as given.
        id: String,
        /// The topics there are.
        known: Vec<String>,
    },
    /// The previous workbook of `--review` cannot be read.
    #[error("cannot read the review workbook `{path}`: {reason}")]
    ReviewUnreadable {
        /// The workbook as named.
        path: String,
        /// Why.
        reason: String,
    },
    /// The roster cannot be read.
    #[error("cannot read the roster `{path}`: {reason}")]
    RosterUnreadable {
        /// The roster as named.
        path: String,
        /// Why.
        reason: String,
    },
    /// The roster is not one entity per line nor a CSV file with a `name` column.
    #[error("{path}:{line}: {reason}")]
    RosterInvalid {
        /// The roster as named.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        reason: String,
    },
}

impl CompileError {
    /// How to fix it, if there is something to say.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            CompileError::Write(_) => return None,
            CompileError::StdoutNeedsFormat => {
                "say what to write, e.g. `--to json -o -`, or name a file: `-o 2024.xlsx`".into()
            }
            CompileError::NotForStdout => {
                "name a folder, e.g. `-o tables/`, or write one document with `--to json -o -`"
                    .into()
            }
            CompileError::UnknownOutput { .. } => "name a `.xlsx`, `.json`, `.md` or `.docx` file, a folder ending in `/` for CSV files, or use `--to`".into(),
            CompileError::CsvNeedsFolder { .. } => "name a folder, e.g. `tables/`".into(),
            CompileError::FileNeedsFile { .. } => {
                "name a file, e.g. `compiled.xlsx`, or use `--to csv`".into()
            }
            CompileError::QuestionWithoutDigest => {
                "add `--to markdown` or `--to docx`, or name an OUT ending in `.md` or `.docx`".into()
            }
            CompileError::DigestWithoutQuestion { .. } => {
                "add e.g. `--question recommendations`".into()
            }
            CompileError::UnknownQuestion { known, .. } => {
                format!("questions: {}", known.join(", "))
            }
            CompileError::RosterUnreadable { .. } | CompileError::RosterInvalid { .. } => {
                "a roster is one entity per line, or a CSV file with a `name,acronym,aliases` header"
                    .into()
            }
            CompileError::ReviewUnreadable { .. } => {
                "name a workbook `qfill compile` wrote: its `responses` sheet with `entity_key`, `edition`, `review_status` and `review_note` columns".into()
            }
        })
    }
}
