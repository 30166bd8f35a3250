//! `qfill compile`: many responses into one set of tables — an XLSX workbook, CSV files, one JSON
//! document, or one question's answers as Markdown.
//!
//! Inputs are read and checked as `validate` reads and checks them ([`read`]), in parallel, a
//! slice at a time; each checked response becomes rows at once ([`build`]), in input order, so
//! that memory holds one slice of answers and the small aggregates of the closing sheets.

pub mod build;
pub mod csv;
pub mod error;
pub mod markdown;
pub mod model;
pub mod read;
pub mod roster;
pub mod topic;
pub mod xlsx;

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::batch::{Pool, Progress};
use crate::error::{Error, Exit, Target};
use crate::input::{self, ReadOptions, Source};
use crate::questionnaire::Questionnaire;
pub use error::CompileError;

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
const SLICE: usize = 64;

/// Where the output goes, decided once.
enum Out {
    Stdout,
    File(PathBuf),
    Folder(PathBuf),
}

impl Out {
    /// What a failure to write names.
    fn target(&self) -> Target {
        match self {
            Out::Stdout => Target::Stdout,
            Out::File(path) | Out::Folder(path) => Target::File(path.clone()),
        }
    }
}

fn target(request: &CompileRequest) -> Result<(CompileFormat, Out), Error> {
    let out = request.output.as_str();
    let folder_like = out.ends_with('/') || Path::new(out).is_dir();
    let format = match request.to.or_else(|| CompileFormat::from_extension(out)) {
        Some(format) => format,
        None if folder_like => CompileFormat::Csv,
        None if out == "-" => return Err(CompileError::StdoutNeedsFormat.into()),
        None => {
            return Err(CompileError::UnknownOutput {
                output: out.to_string(),
            }
            .into());
        }
    };
    let target = match (format, out) {
        (CompileFormat::Json | CompileFormat::Markdown, "-") => Out::Stdout,
        (_, "-") => return Err(CompileError::NotForStdout.into()),
        (CompileFormat::Csv, _) => {
            if Path::new(out).exists() && !Path::new(out).is_dir() {
                return Err(CompileError::CsvNeedsFolder {
                    output: out.to_string(),
                }
                .into());
            }
            Out::Folder(PathBuf::from(out))
        }
        (_, _) if folder_like => {
            return Err(CompileError::FileNeedsFile {
                output: out.to_string(),
            }
            .into());
        }
        (_, _) => {
            let path = PathBuf::from(out);
            if path.exists() && !request.force {
                return Err(Error::OutputExists { path });
            }
            Out::File(path)
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
fn sources(request: &CompileRequest, target: &Out) -> Result<Vec<Source>, Error> {
    let out = match target {
        Out::Stdout => None,
        Out::File(p) | Out::Folder(p) => Some(p.canonicalize().unwrap_or_else(|_| p.clone())),
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
        return Err(Error::NoAnswersFiles {
            inputs: request.inputs.clone(),
        });
    }
    Ok(kept)
}

fn load_roster(path: &Path) -> Result<Roster, Error> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| CompileError::RosterUnreadable {
        path: shown.clone(),
        reason: crate::text::io_reason(&e),
    })?;
    Ok(
        Roster::parse(&text).map_err(|e| CompileError::RosterInvalid {
            path: shown,
            line: e.line,
            reason: e.message,
        })?,
    )
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
    Err(CompileError::UnknownQuestion {
        id: id.to_string(),
        known: layout.topics.iter().map(|t| t.id.clone()).collect(),
    }
    .into())
}

/// What a compilation knows before it reads a file: the editions and the roster.
struct Setup {
    flags: Vec<Questionnaire>,
    layout: Layout,
    roster: Option<Roster>,
}

fn setup(request: &CompileRequest) -> Result<Setup, Error> {
    let flags = request
        .questionnaires
        .iter()
        .map(|f| Questionnaire::resolve(f))
        .collect::<Result<Vec<_>, _>>()?;
    let layout = editions(&flags);
    let roster = request.roster.as_deref().map(load_roster).transpose()?;
    Ok(Setup {
        flags,
        layout,
        roster,
    })
}

/// How a compilation went.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Totals {
    /// Files, valid and invalid, errors and warnings.
    pub summary: crate::report::Summary,
    /// Some input could not be read at all.
    pub unreadable: bool,
}

impl Totals {
    /// The exit status, as `validate` gives it: 2 wins over 1.
    pub fn exit(&self) -> Exit {
        if self.unreadable {
            Exit::Incomplete
        } else if self.summary.invalid > 0 {
            Exit::Invalid
        } else {
            Exit::Valid
        }
    }
}

/// Reads and checks every input of `request` and builds the tables into `sink` (for
/// `qfill report`: a [`Compilation`]). The findings of inputs that cannot be read go to `err`;
/// `request.output`, unless `-`, is left out of the inputs.
pub fn tables(
    request: &CompileRequest,
    sink: &mut dyn Sink,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Totals, Error> {
    let setup = setup(request)?;
    let out = match request.output.as_str() {
        "-" | "" => Out::Stdout,
        path => Out::File(PathBuf::from(path)),
    };
    let sources = sources(request, &out)?;
    build_tables(
        request,
        &setup,
        &sources,
        sink,
        err,
        progress,
        &out.target(),
    )
}

fn build_tables(
    request: &CompileRequest,
    setup: &Setup,
    sources: &[Source],
    sink: &mut dyn Sink,
    err: &mut dyn Write,
    progress: &dyn Progress,
    shown: &Target,
) -> Result<Totals, Error> {
    let reader = read::Reader {
        flags: &setup.flags,
        layout: &setup.layout,
        read: request.read,
    };
    let mut builder = Builder::new(&setup.layout, setup.roster.as_ref());
    builder.start(sink).map_err(|e| sink_error(shown, e))?;
    progress.start(sources.len());
    let pool = Pool::new(request.jobs, sources.len());
    let check = |slice: &[Source]| {
        pool.map(slice, |source| {
            let response = reader.read(source);
            progress.advance();
            response
        })
    };
    let mut slices = sources.chunks(SLICE);
    let mut ready = slices.next().map(check).unwrap_or_default();
    loop {
        let next = slices.next();
        // The next slice is checked while this one becomes rows.
        let (checked, added) = std::thread::scope(|scope| {
            let checking = next.map(|slice| scope.spawn(move || check(slice)));
            let added = add_all(std::mem::take(&mut ready), &mut builder, sink, err, shown);
            let checked = checking.map(|handle| {
                handle
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            });
            (checked, added)
        });
        added?;
        match checked {
            Some(checked) => ready = checked,
            None => break,
        }
    }
    progress.finish();
    let (summary, unreadable) = builder.finish(sink).map_err(|e| sink_error(shown, e))?;
    Ok(Totals {
        summary,
        unreadable,
    })
}

/// Adds checked responses to the tables, in order; the findings of inputs that could not be
/// read go to `err` as well, since they make the run exit 2.
fn add_all(
    responses: Vec<Response>,
    builder: &mut Builder<'_>,
    sink: &mut dyn Sink,
    err: &mut dyn Write,
    shown: &Target,
) -> Result<(), Error> {
    for response in responses {
        let unread: Vec<_> = response
            .findings
            .iter()
            .filter(|f| f.code == crate::finding::Code::Unreadable)
            .cloned()
            .collect();
        crate::report::write_findings(err, &response.file, &unread).map_err(Error::stderr)?;
        builder
            .add(response, sink)
            .map_err(|e| sink_error(shown, e))?;
    }
    Ok(())
}

/// Compiles every input into tables and writes them; the totals line goes to `err`.
pub fn compile(
    request: &CompileRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let (format, target) = target(request)?;
    let setup = setup(request)?;
    let question = match (&request.question, format) {
        (Some(id), CompileFormat::Markdown) => Some(question_topic(&setup.layout, id)?),
        (Some(_), _) => return Err(CompileError::QuestionWithoutMarkdown.into()),
        (None, CompileFormat::Markdown) => {
            return Err(CompileError::MarkdownWithoutQuestion.into());
        }
        (None, _) => None,
    };
    let sources = sources(request, &target)?;
    let created = request.created.unwrap_or_else(source_date);
    let shown = target.target();
    let mut run =
        |sink: &mut dyn Sink| build_tables(request, &setup, &sources, sink, err, progress, &shown);
    let totals = match (format, &target) {
        (_, Out::Folder(folder)) => {
            if !request.force {
                let names = build::sheet_names(&setup.layout, setup.roster.is_some());
                if let Some(path) = names
                    .iter()
                    .map(|name| folder.join(format!("{name}.csv")))
                    .find(|path| path.symlink_metadata().is_ok())
                {
                    return Err(Error::OutputExists { path });
                }
            }
            let options = csv::CsvOptions {
                labels: request.labels,
                excel: request.excel,
                force: request.force,
            };
            let mut sink = csv::CsvSink::new(folder, options).map_err(|e| sink_error(&shown, e))?;
            let totals = run(&mut sink)?;
            sink.finish().map_err(|e| sink_error(&shown, e))?;
            totals
        }
        (CompileFormat::Xlsx, Out::File(path)) => {
            let mut sink = xlsx::XlsxSink::new(request.labels);
            let totals = run(&mut sink)?;
            sink.finish(path, created)
                .map_err(|e| sink_error(&shown, e))?;
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
                    .map_err(|e| Error::write(shown.clone())(io::Error::other(e)))?,
            };
            text.push('\n');
            match target {
                Out::File(path) => crate::fsio::write_atomic(path, text.as_bytes())
                    .map_err(|e| sink_error(&shown, e))?,
                _ => out.write_all(text.as_bytes()).map_err(Error::stdout)?,
            }
            totals
        }
    };
    let wrote = match &target {
        Out::Stdout => "-".to_string(),
        Out::File(path) | Out::Folder(path) => path.display().to_string(),
    };
    say_totals(err, &totals, &wrote)?;
    Ok(totals.exit())
}

/// The totals line `compile` and `report` end with, on stderr: the files' counts and what was
/// written.
pub fn say_totals(err: &mut dyn Write, totals: &Totals, wrote: &str) -> Result<(), Error> {
    writeln!(
        err,
        "{}; wrote {wrote}",
        crate::report::totals(&totals.summary, false)
    )
    .map_err(Error::stderr)
}

fn sink_error(shown: &Target, e: io::Error) -> Error {
    Error::write(shown.clone())(e)
}

/// `SOURCE_DATE_EPOCH` if set to a number of seconds, else [`FIXED_DATE`].
pub fn source_date() -> i64 {
    date_from(std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())
}

fn date_from(value: Option<&str>) -> i64 {
    value
        .and_then(|s| s.trim().parse::<i64>().ok())
        .filter(|s| (0..=253_402_300_799).contains(s))
        .unwrap_or(FIXED_DATE)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::batch::Silent;

    #[test]
    fn tables_builds_a_compilation_in_memory_for_other_renderers() {
        let examples = concat!(env!("CARGO_MANIFEST_DIR"), "/examples");
        let request = CompileRequest {
            inputs: vec![examples.to_string(), format!("{examples}/missing.toml")],
            output: "-".to_string(),
            ..CompileRequest::default()
        };
        let mut compilation = Compilation::default();
        let mut err = Vec::new();
        let totals = tables(&request, &mut compilation, &mut err, &Silent).unwrap();
        let files = std::fs::read_dir(examples).unwrap().count();
        assert_eq!(totals.summary.files, files + 1);
        assert_eq!(totals.exit(), Exit::Incomplete);
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with("error[unreadable]: "), "{err}");
        let responses = compilation.sheet("responses").unwrap();
        assert_eq!(responses.rows.len(), files + 1);
        let valid = responses.column("valid").unwrap();
        assert_eq!(responses.rows[0][valid], Cell::Bool(true));
        assert_eq!(responses.rows[files][valid], Cell::Bool(false));
        assert!(compilation.sheet("roster").is_none());
        let names: Vec<String> = compilation
            .sheets
            .iter()
            .map(|s| s.spec.name.clone())
            .collect();
        assert_eq!(names, build::sheet_names(&editions(&[]), false));
        assert_eq!(names.last().map(String::as_str), Some("codebook"));
    }

    #[test]
    fn outputs_by_flag_extension_or_folder() {
        let cases = [
            ("a.xlsx", None, Some(CompileFormat::Xlsx)),
            ("a.JSON", None, Some(CompileFormat::Json)),
            ("notes.md", None, Some(CompileFormat::Markdown)),
            ("a.csv", None, None),
            ("a", Some(CompileFormat::Json), Some(CompileFormat::Json)),
        ];
        for (out, to, want) in cases {
            let request = CompileRequest {
                output: out.to_string(),
                to,
                ..CompileRequest::default()
            };
            assert_eq!(target(&request).ok().map(|(f, _)| f), want, "{out}");
        }
        let request = CompileRequest {
            output: "tables/".to_string(),
            ..CompileRequest::default()
        };
        assert!(matches!(
            target(&request),
            Ok((CompileFormat::Csv, Out::Folder(_)))
        ));
    }

    #[test]
    fn the_document_date_comes_from_source_date_epoch_when_it_is_a_date() {
        let cases = [
            (Some("1700000000"), 1_700_000_000),
            (Some(" 0\n"), 0),
            (Some("-5"), FIXED_DATE),
            (Some("yesterday"), FIXED_DATE),
            (Some("99999999999999"), FIXED_DATE),
            (None, FIXED_DATE),
        ];
        for (value, want) in cases {
            assert_eq!(date_from(value), want, "{value:?}");
        }
    }
}
