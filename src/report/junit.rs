//! The JUnit XML report, which CI tools show as test results (GitLab, Jenkins, Azure Pipelines):
//! one test suite per run, one test case per file, one failure per file that is not valid.

use std::borrow::Cow;
use std::io::{self, Write};

use super::{FileReport, Report, Summary, place};
use crate::finding::Finding;
use crate::text::is_unsafe;

/// `--format junit`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Junit;

impl Report for Junit {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()> {
        let summary = Summary::of(files, strict);
        writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
        writeln!(
            out,
            r#"<testsuites name="qfill" tests="{}" failures="{}" errors="0">"#,
            summary.files, summary.invalid
        )?;
        writeln!(
            out,
            r#"  <testsuite name="qfill validate" tests="{}" failures="{}" errors="0" skipped="0">"#,
            summary.files, summary.invalid
        )?;
        for report in files {
            write_case(out, report, strict)?;
        }
        writeln!(out, "  </testsuite>")?;
        writeln!(out, "</testsuites>")
    }
}

fn write_case(out: &mut dyn Write, report: &FileReport, strict: bool) -> io::Result<()> {
    let name = escape(&report.file, true);
    write!(
        out,
        r#"    <testcase name="{name}" classname="qfill" file="{name}""#
    )?;
    if report.findings.is_empty() {
        return writeln!(out, "/>");
    }
    writeln!(out, ">")?;
    // What makes the file fail goes in the failure; warnings that do not, in the output.
    let (failing, other): (Vec<&Finding>, Vec<&Finding>) =
        report.findings.iter().partition(|f| f.is_error() || strict);
    if let Some(first) = failing.first() {
        let errors = report.errors();
        let mut message = counted(errors, "error");
        if strict && report.warnings() > 0 {
            message = format!("{message}, {}", counted(report.warnings(), "warning"));
        }
        write!(
            out,
            r#"      <failure message="{}" type="{}">"#,
            escape(&message, true),
            first.code
        )?;
        write_lines(out, &report.file, &failing)?;
        writeln!(out, "</failure>")?;
    }
    if !other.is_empty() {
        write!(out, "      <system-out>")?;
        write_lines(out, &report.file, &other)?;
        writeln!(out, "</system-out>")?;
    }
    writeln!(out, "    </testcase>")
}

fn counted(n: usize, word: &str) -> String {
    format!("{n} {}", crate::text::plural(n, word))
}

/// The findings as the human report writes them, one per line with the hint below.
fn write_lines(out: &mut dyn Write, file: &str, findings: &[&Finding]) -> io::Result<()> {
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            writeln!(out)?;
        }
        let line = format!(
            "{}[{}]: {}: {}",
            f.severity,
            f.code,
            place(file, f),
            f.message
        );
        write!(out, "{}", escape(&line, false))?;
        if let Some(hint) = &f.hint {
            write!(out, "\n  hint: {}", escape(hint, false))?;
        }
    }
    Ok(())
}

/// Escapes text for XML 1.0 content or a double-quoted attribute. Characters XML cannot hold
/// at all (most control characters, U+FFFE, U+FFFF), and the other ones a web page would hide
/// or act on, are written as a visible `\u{1b}`.
fn escape(s: &str, attribute: bool) -> Cow<'_, str> {
    let special = |c: char| match c {
        '&' | '<' | '>' | '\u{fffe}' | '\u{ffff}' => true,
        '"' | '\n' => attribute,
        c => is_unsafe(c),
    };
    if !s.chars().any(special) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            // Parsers turn new lines and tabs in attributes into spaces, and `\r` anywhere into
            // `\n`, unless they are written as character references.
            '\n' if attribute => out.push_str("&#10;"),
            '\t' => out.push_str("&#9;"),
            '\r' => out.push_str("&#13;"),
            '\n' => out.push('\n'),
            c if is_unsafe(c) || matches!(c, '\u{fffe}' | '\u{ffff}') => {
                out.extend(c.escape_unicode());
            }
            c => out.push(c),
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        let cases: &[(&str, bool, &str)] = &[
            ("plain é", false, "plain é"),
            ("a < b & \"c\" > d", false, "a &lt; b &amp; \"c\" &gt; d"),
            ("a \"c\"", true, "a &quot;c&quot;"),
            ("two\nlines", false, "two\nlines"),
            ("two\nlines", true, "two&#10;lines"),
            ("tab\there\r", false, "tab&#9;here&#13;"),
            ("esc\u{1b}[2J", false, "esc\\u{1b}[2J"),
            (
                "nul\0 bell\u{7} ffff\u{ffff}",
                true,
                "nul\\u{0} bell\\u{7} ffff\\u{ffff}",
            ),
            ("rtl\u{202e}x", false, "rtl\\u{202e}x"),
        ];
        for (input, attribute, want) in cases {
            assert_eq!(escape(input, *attribute), *want, "{input:?}");
        }
    }
}
