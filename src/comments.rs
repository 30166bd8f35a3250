//! TOML comments carried through a rewrite (`fmt`, `migrate`), through toml_edit's document
//! model: the canonical text stays in the questionnaire's order, and each comment moves with the
//! key it belongs to — the lines above it, or the end of its line.
//!
//! Comments are gathered from the original by the path of the key they sit on (comments inside a
//! multi-line array go above its key, as the canonical form writes arrays on one line), mapped to
//! the key's place in the result, and set on it. The top-level `notes` are the exception: a
//! comment on one note stays on that note (`migrate` puts answers there and takes them back, and
//! a comment travels with its answer), the list then written one note a line. A comment whose key is gone goes to the nearest
//! key above it that remains. Comment blocks at the top of the file, separated from the first key
//! by a blank line, stay at the top; comments at the end stay at the end. Blank lines between
//! comments are not kept, so rewriting a rewritten file changes nothing.

use std::collections::BTreeMap;

use toml_edit::{Decor, DocumentMut, Item, Table, Value};

/// A path into a TOML document: keys, and indices of arrays of tables as decimal text.
pub type KeyPath = Vec<String>;

#[derive(Debug, Default, Clone, PartialEq, Eq)]
struct Comments {
    /// Whole-line comments above the key, each starting with `#`.
    above: Vec<String>,
    /// Comments at the end of the key's line.
    after: Vec<String>,
}

/// The canonical text with the original's comments set on the keys they belong to; `map` says
/// where a path of the original is in the result (`None`: gone). Either text failing to parse
/// leaves the canonical text as it is.
pub fn carry(
    original: &str,
    canonical: &str,
    map: &dyn Fn(&[String]) -> Option<KeyPath>,
) -> String {
    let (Ok(old), Ok(mut new)) = (
        original.parse::<DocumentMut>(),
        canonical.parse::<DocumentMut>(),
    ) else {
        return canonical.to_string();
    };
    let mut found: Vec<(KeyPath, Comments)> = Vec::new();
    gather(old.as_table(), &mut Vec::new(), &mut found);
    let mut header = Vec::new();
    if let Some((_, first)) = found.first_mut() {
        header = split_header(old.as_table(), first);
    }
    let mut placed: BTreeMap<KeyPath, Comments> = BTreeMap::new();
    let mut top = header;
    for (path, comments) in found {
        if comments.above.is_empty() && comments.after.is_empty() {
            continue;
        }
        let mut target = map(&path).unwrap_or_default();
        while !target.is_empty() && !exists(new.as_table(), &target) {
            target.pop();
        }
        if target.is_empty() {
            top.extend(comments.above);
            top.extend(comments.after);
            continue;
        }
        let slot = placed.entry(target).or_default();
        slot.above.extend(comments.above);
        slot.after.extend(comments.after);
    }
    for (path, comments) in &placed {
        set(new.as_table_mut(), path, comments);
    }
    if !top.is_empty() {
        let mut block = top.join("\n");
        block.push_str("\n\n");
        prepend_to_first(new.as_table_mut(), &block);
    }
    let trailing = comment_lines(old.trailing().as_str().unwrap_or(""));
    if !trailing.is_empty() {
        new.set_trailing(format!("\n{}\n", trailing.join("\n")));
    }
    new.to_string()
}

/// The `#` lines of a stretch of whitespace and comments, trimmed.
fn comment_lines(raw: &str) -> Vec<String> {
    raw.lines()
        .map(str::trim)
        .filter(|l| l.starts_with('#'))
        .map(str::to_string)
        .collect()
}

fn prefix(decor: &Decor) -> &str {
    decor.prefix().and_then(|p| p.as_str()).unwrap_or("")
}

fn suffix(decor: &Decor) -> &str {
    decor.suffix().and_then(|s| s.as_str()).unwrap_or("")
}

/// Comments of a value's inside: those of a multi-line array's items and after its last item.
fn inner(value: &Value, out: &mut Vec<String>) {
    if let Value::Array(array) = value {
        for item in array {
            out.extend(comment_lines(prefix(item.decor())));
            inner(item, out);
            out.extend(comment_lines(suffix(item.decor())));
        }
        out.extend(comment_lines(array.trailing().as_str().unwrap_or("")));
    }
}

/// The top-level list whose items keep their own comments.
const NOTES: &str = "notes";

fn gather(table: &Table, path: &mut KeyPath, out: &mut Vec<(KeyPath, Comments)>) {
    for (key, item) in table {
        path.push(key.to_string());
        let key_decor = table.key(key).map(toml_edit::Key::leaf_decor);
        match item {
            Item::Value(Value::Array(notes)) if path.len() == 1 && key == NOTES => {
                let above = key_decor
                    .map(|d| comment_lines(prefix(d)))
                    .unwrap_or_default();
                let mut after = comment_lines(suffix(notes.decor()));
                after.extend(comment_lines(notes.trailing().as_str().unwrap_or("")));
                out.push((path.clone(), Comments { above, after }));
                for (i, note) in notes.iter().enumerate() {
                    let mut above = comment_lines(prefix(note.decor()));
                    inner(note, &mut above);
                    let after = comment_lines(suffix(note.decor()));
                    path.push(i.to_string());
                    out.push((path.clone(), Comments { above, after }));
                    path.pop();
                }
            }
            Item::Value(value) => {
                let mut above = key_decor
                    .map(|d| comment_lines(prefix(d)))
                    .unwrap_or_default();
                inner(value, &mut above);
                let after = comment_lines(suffix(value.decor()));
                out.push((path.clone(), Comments { above, after }));
            }
            Item::Table(sub) => {
                let mut above = comment_lines(prefix(sub.decor()));
                if sub.is_dotted()
                    && let Some(decor) = key_decor
                {
                    above.extend(comment_lines(prefix(decor)));
                }
                let after = comment_lines(suffix(sub.decor()));
                out.push((path.clone(), Comments { above, after }));
                gather(sub, path, out);
            }
            Item::ArrayOfTables(array) => {
                for (i, sub) in array.iter().enumerate() {
                    path.push(i.to_string());
                    let above = comment_lines(prefix(sub.decor()));
                    let after = comment_lines(suffix(sub.decor()));
                    out.push((path.clone(), Comments { above, after }));
                    gather(sub, path, out);
                    path.pop();
                }
            }
            Item::None => {}
        }
        path.pop();
    }
}

/// Splits off the file's header: the comment lines above the first key that a blank line
/// separates from it.
fn split_header(root: &Table, first: &mut Comments) -> Vec<String> {
    let raw = match root.iter().next() {
        Some((key, Item::Value(_))) => root.key(key).map(|k| prefix(k.leaf_decor())),
        Some((_, Item::Table(t))) => Some(prefix(t.decor())),
        Some((_, Item::ArrayOfTables(a))) => a.iter().next().map(|t| prefix(t.decor())),
        _ => None,
    }
    .unwrap_or("");
    // The last piece is the key's own line, before the key.
    let lines: Vec<&str> = raw.split('\n').collect();
    let whole = &lines[..lines.len().saturating_sub(1)];
    let Some(blank) = whole.iter().rposition(|l| l.trim().is_empty()) else {
        return Vec::new();
    };
    let header = comment_lines(&whole[..blank].join("\n"));
    first.above.drain(..header.len().min(first.above.len()));
    header
}

fn exists(table: &Table, path: &[String]) -> bool {
    let Some((first, rest)) = path.split_first() else {
        return true;
    };
    match table.get(first) {
        None | Some(Item::None) => false,
        Some(_) if rest.is_empty() => true,
        Some(Item::Table(sub)) => exists(sub, rest),
        Some(Item::ArrayOfTables(array)) => {
            let Some(sub) = rest[0].parse().ok().and_then(|i: usize| array.get(i)) else {
                return false;
            };
            exists(sub, &rest[1..])
        }
        Some(Item::Value(Value::Array(notes))) if first == NOTES && rest.len() == 1 => {
            rest[0].parse::<usize>().is_ok_and(|i| i < notes.len())
        }
        // Inside an inline value: the key holding it takes the comments.
        Some(Item::Value(_)) => false,
    }
}

fn set(table: &mut Table, path: &[String], comments: &Comments) {
    let Some((first, rest)) = path.split_first() else {
        return;
    };
    if rest.is_empty() {
        let Some((mut key, item)) = table.get_key_value_mut(first) else {
            return;
        };
        match item {
            Item::Value(value) => {
                let decor = key.leaf_decor_mut();
                let kept = prefix(decor).to_string();
                decor.set_prefix(with_lines(&kept, &comments.above));
                set_after(value.decor_mut(), &comments.after);
            }
            Item::Table(sub) => decorate(sub.decor_mut(), comments),
            Item::ArrayOfTables(array) => {
                if let Some(sub) = array.get_mut(0) {
                    decorate(sub.decor_mut(), comments);
                }
            }
            Item::None => {}
        }
        return;
    }
    match table.get_mut(first) {
        Some(Item::Value(Value::Array(notes))) if first == NOTES => {
            let Some(note) = rest[0].parse().ok().and_then(|i: usize| notes.get_mut(i)) else {
                return;
            };
            // A note's own end-of-line comment would come before the comma that follows it
            // and swallow it: comments after a note go above it, with the others.
            let mut lines = String::from("\n");
            for line in comments.above.iter().chain(&comments.after) {
                lines.push_str(&format!("  {line}\n"));
            }
            lines.push_str("  ");
            note.decor_mut().set_prefix(lines);
            note.decor_mut().set_suffix("");
            // One note a line, the closing bracket on a line of its own.
            for other in notes.iter_mut() {
                let kept = prefix(other.decor()).to_string();
                if !kept.contains('\n') {
                    other.decor_mut().set_prefix("\n  ");
                }
            }
            notes.set_trailing_comma(true);
            notes.set_trailing("\n");
        }
        Some(Item::Table(sub)) => set(sub, rest, comments),
        Some(Item::ArrayOfTables(array)) => {
            if let Some(sub) = rest[0].parse().ok().and_then(|i: usize| array.get_mut(i)) {
                if rest.len() == 1 {
                    decorate(sub.decor_mut(), comments);
                } else {
                    set(sub, &rest[1..], comments);
                }
            }
        }
        _ => {}
    }
}

/// The whitespace a decor had, then the comment lines, each ending its line.
fn with_lines(kept: &str, lines: &[String]) -> String {
    let mut out: String = kept
        .chars()
        .filter(|c| c.is_whitespace())
        .collect::<String>();
    // Whitespace only up to the last line break: indentation goes after the comments.
    let (before, indent) = match out.rfind('\n') {
        Some(i) => (out[..=i].to_string(), out[i + 1..].to_string()),
        None => (String::new(), out.clone()),
    };
    out = before;
    for line in lines {
        out.push_str(line);
        out.push('\n');
    }
    out.push_str(&indent);
    out
}

fn set_after(decor: &mut Decor, after: &[String]) {
    if !after.is_empty() {
        let joined: Vec<&str> = after
            .iter()
            .map(|c| c.trim_start_matches('#').trim())
            .collect();
        decor.set_suffix(format!(" # {}", joined.join("; ")));
    }
}

fn decorate(decor: &mut Decor, comments: &Comments) {
    let kept = prefix(decor).to_string();
    decor.set_prefix(with_lines(&kept, &comments.above));
    set_after(decor, &comments.after);
}

/// Puts a block before everything else in the document.
fn prepend_to_first(root: &mut Table, block: &str) {
    let first = root.iter().next().map(|(k, _)| k.to_string());
    let Some(first) = first else {
        return;
    };
    if let Some((mut key, item)) = root.get_key_value_mut(&first) {
        let decor = match item {
            Item::Value(_) => key.leaf_decor_mut(),
            Item::Table(t) => t.decor_mut(),
            Item::ArrayOfTables(a) => match a.get_mut(0) {
                Some(t) => t.decor_mut(),
                None => return,
            },
            Item::None => return,
        };
        let kept = prefix(decor).trim_start_matches(['\n', '\r']).to_string();
        decor.set_prefix(format!("{block}{kept}"));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn same(path: &[String]) -> Option<KeyPath> {
        Some(path.to_vec())
    }

    #[test]
    fn comments_move_with_their_keys() {
        let original = "#:schema ./s.json\n\n# who\nentity = \"X\" # the entity\nquestionnaire = \"q\"\n\n# the answers\n[answers]\n# second\nb = \"2\"\na = [\n  1, # one\n  2,\n]\n\n[[answers.events]]  # first event\nname = \"E\"\n# end\n";
        let canonical = "questionnaire = \"q\"\nentity = \"X\"\n\n[answers]\na = [1, 2]\nb = \"2\"\n\n[[answers.events]]\nname = \"E\"\n";
        let carried = carry(original, canonical, &same);
        let want = "#:schema ./s.json\n\nquestionnaire = \"q\"\n# who\nentity = \"X\" # the entity\n\n# the answers\n[answers]\n# one\na = [1, 2]\n# second\nb = \"2\"\n\n[[answers.events]] # first event\nname = \"E\"\n\n# end\n";
        assert_eq!(carried, want);
        // A fixed point: carrying again changes nothing.
        assert_eq!(carry(&carried, canonical, &same), want);
    }

    #[test]
    fn a_comment_on_a_note_stays_on_it() {
        let original =
            "questionnaire = \"q\"\nnotes = [\n  \"one\",\n  # on the second\n  \"two\",\n]\n";
        let canonical = "questionnaire = \"q\"\nnotes = [\"one\", \"two\"]\n";
        let carried = carry(original, canonical, &same);
        assert!(
            carried.contains("  \"one\",\n  # on the second\n  \"two\","),
            "{carried}"
        );
        assert!(carried.parse::<DocumentMut>().is_ok(), "{carried}");
        assert_eq!(carry(&carried, canonical, &same), carried, "a fixed point");
        // Moved: the comment goes where its note went.
        let moved = carry(original, "[answers]\nq6 = \"two\"\n", &|p| {
            (p == ["notes", "1"]).then(|| vec!["answers".into(), "q6".into()])
        });
        assert!(moved.contains("# on the second\nq6 = "), "{moved}");
    }

    #[test]
    fn a_comment_after_a_value_that_becomes_a_note_leaves_the_comma_alone() {
        let original = "questionnaire = \"q\"\n[answers]\na = [1, 2]#\nb = 3 # on b\n";
        let canonical = "questionnaire = \"q\"\nnotes = [\"1, 2\", \"3\", \"last\"]\n";
        let carried = carry(original, canonical, &|p| match p {
            [a, key] if a == "answers" => Some(vec![
                NOTES.into(),
                if key == "a" { "0" } else { "1" }.into(),
            ]),
            _ => None,
        });
        let notes = carried
            .parse::<DocumentMut>()
            .unwrap_or_else(|e| panic!("{e}\n{carried}"));
        assert_eq!(
            notes[NOTES].as_array().map(toml_edit::Array::len),
            Some(3),
            "{carried}"
        );
        assert!(carried.contains("  # on b\n  \"3\",\n"), "{carried}");
        assert_eq!(carry(&carried, canonical, &same), carried, "a fixed point");
    }

    #[test]
    fn comments_of_keys_that_are_gone_go_to_the_nearest_remaining_key() {
        let original = "[answers]\n# gone\nold = 1\n";
        let canonical = "[answers]\nnew = 1\n";
        let carried = carry(original, canonical, &|_p| {
            Some(vec!["answers".into(), "x".into()])
        });
        assert_eq!(carried, "# gone\n[answers]\nnew = 1\n");
        assert_eq!(carry("not = = toml", canonical, &same), canonical);
    }
}
