//! `qfill report`: many responses as one self-contained HTML page, and with `--pdf` the same page
//! printed by headless Chromium.

use std::path::PathBuf;

use super::compile::{exit_of, flags, say_totals, sources};
use super::{Error, Exit, Output, Streams};
use crate::batch::Progress;
use crate::compile::{self, Compilation, Keep, ReadPlan, Setup};
use crate::input::ReadOptions;
use crate::page::{self, PageError, pdf};

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
    let mut compilation = Compilation::default();
    let totals = compile::tables(
        &setup,
        &sources,
        plan,
        &mut compilation,
        streams.err,
        progress,
        &output.target(),
    )?;
    let html = page::render(&compilation, &setup_flags, &templates, request.previews)?;
    let exit = exit_of(&totals);
    let so_far = output.write(html.as_bytes(), streams.out, exit)?;
    let mut wrote = output.name();
    if let (Some(pdf), Some(pdf_output)) = (&request.pdf, &pdf_output) {
        let env = std::env::var(pdf::VARIABLE).ok();
        let path = std::env::var_os("PATH");
        let printed = pdf::find(request.chromium.as_deref(), env.as_deref(), path.as_deref())
            .and_then(|chromium| pdf::print(&html, &chromium, pdf::TIME_LIMIT));
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
