//! The package: a zip of parts, found through relationships, each read with the caps on
//! uncompressed text (zip bombs stop at the cap, whatever the sizes the zip declares).

use std::collections::HashMap;
use std::io::{Read, Seek, SeekFrom};

use zip::ZipArchive;

use super::xml::{self, Ns};

/// The start of an OLE compound file: a `.doc`, or an encrypted `.docx` (Office wraps those in
/// one).
const OLE_MAGIC: &[u8] = &[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];

/// How much of an OLE file is searched for the stream an encrypted document keeps.
const OLE_SCAN: u64 = 64 * 1024 * 1024;

/// Why a package gives no document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PackageError {
    /// An OLE compound file: a Word 97-2003 `.doc`, or a document with a password.
    Ole {
        /// It holds an `EncryptedPackage` stream: a `.docx` with a password.
        encrypted: bool,
    },
    /// An RTF file named `.docx`.
    Rtf,
    /// Not a zip: the zip reader's reason.
    NotZip(String),
    /// A part the document needs is missing: its name.
    Missing(String),
    /// A part could not be read or is not XML: the part and why, as a predicate (`is not
    /// valid UTF-8`).
    Broken(String, String),
    /// The uncompressed text parts are over the cap.
    TooLarge,
}

/// A relationship of a part: what kind it is and where it points.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rel {
    /// The last segment of its type (`officeDocument`, `numbering`, `hyperlink`): transitional
    /// and Strict types differ only before it.
    pub kind: String,
    /// A part's name in the zip, or an external address as written.
    pub target: String,
    /// It points outside the package (a hyperlink).
    pub external: bool,
}

/// A part's relationships by id, in the order they are written.
#[derive(Debug, Clone, Default)]
pub struct Rels {
    rels: Vec<(String, Rel)>,
}

impl Rels {
    /// The relationship with this id.
    pub fn get(&self, id: &str) -> Option<&Rel> {
        self.rels.iter().find(|(i, _)| i == id).map(|(_, r)| r)
    }

    /// The relationships of one kind, in order.
    pub fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Rel> + 'a {
        self.rels
            .iter()
            .map(|(_, r)| r)
            .filter(move |r| r.kind == kind && !r.external)
    }
}

/// An open package and what is left of the text budget.
pub struct Package<R: Read + Seek> {
    zip: ZipArchive<R>,
    /// Lowercase part names (part names are case-insensitive) to the zip's index.
    names: HashMap<String, usize>,
    /// Bytes of uncompressed text still allowed.
    budget: u64,
}

impl<R: Read + Seek> Package<R> {
    /// Opens a package; `budget` caps the uncompressed text of every part read from it.
    pub fn open(mut reader: R, budget: u64) -> Result<Self, PackageError> {
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| PackageError::NotZip(crate::text::io_reason(&e)))?;
        let mut head = [0u8; 8];
        let read = read_up_to(&mut reader, &mut head);
        if head[..read].starts_with(OLE_MAGIC) {
            return Err(PackageError::Ole {
                encrypted: holds_encrypted_package(&mut reader),
            });
        }
        if head[..read].starts_with(b"{\\rtf") {
            return Err(PackageError::Rtf);
        }
        reader
            .seek(SeekFrom::Start(0))
            .map_err(|e| PackageError::NotZip(e.to_string()))?;
        let zip = ZipArchive::new(reader).map_err(|e| PackageError::NotZip(zip_reason(&e)))?;
        let mut names = HashMap::new();
        for i in 0..zip.len() {
            if let Some(Ok(name)) = zip.name_for_index(i) {
                names
                    .entry(name.trim_start_matches('/').to_ascii_lowercase())
                    .or_insert(i);
            }
        }
        Ok(Package { zip, names, budget })
    }

    /// Whether the package holds a part of that name.
    pub fn has(&self, name: &str) -> bool {
        self.names.contains_key(&name.to_ascii_lowercase())
    }

    /// A part's text; `None` if the package has no such part.
    pub fn text(&mut self, name: &str) -> Result<Option<String>, PackageError> {
        let Some(&index) = self.names.get(&name.to_ascii_lowercase()) else {
            return Ok(None);
        };
        let broken = |reason: String| PackageError::Broken(name.to_string(), reason);
        let file = self
            .zip
            .by_index(index)
            .map_err(|e| broken(format!("cannot be read: {}", zip_reason(&e))))?;
        if file.size() > self.budget {
            return Err(PackageError::TooLarge);
        }
        let mut bytes = Vec::with_capacity(file.size() as usize);
        file.take(self.budget.saturating_add(1))
            .read_to_end(&mut bytes)
            .map_err(|e| broken(format!("cannot be read: {}", crate::text::io_reason(&e))))?;
        if bytes.len() as u64 > self.budget {
            return Err(PackageError::TooLarge);
        }
        self.budget -= bytes.len() as u64;
        decode(bytes).map(Some).map_err(broken)
    }

    /// The relationships of `part` (`""` for the package's own), none if it has no rels part.
    pub fn rels(&mut self, part: &str, nodes_limit: u32) -> Result<Rels, PackageError> {
        let (folder, file) = match part.rsplit_once('/') {
            Some((folder, file)) => (format!("{folder}/"), file),
            None => (String::new(), part),
        };
        let rels_name = format!("{folder}_rels/{file}.rels");
        let Some(text) = self.text(&rels_name)? else {
            return Ok(Rels::default());
        };
        let doc = xml::parse(&text, nodes_limit).map_err(|e| xml_broken(&rels_name, e))?;
        let mut rels = Vec::new();
        for node in doc.root_element().children() {
            if !xml::is(node, Ns::Pr, "Relationship") {
                continue;
            }
            let (Some(id), Some(kind), Some(target)) = (
                node.attribute("Id"),
                node.attribute("Type"),
                node.attribute("Target"),
            ) else {
                continue;
            };
            let external = node
                .attribute("TargetMode")
                .is_some_and(|m| m.eq_ignore_ascii_case("External"));
            let target = if external {
                target.to_string()
            } else {
                resolve(&folder, target)
            };
            rels.push((
                id.to_string(),
                Rel {
                    kind: kind.rsplit('/').next().unwrap_or(kind).to_string(),
                    target,
                    external,
                },
            ));
        }
        Ok(Rels { rels })
    }
}

/// A reason for a part that is not XML a reader can use.
pub fn xml_broken(part: &str, e: xml::XmlError) -> PackageError {
    match e {
        xml::XmlError::Malformed(reason) => PackageError::Broken(part.to_string(), reason),
        xml::XmlError::TooManyNodes(_) => PackageError::TooLarge,
    }
}

/// A target relative to its source part's folder, as a part name: `../x`, `./x`, `/word/x`.
fn resolve(folder: &str, target: &str) -> String {
    let target = target.split(['#', '?']).next().unwrap_or(target);
    let joined = match target.strip_prefix('/') {
        Some(absolute) => absolute.to_string(),
        None => format!("{folder}{target}"),
    };
    let mut parts: Vec<&str> = Vec::new();
    for segment in joined.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    let name = parts.join("/");
    // Part names are URIs: `%20` is a space in the zip's file name.
    percent_decode(&name)
}

fn percent_decode(s: &str) -> String {
    if !s.contains('%') {
        return s.to_string();
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = s.get(i + 1..i + 3)
            && let Ok(b) = u8::from_str_radix(hex, 16)
        {
            out.push(b);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| s.to_string())
}

/// XML bytes as text: UTF-8 (a BOM skipped) or UTF-16 with its BOM.
fn decode(bytes: Vec<u8>) -> Result<String, String> {
    let utf16 = |bytes: &[u8], little: bool| -> Result<String, String> {
        let units: Vec<u16> = bytes
            .chunks_exact(2)
            .map(|pair| {
                if little {
                    u16::from_le_bytes([pair[0], pair[1]])
                } else {
                    u16::from_be_bytes([pair[0], pair[1]])
                }
            })
            .collect();
        String::from_utf16(&units).map_err(|_| "is not valid UTF-16".to_string())
    };
    match bytes.as_slice() {
        [0xEF, 0xBB, 0xBF, rest @ ..] => {
            String::from_utf8(rest.to_vec()).map_err(|_| "is not valid UTF-8".to_string())
        }
        [0xFF, 0xFE, rest @ ..] => utf16(rest, true),
        [0xFE, 0xFF, rest @ ..] => utf16(rest, false),
        _ => String::from_utf8(bytes).map_err(|_| "is not valid UTF-8".to_string()),
    }
}

fn read_up_to(reader: &mut impl Read, buf: &mut [u8]) -> usize {
    let mut filled = 0;
    while filled < buf.len() {
        match reader.read(&mut buf[filled..]) {
            Ok(0) | Err(_) => break,
            Ok(n) => filled += n,
        }
    }
    filled
}

/// Whether an OLE file holds the stream Office keeps an encrypted document in; its directory
/// names are UTF-16.
fn holds_encrypted_package(reader: &mut (impl Read + Seek)) -> bool {
    if reader.seek(SeekFrom::Start(0)).is_err() {
        return false;
    }
    let mut bytes = Vec::new();
    if reader.take(OLE_SCAN).read_to_end(&mut bytes).is_err() {
        return false;
    }
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    memchr::memmem::find(&bytes, &name).is_some()
}

/// The zip reader's reason, lowercase and short.
fn zip_reason(e: &zip::result::ZipError) -> String {
    use zip::result::ZipError;
    match e {
        ZipError::Io(io) => crate::text::io_reason(io),
        ZipError::InvalidArchive(reason) => reason.to_lowercase(),
        ZipError::UnsupportedArchive(reason) => reason.to_lowercase(),
        ZipError::CompressionMethodNotSupported(method) => {
            format!("its compression method {method} is not supported")
        }
        ZipError::InvalidPassword => "it is encrypted".to_string(),
        other => other.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_resolve_against_their_part() {
        let cases: &[(&str, &str, &str)] = &[
            ("word/", "numbering.xml", "word/numbering.xml"),
            ("", "word/document.xml", "word/document.xml"),
            ("", "/word/document.xml", "word/document.xml"),
            ("word/", "../customXml/item1.xml", "customXml/item1.xml"),
            ("word/", "./media/a%20b.png", "word/media/a b.png"),
            ("word/", "../../../x.xml", "x.xml"),
        ];
        for (folder, target, want) in cases {
            assert_eq!(resolve(folder, target), *want, "{folder}{target}");
        }
    }

    #[test]
    fn text_is_utf8_or_utf16_with_a_bom() {
        assert_eq!(decode(b"\xEF\xBB\xBF<a/>".to_vec()).unwrap(), "<a/>");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("<a/>".encode_utf16().flat_map(u16::to_le_bytes))
            .collect();
        assert_eq!(decode(le).unwrap(), "<a/>");
        assert!(decode(vec![0xC3]).is_err());
    }

    #[test]
    fn an_ole_file_is_a_doc_or_an_encrypted_docx() {
        let mut doc = OLE_MAGIC.to_vec();
        doc.extend_from_slice(&[0; 512]);
        let mut encrypted = doc.clone();
        encrypted.extend("EncryptedPackage".encode_utf16().flat_map(u16::to_le_bytes));
        let open = |bytes: Vec<u8>| {
            Package::open(std::io::Cursor::new(bytes), 1000)
                .err()
                .unwrap()
        };
        assert_eq!(open(doc), PackageError::Ole { encrypted: false });
        assert_eq!(open(encrypted), PackageError::Ole { encrypted: true });
        assert_eq!(open(b"{\\rtf1 hello}".to_vec()), PackageError::Rtf);
        assert!(matches!(
            open(b"plain text".to_vec()),
            PackageError::NotZip(_)
        ));
        assert!(matches!(open(Vec::new()), PackageError::NotZip(_)));
    }
}
