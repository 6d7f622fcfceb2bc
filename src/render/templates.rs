//! Tera, loaded with the theme's templates. Template mistakes become diagnostics that name
//! the template file and, where Tera or the template text tells, the line.

use super::theme::Theme;
use crate::diagnostics::{Diagnostic, Diagnostics, Position};
use std::collections::BTreeMap;

pub struct Templates {
    tera: tera::Tera,
    /// Template name → (origin for messages, source for finding lines).
    sources: BTreeMap<String, (String, String)>,
}

impl Templates {
    pub fn new(theme: &Theme) -> Result<Self, Diagnostics> {
        let mut tera = tera::Tera::default();
        tera.autoescape_on(vec![".html", ".xml"]);
        tera.set_escape_fn(escape_html);
        let sources: BTreeMap<String, (String, String)> = theme
            .templates
            .values()
            .map(|t| (t.name.clone(), (t.origin.clone(), t.source.clone())))
            .collect();
        let all: Vec<(&str, &str)> = theme
            .templates
            .values()
            .map(|t| (t.name.as_str(), t.source.as_str()))
            .collect();
        let templates = Templates {
            tera: tera::Tera::default(),
            sources,
        };
        if let Err(e) = tera.add_raw_templates(all) {
            return Err(Diagnostics::from_iter([templates.diagnostic(&e, None)]));
        }
        Ok(Templates { tera, ..templates })
    }

    pub fn has(&self, name: &str) -> bool {
        self.sources.contains_key(name)
    }

    pub fn render(&self, name: &str, context: &tera::Context) -> Result<String, Diagnostic> {
        self.tera
            .render(name, context)
            .map_err(|e| self.diagnostic(&e, Some(name)))
    }

    /// Turn a Tera error into a diagnostic at the template and line it concerns.
    fn diagnostic(&self, err: &tera::Error, rendering: Option<&str>) -> Diagnostic {
        let mut chain = vec![err.to_string()];
        let mut source = std::error::Error::source(err);
        while let Some(s) = source {
            chain.push(s.to_string());
            source = s.source();
        }
        let text = chain.join("\n");
        // The innermost template named in the chain is the one at fault (it may be an
        // included or parent template, not the one we asked to render).
        let name = chain
            .iter()
            .rev()
            .find_map(|line| {
                quoted_template_name(line).filter(|n| self.sources.contains_key(n.as_str()))
            })
            .or_else(|| rendering.map(str::to_owned))
            .unwrap_or_default();
        let (origin, template_source) = self
            .sources
            .get(&name)
            .cloned()
            .unwrap_or_else(|| (name.clone(), String::new()));
        let position = parse_position(&text).or_else(|| find_culprit_line(&text, &template_source));
        let message = chain.last().cloned().unwrap_or_default();
        let message = message
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with("-->") && !l.starts_with('|'))
            .collect::<Vec<_>>()
            .join(" ");
        let mut d = Diagnostic::error(format!("template error: {message}"))
            .in_file(origin)
            .with_hint("fix this template, or delete it from your theme to use the built-in one");
        if let Some(p) = position {
            d = d.at(p).with_source(&template_source);
        }
        d
    }
}

/// Escape what HTML needs escaped. Tera's default also escapes `/`, which turns every URL
/// into `..&#x2F;guides&#x2F;…`: valid, but heavier pages and unreadable source.
fn escape_html(input: &str) -> String {
    let mut out = String::with_capacity(input.len() + 8);
    let mut copied = 0;
    // Byte-wise: every character escaped is ASCII, so the slices between them are whole
    // characters and most values are copied in one piece.
    for (i, b) in input.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        out.push_str(&input[copied..i]);
        out.push_str(entity);
        copied = i + 1;
    }
    out.push_str(&input[copied..]);
    out
}

/// `Failed to render 'guide.html'` / `Failed to parse "base.html"` → the template name.
fn quoted_template_name(line: &str) -> Option<String> {
    for quote in ['\'', '"'] {
        let mut parts = line.split(quote);
        parts.next();
        if let Some(name) = parts.next() {
            if name.ends_with(".html") || name.ends_with(".xml") || name.ends_with(".txt") {
                return Some(name.to_owned());
            }
        }
    }
    None
}

/// Tera's parse errors say ` --> 3:5`.
fn parse_position(text: &str) -> Option<Position> {
    let after = text.split("--> ").nth(1)?;
    let mut nums = after
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let line = nums.next()?.parse().ok()?;
    let column = nums.next()?.parse().ok()?;
    Some(Position::new(line, column))
}

/// Render errors carry no position; they name the culprit in backticks (`page.titel`),
/// so point at the first line of the template that mentions it.
fn find_culprit_line(text: &str, source: &str) -> Option<Position> {
    let culprit = text.split('`').nth(1).filter(|s| !s.is_empty())?;
    source.lines().enumerate().find_map(|(i, line)| {
        line.find(culprit)
            .map(|col| Position::new(i + 1, line[..col].chars().count() + 1))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::Template;

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
        assert!(d.message.contains("page.titel"), "{}", d.message);
    }
}
