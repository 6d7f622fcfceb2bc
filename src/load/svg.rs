//! SVG pictures are XML that a browser runs when the file is opened by itself: a
//! `<script>`, an `onload=` or a `javascript:` link in one would run on the site's own
//! address. Such pictures are refused with the fix, as scripts in a page's HTML are
//! removed; drawing programs never need them.

use crate::diagnostics::{Diagnostic, Lines};
use crate::load::walk::AssetFile;

/// What makes a picture run code, lowercased, with how staff are told of it. Entities are
/// refused too: `&#106;avascript:` hides a link, and `<!ENTITY` can make a parser expand a
/// few bytes into gigabytes.
const ACTIVE: [(&str, &str); 8] = [
    ("<script", "脚本（`<script>`）"),
    ("<foreignobject", "嵌入的网页（`<foreignObject>`）"),
    ("javascript:", "`javascript:` 链接"),
    ("<iframe", "框架（`<iframe>`）"),
    ("<embed", "嵌入内容（`<embed>`）"),
    ("<object", "嵌入内容（`<object>`）"),
    ("<!entity", "实体定义（`<!ENTITY>`）"),
    ("&#", "转义的字符（`&#…;`），可以用来藏住链接"),
];

/// The SVG files among `files` (under `folder`, `content` or `static`) that hold active
/// content: one error each, at the first such place.
pub fn check(folder: &str, files: &[AssetFile]) -> Vec<Diagnostic> {
    files
        .iter()
        .filter(|f| f.dest.to_ascii_lowercase().ends_with(".svg"))
        .filter_map(|f| {
            let text = String::from_utf8_lossy(&std::fs::read(&f.source).ok()?).into_owned();
            let (offset, what) = active_part(&text)?;
            let lines = Lines::new(&text, 1);
            Some(
                Diagnostic::error(format!(
                    "这张 SVG 图片里有{what}：直接打开图片时，它会在本站运行。"
                ))
                .in_file(format!("{folder}/{}", f.dest))
                .at(lines.position(offset))
                .with_line_of(&lines)
                .with_hint("在绘图软件里重新导出一份普通的 SVG（或导出成 PNG）再放进来；来历不明的 SVG 不要用。"),
            )
        })
        .collect()
}

/// The first active part of an SVG text: its byte offset and what it is.
fn active_part(text: &str) -> Option<(usize, &'static str)> {
    // ASCII lowercasing keeps every byte offset.
    let lower = text.to_ascii_lowercase();
    let named = ACTIVE
        .iter()
        .filter_map(|(needle, what)| Some((lower.find(needle)?, *what)));
    named.chain(event_handler(&lower)).min_by_key(|(at, _)| *at)
}

/// An event attribute (`onload=`, `onclick =`) inside a tag.
fn event_handler(lower: &str) -> Option<(usize, &'static str)> {
    let bytes = lower.as_bytes();
    let mut in_tag = false;
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'<' => in_tag = true,
            b'>' => in_tag = false,
            b'o' if in_tag
                && i > 0
                && matches!(
                    bytes[i - 1],
                    b' ' | b'\t' | b'\n' | b'\r' | b'/' | b'"' | b'\''
                )
                && bytes.get(i + 1) == Some(&b'n') =>
            {
                let name_end = (i + 2..bytes.len())
                    .find(|&j| !bytes[j].is_ascii_alphabetic())
                    .unwrap_or(bytes.len());
                let after = lower[name_end..].trim_start();
                if name_end > i + 2 && after.starts_with('=') {
                    return Some((i, "事件代码（`onload=` 之类）"));
                }
            }
            _ => {}
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::active_part;

    #[test]
    fn scripts_handlers_and_hidden_links_are_found_plain_drawings_are_not() {
        let plain = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><title>one line</title><rect opacity="1" font="one" width="10" height="10" fill="#123"/><text>contact onboarding</text></svg>"##;
        assert_eq!(active_part(plain), None);
        for (svg, what) in [
            ("<svg><script>alert(1)</script></svg>", "脚本"),
            ("<svg><SCRIPT>alert(1)</SCRIPT></svg>", "脚本"),
            ("<svg onload=\"alert(1)\"/>", "事件代码"),
            ("<svg>\n<rect\n  onClick = 'x'/></svg>", "事件代码"),
            (
                "<svg><a xlink:href=\"JavaScript:alert(1)\"><rect/></a></svg>",
                "`javascript:`",
            ),
            ("<svg><a href=\"&#106;avascript:alert(1)\"/></svg>", "转义"),
            (
                "<svg><foreignObject><body/></foreignObject></svg>",
                "嵌入的网页",
            ),
        ] {
            let found = active_part(svg).map(|(_, w)| w).unwrap_or_default();
            assert!(found.contains(what), "{svg}: {found}");
        }
    }
}
