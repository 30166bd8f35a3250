//! Helpers shared by the integration tests: the one way to start the built `qfill`, paths in the
//! checkout, and scratch folders.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The path of the built `qfill`, for what starts it itself (a pseudo-terminal, trycmd).
pub fn bin() -> &'static Path {
    Path::new(env!("CARGO_BIN_EXE_qfill"))
}

/// The built `qfill` as a process to start: colour off and no terminal type, whatever the
/// terminal that runs the tests, so that output is what a pipe gets.
pub fn command() -> Command {
    let mut cmd = Command::new(bin());
    cmd.env("NO_COLOR", "1")
        .env_remove("CLICOLOR")
        .env_remove("CLICOLOR_FORCE")
        .env_remove("TERM");
    cmd
}

/// [`command`], to run and assert on with assert_cmd.
pub fn qfill() -> assert_cmd::Command {
    assert_cmd::Command::from_std(command())
}

/// A path in the repository.
pub fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

/// A scratch folder, removed with everything in it when dropped.
pub struct Scratch(tempfile::TempDir);

impl Scratch {
    /// A new, empty scratch folder.
    pub fn new() -> Scratch {
        Scratch(tempfile::tempdir().expect("a scratch folder"))
    }

    /// The folder.
    pub fn path(&self) -> &Path {
        self.0.path()
    }

    /// The path of `name` in the folder, as an argument for `qfill`; nothing is written.
    pub fn at(&self, name: &str) -> String {
        self.path().join(name).display().to_string()
    }

    /// Writes `content` to `name` in the folder, making the folders on the way, and returns the
    /// file's path as an argument for `qfill`.
    pub fn file(&self, name: &str, content: impl AsRef<[u8]>) -> String {
        let path = self.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, content).unwrap();
        path.display().to_string()
    }
}
