//! Files the test suite writes from their sources, so that qfill does not build them when it
//! starts: the reference tables (`refdata/generate.rs`) and the compiled built-in editions
//! (`questionnaire/compiled.rs`). Their generators check them with [`ensure_current`].

use std::path::Path;

/// Fails when a file at a path (from the crate's root) does not hold what it should, after
/// rewriting every such file: the developer reviews them and commits them with the change to
/// their sources.
pub(crate) fn ensure_current(files: &[(&str, Vec<u8>)]) {
    let mut stale = Vec::new();
    for (path, want) in files {
        let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
        if std::fs::read(&full).ok().as_ref() != Some(want) {
            std::fs::write(&full, want).unwrap_or_else(|e| panic!("cannot write {path}: {e}"));
            stale.push(*path);
        }
    }
    assert!(
        stale.is_empty(),
        "{} did not match their sources and have been rewritten: review them, commit them, and \
         run the tests again",
        stale.join(", ")
    );
}
