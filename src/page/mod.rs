//! The page of `qfill report`: the compiled model of many responses as one self-contained HTML page — a
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

pub use error::PageError;

use crate::compile::Compilation;
use crate::questionnaire::Questionnaire;

/// The definitions a compilation's responses may name: every `-q`, then the built-in editions.
fn definitions(flags: &[Questionnaire]) -> view::Definitions {
    let mut all: Vec<Questionnaire> = flags.to_vec();
    all.extend(
        Questionnaire::builtin_ids()
            .filter_map(Questionnaire::builtin_cached)
            .cloned(),
    );
    view::Definitions(all)
}

/// The page of a compilation, rendered with the templates; `flags` are the editions given with
/// `-q`, which responses may name besides the built-in ones.
pub fn render(
    compilation: &Compilation,
    flags: &[Questionnaire],
    templates: &render::Templates,
    previews: bool,
) -> Result<String, PageError> {
    let page = view::page(compilation, &definitions(flags), previews);
    templates.render(&page)
}
