//! Reading inputs: files, folders walked for answers files, and stdin; the size limit, a BOM,
//! UTF-8 and binary content. Failures are findings for that input, never a reason to stop.

use std::fs;
use std::io::{self, Read};
use std::path::{Path, PathBuf};

use crate::document::Format;
use crate::finding::{Code, Finding};
use crate::text::{human_size, io_reason};

/// The default `--max-size`: 10 MiB.
pub const DEFAULT_MAX_SIZE: u64 = 10 * 1024 * 1024;

/// Where an input comes from.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Source {
    /// Standard input, named `-`.
    Stdin,
    /// A file.
    File(PathBuf),
    /// A glob pattern that names no file; reading it reports `reason` as `unreadable`.
    Unmatched {
        /// The pattern as given.
        pattern: String,
        /// Why nothing was read: `no file matches`, or what is wrong with the pattern.
        reason: String,
    },
}

impl Source {
    /// The name findings give: the path or pattern as given, or `-`.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "-".to_string(),
            Source::File(path) => path.display().to_string(),
            Source::Unmatched { pattern, .. } => pattern.clone(),
        }
    }
}

/// What an input holds, and so how it is read: decided by the flag, else the extension, else
/// the content.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// An answers file, parsed as TOML or JSON.
    Answers(Format),
    /// Answers in the legacy text layout copied out of the Word form, read by `import`'s reader;
    /// only when named (`.txt`) or flagged, never picked up from a folder.
    Legacy,
    /// The Word form itself (`.docx`), a zip package: read by `docx`, never as text.
    Docx,
}

impl Kind {
    /// The kind a file name's extension names: `.toml`, `.json`, `.txt`.
    pub fn from_extension(name: &str) -> Option<Kind> {
        if let Some(format) = Format::from_extension(name) {
            return Some(Kind::Answers(format));
        }
        let ext = Path::new(name).extension()?.to_str()?;
        if ext.eq_ignore_ascii_case("txt") {
            Some(Kind::Legacy)
        } else if ext.eq_ignore_ascii_case("docx") {
            Some(Kind::Docx)
        } else {
            None
        }
    }

    /// The kind an input is read as before a byte of it is read: `--input-format`, else the
    /// extension of a file's name.
    pub fn named(source: &Source, options: ReadOptions) -> Option<Kind> {
        options.format.or_else(|| match source {
            Source::File(path) => Kind::from_extension(&path.to_string_lossy()),
            Source::Stdin | Source::Unmatched { .. } => None,
        })
    }

    /// How people name it: `TOML`, `JSON`, `legacy text`.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Answers(Format::Toml) => "toml",
            Kind::Answers(Format::Json) => "json",
            Kind::Legacy => "legacy text",
            Kind::Docx => "docx",
        }
    }
}

/// An input's text, ready to read.
#[derive(Debug, Clone)]
pub struct Text {
    /// The text, without a BOM.
    pub text: String,
    /// How to read it.
    pub kind: Kind,
}

/// How to read inputs.
#[derive(Debug, Clone, Copy)]
pub struct ReadOptions {
    /// Larger inputs get `too-large` and are not read.
    pub max_size: u64,
    /// Overrides the kind told by the extension or content (`--input-format`).
    pub format: Option<Kind>,
}

impl Default for ReadOptions {
    fn default() -> Self {
        ReadOptions {
            max_size: DEFAULT_MAX_SIZE,
            format: None,
        }
    }
}

/// Why an input could not be read, as a finding (`unreadable`, `too-large`, `parse-error`).
pub type ReadFailure = Box<Finding>;

fn unreadable(message: String, hint: Option<&str>) -> ReadFailure {
    let finding = Finding::new(Code::Unreadable, "", message);
    Box::new(match hint {
        Some(h) => finding.with_hint(h),
        None => finding,
    })
}

/// Reads one input whole, enforcing the size limit, and decides its format.
pub fn read(source: &Source, options: ReadOptions) -> Result<Text, ReadFailure> {
    let bytes = read_bytes(source, options.max_size)?;
    if bytes.starts_with(b"PK\x03\x04") && options.format.is_none() {
        // A zip package where text was expected: most likely a Word form on standard input.
        return Err(Box::new(
            Finding::new(
                Code::ParseError,
                "",
                "is a zip package (a Word form?), not text".to_string(),
            )
            .with_hint("name the file with its `.docx` extension, or give `--input-format docx`"),
        ));
    }
    let text = decode(bytes)?;
    let kind = Kind::named(source, options).unwrap_or_else(|| Kind::Answers(Format::sniff(&text)));
    Ok(Text { text, kind })
}

/// Reads one input's bytes whole, at most `max_size` of them (more is `too-large`).
pub fn read_bytes(source: &Source, max_size: u64) -> Result<Vec<u8>, ReadFailure> {
    match source {
        Source::Stdin => {
            let mut bytes = Vec::new();
            io::stdin()
                .lock()
                .take(max_size.saturating_add(1))
                .read_to_end(&mut bytes)
                .map_err(|e| {
                    unreadable(
                        format!("cannot read standard input: {}", io_reason(&e)),
                        None,
                    )
                })?;
            if bytes.len() as u64 > max_size {
                return Err(too_large(max_size, None));
            }
            Ok(bytes)
        }
        Source::File(path) => read_file(path, max_size),
        Source::Unmatched { reason, .. } => Err(unreadable(
            reason.clone(),
            Some("check the pattern; quote it so that qfill, not the shell, expands it"),
        )),
    }
}

fn read_file(path: &Path, max_size: u64) -> Result<Vec<u8>, ReadFailure> {
    let cannot = |e: io::Error| {
        let reason = if e.raw_os_error() == Some(40) {
            "symbolic link loop".to_string()
        } else {
            io_reason(&e)
        };
        unreadable(format!("cannot read the file: {reason}"), None)
    };
    // Open first and ask the open file for its size: one look-up of the path, not two.
    let file = fs::File::open(path).map_err(cannot)?;
    let metadata = file.metadata().map_err(cannot)?;
    if metadata.is_dir() {
        return Err(unreadable(
            "is a folder, a file is expected".to_string(),
            Some("name one answers file"),
        ));
    }
    if metadata.len() > max_size {
        return Err(too_large(max_size, Some(metadata.len())));
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // The size can change between the check and the read (a growing file, a FIFO).
    file.take(max_size.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(cannot)?;
    if bytes.len() as u64 > max_size {
        return Err(too_large(max_size, None));
    }
    Ok(bytes)
}

fn too_large(max_size: u64, size: Option<u64>) -> ReadFailure {
    let size = size.map_or_else(|| "more".to_string(), human_size);
    Box::new(
        Finding::new(
            Code::TooLarge,
            "",
            format!(
                "is {size}, larger than the limit of {}; not read",
                human_size(max_size)
            ),
        )
        .with_hint("raise the limit with `--max-size` if the file is really an answers file"),
    )
}

/// UTF-8 text without a BOM; binary and invalid UTF-8 are parse errors with a place.
fn decode(mut bytes: Vec<u8>) -> Result<String, ReadFailure> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    // Every byte of every file is looked at here: memchr's vectorised search, not a byte loop.
    if let Some(at) = memchr::memchr(0, &bytes) {
        let (line, column) = byte_position(&bytes, at);
        return Err(Box::new(
            Finding::new(
                Code::ParseError,
                "",
                "holds a NUL byte: it is a binary file, not an answers file".to_string(),
            )
            .at_position(line, column),
        ));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        let (line, column) = byte_position(e.as_bytes(), at);
        Box::new(
            Finding::new(
                Code::ParseError,
                "",
                format!("is not valid UTF-8 (byte {at})"),
            )
            .with_hint("save the file as UTF-8")
            .at_position(line, column),
        )
    })
}

fn byte_position(bytes: &[u8], at: usize) -> (usize, usize) {
    let valid = match std::str::from_utf8(&bytes[..at]) {
        Ok(s) => s,
        Err(e) => std::str::from_utf8(&bytes[..e.valid_up_to()]).unwrap_or(""),
    };
    crate::document::line_column(valid, valid.len())
}

/// Expands the inputs named on the command line, each in turn: `-` is stdin; a folder is walked
/// for `.toml`, `.json` and `.docx` files (hidden ones skipped unless `hidden`), sorted; a name that does
/// not exist but holds `*`, `?` or `[` is a glob pattern, whose such files are
/// taken sorted, or an [`Source::Unmatched`] if there are none. Any other name is kept as a file,
/// so that reading it reports `unreadable` if it is missing.
pub fn expand(inputs: &[String], hidden: bool) -> Vec<Source> {
    let mut sources = Vec::new();
    for input in inputs {
        if input == "-" {
            sources.push(Source::Stdin);
            continue;
        }
        let path = PathBuf::from(input);
        if path.is_dir() {
            let walked = walk(&path, hidden, usize::MAX);
            let found = sorted(walked.files.into_iter().chain(walked.broken).collect());
            sources.extend(found.into_iter().map(Source::File));
        } else if !path.exists() && is_glob(input) {
            match glob(input, hidden) {
                Ok(found) if !found.is_empty() => {
                    sources.extend(found.into_iter().map(Source::File));
                }
                Ok(_) => sources.push(Source::Unmatched {
                    pattern: input.clone(),
                    reason: format!("no file matches `{input}`"),
                }),
                Err(reason) => sources.push(Source::Unmatched {
                    pattern: input.clone(),
                    reason,
                }),
            }
        } else {
            sources.push(Source::File(path));
        }
    }
    sources
}

fn is_glob(input: &str) -> bool {
    input.contains(['*', '?', '['])
}

/// The answers files a glob pattern matches, sorted. The pattern's leading components without
/// wildcards name the folder to walk; the walk is the one folders get, so hidden files and
/// non-answers files are skipped in the same way.
fn glob(pattern: &str, hidden: bool) -> Result<Vec<PathBuf>, String> {
    let matcher = glob::Pattern::new(pattern)
        .map_err(|e| format!("`{pattern}` is not a valid glob pattern: {}", e.msg))?;
    let options = glob::MatchOptions {
        case_sensitive: true,
        // `*` stays within one folder, as in a shell; `**` crosses folders.
        require_literal_separator: true,
        require_literal_leading_dot: !hidden,
    };
    let components: Vec<&str> = pattern.split('/').collect();
    let literal = components.iter().take_while(|c| !is_glob(c)).count();
    let rest = &components[literal..];
    let max_depth = if rest.contains(&"**") {
        usize::MAX
    } else {
        rest.len()
    };
    let base = components[..literal].join("/");
    let (root, strip) = if literal == 1 && components[0].is_empty() {
        // `/*.toml`: the root folder.
        (PathBuf::from("/"), false)
    } else if base.is_empty() {
        // A pattern that starts with a wildcard matches names relative to the current folder.
        (PathBuf::from("."), true)
    } else {
        (PathBuf::from(&base), false)
    };
    if !root.is_dir() {
        return Ok(Vec::new());
    }
    let relative = |path: PathBuf| match path.strip_prefix(".") {
        Ok(relative) if strip => relative.to_path_buf(),
        _ => path,
    };
    let walked = walk(&root, hidden, max_depth);
    let found: Vec<PathBuf> = walked
        .files
        .into_iter()
        .map(relative)
        .filter(|path| matcher.matches_path_with(path, options))
        // A folder that could not be walked may hide matches: report it all the same.
        .chain(walked.broken.into_iter().map(relative))
        .collect();
    Ok(sorted(found))
}

/// The paths of one walk in order, once each. The order is `Path`'s (component by component),
/// which for such paths (no `.`, `..` or doubled separator after the folder walked) is the
/// order of their bytes with the separator first: compared at a tenth of the cost.
fn sorted(mut paths: Vec<PathBuf>) -> Vec<PathBuf> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        paths.sort_by(|a, b| {
            let (a, b) = (a.as_os_str().as_bytes(), b.as_os_str().as_bytes());
            // Past their common start (most of a path), the first bytes that differ decide.
            let same = a.iter().zip(b).take_while(|(x, y)| x == y).count();
            let separator_first = |b: &u8| if *b == b'/' { 0 } else { *b };
            a.get(same)
                .map(separator_first)
                .cmp(&b.get(same).map(separator_first))
        });
        paths.dedup_by(|a, b| a.as_os_str() == b.as_os_str());
    }
    #[cfg(not(unix))]
    {
        paths.sort();
        paths.dedup();
    }
    paths
}

/// What walking a folder finds.
struct Walked {
    /// Answers files (`.toml`, `.json`).
    files: Vec<PathBuf>,
    /// Paths that could not be walked (a loop, an unreadable folder), kept so that reading them
    /// reports why.
    broken: Vec<PathBuf>,
}

fn walk(root: &Path, hidden: bool, max_depth: usize) -> Walked {
    let mut walked = Walked {
        files: Vec::new(),
        broken: Vec::new(),
    };
    let entries = walkdir::WalkDir::new(root)
        .follow_links(true)
        .max_depth(max_depth)
        .into_iter()
        .filter_entry(|e| hidden || e.depth() == 0 || !is_hidden(e.file_name()));
    for entry in entries {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                if is_picked_up(&e.file_name().to_string_lossy()) {
                    walked.files.push(e.into_path());
                }
            }
            Ok(_) => {}
            Err(e) => walked.broken.extend(e.path().map(Path::to_path_buf)),
        }
    }
    walked
}

/// Whether a folder's or a glob's file is read: answers files (`.toml`, `.json`) and Word forms
/// (`.docx`), but not the lock file Word keeps beside an open one (`~$form.docx`); legacy text
/// is read only when named.
fn is_picked_up(name: &str) -> bool {
    match Kind::from_extension(name) {
        Some(Kind::Answers(_)) => true,
        Some(Kind::Docx) => !name.starts_with("~$"),
        Some(Kind::Legacy) | None => false,
    }
}

fn is_hidden(name: &std::ffi::OsStr) -> bool {
    name.to_string_lossy().starts_with('.')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decoding() {
        assert_eq!(decode(b"\xEF\xBB\xBFa = 1".to_vec()).unwrap(), "a = 1");
        let e = decode(b"a = 1\nb = \"\xff\"".to_vec()).unwrap_err();
        assert_eq!(e.code, Code::ParseError);
        assert_eq!((e.line, e.column), (Some(2), Some(6)));
        let e = decode(b"a\0".to_vec()).unwrap_err();
        assert!(e.message.contains("NUL"));
    }

    /// The walk's order is `Path`'s.
    #[test]
    fn paths_sort_as_paths_do() {
        use proptest::prelude::*;
        proptest!(|(names in proptest::collection::vec("[ab. _-]{1,3}(/[ab. _-]{1,3}){0,3}", 0..40))| {
            let paths: Vec<PathBuf> = names
                .iter()
                .filter(|n| !n.split('/').any(|c| c == "." || c == ".."))
                .map(|n| Path::new("/root/in").join(n))
                .collect();
            let mut want = paths.clone();
            want.sort();
            want.dedup();
            prop_assert_eq!(sorted(paths), want);
        });
    }

    #[test]
    fn walking_skips_hidden_and_other_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("sub/.hidden")).unwrap();
        for name in [
            "b.toml",
            "a.json",
            "c.txt",
            "sub/d.toml",
            "sub/.hidden/e.toml",
            ".f.toml",
            "g.docx",
            "~$g.docx",
            "h.doc",
        ] {
            fs::write(root.join(name), "").unwrap();
        }
        let names = |hidden| {
            expand(&[root.display().to_string()], hidden)
                .into_iter()
                .map(|s| match s {
                    Source::File(p) => p.strip_prefix(root).unwrap().display().to_string(),
                    other => other.name(),
                })
                .collect::<Vec<_>>()
        };
        assert_eq!(names(false), ["a.json", "b.toml", "g.docx", "sub/d.toml"]);
        assert_eq!(
            names(true),
            [
                ".f.toml",
                "a.json",
                "b.toml",
                "g.docx",
                "sub/.hidden/e.toml",
                "sub/d.toml"
            ]
        );
    }

    #[test]
    fn glob_patterns() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().display().to_string();
        for name in ["a.toml", "b.json", "c.txt", "sub/d.toml", "sub/deep/e.toml"] {
            let path = dir.path().join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let cases: &[(&str, &[&str])] = &[
            ("/*", &["a.toml", "b.json"]),
            ("/*.toml", &["a.toml"]),
            ("/*/*.toml", &["sub/d.toml"]),
            ("/**/*.toml", &["a.toml", "sub/d.toml", "sub/deep/e.toml"]),
            ("/sub/**/?.toml", &["sub/d.toml", "sub/deep/e.toml"]),
            ("/[ab].*", &["a.toml", "b.json"]),
            ("/./sub/*.toml", &["sub/d.toml"]),
        ];
        for (pattern, want) in cases {
            let pattern = format!("{root}{pattern}");
            let found: Vec<String> = glob(&pattern, false)
                .unwrap()
                .iter()
                .map(|p| p.strip_prefix(&root).unwrap().display().to_string())
                .map(|p| p.trim_start_matches('/').to_string())
                .collect();
            assert_eq!(found, *want, "{pattern}");
        }
        assert!(
            glob(&format!("{root}/nothing/*.toml"), false)
                .unwrap()
                .is_empty()
        );
        let e = glob("[", false).unwrap_err();
        assert!(e.starts_with("`[` is not a valid glob pattern"), "{e}");
    }
}
