//! Rebuild latency of `bulletin serve`: on the generated corpus (10,000 pages unless
//! `SERVE_BENCH_PAGES` says otherwise), the time from saving a one-page edit to the moment
//! an HTTP request for that page returns the new text — the whole path a member of staff
//! waits on: file-system event, debounce, reading the file, model, render, publish.
//!
//! `cargo bench --bench serve` (release build). It prints the first build's time, then for
//! each kind of page the median, 90th percentile and worst of the edit-to-served latency,
//! and how long the rest of the rebuild (lists, tags, search index) took after it.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// The corpus's planned "now".
const NOW: &str = bulletin_gencorpus::BUILD_NOW;
const EDITS_PER_KIND: usize = 15;

fn main() {
    let pages: usize = std::env::var("SERVE_BENCH_PAGES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(10_000);
    let dir = tempfile::tempdir().expect("temp dir");
    let root = dir.path().join("corpus");
    if let Err(why) = bulletin_gencorpus::Corpus::plan(pages, 1).write(&root) {
        panic!("bulletin-gencorpus --pages {pages} failed: {why}");
    }

    let started = Instant::now();
    let server = Serve::start(&root);
    let first = server.line_with("已生成", Duration::from_secs(600));
    println!(
        "serve: {pages} pages; first build served after {:.1} s ({first})",
        started.elapsed().as_secs_f64()
    );

    println!("kind      edits  median   p90      worst    rest of the rebuild (median)");
    let kinds = std::env::var("SERVE_BENCH_KINDS")
        .unwrap_or_else(|_| "notices,guides,faq,stories,pages".to_owned());
    for section in kinds.split(',') {
        let (file, url_path) = pick_page(&root, section, &server.addr);
        let mut latencies = Vec::new();
        let mut rest = Vec::new();
        let original = std::fs::read_to_string(&file).expect("read page");
        for i in 0..EDITS_PER_KIND {
            let marker = format!("基准测试第{i}次修改{}", std::process::id());
            let edited = format!("{}\n\n{marker}\n", original.trim_end());
            let saved = Instant::now();
            save(&file, &edited);
            wait_until(&server.addr, &url_path, &marker);
            latencies.push(saved.elapsed());
            // Let the rest of the rebuild finish before the next edit.
            let line = server.line_with("有改动", Duration::from_secs(600));
            if std::env::var_os("SERVE_BENCH_VERBOSE").is_some() {
                println!("  {} ms: {line}", saved.elapsed().as_millis());
            }
            if let Some(ms) = rest_ms(&line) {
                rest.push(ms);
            }
        }
        save(&file, &original);
        server.line_with("有改动", Duration::from_secs(600));
        latencies.sort();
        rest.sort_unstable();
        let at = |q: f64| latencies[((latencies.len() - 1) as f64 * q).round() as usize];
        println!(
            "{section:<9} {:<6} {:<8} {:<8} {:<8} {}",
            latencies.len(),
            ms(at(0.5)),
            ms(at(0.9)),
            ms(at(1.0)),
            rest.get(rest.len() / 2)
                .map(|m| format!("{m} ms"))
                .unwrap_or_else(|| "-".into())
        );
    }
    server.stop();
}

fn ms(d: Duration) -> String {
    format!("{:.0} ms", d.as_secs_f64() * 1000.0)
}

/// `… 1 个文件 12 毫秒后可以看到，另外 300 个 950 毫秒内更新完` → 950.
fn rest_ms(line: &str) -> Option<u64> {
    let (_, tail) = line.rsplit_once("，另外 ")?;
    tail.split_whitespace().nth(2)?.parse().ok()
}

/// A published page of the folder (one whose address answers 200), and its address.
fn pick_page(root: &Path, section: &str, addr: &SocketAddr) -> (PathBuf, String) {
    let folder = root.join("content").join(section);
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)
        .expect("read folder")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "md") && !p.ends_with("_index.md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|f| {
            let url = page_url(root, &f);
            (f, url)
        })
        .find(|(_, url)| get(addr, url).starts_with("HTTP/1.1 200"))
        .expect("a published page")
}

/// The page's address: its folder and its name without a date, or its `slug:`.
fn page_url(root: &Path, file: &Path) -> String {
    let rel = file
        .strip_prefix(root.join("content"))
        .expect("under content");
    let folder = rel
        .parent()
        .map(|p| p.to_string_lossy().into_owned())
        .unwrap_or_default();
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let slug = text
        .lines()
        .find_map(|l| l.strip_prefix("slug: "))
        .map(str::to_owned)
        .unwrap_or_else(|| {
            let stem = file
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let b = stem.as_bytes();
            if b.len() > 11 && b[4] == b'-' && b[7] == b'-' && b[10] == b'-' {
                stem[11..].to_owned()
            } else {
                stem
            }
        });
    format!("/{folder}/{slug}.html")
}

/// Save as editors do: a temporary file renamed over the page.
fn save(file: &Path, text: &str) {
    let tmp = file.with_extension("md.tmp");
    std::fs::write(&tmp, text).expect("write");
    std::fs::rename(&tmp, file).expect("rename");
}

fn wait_until(addr: &SocketAddr, path: &str, marker: &str) {
    let deadline = Instant::now() + Duration::from_secs(120);
    while Instant::now() < deadline {
        if get(addr, path).contains(marker) {
            return;
        }
        std::thread::sleep(Duration::from_millis(1));
    }
    panic!("{path} never showed the edit");
}

fn get(addr: &SocketAddr, path: &str) -> String {
    let Ok(mut s) = TcpStream::connect(addr) else {
        return String::new();
    };
    let _ = write!(
        s,
        "GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
    );
    let mut body = Vec::new();
    let _ = s.read_to_end(&mut body);
    String::from_utf8_lossy(&body).into_owned()
}

struct Serve {
    child: Child,
    addr: SocketAddr,
    lines: mpsc::Receiver<String>,
}

impl Serve {
    fn start(root: &Path) -> Serve {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .args(["serve", "--port", "0", "--now", NOW, "--root"])
            .arg(root)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("start bulletin serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    return;
                }
            }
        });
        let first = lines
            .recv_timeout(Duration::from_secs(60))
            .expect("serve printed its address");
        let addr = first
            .split("http://")
            .nth(1)
            .and_then(|r| r.split('/').next())
            .and_then(|a| a.parse().ok())
            .expect("an address");
        Serve { child, addr, lines }
    }

    fn line_with(&self, text: &str, within: Duration) -> String {
        let deadline = Instant::now() + within;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.lines.recv_timeout(left) {
                Ok(line) if line.contains(text) => return line,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("serve printed no line with {text:?}");
    }

    fn stop(mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
