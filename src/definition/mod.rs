//! Definitions and their blank forms: `qfill definition from-text` reads the text of a blank
//! Word form into a definition, and `qfill show --to text` prints a definition as its blank form.

pub mod from_text;
pub mod phrases;
pub mod to_text;

use std::path::Path;

/// A definition id from a form's file name: `HLPF 2027 form.txt` → `hlpf-2027-form`.
pub fn id_from_name(input: &str) -> String {
    let stem = Path::new(input)
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let words: Vec<String> = stem
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_ascii_lowercase)
        .collect();
    let id = words.join("-");
    match id.chars().next() {
        Some(c) if c.is_ascii_lowercase() => id,
        Some(_) => format!("form-{id}"),
        None => "form".to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_from_file_names() {
        assert_eq!(id_from_name("forms/HLPF 2027 form.txt"), "hlpf-2027-form");
        assert_eq!(id_from_name("2027.txt"), "form-2027");
        assert_eq!(id_from_name("-"), "form");
    }
}
