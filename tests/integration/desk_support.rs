//! Driving the staff desk as a browser does: a copy of the example site served by the real
//! binary, forms read from the desk's HTML and sent back with what a browser sends (its
//! fields, the desk's token, the page's origin).

use crate::common::{copy_dir, repo};
use crate::serve_support::{request, request_bytes, Response, Server, PATIENCE};
use scraper::{Html, Selector};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A copy of the example site, served.
pub struct DeskSite {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
    pub server: Server,
}

impl DeskSite {
    pub fn start(extra: &[&str]) -> DeskSite {
        Self::start_with(extra, |_| {})
    }

    /// Start after `setup` changed the copy (given its folder).
    pub fn start_with(extra: &[&str], setup: impl FnOnce(&Path)) -> DeskSite {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        copy_dir(&repo().join("content"), &root.join("content"));
        std::fs::copy(repo().join("site.yaml"), root.join("site.yaml")).expect("copy site.yaml");
        setup(&root);
        let server = Server::ready(&root, extra);
        DeskSite {
            _dir: dir,
            root,
            server,
        }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn get(&self, path: &str) -> Response {
        self.server.get(path)
    }

    /// The fields of the form `selector` on the desk page at `path`, as a browser would
    /// send them.
    pub fn form(&self, path: &str, selector: &str) -> Vec<(String, String)> {
        let page = self.get(path);
        assert_eq!(page.status, 200, "{path}: {}", page.text());
        form_fields(&page.text(), selector)
    }

    /// POST `fields` URL-encoded from the desk's own origin.
    pub fn post(&self, path: &str, fields: &[(String, String)]) -> Response {
        let origin = format!("http://{}", self.server.addr);
        self.post_from(path, fields, Some(&origin))
    }

    /// POST with the given `Origin` (none: no origin and no referer).
    pub fn post_from(
        &self,
        path: &str,
        fields: &[(String, String)],
        origin: Option<&str>,
    ) -> Response {
        let body: String = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(fields)
            .finish();
        let origin = origin
            .map(|o| format!("Origin: {o}\r\n"))
            .unwrap_or_default();
        request(
            self.server.addr,
            &format!(
                "POST {path} HTTP/1.1\r\nHost: {}\r\n{origin}Content-Type: application/x-www-form-urlencoded\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                self.server.addr,
                body.len()
            ),
        )
    }

    /// POST `fields` and `files` (name, file name, bytes) as multipart/form-data.
    pub fn post_multipart(
        &self,
        path: &str,
        fields: &[(String, String)],
        files: &[(&str, &str, &[u8])],
    ) -> Response {
        let boundary = "----bulletin-desk-test";
        let mut body = Vec::new();
        for (name, value) in fields {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n").as_bytes());
        }
        for (name, file, bytes) in files {
            body.extend_from_slice(format!("--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; filename=\"{file}\"\r\nContent-Type: image/jpeg\r\n\r\n").as_bytes());
            body.extend_from_slice(bytes);
            body.extend_from_slice(b"\r\n");
        }
        body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
        let mut raw = format!(
            "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: multipart/form-data; boundary={boundary}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len(),
            addr = self.server.addr
        )
        .into_bytes();
        raw.extend_from_slice(&body);
        request_bytes(self.server.addr, &raw)
    }

    /// Wait until the served site's `path` contains `text`.
    pub fn wait_for_served(&self, path: &str, text: &str) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let r = self.get(path);
            if r.status == 200 && r.text().contains(text) {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{path} never showed {text:?}");
    }

    pub fn log(&self) -> String {
        std::fs::read_to_string(self.path(".bulletin/desk.log")).unwrap_or_default()
    }
}

/// Set `name` to `value` in a form's fields (the first field of that name).
pub fn set(fields: &mut [(String, String)], name: &str, value: &str) {
    let field = fields
        .iter_mut()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the form has no field {name}"));
    field.1 = value.to_owned();
}

pub fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("the form has no field {name}"))
}

pub fn pairs(list: &[(&str, &str)]) -> Vec<(String, String)> {
    list.iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

/// What a browser sends for the form `selector`: named inputs (checked boxes only, no
/// buttons or files), textareas, and each select's chosen option.
pub fn form_fields(html: &str, selector: &str) -> Vec<(String, String)> {
    let doc = Html::parse_document(html);
    let form_sel = Selector::parse(selector).expect("selector");
    let form = doc
        .select(&form_sel)
        .next()
        .unwrap_or_else(|| panic!("no form {selector}"));
    let controls = Selector::parse("input, textarea, select").expect("selector");
    let option = Selector::parse("option").expect("selector");
    let mut out = Vec::new();
    for el in form.select(&controls) {
        let e = el.value();
        let Some(name) = e.attr("name") else { continue };
        let value = match e.name() {
            "textarea" => el.text().collect::<String>(),
            "select" => {
                let options: Vec<_> = el.select(&option).collect();
                let chosen = options
                    .iter()
                    .find(|o| o.value().attr("selected").is_some())
                    .or(options.first());
                chosen
                    .and_then(|o| o.value().attr("value"))
                    .unwrap_or_default()
                    .to_owned()
            }
            _ => {
                let kind = e.attr("type").unwrap_or("text");
                if kind == "file"
                    || kind == "submit"
                    || ((kind == "checkbox" || kind == "radio") && e.attr("checked").is_none())
                {
                    continue;
                }
                e.attr("value")
                    .unwrap_or(if kind == "checkbox" { "on" } else { "" })
                    .to_owned()
            }
        };
        out.push((name.to_owned(), value));
    }
    out
}

/// The path a 303 sends the browser to.
pub fn location(r: &Response) -> String {
    assert_eq!(
        r.status,
        303,
        "expected a redirect, got {}: {}",
        r.status,
        r.text()
    );
    r.header("location").unwrap_or_default().to_owned()
}

/// Every file under `dir`, for "nothing was written" checks.
pub fn files_under(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut out: Vec<(String, Vec<u8>)> = walkdir::WalkDir::new(dir)
        .into_iter()
        .flatten()
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            (
                e.path().display().to_string(),
                std::fs::read(e.path()).unwrap_or_default(),
            )
        })
        .collect();
    out.sort();
    out
}
