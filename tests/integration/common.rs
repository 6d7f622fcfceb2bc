//! Shared helpers for integration tests: build a site with the real `bulletin` binary,
//! serve a folder over HTTP under a URL prefix, and run Node scripts from tests/browser.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Component, Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::Duration;

/// The fixed "now" of the search tests: the National Day notice has expired, the winter
/// notices are current, and the example draft is still a draft.
pub const NOW: &str = "2026-12-01T10:00:00+08:00";

/// The repository root (where Cargo.toml, site.yaml and content/ live).
pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A site built into a temporary folder, removed when dropped.
pub struct BuiltSite {
    _dir: tempfile::TempDir,
    pub output: PathBuf,
}

/// Copies a folder and everything in it.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create folder");
    for entry in std::fs::read_dir(from).expect("read folder").flatten() {
        let target = to.join(entry.file_name());
        if entry.path().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).expect("copy file");
        }
    }
}

/// Builds the site at `root` with `bulletin build` and extra `args` (e.g. `["--now", NOW]`).
/// Panics with the binary's output when the build fails.
pub fn build_site(root: &Path, args: &[&str]) -> BuiltSite {
    let dir = tempfile::tempdir().expect("temp dir");
    let output = dir.path().join("public");
    let out = Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .arg("build")
        .arg("--root")
        .arg(root)
        .arg("--output")
        .arg(&output)
        .args(args)
        .output()
        .expect("run bulletin");
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "bulletin build failed:\n{stdout}\n{stderr}"
    );
    BuiltSite { _dir: dir, output }
}

/// A static file server on 127.0.0.1 that serves `dir` under `prefix` (such as
/// "/station/sub/"), so tests see the site as it would be in a subfolder of a domain.
/// Stops when dropped.
pub struct StaticServer {
    pub port: u16,
    pub prefix: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl StaticServer {
    pub fn start(dir: &Path, prefix: &str) -> StaticServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind 127.0.0.1");
        let port = listener.local_addr().expect("local addr").port();
        listener
            .set_nonblocking(true)
            .expect("nonblocking listener");
        let stop = Arc::new(AtomicBool::new(false));
        let (dir, pre, flag) = (dir.to_path_buf(), prefix.to_string(), stop.clone());
        let thread = std::thread::spawn(move || {
            while !flag.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => {
                        let (dir, pre) = (dir.clone(), pre.clone());
                        std::thread::spawn(move || serve_one(stream, &dir, &pre));
                    }
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        StaticServer {
            port,
            prefix: prefix.to_string(),
            stop,
            thread: Some(thread),
        }
    }

    /// The URL of `path` (relative to the served folder).
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{}{}", self.port, self.prefix, path)
    }
}

impl Drop for StaticServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

pub fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Percent-decodes a URL path (UTF-8).
fn decode_path(p: &str) -> String {
    let bytes = p.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let Some(b) = p
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
            {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn serve_one(mut stream: TcpStream, dir: &Path, prefix: &str) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut reader = BufReader::new(match stream.try_clone() {
        Ok(s) => s,
        Err(_) => return,
    });
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    // Read and drop the headers; GET and HEAD have no body here.
    loop {
        let mut line = String::new();
        match reader.read_line(&mut line) {
            Ok(0) | Err(_) => break,
            Ok(_) if line == "\r\n" || line == "\n" => break,
            Ok(_) => {}
        }
    }
    let mut parts = request.split_whitespace();
    let method = parts.next().unwrap_or("");
    let target = parts.next().unwrap_or("/");
    let path = decode_path(target.split(['?', '#']).next().unwrap_or("/"));
    let file = path.strip_prefix(prefix).and_then(|rel| {
        let rel = Path::new(rel);
        // Only plain names: no "..", no absolute parts.
        if rel.components().all(|c| matches!(c, Component::Normal(_))) {
            let p = dir.join(rel);
            Some(if p.is_dir() { p.join("index.html") } else { p })
        } else {
            None
        }
    });
    let (status, ctype, body) = match file
        .as_ref()
        .and_then(|f| std::fs::read(f).ok().map(|b| (f, b)))
    {
        Some((f, b)) => ("200 OK", content_type(f), b),
        None => (
            "404 Not Found",
            "text/plain; charset=utf-8",
            b"not found".to_vec(),
        ),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {ctype}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(head.as_bytes());
    if method != "HEAD" {
        let _ = stream.write_all(&body);
    }
    let _ = stream.flush();
    let mut rest = Vec::new();
    let _ = reader.read_to_end(&mut rest);
}

/// Runs `node tests/browser/<script>` with `args` and extra environment, and returns its
/// standard output. Panics with both streams when it exits non-zero.
pub fn run_node(script: &str, args: &[&str], env: &[(&str, &str)]) -> String {
    let dir = repo().join("tests/browser");
    let mut cmd = Command::new("node");
    cmd.arg(dir.join(script)).args(args).current_dir(&dir);
    for (k, v) in env {
        cmd.env(k, v);
    }
    let out = cmd
        .output()
        .unwrap_or_else(|e| panic!("cannot run node: {e}"));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(
        out.status.success(),
        "node {script} failed ({}):\n{stdout}\n{stderr}",
        out.status
    );
    stdout
}

/// Runs a Node script and parses its standard output as JSON.
pub fn run_node_json(script: &str, args: &[&str], env: &[(&str, &str)]) -> serde_json::Value {
    let out = run_node(script, args, env);
    serde_json::from_str(&out)
        .unwrap_or_else(|e| panic!("node {script} printed no JSON ({e}):\n{out}"))
}
