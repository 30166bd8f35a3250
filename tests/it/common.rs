//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

use assert_cmd::Command;

/// The built `qfill`, with colour off and no terminal type.
pub fn qfill() -> Command {
    let mut cmd = Command::cargo_bin("qfill").unwrap();
    cmd.env("NO_COLOR", "1").env_remove("TERM");
    cmd
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}
