//! GitHub Actions workflow commands: each finding becomes an annotation on its file and line in
//! the pull request (`::error file=F,line=L,col=C,title=CODE::message`), then the totals line.

use std::io::{self, Write};

use super::{FileReport, Report, Summary, totals};
use crate::finding::Finding;
use crate::text::sanitize;

/// `--format github`.
#[derive(Debug, Clone, Copy, Default)]
pub struct Github;

impl Report for Github {
    fn write(&self, out: &mut dyn Write, files: &[FileReport], strict: bool) -> io::Result<()> {
        for report in files {
            for finding in &report.findings {
                writeln!(out, "{}", command(&report.file, finding))?;
            }
        }
        // A plain line: the log shows it as it is.
        writeln!(out, "{}", totals(&Summary::of(files, strict), strict))
    }
}

/// One workflow command for one finding.
fn command(file: &str, finding: &Finding) -> String {
    let mut properties = vec![format!("file={}", escape_property(file))];
    if let (Some(line), Some(column)) = (finding.line, finding.column) {
        properties.push(format!("line={line}"));
        properties.push(format!("col={column}"));
    }
    properties.push(format!("title={}", escape_property(finding.code.as_str())));
    // A Word form has no lines to annotate: the place a person finds in Word leads the message.
    let mut message = match (&finding.place, finding.line) {
        (Some(place), None) => format!("{place}: {}", finding.message),
        _ => finding.message.clone(),
    };
    if let Some(hint) = &finding.hint {
        message.push_str("\nhint: ");
        message.push_str(hint);
    }
    format!(
        "::{} {}::{}",
        finding.severity,
        properties.join(","),
        escape_data(&message)
    )
}

/// The message: GitHub's escapes for `%`, `\r` and `\n`; other control characters are shown as
/// visible escapes so that the log cannot be coloured or rewritten by an answer.
fn escape_data(s: &str) -> String {
    let escaped = s
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    sanitize(&escaped).into_owned()
}

/// A property value: as the message, and `:` and `,` too, which end a property.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Code;

    #[test]
    fn commands() {
        let finding = Finding::new(
            Code::WordLimit,
            "events[0].description",
            "100% over\r\nlimit\u{1b}",
        )
        .with_hint("shorten it")
        .at_position(12, 15);
        assert_eq!(
            command("subs/a,b:c.toml", &finding),
            "::error file=subs/a%2Cb%3Ac.toml,line=12,col=15,title=word-limit::100%25 over%0D%0Alimit\\u{1b}%0Ahint: shorten it"
        );
        let unplaced = Finding::new(Code::NotAnswered, "events", "events is not answered");
        assert_eq!(
            command("-", &unplaced),
            "::warning file=-,title=not-answered::events is not answered"
        );
        let in_word = unplaced.at_place(crate::finding::Place {
            spot: crate::finding::Spot::Paragraph(41),
            within: Some("question 2".into()),
        });
        assert_eq!(
            command("f.docx", &in_word),
            "::warning file=f.docx,title=not-answered::question 2 (paragraph 41): events is not answered"
        );
    }
}
