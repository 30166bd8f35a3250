//! `qfill report`: the compiled model of many responses as one self-contained HTML page — a
//! summary, charts with their data tables, and a preview of each response with its findings
//! marked — and, with `--pdf`, the same page printed by headless Chromium.
//!
//! The page is computed from [`crate::compile::Compilation`] only ([`view`]); the templates
//! ([`render`]) turn it into HTML with every value escaped.

pub mod chart;
pub mod coverage;
pub mod error;
pub mod lists;
pub mod pdf;
pub mod preview;
pub mod render;
pub mod sheet;
pub mod view;

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::batch::Progress;
pub use error::ReportError;

use crate::compile::{self, Compilation, CompileRequest};
use crate::error::{Error, Exit, Target};
use crate::questionnaire::Questionnaire;

/// `qfill report`.
#[derive(Debug, Clone, Default)]
pub struct ReportRequest {
    /// The inputs and options `compile` takes; `output` is the HTML file, or `-` for stdout.
    pub compile: CompileRequest,
    /// `--pdf`: also print the page to this PDF file.
    pub pdf: Option<PathBuf>,
    /// `--chromium`: the browser that prints the PDF.
    pub chromium: Option<PathBuf>,
    /// `--template DIR`: templates that replace the built-in ones by file name.
    pub templates: Option<PathBuf>,
    /// `--no-previews` turns this off.
    pub previews: bool,
}

/// Refuses outputs that exist (without `--force`) or are folders, before any work.
fn check_output(path: &Path, force: bool, what: &'static str) -> Result<(), Error> {
    if path.is_dir() {
        return Err(ReportError::IsFolder {
            path: path.to_path_buf(),
            what,
        }
        .into());
    }
    if path.exists() && !force {
        return Err(Error::OutputExists {
            path: path.to_path_buf(),
        });
    }
    Ok(())
}

/// The definitions a compilation's responses may name: every `-q`, then the built-in editions.
fn definitions(flags: &[String]) -> view::Definitions {
    let mut all: Vec<Questionnaire> = flags
        .iter()
        .filter_map(|f| Questionnaire::resolve(f).ok())
        .collect();
    all.extend(
        Questionnaire::builtin_ids()
            .filter_map(Questionnaire::builtin_cached)
            .cloned(),
    );
    view::Definitions(all)
}

/// The page of a compilation, rendered with the templates.
pub fn render(
    compilation: &Compilation,
    questionnaires: &[String],
    templates: &render::Templates,
    previews: bool,
) -> Result<String, Error> {
    let page = view::page(compilation, &definitions(questionnaires), previews);
    Ok(templates.render(&page)?)
}

/// Compiles every input, writes the page (and the PDF); the totals line goes to `err`.
pub fn report(
    request: &ReportRequest,
    out: &mut dyn Write,
    err: &mut dyn Write,
    progress: &dyn Progress,
) -> Result<Exit, Error> {
    let output = request.compile.output.as_str();
    let force = request.compile.force;
    if output != "-" {
        check_output(Path::new(output), force, "the report")?;
    }
    if let Some(pdf) = &request.pdf {
        check_output(pdf, force, "`--pdf`")?;
    }
    let templates = render::Templates::load(request.templates.as_deref())?;
    let mut compilation = Compilation::default();
    let totals = compile::tables(&request.compile, &mut compilation, err, progress)?;
    let html = render(
        &compilation,
        &request.compile.questionnaires,
        &templates,
        request.previews,
    )?;
    if output == "-" {
        out.write_all(html.as_bytes())
            .and_then(|()| out.flush())
            .map_err(Error::stdout)?;
    } else {
        crate::fsio::write_atomic(Path::new(output), html.as_bytes())
            .map_err(Error::write(Target::File(PathBuf::from(output))))?;
    }
    let mut wrote = output.to_string();
    if let Some(pdf) = &request.pdf {
        let env = std::env::var(pdf::VARIABLE).ok();
        let path = std::env::var_os("PATH");
        let printed = pdf::find(request.chromium.as_deref(), env.as_deref(), path.as_deref())
            .and_then(|chromium| pdf::print(&html, pdf, &chromium, pdf::TIME_LIMIT));
        match printed {
            Ok(()) => wrote.push_str(&format!(" and {}", pdf.display())),
            Err(e) => {
                writeln!(
                    err,
                    "{}; wrote {wrote}",
                    crate::report::totals(&totals.summary, false)
                )
                .map_err(Error::stderr)?;
                return Err(match e {
                    pdf::PdfError::NotFound(reason) => ReportError::NoChromium {
                        pdf: pdf.clone(),
                        reason,
                    },
                    pdf::PdfError::Failed(reason) => ReportError::PdfFailed {
                        pdf: pdf.clone(),
                        reason,
                    },
                }
                .into());
            }
        }
    }
    crate::compile::say_totals(err, &totals, &wrote)?;
    Ok(totals.exit())
}
