//! Running `bulletin serve` in tests: a copy of a fixture site in a temp folder, the real
//! binary listening on a free port, raw HTTP requests (so tests control every byte,
//! malformed ones included) and a reader of the live event stream.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdout, Command, ExitStatus, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::common::copy_dir;

pub const NOW: &str = "2026-12-01T10:00:00+08:00";

/// How long anything a test waits for may take (a debug build on a busy machine).
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A site copied from `tests/fixtures/<name>` into a temp folder.
pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    pub fn fixture(name: &str) -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let from = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures")
            .join(name);
        copy_dir(&from, &root);
        Site { _dir: dir, root }
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).expect("read site file")
    }

    /// Write a file the way most editors save: to a temporary file beside it, then rename
    /// it over the original.
    pub fn save(&self, rel: &str, text: &str) {
        let path = self.path(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create folder");
        }
        let tmp = path.with_file_name(format!(
            ".{}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("x")
        ));
        std::fs::write(&tmp, text).expect("write temp file");
        std::fs::rename(&tmp, &path).expect("rename over");
    }

    /// Write a file in place (truncate and write), as some editors do.
    pub fn write_in_place(&self, rel: &str, text: &str) {
        std::fs::write(self.path(rel), text).expect("write file");
    }

    pub fn rename(&self, from: &str, to: &str) {
        std::fs::rename(self.path(from), self.path(to)).expect("rename");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).expect("remove");
    }
}

/// `bulletin build --now NOW` of the site at `root` into `output`.
pub fn build(root: &Path, output: &Path) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_bulletin"))
        .args(["build", "--now", NOW, "--root"])
        .arg(root)
        .arg("--output")
        .arg(output)
        .output()
        .expect("run bulletin build")
}

/// `bulletin serve` running on a free port. Killed when dropped.
pub struct Server {
    child: Child,
    pub addr: SocketAddr,
    /// Lines the server printed on stdout after its address.
    lines: mpsc::Receiver<String>,
}

impl Server {
    /// Start serving `root` with `--port 0` and `extra` arguments; waits until it prints
    /// its address.
    pub fn start(root: &Path, extra: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_bulletin"))
            .arg("serve")
            .arg("--root")
            .arg(root)
            .args(["--port", "0", "--now", NOW])
            .args(extra)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bulletin serve");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, lines) = mpsc::channel();
        let first = read_lines(stdout, tx);
        let addr = first
            .recv_timeout(PATIENCE)
            .expect("serve printed no address")
            .parse()
            .expect("an address");
        Server { child, addr, lines }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://{}{path}", self.addr)
    }

    /// Start, and wait until the first build is served.
    pub fn ready(root: &Path, extra: &[&str]) -> Server {
        let s = Server::start(root, extra);
        s.wait_for("the first build", |s| s.get("/").status == 200);
        s
    }

    /// The next line printed by the server, if one comes in time.
    pub fn next_line(&self, within: Duration) -> Option<String> {
        self.lines.recv_timeout(within).ok()
    }

    /// Lines printed until one contains `text`.
    pub fn line_containing(&self, text: &str) -> String {
        let deadline = Instant::now() + PATIENCE;
        let mut seen = Vec::new();
        while Instant::now() < deadline {
            if let Some(line) = self.next_line(Duration::from_millis(200)) {
                if line.contains(text) {
                    return line;
                }
                seen.push(line);
            }
        }
        panic!("serve printed no line with {text:?}; it printed {seen:?}");
    }

    pub fn get(&self, path: &str) -> Response {
        request(
            self.addr,
            &format!("GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
    }

    pub fn head(&self, path: &str) -> Response {
        request(
            self.addr,
            &format!("HEAD {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"),
        )
    }

    /// Poll until `done` holds, or panic naming `what`.
    pub fn wait_for(&self, what: &str, done: impl Fn(&Server) -> bool) {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            if done(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!("timed out waiting for {what}");
    }

    /// Subscribe to the live events.
    pub fn events(&self) -> EventStream {
        EventStream::open(self.addr)
    }

    /// Send SIGINT (Ctrl-C) and wait for the process to end.
    pub fn interrupt(mut self) -> (Option<ExitStatus>, String) {
        let _ = Command::new("kill")
            .args(["-INT", &self.child.id().to_string()])
            .status();
        let deadline = Instant::now() + PATIENCE;
        let mut status = None;
        while Instant::now() < deadline {
            if let Ok(Some(s)) = self.child.try_wait() {
                status = Some(s);
                break;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        let mut rest = Vec::new();
        while let Some(line) = self.next_line(Duration::from_millis(100)) {
            rest.push(line);
        }
        (status, rest.join("\n"))
    }

    pub fn stderr(&mut self) -> String {
        let _ = self.child.kill();
        let _ = self.child.wait();
        let mut text = String::new();
        if let Some(mut e) = self.child.stderr.take() {
            let _ = e.read_to_string(&mut text);
        }
        text
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Forward stdout lines to `tx`; the returned channel gets the address of the first line
/// that names one.
fn read_lines(stdout: ChildStdout, tx: mpsc::Sender<String>) -> mpsc::Receiver<String> {
    let (addr_tx, addr_rx) = mpsc::channel();
    std::thread::spawn(move || {
        let mut addr_tx = Some(addr_tx);
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.split("http://").nth(1) {
                if let Some(a) = addr_tx.take() {
                    let _ = a.send(rest.split('/').next().unwrap_or_default().to_owned());
                    continue;
                }
            }
            if tx.send(line).is_err() {
                return;
            }
        }
    });
    addr_rx
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    /// Header names lowercased.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Response {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Send `raw` as it is and read the whole answer (the request should say
/// `Connection: close`). A connection the server closes without answering is status 0.
pub fn request(addr: SocketAddr, raw: &str) -> Response {
    request_bytes(addr, raw.as_bytes())
}

pub fn request_bytes(addr: SocketAddr, raw: &[u8]) -> Response {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.set_read_timeout(Some(PATIENCE)).expect("timeout");
    stream.write_all(raw).expect("send request");
    let mut bytes = Vec::new();
    let _ = stream.read_to_end(&mut bytes);
    parse_response(&bytes)
}

fn parse_response(bytes: &[u8]) -> Response {
    let Some(end) = bytes.windows(4).position(|w| w == b"\r\n\r\n") else {
        return Response {
            status: 0,
            headers: Vec::new(),
            body: bytes.to_vec(),
        };
    };
    let head = String::from_utf8_lossy(&bytes[..end]);
    let mut lines = head.split("\r\n");
    let status = lines
        .next()
        .and_then(|l| l.split(' ').nth(1))
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let headers = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    Response {
        status,
        headers,
        body: bytes[end + 4..].to_vec(),
    }
}

/// One server-sent event.
#[derive(Debug, Clone)]
pub struct LiveEvent {
    pub name: String,
    pub data: serde_json::Value,
}

/// The live event stream (`/__bulletin/events`), read on a thread.
pub struct EventStream {
    events: mpsc::Receiver<LiveEvent>,
    stream: TcpStream,
}

impl EventStream {
    fn open(addr: SocketAddr) -> EventStream {
        let mut stream = TcpStream::connect(addr).expect("connect to events");
        stream
            .write_all(b"GET /__bulletin/events HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n")
            .expect("ask for events");
        let reader = stream.try_clone().expect("clone stream");
        let (tx, events) = mpsc::channel();
        std::thread::spawn(move || {
            let mut name = String::new();
            // The body is chunked: chunk-size lines are not `event:`/`data:` lines, so
            // reading line by line and keeping only those is enough.
            for line in BufReader::new(reader).lines().map_while(Result::ok) {
                if let Some(n) = line.strip_prefix("event: ") {
                    name = n.to_owned();
                } else if let Some(d) = line.strip_prefix("data: ") {
                    let data = serde_json::from_str(d).unwrap_or(serde_json::Value::Null);
                    let event = LiveEvent {
                        name: std::mem::take(&mut name),
                        data,
                    };
                    if tx.send(event).is_err() {
                        return;
                    }
                }
            }
        });
        EventStream { events, stream }
    }

    /// The next event named `name` (others are skipped), or panic.
    pub fn next_named(&self, name: &str) -> LiveEvent {
        let deadline = Instant::now() + PATIENCE;
        while let Some(left) = deadline.checked_duration_since(Instant::now()) {
            match self.events.recv_timeout(left) {
                Ok(e) if e.name == name => return e,
                Ok(_) => {}
                Err(_) => break,
            }
        }
        panic!("no `{name}` event came");
    }

    /// Reload events until one lists `path` (or says "all").
    pub fn reload_of(&self, path: &str) -> LiveEvent {
        let deadline = Instant::now() + PATIENCE;
        while Instant::now() < deadline {
            let e = self.next_named("reload");
            let changed = &e.data["changed"];
            if changed == "all"
                || changed
                    .as_array()
                    .is_some_and(|a| a.iter().any(|p| p == path))
            {
                return e;
            }
        }
        panic!("no reload event listed {path}");
    }

    /// Every event that comes within `wait`.
    pub fn drain(&self, wait: Duration) -> Vec<LiveEvent> {
        let mut out = Vec::new();
        while let Ok(e) = self.events.recv_timeout(wait) {
            out.push(e);
        }
        out
    }
}

impl Drop for EventStream {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(std::net::Shutdown::Both);
    }
}
