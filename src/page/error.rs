//! Why the page of `qfill report` could not be made: an output that is a folder, a template that
//! cannot be read or does not work, a PDF Chromium could not print, or a write that failed.
//! Every one exits 2.

use std::path::PathBuf;

use crate::fsio::WriteError;

/// A page that could not be made or written.
#[derive(Debug, thiserror::Error)]
pub enum PageError {
    /// The page could not be written.
    #[error(transparent)]
    Write(#[from] WriteError),
    /// `-o` or `--pdf` names a folder.
    #[error("`{}` is a folder; {what} is one file", .path.display())]
    IsFolder {
        /// The output.
        path: PathBuf,
        /// Which output: `the report`, `--pdf`.
        what: &'static str,
    },
    /// `--template DIR` cannot be read.
    #[error("cannot read the template folder `{}`: {reason}", .path.display())]
    TemplateFolder {
        /// The folder.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A template file in DIR cannot be read.
    #[error("cannot read the template `{}`: {reason}", .path.display())]
    TemplateUnreadable {
        /// The file.
        path: PathBuf,
        /// Why.
        reason: String,
    },
    /// A template does not parse, or fails while rendering.
    #[error("template `{template}{}`: {reason}", .line.map(|l| format!(":{l}")).unwrap_or_default())]
    Template {
        /// The template's file, or `built-in NAME`.
        template: String,
        /// The line, when known.
        line: Option<usize>,
        /// What is wrong.
        reason: String,
    },
    /// No Chromium to print the PDF; the HTML was written.
    #[error("cannot print `{}`: {reason}; the HTML report was written", .pdf.display())]
    NoChromium {
        /// The PDF asked for.
        pdf: PathBuf,
        /// Where Chromium was looked for.
        reason: String,
    },
    /// Chromium failed or took too long; the HTML was written.
    #[error("cannot print `{}`: {reason}; the HTML report was written", .pdf.display())]
    PdfFailed {
        /// The PDF asked for.
        pdf: PathBuf,
        /// What went wrong.
        reason: String,
    },
}

impl PageError {
    /// How to fix it, if there is something to say.
    pub fn hint(&self) -> Option<String> {
        Some(match self {
            PageError::Write(_) => return None,
            PageError::IsFolder { .. } => "name a file, e.g. `report.html`".into(),
            PageError::TemplateFolder { .. } => {
                "name a folder of templates that replace the built-in ones by file name".into()
            }
            PageError::TemplateUnreadable { .. } => "a template is a UTF-8 text file".into(),
            PageError::Template { .. } => {
                "fix the template, or remove it from the template folder to use the built-in one"
                    .into()
            }
            PageError::NoChromium { .. } => "install Chromium (Debian/Ubuntu: `apt-get install chromium`; macOS: `brew install --cask chromium`) or name it with `--chromium PATH` or `QFILL_CHROMIUM`".into(),
            PageError::PdfFailed { .. } => {
                "run the same Chromium by hand on the HTML report to see what it says, or name another with `--chromium PATH`".into()
            }
        })
    }
}
