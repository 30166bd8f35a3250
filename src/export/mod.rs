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

impl ExportFormat {
    /// The format that writes back what an input was read as.
    pub fn of(kind: crate::input::Kind) -> ExportFormat {
        use crate::document::Format;
        use crate::input::Kind;
        match kind {
            Kind::Answers(Format::Toml) => ExportFormat::Toml,
            Kind::Answers(Format::Json) => ExportFormat::Json,
            Kind::Legacy => ExportFormat::Text,
        }
    }
}

/// One document format.
pub trait Render {
    /// The response as a document, in questionnaire order.
    fn render(&self, answers: &Answers, questionnaire: &Questionnaire) -> String;
}
