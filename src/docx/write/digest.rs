//! The digest of one question as a Word document: the same model as the Markdown digest
//! ([`Digest`]), with Word's headings, paragraphs and lists, for an analyst to draft from.

use super::body::{Body, Run, Style};
use super::package::Package;
use crate::compile::markdown::{Digest, DigestEntry};
use crate::text::{one_line, plural};

/// The digest as a Word document; dated `created` (seconds since the epoch).
pub fn digest_at(digest: &Digest, created: i64) -> Vec<u8> {
    let mut body = Body::default();
    let title = one_line(&digest.title);
    body.paragraph(Style::Title, &[Run::plain(&title)]);
    for entry in &digest.entries {
        body.paragraph(Style::Heading(1), &[Run::plain(&one_line(&entry.heading))]);
        self::entry(&mut body, entry);
    }
    let (document, numbering) = body.finish();
    Package {
        document,
        numbering,
        title: &title,
        created,
        properties: Vec::new(),
    }
    .zip()
}

fn entry(body: &mut Body, entry: &DigestEntry) {
    let Some(file) = &entry.file else {
        body.paragraph(Style::Normal, &[Run::italic("no response")]);
        return;
    };
    // Where an answer comes from: its edition (or its notes) and file.
    let source = match (&entry.in_notes, &entry.edition) {
        (Some(_), _) => entry.source(),
        (None, Some(edition)) => format!("{edition}; {file}"),
        (None, None) => file.clone(),
    };
    for text in &entry.texts {
        let limit = text
            .limit
            .as_ref()
            .map(|limit| format!(", limit {limit}"))
            .unwrap_or_default();
        let line = format!("{} words{limit}; {source}", text.words);
        body.paragraph(Style::Normal, &[Run::italic(&line)]);
        body.text(&text.text);
    }
    if !entry.records.is_empty() {
        let count = entry.records.len();
        let line = format!("{count} {}; {source}", plural(count, "record"));
        body.paragraph(Style::Normal, &[Run::italic(&line)]);
    }
    for record in &entry.records {
        let heading = format!("{}. {}", record.number, one_line(&record.name));
        body.paragraph(Style::Heading(2), &[Run::plain(&heading)]);
        for (label, value) in &record.fields {
            body.bullet(
                0,
                &[Run::bold(&format!("{label}: ")), Run::plain(value.trim())],
            );
        }
    }
    if let Some(note) = entry.note() {
        body.paragraph(Style::Normal, &[Run::italic(&note)]);
    }
}

#[cfg(test)]
mod tests {
    use super::super::blocks::blocks;
    use super::super::testing::{Block, Para, unpack};
    use super::*;
    use crate::compile::FIXED_DATE;
    use crate::compile::markdown::{digest, tests::examples};

    fn paragraphs(bytes: &[u8]) -> Vec<Para> {
        unpack(bytes)
            .body()
            .into_iter()
            .map(|b| match b {
                Block::Paragraph(p) => p,
                Block::Table(_) => panic!("a digest has no tables"),
            })
            .collect()
    }

    /// What the Word digest must say for one entry, from the model: (style, list level, italic,
    /// text) a paragraph.
    fn expected(entry: &DigestEntry) -> Vec<(Option<&'static str>, Option<u8>, bool, String)> {
        let mut out = vec![(Some("Heading1"), None, false, one_line(&entry.heading))];
        let Some(file) = &entry.file else {
            out.push((None, None, true, "no response".into()));
            return out;
        };
        let source = format!("{}; {file}", entry.edition.as_deref().unwrap());
        for text in &entry.texts {
            let limit = text
                .limit
                .as_ref()
                .map(|l| format!(", limit {l}"))
                .unwrap_or_default();
            out.push((
                None,
                None,
                true,
                format!("{} words{limit}; {source}", text.words),
            ));
            for block in blocks(&text.text) {
                let style = block.level.map(|_| "ListParagraph");
                out.push((style, block.level, false, block.text));
            }
        }
        if !entry.records.is_empty() {
            let count = entry.records.len();
            let records = if count == 1 { "record" } else { "records" };
            out.push((None, None, true, format!("{count} {records}; {source}")));
        }
        for record in &entry.records {
            let heading = format!("{}. {}", record.number, record.name);
            out.push((Some("Heading2"), None, false, heading));
            for (label, value) in &record.fields {
                out.push((
                    Some("ListParagraph"),
                    Some(0),
                    false,
                    format!("{label}: {value}"),
                ));
            }
        }
        if let Some(note) = entry.note() {
            out.push((None, None, true, note));
        }
        out
    }

    #[test]
    fn the_word_digest_says_what_the_model_holds() {
        let c = examples();
        for question in ["recommendations", "events", "governing_body"] {
            let model = digest(&c, question, "The question\nas   asked?");
            let shown: Vec<(Option<&str>, Option<u8>, bool, String)> =
                paragraphs(&digest_at(&model, FIXED_DATE))
                    .iter()
                    .map(|p| {
                        let style = p.style.as_deref().map(|s| match s {
                            "Title" => "Title",
                            "Heading1" => "Heading1",
                            "Heading2" => "Heading2",
                            "ListParagraph" => "ListParagraph",
                            other => panic!("{other}"),
                        });
                        (style, p.list.map(|(_, l)| l), p.italic, p.text.clone())
                    })
                    .collect();
            let mut want = vec![(
                Some("Title"),
                None,
                false,
                "The question as asked?".to_string(),
            )];
            for entry in &model.entries {
                want.extend(expected(entry));
            }
            assert_eq!(shown, want, "{question}");
        }
    }

    #[test]
    fn record_fields_are_bullets_with_a_bold_label() {
        let c = examples();
        let model = digest(&c, "events", "Events");
        let bytes = digest_at(&model, FIXED_DATE);
        let document = unpack(&bytes).part("word/document.xml").to_string();
        assert!(
            document.contains("<w:r><w:rPr><w:b/></w:rPr><w:t xml:space=\"preserve\">Event Location: </w:t></w:r><w:r><w:t>Nairobi, Kenya</w:t></w:r>"),
            "{document}"
        );
        assert_eq!(
            bytes,
            digest_at(&model, FIXED_DATE),
            "the same digest, the same bytes"
        );
    }
}
