//! XML inside a valid .docx package: flattened, imported as `qfill import FILE.docx` imports it,
//! the answers written in every format, and the form read as a blank form.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "../oracle.rs"]
#[allow(dead_code)]
mod oracle;

fuzz_target!(|data: &[u8]| oracle::docx_flatten(data));
