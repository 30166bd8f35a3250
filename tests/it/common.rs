//! Helpers shared by the integration tests: the one way to start the built `qfill`, paths in the
//! checkout, scratch folders, and running the cases of a loop on several threads.

use std::fs;
use std::panic::{self, AssertUnwindSafe};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::thread;

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

/// `each` of every item, in the items' order, computed on `workers` threads (a loop over many
/// files spends most of its time waiting for the processes it starts). The first failure stops
/// the loop and fails the test with its own message.
pub fn on_threads<T: Sync, R: Send>(
    items: &[T],
    workers: usize,
    each: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let next = AtomicUsize::new(0);
    let failed = AtomicBool::new(false);
    let work = || {
        let mut done = Vec::new();
        while !failed.load(Ordering::Relaxed) {
            let n = next.fetch_add(1, Ordering::Relaxed);
            let Some(item) = items.get(n) else {
                break;
            };
            match panic::catch_unwind(AssertUnwindSafe(|| each(item))) {
                Ok(result) => done.push((n, result)),
                Err(panic) => {
                    failed.store(true, Ordering::Relaxed);
                    panic::resume_unwind(panic);
                }
            }
        }
        done
    };
    let mut results: Vec<(usize, R)> = thread::scope(|scope| {
        let running: Vec<_> = (0..workers.clamp(1, items.len().max(1)))
            .map(|_| scope.spawn(work))
            .collect();
        let mut results = Vec::with_capacity(items.len());
        for worker in running {
            match worker.join() {
                Ok(done) => results.extend(done),
                Err(panic) => panic::resume_unwind(panic),
            }
        }
        results
    });
    results.sort_by_key(|(n, _)| *n);
    results.into_iter().map(|(_, result)| result).collect()
}
