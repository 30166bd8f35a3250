//! Rendering a response as a document: Markdown for people, the legacy text layout for the old
//! workflow. (TOML and JSON, the data formats, are written by [`crate::answers`].)

mod legacy;
mod markdown;

pub use legacy::{Legacy, question_block};
pub use markdown::Markdown;

use crate::answers::Answers;
use crate::questionnaire::Questionnaire;

/// Every format `export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    /// Canonical TOML.
    Toml,
    /// Canonical JSON.
    Json,
    /// A Markdown document.
    Markdown,
    /// The legacy text layout.
    Text,
}

impl ExportFormat {
    /// The format an output file's extension names.
    pub fn from_extension(name: &str) -> Option<ExportFormat> {
        let ext = std::path::Path::new(name)
            .extension()?
            .to_str()?
            .to_ascii_lowercase();
        match ext.as_str() {
            "toml" => Some(ExportFormat::Toml),
            "json" => Some(ExportFormat::Json),
            "md" | "markdown" => Some(ExportFormat::Markdown),
            "txt" => Some(ExportFormat::Text),
            _ => None,
        }
    }

    /// Writes a response in this format.
    pub fn write(self, answers: &Answers, questionnaire: &Questionnaire) -> String {
        match self {
            ExportFormat::Toml => answers.to_text(crate::document::Format::Toml),
            ExportFormat::Json => answers.to_text(crate::document::Format::Json),
            ExportFormat::Markdown => Markdown.render(answers, questionnaire),
            ExportFormat::Text => Legacy.render(answers, questionnaire),
        }
    }
}

impl From<crate::document::Format> for ExportFormat {
    fn from(format: crate::document::Format) -> ExportFormat {
        match format {
            crate::document::Format::Toml => ExportFormat::Toml,
            crate::document::Format::Json => ExportFormat::Json,
        }
    }
}

/// One document format.
pub trait Render {
    /// The response as a document, in questionnaire order.
    fn render(&self, answers: &Answers, questionnaire: &Questionnaire) -> String;
}
