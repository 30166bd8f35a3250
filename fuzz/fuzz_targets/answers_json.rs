//! An answers file read as JSON: parse, check, place findings, write both formats back.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::answers(data, qfill::document::Format::Json));
