//! The live preview in the browser: a small script the server adds to every HTML page it
//! serves (never to a build's output), which follows the server's event stream. It reloads
//! the page when a rebuild changed it, and shows the errors of a broken rebuild over the
//! page (file, line, message) until they are fixed.

use super::state::{Live, LiveEvent, Problem};
use serde_json::json;

/// Everything the server answers itself lives under this prefix.
pub const PREFIX: &str = "/__bulletin/";
pub const SCRIPT_PATH: &str = "/__bulletin/live.js";
pub const EVENTS_PATH: &str = "/__bulletin/events";

/// The reload and overlay script. It reads its page's generation from its own tag; the
/// first event (`hello`) tells the current generation and errors, so a page loaded just
/// before a rebuild still catches up.
pub const SCRIPT: &str = r##"(function () {
  "use strict";
  var me = document.currentScript;
  var generation = Number(me && me.getAttribute("data-generation")) || 0;
  var here = location.pathname.replace(/^\/+/, "");
  if (here === "" || here.slice(-1) === "/") here += "index.html";
  try { here = decodeURIComponent(here); } catch (e) {}
  var overlay = null;

  function hide() {
    if (overlay) { overlay.remove(); overlay = null; }
  }

  function show(errors) {
    hide();
    if (!errors || !errors.length) return;
    overlay = document.createElement("div");
    overlay.id = "bulletin-errors";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;z-index:2147483647;left:0;right:0;top:0;max-height:80vh;overflow:auto;" +
      "background:#fff5f5;color:#111;border-bottom:4px solid #b00020;padding:16px 20px;font:16px/1.5 system-ui,sans-serif;" +
      "box-shadow:0 4px 16px rgba(0,0,0,.3)";
    var title = document.createElement("strong");
    title.style.cssText = "display:block;color:#b00020;font-size:18px;margin-bottom:8px";
    title.textContent = errors.length === 1
      ? "1 个错误：网站没有更新"
      : errors.length + " 个错误：网站没有更新";
    overlay.appendChild(title);
    var list = document.createElement("ol");
    list.style.cssText = "margin:0;padding-left:24px";
    errors.forEach(function (e) {
      var item = document.createElement("li");
      item.className = "bulletin-error";
      item.style.marginBottom = "8px";
      var where = document.createElement("code");
      where.className = "bulletin-error-where";
      where.style.cssText = "font-weight:bold;background:#fde2e2;padding:0 4px";
      where.textContent = (e.file || "") + (e.line ? ":" + e.line + ":" + (e.column || 1) : "");
      var message = document.createElement("div");
      message.className = "bulletin-error-message";
      message.textContent = e.message;
      item.appendChild(where);
      item.appendChild(message);
      if (e.hint) {
        var hint = document.createElement("div");
        hint.style.color = "#444";
        hint.textContent = "提示：" + e.hint;
        item.appendChild(hint);
      }
      list.appendChild(item);
    });
    overlay.appendChild(list);
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "关闭";
    close.style.cssText = "margin-top:8px;font:inherit;padding:4px 12px";
    close.onclick = hide;
    overlay.appendChild(close);
    document.body.appendChild(overlay);
  }

  var events = new EventSource("/__bulletin/events");
  events.addEventListener("hello", function (m) {
    var d = JSON.parse(m.data);
    // Says the page follows the server (tests wait for it).
    document.documentElement.setAttribute("data-bulletin-live", String(d.generation));
    show(d.errors);
    if (d.generation !== generation && !d.errors.length) location.reload();
  });
  events.addEventListener("errors", function (m) {
    show(JSON.parse(m.data).errors);
  });
  events.addEventListener("reload", function (m) {
    var d = JSON.parse(m.data);
    if (d.changed === "all" || d.changed.indexOf(here) >= 0) {
      location.reload();
    } else {
      generation = d.generation;
    }
  });
})();
"##;

/// The tag added to served HTML, just before `</body>`.
pub fn script_tag(generation: u64) -> String {
    format!("<script src=\"{SCRIPT_PATH}\" data-generation=\"{generation}\"></script>")
}

/// `html` with the script tag added before its last `</body>` (or at its end).
pub fn inject(html: &[u8], generation: u64) -> Vec<u8> {
    let tag = script_tag(generation);
    let at = find_last_ignore_case(html, b"</body>").unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

fn find_last_ignore_case(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The first event of a stream: where the site stands now.
pub fn hello(live: &Live) -> (&'static str, String) {
    let data = json!({ "generation": live.generation, "errors": &*live.errors });
    ("hello", data.to_string())
}

/// An event of the stream as its name and JSON data.
pub fn event(e: &LiveEvent) -> (&'static str, String) {
    match e {
        LiveEvent::Reload {
            generation,
            changed,
        } => (
            "reload",
            json!({ "generation": generation, "changed": changed }).to_string(),
        ),
        LiveEvent::Errors { generation, errors } => (
            "errors",
            json!({ "generation": generation, "errors": &**errors }).to_string(),
        ),
    }
}

/// The page served before the first build is ready, or when it failed: it waits for the
/// build and shows its errors through the same script.
pub fn waiting_page(live: &Live) -> Vec<u8> {
    let errors: &[Problem] = &live.errors;
    let message = if errors.is_empty() {
        "正在生成网站…… Building the site…"
    } else {
        "网站有错误，改正后这一页会自动刷新。The site has errors; this page reloads when they are fixed."
    };
    let html = format!(
        "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>bulletin serve</title></head><body><p style=\"font:20px system-ui,sans-serif;margin:40vh 20px 0\">{message}</p></body></html>\n"
    );
    inject(html.as_bytes(), live.generation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let out = inject(b"<html><body><p>x</p></BODY></html>", 7);
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "<html><body><p>x</p><script src=\"/__bulletin/live.js\" data-generation=\"7\"></script></BODY></html>"
        );
        let text = String::from_utf8(inject(b"<p>no body", 1)).unwrap();
        assert!(text.ends_with("data-generation=\"1\"></script>"));
    }
}
