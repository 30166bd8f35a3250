//! A year's intake as entities really send it (`tests/data/intake-2024/`, issue 22) through
//! `qfill compile` and `qfill report`: the workbook read back with calamine, the CSV files with
//! the csv crate, the JSON model with serde_json and the page with scraper, each compared with
//! figures `intake/expected.rs` computes from the answers files themselves and tables written
//! by hand.

mod admin;
mod duplicates;
mod expected;
mod goals;
mod harness;
mod legacy;
mod notes;
mod places;
mod roster;
