//! How I/O is spoken of: short reasons for errors, sizes people read.

use std::io;

/// A short reason for an I/O error, lowercase, without the OS error number.
pub fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file or folder".to_string(),
        io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        io::ErrorKind::IsADirectory => "is a folder, a file is expected".to_string(),
        _ => {
            let text = e.to_string();
            let text = match text.find(" (os error") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            let mut chars = text.chars();
            match chars.next() {
                Some(first) => first.to_lowercase().chain(chars).collect(),
                None => "cannot be read".to_string(),
            }
        }
    }
}

/// `10 MiB`, `512 KiB`, `42 bytes`.
pub fn human_size(bytes: u64) -> String {
    const KIB: u64 = 1024;
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else if bytes >= MIB {
        format!("{:.1} MiB", bytes as f64 / MIB as f64)
    } else if bytes >= KIB {
        format!("{} KiB", bytes / KIB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes() {
        assert_eq!(human_size(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human_size(1536), "1 KiB");
        assert_eq!(human_size(12), "12 bytes");
    }

    #[test]
    fn reasons_are_short_and_lowercase() {
        assert_eq!(
            io_reason(&io::ErrorKind::NotFound.into()),
            "no such file or folder"
        );
        assert_eq!(
            io_reason(&io::Error::other("Broken thing (os error 5)")),
            "broken thing"
        );
    }
}
