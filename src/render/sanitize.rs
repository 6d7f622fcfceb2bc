//! Raw HTML in Markdown is allowed for harmless markup (a `<br>`, a `<span>`), but nothing
//! that runs: pages pasted from elsewhere must never carry scripts onto a public site.

use std::sync::OnceLock;

fn builder() -> &'static ammonia::Builder<'static> {
    static BUILDER: OnceLock<ammonia::Builder<'static>> = OnceLock::new();
    BUILDER.get_or_init(|| {
        let mut b = ammonia::Builder::default();
        b.add_generic_attributes(["id", "class"])
            // Task-list boxes: a disabled <input> named by its <label> (markdown.rs).
            .add_tags(["input", "label"])
            .add_tag_attributes("input", ["type", "checked", "disabled"])
            .add_tag_attributes("th", ["style"])
            .add_tag_attributes("td", ["style"])
            .link_rel(None);
        b
    })
}

/// Sanitize a page body that contains raw HTML.
pub fn clean(html: &str) -> String {
    builder().clean(html).to_string()
}

/// What makes a raw HTML fragment unsafe, in words, or None when it is harmless.
pub fn unsafe_part(fragment: &str) -> Option<String> {
    let lower = fragment.to_ascii_lowercase();
    for tag in [
        "script", "iframe", "object", "embed", "style", "form", "link", "meta", "base", "frame",
        "svg", "math",
    ] {
        if lower.contains(&format!("<{tag}")) {
            return Some(format!("`<{tag}>` 标签"));
        }
    }
    if let Some(handler) = event_handler(&lower) {
        return Some(format!("事件代码 `{handler}`"));
    }
    ["javascript:", "vbscript:", "data:text"]
        .iter()
        .find(|s| lower.contains(*s))
        .map(|s| format!("`{s}` 地址"))
}

/// `onclick=` and friends inside a tag.
fn event_handler(lower: &str) -> Option<String> {
    let bytes = lower.as_bytes();
    for (i, _) in lower.match_indices("on") {
        let preceded_by_space = i > 0 && bytes[i - 1].is_ascii_whitespace();
        let name: String = lower[i..]
            .chars()
            .take_while(|c| c.is_ascii_alphabetic())
            .collect();
        let after = lower[i + name.len()..].trim_start();
        if preceded_by_space && name.len() > 2 && after.starts_with('=') {
            return Some(format!("{name}="));
        }
    }
    None
}

/// Links that would run code or smuggle a document: never published.
pub fn is_unsafe_url(url: &str) -> bool {
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect::<String>()
        .to_ascii_lowercase();
    compact.starts_with("javascript:")
        || compact.starts_with("vbscript:")
        || compact.starts_with("data:")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_what_is_unsafe() {
        assert_eq!(
            unsafe_part("<script>x</script>").as_deref(),
            Some("`<script>` 标签")
        );
        assert_eq!(
            unsafe_part("<img src=x onerror=alert(1)>").as_deref(),
            Some("事件代码 `onerror=`")
        );
        assert_eq!(
            unsafe_part("<a href=\"javascript:x\">").as_deref(),
            Some("`javascript:` 地址")
        );
        assert_eq!(unsafe_part("<span class=\"red\">注意</span>"), None);
        assert_eq!(unsafe_part("<br>"), None);
        assert!(is_unsafe_url(" JavaScript:alert(1)"));
        assert!(!is_unsafe_url("https://example.org"));
    }

    #[test]
    fn clean_keeps_harmless_markup() {
        assert_eq!(
            clean("<h2 id=\"a\">标题</h2><p onclick=\"x\">正文</p>"),
            "<h2 id=\"a\">标题</h2><p>正文</p>"
        );
    }
}
