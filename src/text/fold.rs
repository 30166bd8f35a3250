//! Folding text for loose comparison: the one rule by which names, labels, choices and keys
//! are compared across the tool.

/// Folds text for loose comparison: ASCII transliteration, lowercase, letters and digits only.
///
/// `Côte d’Ivoire`, `COTE D'IVOIRE` and `Cote dIvoire` all fold to `cotedivoire`.
pub fn fold(s: &str) -> String {
    // Most names are ASCII already: they skip the transliterated copy.
    if s.is_ascii() {
        collect_folded(s)
    } else {
        collect_folded(&deunicode::deunicode(s))
    }
}

/// Appends [`fold`] of `s` to `out`: many texts folded one after another into one buffer.
pub fn fold_into(s: &str, out: &mut Vec<u8>) {
    if !s.is_ascii() {
        out.extend_from_slice(fold(s).as_bytes());
        return;
    }
    let start = out.len();
    out.resize(start + s.len(), 0);
    let len = fold_ascii_to(s.as_bytes(), &mut out[start..]);
    out.truncate(start + len);
}

/// Writes the fold of ASCII `ascii` to the start of `to` (at least as long) and says how long it
/// is. Each byte is written, then kept or not: no branch a byte, which is what folding long names
/// costs.
fn fold_ascii_to(ascii: &[u8], to: &mut [u8]) -> usize {
    let mut len = 0;
    for &b in ascii {
        let (folded, kept) = fold_byte(b);
        to[len] = folded;
        len += usize::from(kept);
    }
    len
}

/// A byte as folding sees it: lowercased, and whether it is kept (an ASCII letter or digit).
#[inline(always)]
fn fold_byte(b: u8) -> (u8, bool) {
    let lower = b | 0x20;
    let letter = lower.wrapping_sub(b'a') < 26;
    let digit = b.wrapping_sub(b'0') < 10;
    (if letter { lower } else { b }, letter | digit)
}

/// [`fold`] of ASCII text, into a string of exactly its size: counted first, which is cheaper
/// than growing it character by character.
fn collect_folded(ascii: &str) -> String {
    let mut folded = Vec::with_capacity(folded_ascii(ascii).count());
    folded.extend(folded_ascii(ascii));
    String::from_utf8(folded).expect("letters and digits are ASCII")
}

/// Calls `f` with [`fold`] of `s`, folded on the stack when `s` is short ASCII: the look-ups made
/// for every name in every file then allocate nothing.
pub fn with_folded<R>(s: &str, f: impl FnOnce(&str) -> R) -> R {
    const ON_STACK: usize = 64;
    if s.len() > ON_STACK || !s.is_ascii() {
        return f(&fold(s));
    }
    let mut folded = [0u8; ON_STACK];
    let len = fold_ascii_to(s.as_bytes(), &mut folded);
    f(std::str::from_utf8(&folded[..len]).expect("letters and digits are ASCII"))
}

/// Whether `s` folds to `folded` (what [`fold`] gave for another text), without making the copy
/// when `s` is ASCII.
pub fn folds_to(s: &str, folded: &str) -> bool {
    if !s.is_ascii() {
        return fold(s) == folded;
    }
    folded_ascii(s).eq(folded.bytes())
}

/// The letters and digits of ASCII text, lowercase: [`fold`] once the text is ASCII.
fn folded_ascii(s: &str) -> impl Iterator<Item = u8> + '_ {
    s.bytes().filter_map(|b| {
        let (folded, kept) = fold_byte(b);
        kept.then_some(folded)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_to_agrees_with_fold() {
        let texts = [
            "Côte d’Ivoire",
            "COTE D'IVOIRE",
            "cote",
            "Early Warnings for All",
            "",
            "-",
        ];
        for a in texts {
            for b in texts {
                assert_eq!(folds_to(a, &fold(b)), fold(a) == fold(b), "{a} / {b}");
            }
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("Côte d’Ivoire"), "cotedivoire");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold(" Guinea-Bissau "), "guineabissau");
        // Folded into a shared buffer, a text folds as it does alone.
        let mut buffer = b"x".to_vec();
        for s in ["Côte d’Ivoire", " Guinea-Bissau ", "@[`{ Z09az", ""] {
            buffer.truncate(1);
            fold_into(s, &mut buffer);
            assert_eq!(&buffer[1..], fold(s).as_bytes(), "{s}");
        }
    }
}
