//! qfill: fill in and validate answers to a questionnaire.
//!
//! The library never prints, exits or installs a signal handler: the binary passes writers in and
//! owns the process (see `src/main.rs`, `src/cli.rs`, `src/tty.rs`).
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod batch;
pub mod check;
pub mod commands;
pub mod comments;
pub mod compile;
pub mod definition;
pub mod diff;
pub mod document;
pub mod docx;
pub mod exit;
pub mod export;
pub mod fill;
pub mod finding;
pub mod fsio;
#[cfg(test)]
mod generated;
pub mod import;
pub mod input;
pub mod migrate;
pub mod page;
pub mod questionnaire;
pub mod refdata;
pub mod report;
pub mod rules;
pub mod schema;
pub mod show;
pub mod text;
pub mod validate;
