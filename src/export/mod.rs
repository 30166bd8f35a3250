//! Rendering a response as a document: Markdown for people, the legacy text layout for the old
//! workflow. (TOML and JSON, the data formats, are written by [`crate::answers`].)

mod legacy;
mod markdown;

pub use legacy::Legacy;
pub use markdown::Markdown;

use crate::answers::{Answers, FieldValue, Place};
use crate::questionnaire::Questionnaire;
use crate::rules::dates::Dates;
use crate::rules::sdgs::SdgSet;

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

/// The form label up to its first parenthesis or colon: `Description`, `Event Location`.
pub fn short_label(label: &str) -> &str {
    label.split(['(', ':']).next().unwrap_or(label).trim()
}

/// A field value as one line of plain text, the way the legacy form held it.
fn plain_value(value: &FieldValue) -> String {
    match value {
        FieldValue::Text(t) => t.clone(),
        FieldValue::Sdgs(SdgSet::All) | FieldValue::All => "all".to_string(),
        FieldValue::Sdgs(SdgSet::Goals(goals)) => goals
            .iter()
            .map(u8::to_string)
            .collect::<Vec<_>>()
            .join(", "),
        FieldValue::Dates(Dates::Day(d)) => d.to_string(),
        FieldValue::Dates(Dates::Span { start, end }) => format!("{start} to {end}"),
        FieldValue::Places(places) => places.iter().map(place).collect::<Vec<_>>().join("; "),
        FieldValue::List(items) => items.join("; "),
        FieldValue::Raw(node) => match node.as_str() {
            Some(s) => s.to_string(),
            None => crate::answers::node_json(node).to_string(),
        },
    }
}

fn place(place: &Place) -> String {
    match (&place.city, &place.country) {
        (Some(city), Some(country)) => format!("{city}, {country}"),
        (Some(one), None) | (None, Some(one)) => one.clone(),
        (None, None) => String::new(),
    }
}
