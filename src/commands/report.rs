//! `qfill report`: many responses as one self-contained HTML page, and with `--pdf` the same page
//! printed by headless Chromium.

use std::path::{Path, PathBuf};

use super::compile::{exit_of, flags, say_totals, sources};
use super::{Error, Exit, Output, Streams};
use crate::batch::Progress;
use crate::compile::{self, Keep, ReadPlan, Setup};
use crate::fsio::{Target, WriteError};
use crate::input::ReadOptions;
use crate::page::{self, Options, PageError, Paper, pdf};

/// `qfill report`.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    /// Files, folders, glob patterns and `-`.
    pub inputs: Vec<String>,
    /// `-o`: the HTML file, or `-` for standard output.
    pub output: PathBuf,
    /// `-q`, given once or more, as in `compile`.
    pub questionnaires: Vec<String>,
    /// `--roster`: the entities expected to respond.
    pub roster: Option<PathBuf>,
    /// `--pdf`: also print the page to this PDF file, or `-` for standard output.
    pub pdf: Option<PathBuf>,
    /// `--chromium`: the browser that prints the PDF.
    pub chromium: Option<PathBuf>,
    /// `--template DIR`: templates that replace the built-in ones by file name.
    pub templates: Option<PathBuf>,
    /// `--keep`: which of an entity's answers to one edition count.
    pub keep: Keep,
    /// `--no-previews` turns this off.
    pub previews: bool,
    /// `--paper`: what the page prints on.
    pub paper: Paper,
    /// `--as-of`: the date the page speaks as of.
    pub as_of: Option<jiff::civil::Date>,
    /// `--force`: replace existing output files.
    pub force: bool,
    /// `--hidden`.
    pub hidden: bool,
    /// `--max-size`, `--input-format`.
    pub read: ReadOptions,
    /// `--jobs`.
    pub jobs: Option<usize>,
}

/// Refuses an output that is a folder, or exists (without `--force`), before any work.
fn check(output: &Output, force: bool, what: &'static str) -> Result<(), Error> {
    if let Some(path) = output.path().filter(|p| p.is_dir()) {
        return Err(PageError::IsFolder {
            path: path.to_path_buf(),
            what,
        }
        .into());
    }
    output.check(force)
}

/// Writes the page to `path` atomically as it renders: a template that fails leaves no file.
fn write_file(
    path: &Path,
    write: impl FnOnce(&mut dyn std::io::Write, &Target) -> Result<(), PageError>,
) -> Result<(), Error> {
    let target = Target::File(path.to_path_buf());
    let mut failure = None;
    let written = crate::fsio::write_atomic_with(path, |file| {
        write(file, &target).map_err(|e| {
            let reason = std::io::Error::other(e.to_string());
            failure = Some(e);
            reason
        })
    });
    match (written, failure) {
        (_, Some(e)) => Err(e.into()),
        (Err(e), None) => Err(PageError::from(WriteError::to(target)(e)).into()),
        (Ok(()), None) => Ok(()),
    }
}

/// Compiles every input, writes the page (and the PDF); the totals line goes to standard error.
pub fn run(
    request: &ReportRequest,
    streams: &mut Streams<'_>,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let output = Output::from_arg(&request.output);
    check(&output, request.force, "the report")?;
    let pdf_output = request.pdf.as_deref().map(Output::from_arg);
    if let Some(pdf) = &pdf_output {
        check(pdf, request.force, "`--pdf`")?;
        pdf.check_binary("the PDF", streams)?;
        if *pdf == Output::Stdout && output == Output::Stdout {
            return Err(Error::NotForStdout {
                what: "both the page and the PDF",
                hint: "send one of them to a file: `-o report.html --pdf -`",
            });
        }
    }
    let templates = page::render::Templates::load(request.templates.as_deref())?;
    let setup_flags = flags(&request.questionnaires)?;
    let setup = Setup::new(setup_flags.clone(), request.roster.as_deref())?.keep(request.keep);
    let sources = sources(&request.inputs, request.hidden, output.path())?;
    let plan = ReadPlan {
        read: request.read,
        jobs: request.jobs,
    };
    let mut held = page::hold::Held::new(&page::definitions(&setup_flags).0, request.previews)
        .map_err(|e| PageError::from(WriteError::to(output.target())(e)))?;
    let totals = compile::tables(
        &setup,
        &sources,
        plan,
        &mut held,
        streams.err,
        progress,
        &output.target(),
    )?;
    let options = Options {
        previews: request.previews,
        paper: request.paper,
        as_of: request.as_of,
    };
    let exit = exit_of(&totals);
    let write = |out: &mut dyn std::io::Write, target: &Target| {
        page::write(held, &setup_flags, &templates, options, out, target)
    };
    // The page is streamed to where it goes; Chromium prints it from its file, or from a
    // temporary copy when the page goes to standard output.
    let mut copy = None;
    let so_far = match &output {
        Output::File(path) => {
            write_file(path, write)?;
            exit
        }
        Output::Stdout if request.pdf.is_some() => {
            let temp = tempfile::Builder::new()
                .prefix(".qfill-report-")
                .suffix(".html")
                .tempfile()
                .map_err(|e| PageError::from(WriteError::to(Target::Stdout)(e)))?;
            write_file(temp.path(), write)?;
            let sent = std::fs::File::open(temp.path())
                .and_then(|mut f| std::io::copy(&mut f, streams.out))
                .and_then(|_| streams.out.flush());
            copy = Some(temp);
            match sent {
                Ok(()) => exit,
                Err(e) => Error::stdout(e).or_closed_stdout(exit)?,
            }
        }
        Output::Stdout => match write(streams.out, &Target::Stdout).map_err(Error::from) {
            Ok(()) => exit,
            Err(e) => e.or_closed_stdout(exit)?,
        },
    };
    let printed_from: Option<&Path> = copy
        .as_ref()
        .map(tempfile::NamedTempFile::path)
        .or(output.path());
    let mut wrote = output.name();
    if let (Some(pdf), Some(pdf_output)) = (&request.pdf, &pdf_output) {
        let env = std::env::var(pdf::VARIABLE).ok();
        let path = std::env::var_os("PATH");
        let printed = pdf::find(request.chromium.as_deref(), env.as_deref(), path.as_deref())
            .and_then(|chromium| {
                let page = printed_from.ok_or_else(|| {
                    pdf::PdfError::Failed("the page was not written to a file".to_string())
                })?;
                pdf::print(page, &chromium, pdf::TIME_LIMIT)
            });
        // Written to its file here, so that a failure says the HTML was written; to standard
        // output below.
        let written = printed.and_then(|bytes| match pdf_output {
            Output::File(path) => crate::fsio::write_atomic(path, &bytes)
                .map(|()| None)
                .map_err(|e| {
                    pdf::PdfError::Failed(format!(
                        "cannot write `{}`: {}",
                        path.display(),
                        crate::text::io_reason(&e)
                    ))
                }),
            Output::Stdout => Ok(Some(bytes)),
        });
        let to_stdout = match written {
            Ok(to_stdout) => to_stdout,
            Err(e) => {
                say_totals(streams.err, &totals, &wrote)?;
                return Err(match e {
                    pdf::PdfError::NotFound(reason) => PageError::NoChromium {
                        pdf: pdf.clone(),
                        reason,
                    },
                    pdf::PdfError::Failed(reason) => PageError::PdfFailed {
                        pdf: pdf.clone(),
                        reason,
                    },
                }
                .into());
            }
        };
        if let Some(bytes) = to_stdout {
            pdf_output.write(&bytes, streams.out, so_far)?;
        }
        wrote.push_str(&format!(" and {}", pdf_output.name()));
    }
    say_totals(streams.err, &totals, &wrote)?;
    Ok(so_far)
}
