//! Printing the page to PDF with headless Chromium: a throwaway profile, no background
//! networking, a time limit, and the PDF written atomically.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The names Chromium goes by on PATH, in the order they are tried.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
];

/// The variable naming Chromium when `--chromium` is not given.
pub const VARIABLE: &str = "QFILL_CHROMIUM";

/// How long Chromium may take to print.
pub const TIME_LIMIT: Duration = Duration::from_secs(180);

/// Why no PDF was made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PdfError {
    /// No Chromium: where it was looked for.
    NotFound(String),
    /// Chromium ran and failed, or took too long.
    Failed(String),
}

fn executable(path: &Path) -> bool {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        path.metadata()
            .is_ok_and(|m| m.is_file() && m.permissions().mode() & 0o111 != 0)
    }
    #[cfg(not(unix))]
    {
        path.is_file()
    }
}

/// Chromium: `flag` (`--chromium`), else `env` (`QFILL_CHROMIUM`), else the first of [`NAMES`]
/// on `path` (`PATH`).
pub fn find(
    flag: Option<&Path>,
    env: Option<&str>,
    path: Option<&std::ffi::OsStr>,
) -> Result<PathBuf, PdfError> {
    if let Some(flag) = flag {
        return if executable(flag) {
            Ok(flag.to_path_buf())
        } else {
            Err(PdfError::NotFound(format!(
                "`--chromium {}` is not an executable file",
                flag.display()
            )))
        };
    }
    if let Some(env) = env.filter(|e| !e.is_empty()) {
        let named = Path::new(env);
        return if executable(named) {
            Ok(named.to_path_buf())
        } else {
            Err(PdfError::NotFound(format!(
                "`{VARIABLE}={env}` is not an executable file"
            )))
        };
    }
    let dirs: Vec<PathBuf> = path
        .map(|p| std::env::split_paths(p).collect())
        .unwrap_or_default();
    for name in NAMES {
        for dir in &dirs {
            let candidate = dir.join(name);
            if executable(&candidate) {
                return Ok(candidate);
            }
        }
    }
    Err(PdfError::NotFound(format!(
        "Chromium was not found (`--chromium`, `{VARIABLE}`, or {} on PATH)",
        NAMES
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

#[cfg(unix)]
fn is_root() -> bool {
    rustix::process::geteuid().is_root()
}

#[cfg(not(unix))]
fn is_root() -> bool {
    false
}

/// The arguments that make Chromium print `page` to `out` and touch nothing else.
pub fn arguments(profile: &Path, out: &Path, page: &str) -> Vec<String> {
    let mut args: Vec<String> = [
        "--headless",
        "--disable-gpu",
        "--no-first-run",
        "--no-default-browser-check",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-default-apps",
        "--disable-extensions",
        "--disable-sync",
        "--disable-breakpad",
        "--metrics-recording-only",
        "--mute-audio",
        "--no-pdf-header-footer",
    ]
    .iter()
    .map(|s| (*s).to_string())
    .collect();
    if is_root() {
        // Chromium refuses to run as root inside its sandbox.
        args.push("--no-sandbox".to_string());
    }
    args.push(format!("--user-data-dir={}", profile.display()));
    args.push(format!("--print-to-pdf={}", out.display()));
    args.push(page.to_string());
    args
}

/// Prints the page in the file `page` with `chromium`, within `limit`: the bytes of the PDF.
pub fn print(page: &Path, chromium: &Path, limit: Duration) -> Result<Vec<u8>, PdfError> {
    let failed = |what: String| PdfError::Failed(what);
    let work =
        tempfile::tempdir().map_err(|e| failed(format!("cannot make a temporary folder: {e}")))?;
    let absolute = std::fs::canonicalize(page)
        .map_err(|e| failed(format!("cannot find the page `{}`: {e}", page.display())))?;
    let url = url::Url::from_file_path(&absolute)
        .map_err(|()| failed(format!("`{}` has no file URL", absolute.display())))?;
    let printed = work.path().join("report.pdf");
    let log_path = work.path().join("chromium.log");
    let log = std::fs::File::create(&log_path)
        .map_err(|e| failed(format!("cannot write Chromium's log: {e}")))?;
    let mut child = Command::new(chromium)
        .args(arguments(
            &work.path().join("profile"),
            &printed,
            url.as_str(),
        ))
        .stdin(Stdio::null())
        .stdout(log.try_clone().map_err(|e| failed(e.to_string()))?)
        .stderr(log)
        .spawn()
        .map_err(|e| failed(format!("cannot run `{}`: {e}", chromium.display())))?;
    let started = Instant::now();
    let status = loop {
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) if started.elapsed() > limit => {
                let _ = child.kill();
                let _ = child.wait();
                return Err(failed(format!(
                    "Chromium did not finish within {} seconds",
                    limit.as_secs()
                )));
            }
            Ok(None) => std::thread::sleep(Duration::from_millis(50)),
            Err(e) => return Err(failed(format!("cannot wait for Chromium: {e}"))),
        }
    };
    let bytes = std::fs::read(&printed)
        .ok()
        .filter(|b| b.starts_with(b"%PDF"));
    let Some(bytes) = bytes.filter(|_| status.success()) else {
        let log = std::fs::read_to_string(&log_path).unwrap_or_default();
        let last = log
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .unwrap_or("no message");
        return Err(failed(format!(
            "Chromium did not print the page ({status}): {}",
            last.trim()
        )));
    };
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chromium_is_found_by_flag_then_variable_then_path() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("chromium-browser");
        std::fs::write(&fake, "#!/bin/sh\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let path = std::env::join_paths([Path::new("/nonexistent"), dir.path()]).unwrap();
        assert_eq!(find(None, None, Some(&path)), Ok(fake.clone()));
        assert_eq!(
            find(None, Some(fake.to_str().unwrap()), None),
            Ok(fake.clone())
        );
        assert_eq!(
            find(Some(&fake), Some("/nonexistent"), None),
            Ok(fake.clone())
        );
        assert!(
            matches!(find(None, Some("/nonexistent/chrome"), Some(&path)), Err(PdfError::NotFound(m)) if m.contains("QFILL_CHROMIUM"))
        );
        assert!(matches!(
            find(None, None, Some(std::ffi::OsStr::new("/nonexistent"))),
            Err(PdfError::NotFound(_))
        ));
        let text = dir.path().join("notes.txt");
        std::fs::write(&text, "").unwrap();
        assert!(
            matches!(find(Some(&text), None, Some(&path)), Err(PdfError::NotFound(m)) if m.contains("--chromium"))
        );
    }

    #[test]
    fn chromium_runs_with_a_throwaway_profile_and_no_background_networking() {
        let args = arguments(
            Path::new("/tmp/p"),
            Path::new("/tmp/o.pdf"),
            "file:///tmp/r.html",
        );
        for want in [
            "--headless",
            "--disable-background-networking",
            "--user-data-dir=/tmp/p",
            "--print-to-pdf=/tmp/o.pdf",
        ] {
            assert!(args.iter().any(|a| a == want), "{want} in {args:?}");
        }
        assert_eq!(args.last().unwrap(), "file:///tmp/r.html");
        assert_eq!(args.iter().any(|a| a == "--no-sandbox"), is_root());
    }

    #[test]
    fn a_failing_chromium_is_said() {
        let dir = tempfile::tempdir().unwrap();
        let fake = dir.path().join("chromium");
        std::fs::write(&fake, "#!/bin/sh\necho 'cannot open display' >&2\nexit 3\n").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            std::fs::set_permissions(&fake, std::fs::Permissions::from_mode(0o755)).unwrap();
        }
        let page = dir.path().join("page.html");
        std::fs::write(&page, "<p>x</p>").unwrap();
        let e = print(&page, &fake, Duration::from_secs(30)).unwrap_err();
        assert!(
            matches!(&e, PdfError::Failed(m) if m.contains("cannot open display")),
            "{e:?}"
        );
    }
}
