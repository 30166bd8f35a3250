//! Writing outputs: files written so that they cannot be corrupted — a temporary file in the
//! same folder, flushed to disk, then renamed over the target (an existing file keeps its
//! permissions; a new one gets the permissions any program's new file gets, read-write for all
//! less the umask, not the owner-only mode of a temporary file) — and what a failed write names.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::text::io_reason;

/// Where output was going when it could not be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Standard output.
    Stdout,
    /// Standard error (findings, notes).
    Stderr,
    /// The terminal `fill` talks to.
    Terminal,
    /// A file.
    File(PathBuf),
}

impl fmt::Display for Target {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Target::Stdout => f.write_str("standard output"),
            Target::Stderr => f.write_str("standard error"),
            Target::Terminal => f.write_str("the terminal"),
            Target::File(path) => write!(f, "{}", path.display()),
        }
    }
}

/// Output that could not be written: where it was going, and why.
#[derive(Debug, thiserror::Error)]
#[error("cannot write `{target}`: {}", io_reason(.source))]
pub struct WriteError {
    /// Where it was going.
    pub target: Target,
    /// Why it failed.
    #[source]
    pub source: io::Error,
}

impl WriteError {
    /// A failure to write to `target`, for `map_err`.
    pub fn to(target: Target) -> impl FnOnce(io::Error) -> WriteError {
        move |source| WriteError { target, source }
    }

    /// A failure to write to a file, for `map_err`.
    pub fn file(path: &Path) -> impl FnOnce(io::Error) -> WriteError {
        WriteError::to(Target::File(path.to_path_buf()))
    }

    /// A failure to write to standard output, for `map_err`.
    pub fn stdout(source: io::Error) -> WriteError {
        WriteError {
            target: Target::Stdout,
            source,
        }
    }

    /// A failure to write to standard error, for `map_err`.
    pub fn stderr(source: io::Error) -> WriteError {
        WriteError {
            target: Target::Stderr,
            source,
        }
    }

    /// The reader of standard output went away (`qfill validate dir | head -1`): not a failure
    /// worth a message; the run ends with the exit code of the work done so far.
    pub fn is_closed_stdout(&self) -> bool {
        self.target == Target::Stdout && self.source.kind() == io::ErrorKind::BrokenPipe
    }
}

/// Writes `bytes` to `path` atomically.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    write_atomic_with(path, |file| file.write_all(bytes))
}

/// Writes `path` atomically with `write`: if it fails, the target is left as it was and the
/// temporary file is removed.
pub fn write_atomic_with(
    path: &Path,
    write: impl FnOnce(&mut std::fs::File) -> io::Result<()>,
) -> io::Result<()> {
    // Through a symbolic link the file it points to is rewritten; the link stays a link.
    let resolved;
    let path = if fs::symlink_metadata(path).is_ok_and(|m| m.file_type().is_symlink()) {
        resolved = fs::canonicalize(path)?;
        resolved.as_path()
    } else {
        path
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    let mut builder = tempfile::Builder::new();
    builder.prefix(".qfill-").suffix(".tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        // The mode is given at creation, so the umask applies as it does to any new file.
        builder.permissions(fs::Permissions::from_mode(0o666));
    }
    let mut temp = builder.tempfile_in(dir)?;
    write(temp.as_file_mut())?;
    temp.flush()?;
    if let Ok(metadata) = fs::metadata(path) {
        fs::set_permissions(temp.path(), metadata.permissions())?;
    }
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    // The rename is durable only once the folder is synced too; not every system allows it.
    if let Ok(folder) = fs::File::open(dir) {
        let _ = folder.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_whole_and_keeps_permissions() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old old old old").unwrap();
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        }
        write_atomic(&path, b"new").unwrap();
        assert_eq!(fs::read_to_string(&path).unwrap(), "new");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o640);
        }
        let leftovers: Vec<_> = fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(leftovers.len(), 1, "no temporary file is left behind");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_new_file_gets_the_usual_permissions_less_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let status = fs::read_to_string("/proc/self/status").unwrap();
        let umask = status
            .lines()
            .find_map(|l| l.strip_prefix("Umask:"))
            .map(|m| u32::from_str_radix(m.trim(), 8).unwrap())
            .unwrap();
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("new.toml");
        write_atomic(&path, b"new").unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode, 0o666 & !umask);
    }

    #[cfg(unix)]
    #[test]
    fn a_link_stays_a_link() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().join("real.toml");
        let link = dir.path().join("link.toml");
        fs::write(&real, "old").unwrap();
        std::os::unix::fs::symlink(&real, &link).unwrap();
        write_atomic(&link, b"new").unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "new");
    }

    #[test]
    fn a_failing_writer_leaves_the_old_file_whole() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.toml");
        fs::write(&path, "old content").unwrap();
        let result = write_atomic_with(&path, |file| {
            file.write_all(b"new con")?;
            Err(io::Error::other("disk full"))
        });
        assert_eq!(result.unwrap_err().to_string(), "disk full");
        assert_eq!(fs::read_to_string(&path).unwrap(), "old content");
        let names: Vec<_> = fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.toml"], "the temporary file is removed");
    }
}
