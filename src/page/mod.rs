//! The page of `qfill report`: the compiled model of many responses as one self-contained HTML page — a
//! summary, charts with their data tables, and a preview of each response with its findings
//! marked — and, with `--pdf`, the same page printed by headless Chromium.
//!
//! The page is computed from [`crate::compile::Compilation`] only ([`view`]); the templates
//! ([`render`]) turn it into HTML with every value escaped.

pub mod chart;
pub mod coverage;
pub mod error;
pub mod headline;
pub mod hold;
pub mod lists;
pub mod pdf;
pub mod preview;
pub mod render;
pub mod sheet;
pub mod view;

pub use error::PageError;

use std::sync::Arc;

use crate::fsio::{Target, WriteError};
use crate::questionnaire::Questionnaire;

/// The definitions a compilation's responses may name: every `-q`, then the built-in editions.
pub fn definitions(flags: &[Questionnaire]) -> view::Definitions {
    let mut all: Vec<Questionnaire> = flags.to_vec();
    all.extend(
        Questionnaire::builtin_ids()
            .filter_map(Questionnaire::builtin_cached)
            .cloned(),
    );
    view::Definitions(all)
}

/// The paper the page prints on.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Paper {
    /// A4 portrait, the UN's paper.
    #[default]
    A4,
    /// US Letter portrait (`--paper letter`).
    Letter,
}

/// How the page is made: with previews or not, its paper, its as-of date.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// A preview of each response (`--no-previews` turns it off).
    pub previews: bool,
    /// The paper of `@page`.
    pub paper: Paper,
    /// `--as-of`: the date the page speaks as of, before `SOURCE_DATE_EPOCH` and the latest
    /// submission.
    pub as_of: Option<jiff::civil::Date>,
}

/// Writes the page of a compilation to `out` as it is rendered, each preview made when its turn
/// comes, so that memory holds the compiled tables and one preview, never the page. `flags`
/// are the editions given with `-q`, which responses may name besides the built-in ones;
/// `target` is what a failed write names.
pub fn write(
    held: hold::Held,
    flags: &[Questionnaire],
    templates: &render::Templates,
    options: Options,
    out: &mut dyn std::io::Write,
    target: &Target,
) -> Result<(), PageError> {
    let (compilation, spilled) = held
        .finish()
        .map_err(|e| WriteError::to(target.clone())(e))?;
    let defs = Arc::new(definitions(flags));
    let page = view::page(&compilation, &defs, options);
    let previews = options.previews.then(|| {
        minijinja::Value::from_object(preview::Previewer::new(
            Arc::new(compilation),
            defs,
            spilled,
        ))
    });
    templates.write(&page, previews, out, target)
}

/// The page as a string, for tests and callers that want it whole.
pub fn render(
    held: hold::Held,
    flags: &[Questionnaire],
    templates: &render::Templates,
    options: Options,
) -> Result<String, PageError> {
    let mut bytes = Vec::new();
    write(held, flags, templates, options, &mut bytes, &Target::Stdout)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}
