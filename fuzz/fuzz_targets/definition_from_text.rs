//! A blank form for `qfill definition from-text`: as text, or (starting with `<`) as the main
//! part of a .docx.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::definition_from_text(data));
