//! The pieces of XML 1.0 and its namespaces the reader checks: names, a start tag and its
//! attributes, references, characters, character data. Each check gives the reason and the byte
//! offset in the part; [`Bad::reason`] words it with a line and column.

use std::borrow::Cow;

/// Not well-formed: why, and where (a byte offset in the part).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Bad {
    pub at: usize,
    pub what: String,
}

impl Bad {
    pub fn new(at: usize, what: impl Into<String>) -> Bad {
        Bad {
            at,
            what: what.into(),
        }
    }

    /// The reason with its place in `text`, as `line:column` (columns in characters).
    pub fn reason(&self, text: &str) -> String {
        let at = floor_char_boundary(text, self.at.min(text.len()));
        let before = &text[..at];
        let line = memchr::memchr_iter(b'\n', before.as_bytes()).count() + 1;
        let line_start = memchr::memrchr(b'\n', before.as_bytes()).map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        format!("{} at {line}:{column}", self.what)
    }
}

fn floor_char_boundary(text: &str, mut at: usize) -> usize {
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// `expected '>' not 'x'`, or the end of the part when there is no next character.
pub(super) fn expected(what: &str, rest: &str, at: usize) -> Bad {
    match rest.chars().next() {
        Some(c) => Bad::new(at, format!("expected {what} not '{c}'")),
        None => Bad::new(at, "unexpected end of stream"),
    }
}

/// XML's white space.
pub(super) fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r')
}

/// Whether every character of `text` is white space.
pub(super) fn all_space(text: &str) -> bool {
    text.bytes().all(is_space)
}

/// ASCII bytes by what they may be in a name: 2 anywhere, 1 past its first character.
const NAME_ASCII: [u8; 128] = {
    let mut table = [0u8; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = if c.is_ascii_alphabetic() || c == b'_' || c == b':' {
            2
        } else if c.is_ascii_digit() || c == b'-' || c == b'.' {
            1
        } else {
            0
        };
        b += 1;
    }
    table
};

fn is_name_start(c: char) -> bool {
    matches!(c,
        ':' | 'A'..='Z' | '_' | 'a'..='z' | '\u{C0}'..='\u{D6}' | '\u{D8}'..='\u{F6}'
        | '\u{F8}'..='\u{2FF}' | '\u{370}'..='\u{37D}' | '\u{37F}'..='\u{1FFF}'
        | '\u{200C}'..='\u{200D}' | '\u{2070}'..='\u{218F}' | '\u{2C00}'..='\u{2FEF}'
        | '\u{3001}'..='\u{D7FF}' | '\u{F900}'..='\u{FDCF}' | '\u{FDF0}'..='\u{FFFD}'
        | '\u{10000}'..='\u{EFFFF}')
}

fn is_name_char(c: char) -> bool {
    is_name_start(c)
        || matches!(c, '-' | '.' | '0'..='9' | '\u{B7}' | '\u{300}'..='\u{36F}' | '\u{203F}'..='\u{2040}')
}

/// Where the name starting at `from` ends (`from` itself if there is none).
pub(super) fn name_end(text: &str, from: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        if b < 0x80 {
            let class = NAME_ASCII[usize::from(b)];
            if class == 0 || (i == from && class == 1) {
                break;
            }
            i += 1;
        } else {
            let Some(c) = text[i..].chars().next() else {
                break;
            };
            let fits = if i == from {
                is_name_start(c)
            } else {
                is_name_char(c)
            };
            if !fits {
                break;
            }
            i += c.len_utf8();
        }
    }
    i
}

/// A qualified name as written: `prefix:local`, or `local`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct QName<'i> {
    pub name: &'i str,
    /// Where its colon is; 0 without a prefix (a prefix is never empty).
    colon: usize,
}

impl<'i> QName<'i> {
    /// The prefix, if it has one.
    pub fn prefix(&self) -> Option<&'i str> {
        (self.colon > 0).then(|| &self.name[..self.colon])
    }

    /// The local name.
    pub fn local(&self) -> &'i str {
        match self.colon {
            0 => self.name,
            colon => &self.name[colon + 1..],
        }
    }
}

/// Bytes by what they may be in a qualified name: a name's first character, a later one, the
/// colon, or the start of a character outside ASCII, read as a character.
const NAME_BYTE: [u8; 256] = {
    let mut table = [0u8; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = if b >= 0x80 {
            NON_ASCII
        } else if b == b':' as usize {
            COLON
        } else {
            NAME_ASCII[b]
        };
        b += 1;
    }
    table
};
const COLON: u8 = 3;
const NON_ASCII: u8 = 4;

/// The qualified name starting at `from` in the part: a name with at most one colon, neither
/// first nor last.
pub(super) fn qname(text: &str, from: usize) -> Result<QName<'_>, Bad> {
    let bytes = text.as_bytes();
    let invalid = |at: usize| Bad::new(at, "invalid name token");
    let mut i = from;
    match bytes.get(i).map(|&b| NAME_BYTE[usize::from(b)]) {
        Some(2) => i += 1,
        Some(NON_ASCII) => match text[i..].chars().next() {
            Some(c) if is_name_start(c) => i += c.len_utf8(),
            _ => return Err(invalid(i)),
        },
        _ => return Err(invalid(i)),
    }
    let mut colon = 0;
    while let Some(&b) = bytes.get(i) {
        match NAME_BYTE[usize::from(b)] {
            1 | 2 => i += 1,
            COLON => {
                if colon > 0 {
                    return Err(invalid(i));
                }
                colon = i - from;
                i += 1;
            }
            NON_ASCII => match text[i..].chars().next() {
                Some(c) if is_name_char(c) => i += c.len_utf8(),
                _ => break,
            },
            _ => break,
        }
    }
    if colon > 0 && colon == i - from - 1 {
        return Err(invalid(i));
    }
    Ok(QName {
        name: &text[from..i],
        colon,
    })
}

/// An attribute as written in a tag.
#[derive(Debug, Clone, Copy)]
pub(super) struct RawAttribute<'i> {
    pub name: QName<'i>,
    /// Between the quotes, as written.
    pub value: &'i str,
    /// Where the value starts in the part.
    pub at: usize,
    /// Whether the value is the attribute's value as it stands: no reference, no white space
    /// to normalize, nothing to refuse.
    pub plain: bool,
}

/// Bytes of an attribute value or a text that need a second look: references, white space
/// that is normalized, characters XML does not allow, and the start of U+FFFE and U+FFFF.
const VALUE_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'&' as usize] = true;
    table[b'<' as usize] = true;
    table[0xEF] = true;
    table
};

/// A start tag whose name starts at `from` in the part (just past its `<`): its name, with its
/// attributes added to `attributes`, where the tag ends (just past its `>`), and whether it is
/// empty (`/>`).
pub(super) fn start_tag<'i>(
    text: &'i str,
    from: usize,
    attributes: &mut Vec<RawAttribute<'i>>,
) -> Result<(QName<'i>, usize, bool), Bad> {
    let bytes = text.as_bytes();
    let name = qname(text, from)?;
    let mut i = from + name.name.len();
    loop {
        let before_space = i;
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        match bytes.get(i) {
            None => return Err(Bad::new(i, "unexpected end of stream")),
            Some(b'>') => return Ok((name, i + 1, false)),
            Some(b'/') => {
                return match bytes.get(i + 1) {
                    Some(b'>') => Ok((name, i + 2, true)),
                    _ => Err(expected("'>'", &text[i + 1..], i + 1)),
                };
            }
            Some(_) if i == before_space => return Err(expected("a space", &text[i..], i)),
            Some(_) => {}
        }
        let key = qname(text, i)?;
        i += key.name.len();
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        if bytes.get(i) != Some(&b'=') {
            return Err(expected("'='", &text[i..], i));
        }
        i += 1;
        while bytes.get(i).copied().is_some_and(is_space) {
            i += 1;
        }
        let Some(&quote @ (b'"' | b'\'')) = bytes.get(i) else {
            return Err(expected("a quote", &text[i..], i));
        };
        let start = i + 1;
        // Values are short: a plain loop, which also notes what needs a second look.
        let mut plain = true;
        let mut close = start;
        loop {
            let Some(&b) = bytes.get(close) else {
                return Err(Bad::new(close, "unexpected end of stream"));
            };
            if b == quote {
                break;
            }
            if VALUE_SPECIAL[usize::from(b)] {
                if b == b'<' {
                    return Err(Bad::new(close, "unescaped '<' found"));
                }
                plain = false;
            }
            close += 1;
        }
        attributes.push(RawAttribute {
            name: key,
            value: &text[start..close],
            at: start,
            plain,
        });
        i = close + 1;
    }
}

/// An attribute's value as XML reads it: references replaced, each white-space character a
/// space (a line end of two characters one space), characters XML does not allow refused.
pub(super) fn attribute_value<'i>(raw: &RawAttribute<'i>) -> Result<Cow<'i, str>, Bad> {
    if raw.plain {
        return Ok(Cow::Borrowed(raw.value));
    }
    let mut out = String::with_capacity(raw.value.len());
    let mut chars = raw.value.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '&' => {
                let rest = &raw.value[i + 1..];
                let Some(end) = memchr::memchr(b';', rest.as_bytes()) else {
                    return Err(Bad::new(raw.at + i, "malformed entity reference"));
                };
                out.push(reference(&rest[..end], raw.at + i)?);
                // Past the name and the `;`.
                for _ in 0..rest[..=end].chars().count() {
                    chars.next();
                }
            }
            '\r' => {
                if chars.peek().is_some_and(|(_, next)| *next == '\n') {
                    chars.next();
                }
                out.push(' ');
            }
            '\t' | '\n' => out.push(' '),
            c if !is_xml_char(c) => return Err(non_xml(c, raw.at + i)),
            c => out.push(c),
        }
    }
    Ok(Cow::Owned(out))
}

/// The character a reference (`amp`, `#38`, `#x26`, without `&` and `;`) stands for.
pub(super) fn reference(name: &str, at: usize) -> Result<char, Bad> {
    let (digits, radix) = if let Some(hex) = name.strip_prefix("#x") {
        (hex, 16)
    } else if let Some(decimal) = name.strip_prefix('#') {
        (decimal, 10)
    } else {
        return match name {
            "lt" => Ok('<'),
            "gt" => Ok('>'),
            "amp" => Ok('&'),
            "apos" => Ok('\''),
            "quot" => Ok('"'),
            _ if !name.is_empty() && name_end(name, 0) == name.len() => {
                Err(Bad::new(at, format!("unknown entity reference '{name}'")))
            }
            _ => Err(Bad::new(at, "malformed entity reference")),
        };
    };
    // Digits only: `u32` parsing would take a sign.
    let code = (!digits.is_empty() && digits.chars().all(|c| c.is_digit(radix)))
        .then(|| u32::from_str_radix(digits, radix).ok())
        .flatten();
    match code.and_then(char::from_u32) {
        Some(c) if is_xml_char(c) => Ok(c),
        Some(c) => Err(non_xml(c, at)),
        None => Err(Bad::new(at, "malformed entity reference")),
    }
}

/// XML 1.0's `Char`: tab, line feed, carriage return and everything from a space up, except
/// U+FFFE and U+FFFF (surrogates are never in a `str`).
pub(super) fn is_xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='\u{FFFD}' | '\u{10000}'..)
}

fn non_xml(c: char, at: usize) -> Bad {
    Bad::new(at, format!("a non-XML character {c:?} found"))
}

/// Bytes of text that need a second look: control characters, `]` (of `]]>`), and the
/// start of U+FFFE and U+FFFF.
const TEXT_SPECIAL: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 0x20 {
        table[b] = true;
        b += 1;
    }
    table[b'\t' as usize] = false;
    table[b'\n' as usize] = false;
    table[b']' as usize] = true;
    table[0xEF] = true;
    table
};

/// Checks character data starting at `at`: only XML characters, and no `]]>`. Whether it
/// holds a carriage return (line ends to normalize).
pub(super) fn check_text(text: &str, at: usize) -> Result<bool, Bad> {
    let bytes = text.as_bytes();
    let mut carriage_return = false;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if !TEXT_SPECIAL[usize::from(b)] {
            i += 1;
            continue;
        }
        match b {
            b'\r' => carriage_return = true,
            b']' => {
                if bytes[i..].starts_with(b"]]>") {
                    return Err(Bad::new(
                        at + i,
                        "']]>' is not allowed inside a character data",
                    ));
                }
            }
            0xEF => {
                if let Some(c) = text[i..].chars().next()
                    && !is_xml_char(c)
                {
                    return Err(non_xml(c, at + i));
                }
            }
            _ => return Err(non_xml(char::from(b), at + i)),
        }
        i += 1;
    }
    Ok(carriage_return)
}

/// Checks the content of a comment, a CDATA section or a processing instruction: only XML
/// characters.
pub(super) fn check_chars(text: &str, at: usize) -> Result<(), Bad> {
    match text.char_indices().find(|(_, c)| !is_xml_char(*c)) {
        Some((i, c)) => Err(non_xml(c, at + i)),
        None => Ok(()),
    }
}

/// Text with its line ends as XML reads them: `\r\n` and a lone `\r` become `\n`.
pub(super) fn normalize_line_ends(text: &str) -> String {
    text.replace("\r\n", "\n").replace('\r', "\n")
}
