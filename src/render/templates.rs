//! Tera, loaded with the theme's templates. Template mistakes become diagnostics that name
//! the template file and, where Tera or the template text tells, the line.

use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use crate::load::theme::Theme;
use std::collections::BTreeMap;
use std::io::Write;

/// Template name → (origin for messages, source for finding lines).
type Sources = BTreeMap<String, (String, String)>;

pub struct Templates {
    tera: tera::Tera,
    sources: Sources,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Self, Diagnostics> {
        let mut tera = tera::Tera::new();
        tera.autoescape_on([".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        tera.register_filter("truncate", super::filters::truncate);
        tera.register_filter("phrases", super::filters::phrases);
        tera.register_filter("qr", super::filters::qr);
        let sources: Sources = theme
            .templates
            .values()
            .map(|t| (t.name.clone(), (t.origin.clone(), t.source.clone())))
            .collect();
        let all = theme
            .templates
            .values()
            .map(|t| (t.name.as_str(), t.source.as_str()));
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(Diagnostics::from_iter([diagnostic(&sources, &e, None)]));
        }
        Ok(Templates { tera, sources })
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    /// The page as bytes, which is what is written: a `String` would check megabytes of
    /// HTML for valid UTF-8 once more (2% of a build's CPU).
    pub fn render(&self, name: &str, context: &tera::Context) -> Result<Vec<u8>, Diagnostic> {
        let mut out = Vec::with_capacity(32 * 1024);
        self.tera
            .render_to(name, context, &mut out)
            .map(|()| out)
            .map_err(|e| diagnostic(&self.sources, &e, Some(name)))
    }
}

/// Turn a Tera error into a diagnostic at the template and line it concerns. Syntax and
/// rendering errors carry the template (which may be a parent or a component's file,
/// not the one we asked to render) and the span; the others name only a template.
fn diagnostic(sources: &Sources, err: &tera::Error, rendering: Option<&str>) -> Diagnostic {
    let (name, message, position) = match err.kind() {
        tera::ErrorKind::SyntaxError(report) | tera::ErrorKind::RenderingError(report) => {
            let span = report.span();
            (
                report.filename().to_owned(),
                report.message().to_owned(),
                Some(Position::new(span.start_line, span.start_col + 1)),
            )
        }
        kind => (
            rendering.unwrap_or_default().to_owned(),
            kind.to_string(),
            None,
        ),
    };
    let (origin, template_source) = sources
        .get(&name)
        .cloned()
        .unwrap_or_else(|| (name.clone(), String::new()));
    let message = message.trim_end_matches('.');
    // Tera's own words stay, for whoever helps the staff, as with YAML errors.
    let line = position
        .and_then(|p| template_source.lines().nth(p.line.saturating_sub(1)))
        .unwrap_or_default();
    let hint = if written_for_tera_1(line) {
        "这一行是按旧版模板语言（Tera 1）写的：共用的部件现在是 `components.html` 里的\
         组件，不用 import，直接写成 `{{ <list pages={section.pages} /> }}`（见 \
         docs/templates.md）。"
    } else {
        "改正这个模板；或者把它从你的主题里删掉，改用内置模板。"
    };
    let mut d = Diagnostic::error(format!("模板有错（Tera：{message}）。"))
        .in_file(origin)
        .with_hint(hint);
    if let Some(p) = position {
        d = d.at(p).with_source(&template_source);
    }
    d
}

/// A theme copied from a bulletin before Tera 2 imports `macros.html` and calls `m::…`.
fn written_for_tera_1(line: &str) -> bool {
    ["macros.html", "{% macro", "m::", "self::"]
        .iter()
        .any(|old| line.contains(old))
}

/// Escape what HTML needs escaped. Tera's default also escapes `/`, which turns every URL
/// into `..&#x2F;guides&#x2F;…`: valid, but heavier pages and unreadable source.
pub(super) fn escape_html(input: &str, out: &mut dyn Write) -> std::io::Result<()> {
    let mut copied = 0;
    // Byte-wise: every character escaped is ASCII, so the slices between them are whole
    // characters and most values are copied in one piece.
    for (i, b) in input.bytes().enumerate() {
        let entity: &[u8] = match b {
            b'&' => b"&amp;",
            b'<' => b"&lt;",
            b'>' => b"&gt;",
            b'"' => b"&quot;",
            b'\'' => b"&#39;",
            _ => continue,
        };
        out.write_all(&input.as_bytes()[copied..i])?;
        out.write_all(entity)?;
        copied = i + 1;
    }
    out.write_all(&input.as_bytes()[copied..])
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::theme::Template;

    fn theme(templates: &[(&str, &str)]) -> Theme {
        let mut t = Theme::default();
        for (name, source) in templates {
            t.templates.insert(
                name.to_string(),
                Template {
                    name: name.to_string(),
                    source: source.to_string(),
                    origin: format!("themes/x/templates/{name}"),
                },
            );
        }
        t
    }

    #[test]
    fn syntax_errors_name_template_and_line() {
        let err = Templates::new(&theme(&[("a.html", "<p>\n{{ page.title </p>\n")]))
            .err()
            .unwrap();
        let d = err.iter().next().unwrap();
        assert_eq!(
            d.file.as_ref().unwrap().to_str(),
            Some("themes/x/templates/a.html")
        );
        assert_eq!(d.position.unwrap().line, 2);
    }

    #[test]
    fn render_errors_point_at_the_culprit() {
        let t = Templates::new(&theme(&[("base.html", "<html>{% block main %}{% endblock main %}</html>"), ("a.html", "{% extends \"base.html\" %}\n{% block main %}\n<h1>{{ page.titel }}</h1>\n{% endblock main %}")])).unwrap();
        let mut ctx = tera::Context::new();
        ctx.insert("page", &serde_json::json!({"title": "x"}));
        let d = t.render("a.html", &ctx).unwrap_err();
        assert_eq!(
            d.file.as_ref().unwrap().to_str(),
            Some("themes/x/templates/a.html")
        );
        assert_eq!(d.position.unwrap().line, 3, "{d}");
        assert!(d.message.contains("`titel`"), "{}", d.message);
    }
}
