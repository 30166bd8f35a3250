//! `qfill compile`: many responses into one workbook, a folder of CSV files, one JSON document,
//! or one question's answers as Markdown.

use std::io::{self, Write};
use std::path::{Path, PathBuf};

use super::{Error, Exit, Streams};
use crate::batch::Progress;
use crate::compile::{
    self, Compilation, CompileError, CompileFormat, Keep, ReadPlan, Setup, Totals, csv, markdown,
    xlsx,
};
use crate::fsio::{Target, WriteError};
use crate::input::{ReadOptions, Source};
use crate::questionnaire::Questionnaire;

/// `qfill compile`.
#[derive(Debug, Clone, Default)]
pub struct CompileRequest {
    /// Files, folders, glob patterns and `-`; `.txt` files named here are read as legacy text.
    pub inputs: Vec<String>,
    /// `-o`: a file, a folder (CSV), or `-` (standard output).
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
    /// `--keep`: which of an entity's answers to one edition count.
    pub keep: Keep,
    /// `--review`: a previous workbook whose review columns are carried over.
    pub review: Option<PathBuf>,
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
    /// `--as-of`: the date the workbook's `about` sheet is as of.
    pub as_of: Option<jiff::civil::Date>,
}

/// Where the output goes, decided once.
#[derive(Debug)]
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

    /// What the totals line says was written.
    fn name(&self) -> String {
        match self {
            Out::Stdout => "-".to_string(),
            Out::File(path) | Out::Folder(path) => path.display().to_string(),
        }
    }
}

/// The format and the place of the output: `--to`, else OUT's extension, else a folder.
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
        (CompileFormat::Csv, "-") => return Err(CompileError::NotForStdout.into()),
        (_, "-") => Out::Stdout,
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
            super::Output::File(path.clone()).check(request.force)?;
            Out::File(path)
        }
    };
    Ok((format, target))
}

/// The inputs, with the output left out: an output is never read back as an input.
pub(super) fn sources(
    inputs: &[String],
    hidden: bool,
    output: Option<&Path>,
) -> Result<Vec<Source>, Error> {
    let out = output.map(|p| p.canonicalize().unwrap_or_else(|_| p.to_path_buf()));
    let kept: Vec<Source> = crate::input::expand(inputs, hidden)
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
            inputs: inputs.to_vec(),
        });
    }
    Ok(kept)
}

/// The editions `-q` names, resolved once.
pub(super) fn flags(questionnaires: &[String]) -> Result<Vec<Questionnaire>, Error> {
    Ok(questionnaires
        .iter()
        .map(|f| Questionnaire::resolve(f))
        .collect::<Result<Vec<_>, _>>()?)
}

/// The exit status of a compilation, as `validate` gives it: 2 wins over 1.
pub(super) fn exit_of(totals: &Totals) -> Exit {
    if totals.unreadable {
        Exit::Incomplete
    } else if totals.summary.invalid > 0 {
        Exit::Invalid
    } else {
        Exit::Valid
    }
}

/// The totals line `compile` and `report` end with, on standard error: the files' counts and
/// what was written; before it, the entities neither the roster nor the directory knows.
pub(super) fn say_totals(err: &mut dyn Write, totals: &Totals, wrote: &str) -> Result<(), Error> {
    if let Some(note) = unknown_note(&totals.unknown) {
        writeln!(err, "{note}").map_err(Error::stderr)?;
    }
    let plural = crate::text::plural;
    let places = match totals.not_member_states {
        1 => "1 place not a Member State".to_string(),
        n => format!("{n} places not Member States"),
    };
    writeln!(
        err,
        "{}; {} {} merged, {} {} read from notes, {places}; wrote {wrote}",
        crate::report::totals(&totals.summary, false),
        totals.merged,
        plural(totals.merged, "duplicate"),
        totals.from_notes,
        plural(totals.from_notes, "record"),
    )
    .map_err(Error::stderr)
}

/// The note that lists the entities neither the roster nor the directory knows, each with the
/// closest known one; `None` when every entity is known.
fn unknown_note(unknown: &[compile::Unknown]) -> Option<String> {
    if unknown.is_empty() {
        return None;
    }
    let listed: Vec<String> = unknown
        .iter()
        .map(|u| {
            let name = crate::text::sanitize_line(&u.name);
            match &u.closest {
                Some(closest) => format!(
                    "`{name}` (closest known: `{}`)",
                    crate::text::sanitize_line(closest)
                ),
                None => format!("`{name}`"),
            }
        })
        .collect();
    let entities = match unknown.len() {
        1 => "1 entity".to_string(),
        n => format!("{n} entities"),
    };
    Some(format!(
        "note: {entities} neither the roster nor the directory of UN system entities knows, counted under the name as written: {}\n  hint: if one is an entity you expect, add the name it writes to the roster's `aliases` column",
        listed.join(", ")
    ))
}

/// Compiles every input into tables and writes them; the totals line goes to standard error.
pub fn run(
    request: &CompileRequest,
    streams: &mut Streams<'_>,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let (format, out) = target(request)?;
    let binary = match format {
        CompileFormat::Xlsx => Some("the workbook"),
        CompileFormat::Docx => Some("the Word digest"),
        CompileFormat::Csv | CompileFormat::Json | CompileFormat::Markdown => None,
    };
    if let (Out::Stdout, Some(what)) = (&out, binary) {
        super::Output::Stdout.check_binary(what, streams)?;
    }
    let setup = Setup::new(flags(&request.questionnaires)?, request.roster.as_deref())?
        .keep(request.keep)
        .cut_cells(format == CompileFormat::Xlsx)
        .review(request.review.as_deref())?;
    let question = match (&request.question, format.digest()) {
        (Some(id), Some(_)) => Some(setup.question_topic(id)?),
        (Some(_), None) => return Err(CompileError::QuestionWithoutDigest.into()),
        (None, Some(format)) => {
            return Err(CompileError::DigestWithoutQuestion { format }.into());
        }
        (None, None) => None,
    };
    let output_path = match &out {
        Out::Stdout => None,
        Out::File(p) | Out::Folder(p) => Some(p.as_path()),
    };
    let sources = sources(&request.inputs, request.hidden, output_path)?;
    let created = request.created.unwrap_or_else(compile::source_date);
    let shown = out.target();
    let plan = ReadPlan {
        read: request.read,
        jobs: request.jobs,
    };
    let err = &mut *streams.err;
    let tables = |sink: &mut dyn compile::Sink, err: &mut dyn Write| {
        compile::tables(&setup, &sources, plan, sink, err, progress, &shown)
    };
    let totals = match (format, &out) {
        (_, Out::Folder(folder)) => {
            if !request.force
                && let Some(path) = setup
                    .sheet_names()
                    .iter()
                    .map(|name| folder.join(format!("{name}.csv")))
                    .find(|path| path.symlink_metadata().is_ok())
            {
                return Err(Error::OutputExists { path });
            }
            let options = csv::CsvOptions {
                labels: request.labels,
                excel: request.excel,
                force: request.force,
            };
            let mut sink =
                csv::CsvSink::new(folder, options).map_err(WriteError::to(shown.clone()))?;
            let totals = tables(&mut sink, err)?;
            sink.finish().map_err(WriteError::to(shown.clone()))?;
            totals
        }
        (CompileFormat::Xlsx, out) => {
            let mut sink =
                xlsx::XlsxSink::new(request.labels).with_context(compile::xlsx_about::Context {
                    editions: setup.layout().editions.clone(),
                    as_of: request.as_of,
                });
            let totals = tables(&mut sink, err)?;
            let mut workbook = sink
                .finish(created)
                .map_err(WriteError::to(shown.clone()))?;
            match out {
                Out::File(path) => {
                    xlsx::save(&mut workbook, path).map_err(WriteError::to(shown.clone()))?;
                }
                _ => {
                    let bytes =
                        xlsx::to_bytes(&mut workbook).map_err(WriteError::to(shown.clone()))?;
                    if let Err(e) = write_stdout(streams.out, &bytes) {
                        return e.or_closed_stdout(exit_of(&totals));
                    }
                }
            }
            totals
        }
        // JSON and the digests: the whole model in memory, then one document.
        (_, out) => {
            let mut compilation = Compilation::default();
            let totals = tables(&mut compilation, err)?;
            let bytes = match (&question, format) {
                (Some((topic, title)), CompileFormat::Docx) => {
                    let digest = markdown::digest(&compilation, topic, title);
                    crate::docx::write::digest_at(&digest, created)
                }
                (Some((topic, title)), _) => {
                    let mut text = markdown::question_markdown(&compilation, topic, title);
                    text.push('\n');
                    text.into_bytes()
                }
                (None, _) => compile::to_json(&compilation)
                    .map_err(|e| WriteError::to(shown.clone())(io::Error::other(e)))?
                    .into_bytes(),
            };
            let written = match out {
                Out::File(path) => crate::fsio::write_atomic(path, &bytes)
                    .map_err(|e| Error::Write(WriteError::to(shown.clone())(e))),
                _ => write_stdout(streams.out, &bytes),
            };
            if let Err(e) = written {
                return e.or_closed_stdout(exit_of(&totals));
            }
            totals
        }
    };
    say_totals(streams.err, &totals, &out.name())?;
    Ok(exit_of(&totals))
}

fn write_stdout(out: &mut dyn Write, bytes: &[u8]) -> Result<(), Error> {
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(Error::stdout)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outputs_by_flag_extension_or_folder() {
        let cases = [
            ("a.xlsx", None, Some(CompileFormat::Xlsx)),
            ("a.JSON", None, Some(CompileFormat::Json)),
            ("notes.md", None, Some(CompileFormat::Markdown)),
            ("a.csv", None, None),
            ("a", Some(CompileFormat::Json), Some(CompileFormat::Json)),
            ("-", Some(CompileFormat::Xlsx), Some(CompileFormat::Xlsx)),
            ("-", Some(CompileFormat::Csv), None),
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
}
