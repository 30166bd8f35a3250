//! Writing a text in the person's own editor: `VISUAL`, then `EDITOR`, then the first of
//! `editor`, `nano` and `vi` found on the `PATH`. A missing or failing editor is an error the
//! prompt shows in one line; the text it was given stays as it was.

use std::ffi::OsString;
use std::path::Path;
use std::process::Command;

/// The editors tried, in order, when neither `VISUAL` nor `EDITOR` is set.
const FALLBACKS: [&str; 3] = ["editor", "nano", "vi"];

/// The editor command to run and where it comes from (`$VISUAL`, `$EDITOR`, or the `PATH`).
fn choose(
    var: impl Fn(&str) -> Option<OsString>,
    found: impl Fn(&str) -> bool,
) -> Result<(String, &'static str), String> {
    for name in ["VISUAL", "EDITOR"] {
        if let Some(value) = var(name).filter(|v| !v.is_empty()) {
            let source = if name == "VISUAL" {
                "$VISUAL"
            } else {
                "$EDITOR"
            };
            return Ok((value.to_string_lossy().into_owned(), source));
        }
    }
    FALLBACKS
        .iter()
        .find(|name| found(name))
        .map(|name| (name.to_string(), "the PATH"))
        .ok_or_else(|| {
            "none is set and none of editor, nano, vi is installed; set VISUAL or EDITOR"
                .to_string()
        })
}

/// Whether an executable called `name` is in one of the `PATH`'s folders.
fn on_path(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| is_executable(&dir.join(name))))
}

fn is_executable(path: &Path) -> bool {
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

/// Edits `text` in the external editor and returns the saved text, trimmed; `Err` says in a
/// few words why no editor could be used.
pub(super) fn edit(text: &str) -> Result<String, String> {
    let (command, source) = choose(|name| std::env::var_os(name), on_path)?;
    let words = shell_words::split(&command)
        .ok()
        .filter(|w| !w.is_empty())
        .ok_or_else(|| format!("`{command}` (from {source}) is not a command"))?;
    let file = tempfile::Builder::new()
        .prefix("qfill-")
        .suffix(".txt")
        .tempfile()
        .map_err(|e| format!("no temporary file: {}", crate::text::io_reason(&e)))?;
    std::fs::write(file.path(), text)
        .map_err(|e| format!("no temporary file: {}", crate::text::io_reason(&e)))?;
    let status = Command::new(&words[0])
        .args(&words[1..])
        .arg(file.path())
        .status()
        .map_err(|e| {
            format!(
                "`{command}` (from {source}) cannot be run: {}",
                crate::text::io_reason(&e)
            )
        })?;
    if !status.success() {
        return Err(format!(
            "`{command}` (from {source}) failed ({status}); the text is unchanged"
        ));
    }
    let edited = std::fs::read_to_string(file.path()).map_err(|e| {
        format!(
            "the edited text cannot be read: {}",
            crate::text::io_reason(&e)
        )
    })?;
    Ok(edited.trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn visual_then_editor_then_the_first_installed() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                pairs
                    .iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| OsString::from(v))
            }
        };
        let all = |_: &str| true;
        assert_eq!(
            choose(env(&[("VISUAL", "code -w"), ("EDITOR", "vim")]), all),
            Ok(("code -w".to_string(), "$VISUAL"))
        );
        assert_eq!(
            choose(env(&[("VISUAL", ""), ("EDITOR", "vim")]), all),
            Ok(("vim".to_string(), "$EDITOR"))
        );
        assert_eq!(
            choose(env(&[]), |n: &str| n != "editor"),
            Ok(("nano".to_string(), "the PATH"))
        );
        assert!(
            choose(env(&[]), |_: &str| false)
                .unwrap_err()
                .contains("set VISUAL or EDITOR")
        );
    }
}
