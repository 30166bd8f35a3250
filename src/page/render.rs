//! The templates: built into the binary, each replaceable by a file of the same name in
//! `--template DIR`; autoescaping on for every one, so that answer text is always escaped.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use std::io::Write;

use minijinja::value::Value;
use minijinja::{AutoEscape, Environment, UndefinedBehavior};

use super::PageError;
use crate::fsio::{Target, WriteError};

/// The built-in templates: (file name, text).
pub const BUILTIN: &[(&str, &str)] = &[
    ("report.html", include_str!("templates/report.html")),
    ("style.css", include_str!("templates/style.css")),
    ("macros.html", include_str!("templates/macros.html")),
    ("summary.html", include_str!("templates/summary.html")),
    ("sdgs.html", include_str!("templates/sdgs.html")),
    ("events.html", include_str!("templates/events.html")),
    (
        "member_states.html",
        include_str!("templates/member_states.html"),
    ),
    (
        "high_impact.html",
        include_str!("templates/high_impact.html"),
    ),
    ("resources.html", include_str!("templates/resources.html")),
    ("limits.html", include_str!("templates/limits.html")),
    ("notes.html", include_str!("templates/notes.html")),
    ("findings.html", include_str!("templates/findings.html")),
    ("previews.html", include_str!("templates/previews.html")),
];

/// The page's templates, ready to render.
pub struct Templates {
    env: Environment<'static>,
    /// Where each template that is not built in came from.
    files: HashMap<String, PathBuf>,
}

fn broken(path: &str, e: &minijinja::Error) -> PageError {
    PageError::Template {
        template: path.to_string(),
        line: e.line(),
        reason: e
            .detail()
            .map_or_else(|| e.kind().to_string(), |d| format!("{}: {d}", e.kind())),
    }
}

impl Templates {
    /// The built-in templates, each replaced by `dir`'s file of the same name if there is one;
    /// `dir`'s other `.html`, `.css` and `.svg` files are added for templates to include.
    pub fn load(dir: Option<&Path>) -> Result<Templates, PageError> {
        let mut env = Environment::new();
        env.set_auto_escape_callback(|_| AutoEscape::Html);
        env.set_undefined_behavior(UndefinedBehavior::Strict);
        env.add_filter("css_string", |v: String| css_string(&v));
        let mut sources: Vec<(String, String)> = BUILTIN
            .iter()
            .map(|(name, text)| ((*name).to_string(), (*text).to_string()))
            .collect();
        let mut files = HashMap::new();
        if let Some(dir) = dir {
            let entries = std::fs::read_dir(dir).map_err(|e| PageError::TemplateFolder {
                path: dir.to_path_buf(),
                reason: crate::text::io_reason(&e),
            })?;
            let mut names: Vec<PathBuf> =
                entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
            names.sort();
            for path in names {
                let Some(name) = path
                    .file_name()
                    .and_then(|n| n.to_str())
                    .map(str::to_string)
                else {
                    continue;
                };
                let known = BUILTIN.iter().any(|(b, _)| *b == name);
                let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
                if !path.is_file() || !(known || matches!(ext, "html" | "css" | "svg")) {
                    continue;
                }
                let text =
                    std::fs::read_to_string(&path).map_err(|e| PageError::TemplateUnreadable {
                        path: path.clone(),
                        reason: crate::text::io_reason(&e),
                    })?;
                match sources.iter_mut().find(|(n, _)| *n == name) {
                    Some(source) => source.1 = text,
                    None => sources.push((name.clone(), text)),
                }
                files.insert(name, path);
            }
        }
        let mut templates = Templates { env, files };
        for (name, text) in sources {
            if let Err(e) = templates.env.add_template_owned(name.clone(), text) {
                return Err(broken(&templates.shown(&name), &e));
            }
        }
        Ok(templates)
    }

    /// How a template is named in messages: its file, or `built-in NAME`.
    fn shown(&self, name: &str) -> String {
        self.files
            .get(name)
            .map_or_else(|| format!("built-in {name}"), |p| p.display().to_string())
    }

    /// Writes `report.html` to `out` as it renders, with the page's fields as its variables and
    /// `previews` (made one at a time as the template iterates it; none without previews).
    pub fn write(
        &self,
        page: &super::view::Page,
        previews: Option<Value>,
        out: &mut dyn Write,
        target: &Target,
    ) -> Result<(), PageError> {
        let template = self
            .env
            .get_template("report.html")
            .map_err(|e| broken(&self.shown("report.html"), &e))?;
        let context = minijinja::context! {
            previews => previews.unwrap_or(Value::from(())),
            ..Value::from(minijinja::value::Serde(page))
        };
        let mut out = Watched {
            out: std::io::BufWriter::new(out),
            failed: None,
        };
        let rendered = template.render_captured_to(context, &mut out).map(|_| ());
        let flushed = out.out.flush();
        if let Some(e) = out.failed.take() {
            return Err(WriteError::to(target.clone())(e).into());
        }
        rendered.map_err(|e| {
            // An error inside an included template comes wrapped in the include's error.
            let mut inner = &e;
            while let Some(cause) =
                std::error::Error::source(inner).and_then(|s| s.downcast_ref::<minijinja::Error>())
            {
                inner = cause;
            }
            let name = inner.name().unwrap_or("report.html").to_string();
            broken(&self.shown(&name), inner)
        })?;
        flushed.map_err(|e| WriteError::to(target.clone())(e).into())
    }
}

/// A writer that keeps its first failure, so that a failed write is told apart from a template
/// that failed (minijinja reports both as its own error).
struct Watched<W: Write> {
    out: W,
    failed: Option<std::io::Error>,
}

impl<W: Write> Write for Watched<W> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf).inspect_err(|e| {
            if self.failed.is_none() {
                self.failed = Some(std::io::Error::new(e.kind(), e.to_string()));
            }
        })
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// A value as a CSS string literal, for `content:` in the style sheet: quoted, with quotes,
/// backslashes, line breaks and `<` (which could close the `<style>` element) escaped.
fn css_string(value: &str) -> Value {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for ch in value.chars() {
        match ch {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", u32::from(ch))),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    Value::from_safe_string(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_broken_template_is_named_with_its_line() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("summary.html"), "<p>\n{% if %}\n").unwrap();
        let Err(e) = Templates::load(Some(dir.path())) else {
            panic!("a syntax error must stop the run");
        };
        let message = e.to_string();
        let want = format!("template `{}:2`", dir.path().join("summary.html").display());
        assert!(message.starts_with(&want), "{message}");
    }

    #[test]
    fn css_strings_cannot_end_the_string_or_the_style_element() {
        let cases = [
            ("HLPF 2024", "\"HLPF 2024\""),
            ("say \"hi\"", "\"say \\22 hi\\22 \""),
            ("</style><script>", "\"\\3c /style\\3e \\3c script\\3e \""),
            ("a\\b\nc", "\"a\\5c b\\a c\""),
        ];
        for (text, want) in cases {
            assert_eq!(css_string(text).to_string(), want, "{text}");
        }
    }

    #[test]
    fn a_missing_folder_is_said() {
        let missing = Path::new("/nonexistent/templates");
        assert!(matches!(
            Templates::load(Some(missing)),
            Err(PageError::TemplateFolder { .. })
        ));
    }
}
