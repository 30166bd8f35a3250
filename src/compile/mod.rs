//! `qfill compile`: many responses into one set of tables — an XLSX workbook, CSV files, one JSON
//! document, or one question's answers as Markdown.
//!
//! Inputs are read and checked as `validate` reads and checks them ([`read`]), in parallel, a
//! slice at a time; each checked response becomes rows at once ([`build`]), in input order, so
//! that memory holds one slice of answers and the small aggregates of the closing sheets.

pub mod build;
pub mod csv;
pub mod markdown;
pub mod model;
pub mod read;
pub mod roster;
pub mod topic;
pub mod xlsx;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::batch::{Pool, Progress};
use crate::commands::{Error, Exit};
use crate::input::{self, ReadOptions, Source};
use crate::questionnaire::Questionnaire;

pub use build::{Builder, Response};
pub use model::{Cell, Column, ColumnKind, Compilation, Sheet, SheetSpec, Sink};
pub use roster::Roster;
pub use topic::{Layout, review_sdgs, root_question};

/// What `compile` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompileFormat {
    /// An XLSX workbook.
    Xlsx,
    /// A folder of CSV files, one per sheet.
    Csv,
    /// One JSON document holding every sheet.
    Json,
    /// One question's answers, entity by entity (`--question`).
    Markdown,
}

impl CompileFormat {
    /// The format an output path's extension names.
    pub fn from_extension(path: &str) -> Option<CompileFormat> {
        let ext = Path::new(path).extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "xlsx" => Some(CompileFormat::Xlsx),
            "json" => Some(CompileFormat::Json),
            "md" | "markdown" => Some(CompileFormat::Markdown),
            _ => None,
        }
    }
}

/// `qfill compile`.
#[derive(Debug, Clone, Default)]
pub struct CompileRequest {
    /// Files, folders, glob patterns and `-`; `.txt` files named here are read as legacy text.
    pub inputs: Vec<String>,
    /// `-o`: a file, a folder (CSV), or `-` (JSON and Markdown to stdout).
    pub output: String,
    /// `--to`; else OUT's extension; else a folder of CSV files.
    pub to: Option<CompileFormat>,
    /// `-q`, given once or more: one checks every file against it, as in `validate`; several
    /// are the editions that files naming them are checked against.
    pub questionnaires: Vec<String>,
    /// `--roster`: the entities expected to respond.
    pub roster: Option<PathBuf>,
    /// `--question`: the question Markdown shows.
    pub question: Option<String>,
    /// `--labels`: form labels as headers instead of ids.
    pub labels: bool,
    /// `--excel`: CSV for Excel (a BOM, formula-like cells quoted).
    pub excel: bool,
    /// `--force`: replace existing output files.
    pub force: bool,
    /// `--hidden`.
    pub hidden: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
    /// `--jobs`.
    pub jobs: Option<usize>,
    /// The document date, seconds since the epoch; `None`: `SOURCE_DATE_EPOCH`, else a fixed
    /// date, so that the same inputs give the same bytes.
    pub created: Option<i64>,
}

/// The date a workbook carries when `SOURCE_DATE_EPOCH` is not set: 2000-01-01T00:00:00Z.
pub const FIXED_DATE: i64 = 946_684_800;

/// Responses checked in parallel at a time: enough to keep every thread busy, few enough that
/// their answers take little memory.
const SLICE: usize = 256;

fn usage(message: String, hint: &str) -> Error {
    Error::Usage {
        message,
        hint: Some(hint.to_string()),
    }
}

fn write_error(path: &str, e: &io::Error) -> Error {
    Error::Write {
        path: path.to_string(),
        reason: if e.kind() == io::ErrorKind::Other {
            e.to_string()
        } else {
            input::io_reason(e)
        },
    }
}

/// Where the output goes, decided once.
enum Target {
    Stdout,
    File(PathBuf),
    Folder(PathBuf),
}

fn target(request: &CompileRequest) -> Result<(CompileFormat, Target), Error> {
    let out = request.output.as_str();
    let folder_like = out.ends_with('/') || Path::new(out).is_dir();
    let format = match request.to.or_else(|| CompileFormat::from_extension(out)) {
        Some(format) => format,
        None if folder_like => CompileFormat::Csv,
        None if out == "-" => {
            return Err(usage(
                "`-o -` needs `--to json` or `--to markdown`".to_string(),
                "a workbook and CSV files cannot go to standard output",
            ));
        }
        None => {
            return Err(usage(
                format!("cannot tell what to write to `{out}`"),
                "name a `.xlsx`, `.json` or `.md` file, a folder ending in `/` for CSV files, or use `--to`",
            ));
        }
    };
    let target = match (format, out) {
        (CompileFormat::Json | CompileFormat::Markdown, "-") => Target::Stdout,
        (_, "-") => {
            return Err(usage(
                "only JSON and Markdown can go to standard output (`-o -`)".to_string(),
                "write the workbook or CSV files to a path",
            ));
        }
        (CompileFormat::Csv, _) => {
            if Path::new(out).exists() && !Path::new(out).is_dir() {
                return Err(usage(
                    format!("`{out}` is a file; CSV output is a folder of files, one per sheet"),
                    "name a folder, e.g. `compiled/`",
                ));
            }
            Target::Folder(PathBuf::from(out))
        }
        (_, _) if folder_like => {
            return Err(usage(
                format!("`{out}` is a folder; this format is one file"),
                "name a file, e.g. `compiled.xlsx`, or use `--to csv`",
            ));
        }
        (_, _) => {
            let path = PathBuf::from(out);
            if path.exists() && !request.force {
                return Err(usage(
                    format!("`{out}` exists already"),
                    "use `--force` to overwrite it",
                ));
            }
            Target::File(path)
        }
    };
    Ok((format, target))
}

/// The editions: a single `-q` alone (every file is checked against it); else every `-q` and
/// every built-in edition, so that each file finds the one it names.
fn editions(flags: &[Questionnaire]) -> Layout {
    if flags.len() == 1 {
        return Layout::new(flags.to_vec());
    }
    let mut all: Vec<Questionnaire> = Questionnaire::builtin_ids()
        .filter_map(Questionnaire::builtin_cached)
        .cloned()
        .collect();
    all.extend(flags.iter().cloned());
    Layout::new(all)
}

/// Inputs with OUT left out: an output is never read back as an input.
fn sources(request: &CompileRequest, target: &Target) -> Result<Vec<Source>, Error> {
    let out = match target {
        Target::Stdout => None,
        Target::File(p) | Target::Folder(p) => Some(p.canonicalize().unwrap_or_else(|_| p.clone())),
    };
    let all = input::expand(&request.inputs, request.hidden);
    let kept: Vec<Source> = all
        .into_iter()
        .filter(|source| match (source, &out) {
            (Source::File(path), Some(out)) => {
                let path = path.canonicalize().unwrap_or_else(|_| path.clone());
                !path.starts_with(out)
            }
            _ => true,
        })
        .collect();
    if kept.is_empty() {
        return Err(usage(
            format!(
                "no answers files (.toml, .json) found in {}",
                request
                    .inputs
                    .iter()
                    .map(|i| format!("`{i}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            "name answers files or folders that hold them",
        ));
    }
    Ok(kept)
}

fn load_roster(path: &Path) -> Result<Roster, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| {
        usage(
            format!("cannot read the roster `{shown}`: {}", input::io_reason(&e)),
            "name a text file of one entity per line, or a CSV file with a `name,acronym` header",
        )
    })?;
    Roster::parse(&text).map_err(|e| {
        usage(
            format!("{shown}:{}: {}", e.line, e.message),
            "a roster is one entity per line, or a CSV file with a `name,acronym` header",
        )
    })
}

/// The topic `--question` names: a topic id, or a question id of an edition.
fn question_topic(layout: &Layout, id: &str) -> Result<(String, String), Error> {
    if let Some(topic) = layout.topic(id) {
        return Ok((topic.id.clone(), topic.label.clone()));
    }
    for q in &layout.editions {
        if let Some(question) = q.question(id) {
            let root = root_question(q, id);
            return Ok((root, question.text.clone()));
        }
    }
    let known: Vec<&str> = layout.topics.iter().map(|t| t.id.as_str()).collect();
    Err(usage(
        format!("no question has the id `{id}`"),
        &format!("questions: {}", known.join(", ")),
    ))
}

/// Compiles every input into tables and writes them; the totals line goes to `err`.
pub fn compile(
    request: &CompileRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let flags = request
        .questionnaires
        .iter()
        .map(|f| Questionnaire::resolve(f))
        .collect::<Result<Vec<_>, _>>()?;
    let (format, target) = target(request)?;
    let layout = editions(&flags);
    let question = match (&request.question, format) {
        (Some(id), _) => Some(question_topic(&layout, id)?),
        (None, CompileFormat::Markdown) => {
            return Err(usage(
                "Markdown output shows one question: `--question` is missing".to_string(),
                "add e.g. `--question recommendations`",
            ));
        }
        (None, _) => None,
    };
    let roster = request.roster.as_deref().map(load_roster).transpose()?;
    let sources = sources(request, &target)?;
    let reader = read::Reader {
        flags: &flags,
        layout: &layout,
        read: request.read,
    };
    let created = request.created.unwrap_or_else(source_date);
    let target_name = |t: &Target| match t {
        Target::Stdout => "-".to_string(),
        Target::File(p) | Target::Folder(p) => p.display().to_string(),
    };
    let shown = target_name(&target);
    let mut run = |sink: &mut dyn Sink| -> Result<(crate::report::Summary, bool), Error> {
        let mut builder = Builder::new(&layout, roster.as_ref());
        builder.start(sink).map_err(|e| sink_error(&shown, &e))?;
        progress.start(sources.len());
        let pool = Pool::new(request.jobs, sources.len());
        for slice in sources.chunks(SLICE) {
            let responses = pool.map(slice, |source| {
                let response = reader.read(source);
                progress.advance();
                response
            });
            for response in responses {
                // The rest is in the findings sheet; what makes the run exit 2 is said here too.
                let unread: Vec<_> = response
                    .findings
                    .iter()
                    .filter(|f| f.code == crate::finding::Code::Unreadable)
                    .cloned()
                    .collect();
                crate::report::write_findings(err, &response.file, &unread)?;
                builder
                    .add(response, sink)
                    .map_err(|e| sink_error(&shown, &e))?;
            }
        }
        progress.finish();
        builder.finish(sink).map_err(|e| sink_error(&shown, &e))
    };
    let (summary, unreadable) = match (format, &target) {
        (_, Target::Folder(folder)) => {
            let options = csv::CsvOptions {
                labels: request.labels,
                excel: request.excel,
                force: request.force,
            };
            let mut sink =
                csv::CsvSink::new(folder, options).map_err(|e| write_error(&shown, &e))?;
            let totals = run(&mut sink)?;
            sink.finish().map_err(|e| write_error(&shown, &e))?;
            totals
        }
        (CompileFormat::Xlsx, Target::File(path)) => {
            let mut sink = xlsx::XlsxSink::new(request.labels);
            let totals = run(&mut sink)?;
            sink.finish(path, created)
                .map_err(|e| write_error(&shown, &e))?;
            totals
        }
        // JSON and Markdown: the whole model in memory, then one document.
        (_, target) => {
            let mut compilation = Compilation::default();
            let totals = run(&mut compilation)?;
            let mut text = match &question {
                Some((topic, title)) if format == CompileFormat::Markdown => {
                    markdown::question_markdown(&compilation, topic, title)
                }
                _ => serde_json::to_string_pretty(&compilation)
                    .map_err(|e| write_error(&shown, &io::Error::other(e)))?,
            };
            text.push('\n');
            match target {
                Target::File(path) => crate::fsio::write_atomic(path, text.as_bytes())
                    .map_err(|e| write_error(&shown, &e))?,
                _ => out.write_all(text.as_bytes())?,
            }
            totals
        }
    };
    writeln!(
        err,
        "{}; wrote {shown}",
        crate::report::totals(&summary, false)
    )?;
    Ok(if unreadable {
        Exit::Incomplete
    } else if summary.invalid > 0 {
        Exit::Invalid
    } else {
        Exit::Valid
    })
}

fn sink_error(shown: &str, e: &io::Error) -> Error {
    if e.kind() == io::ErrorKind::AlreadyExists {
        return usage(e.to_string(), "use `--force` to overwrite it");
    }
    write_error(shown, e)
}

/// `SOURCE_DATE_EPOCH` if set to a number of seconds, else [`FIXED_DATE`].
pub fn source_date() -> i64 {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (0..=253_402_300_799).contains(s))
        .unwrap_or(FIXED_DATE)
}
