//! qfill: fill in and validate answers to a questionnaire.
//!
//! The library never prints; the binary passes writers in.
#![warn(clippy::print_stdout, clippy::print_stderr)]

pub mod answers;
pub mod batch;
pub mod check;
pub mod commands;
pub mod compile;
pub mod document;
pub mod export;
pub mod fill;
pub mod finding;
pub mod fsio;
pub mod html;
pub mod import;
pub mod input;
pub mod questionnaire;
pub mod refdata;
pub mod report;
pub mod rules;
pub mod schema;
pub mod validate;
