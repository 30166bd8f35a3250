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
const SLICE: usize = 64;

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
    let output = PathBuf::from(&request.output);
    let target = match request.output.as_str() {
        "-" | "" => Target::Stdout,
        _ => Target::File(output),
    };
    let sources = sources(request, &target)?;
    build_tables(
        request,
        &setup,
        &sources,
        sink,
        err,
        progress,
        &request.output,
    )
}

fn build_tables(
    request: &CompileRequest,
    setup: &Setup,
    sources: &[Source],
    sink: &mut dyn Sink,
    err: &mut dyn Write,
    progress: &dyn Progress,
    shown: &str,
) -> Result<Totals, Error> {
    let reader = read::Reader {
        flags: &setup.flags,
        layout: &setup.layout,
        read: request.read,
    };
    let mut builder = Builder::new(&setup.layout, setup.roster.as_ref());
    builder.start(sink).map_err(|e| sink_error(shown, &e))?;
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
    let (summary, unreadable) = builder.finish(sink).map_err(|e| sink_error(shown, &e))?;
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
    shown: &str,
) -> Result<(), Error> {
    for response in responses {
        let unread: Vec<_> = response
            .findings
            .iter()
            .filter(|f| f.code == crate::finding::Code::Unreadable)
            .cloned()
            .collect();
        crate::report::write_findings(err, &response.file, &unread)?;
        builder
            .add(response, sink)
            .map_err(|e| sink_error(shown, &e))?;
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
        (Some(_), _) => {
            return Err(usage(
                "`--question` shows one question as Markdown".to_string(),
                "add `--to markdown`, or name an OUT ending in `.md`",
            ));
        }
        (None, CompileFormat::Markdown) => {
            return Err(usage(
                "Markdown output shows one question: `--question` is missing".to_string(),
                "add e.g. `--question recommendations`",
            ));
        }
        (None, _) => None,
    };
    let sources = sources(request, &target)?;
    let created = request.created.unwrap_or_else(source_date);
    let shown = match &target {
        Target::Stdout => "-".to_string(),
        Target::File(p) | Target::Folder(p) => p.display().to_string(),
    };
    let mut run =
        |sink: &mut dyn Sink| build_tables(request, &setup, &sources, sink, err, progress, &shown);
    let totals = match (format, &target) {
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
        crate::report::totals(&totals.summary, false)
    )?;
    Ok(totals.exit())
}

fn sink_error(shown: &str, e: &io::Error) -> Error {
    if e.kind() == io::ErrorKind::AlreadyExists {
        return usage(e.to_string(), "use `--force` to overwrite it");
    }
    write_error(shown, e)
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
        assert_eq!(totals.summary.files, 4);
        assert_eq!(totals.exit(), Exit::Incomplete);
        let err = String::from_utf8(err).unwrap();
        assert!(err.starts_with("error[unreadable]: "), "{err}");
        let responses = compilation.sheet("responses").unwrap();
        assert_eq!(responses.rows.len(), 4);
        let valid = responses.column("valid").unwrap();
        assert_eq!(responses.rows[0][valid], Cell::Bool(true));
        assert_eq!(responses.rows[3][valid], Cell::Bool(false));
        assert!(compilation.sheet("roster").is_none());
        assert_eq!(compilation.sheets.last().unwrap().spec.name, "codebook");
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
            Ok((CompileFormat::Csv, Target::Folder(_)))
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
