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
    /// The Word form DESA sends out, filled in (binary).
    Docx,
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
            "docx" => Some(ExportFormat::Docx),
            _ => None,
        }
    }

    /// Writes a response in this format.
    pub fn write(self, answers: &Answers, questionnaire: &Questionnaire) -> Vec<u8> {
        match self {
            ExportFormat::Toml => answers.to_text(crate::document::Format::Toml).into_bytes(),
            ExportFormat::Json => answers.to_text(crate::document::Format::Json).into_bytes(),
            ExportFormat::Markdown => Markdown.render(answers, questionnaire).into_bytes(),
            ExportFormat::Text => Legacy.render(answers, questionnaire).into_bytes(),
            ExportFormat::Docx => crate::docx::write::filled_form(answers, questionnaire),
        }
    }

    /// What the output is called in a refusal: `the Word form` for the binary one.
    pub fn binary(self) -> Option<&'static str> {
        matches!(self, ExportFormat::Docx).then_some("the Word form")
    }
}

impl ExportFormat {
    /// The canonical form of what an input was read as: an answers file in its own format,
    /// anything else (legacy text, a Word form) as TOML.
    pub fn of(kind: crate::input::Kind) -> ExportFormat {
        use crate::document::Format;
        use crate::input::Kind;
        match kind {
            Kind::Answers(Format::Json) => ExportFormat::Json,
            Kind::Answers(Format::Toml) | Kind::Legacy | Kind::Docx => ExportFormat::Toml,
        }
    }
}

/// One document format.
pub trait Render {
    /// The response as a document, in questionnaire order.
    fn render(&self, answers: &Answers, questionnaire: &Questionnaire) -> String;
}
