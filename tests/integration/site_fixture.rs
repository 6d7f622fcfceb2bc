//! A site written into a temp folder, built by the real `bulletin` binary, and helpers to
//! look at what it wrote. Shared by the build test files.

use bulletin::model::urls::percent_decode;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The "now" of most tests: between the example site's urgent notice and its scheduled one.
pub const NOW: &str = "2026-12-01T10:00:00+08:00";

pub struct Fixture {
    dir: tempfile::TempDir,
    root: PathBuf,
    output: PathBuf,
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl Output {
    pub fn assert_ok(&self) -> &Self {
        assert_eq!(
            self.code, 0,
            "build failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn assert_failed(&self) -> &Self {
        assert_eq!(
            self.code, 1,
            "expected content errors (exit 1):\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }

    pub fn assert_stderr_contains(&self, text: &str) -> &Self {
        assert!(
            self.stderr.contains(text),
            "stderr lacks {text:?}:\n{}",
            self.stderr
        );
        self
    }
}

impl Fixture {
    pub fn new() -> Self {
        Self::with_site_yaml(
            "title: 测试派出所\ncontact:\n  emergency: \"110\"\n  phone: 012-3456 7890\n",
        )
    }

    pub fn with_site_yaml(site_yaml: &str) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let output = dir.path().join("public");
        let f = Fixture { dir, root, output };
        f.write("site.yaml", site_yaml);
        std::fs::create_dir_all(f.root.join("content")).expect("content dir");
        f
    }

    /// The example site of the repository, built into a temp folder.
    pub fn example_site() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let output = dir.path().join("public");
        Fixture {
            dir,
            root: PathBuf::from(env!("CARGO_MANIFEST_DIR")),
            output,
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn output(&self) -> PathBuf {
        self.output.clone()
    }

    pub fn temp(&self) -> &Path {
        self.dir.path()
    }

    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.root.join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.root.join(rel)).expect("remove");
    }

    /// Run `bulletin build --root <root> --output <output> ARGS`.
    pub fn build(&self, args: &[&str]) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.arg("build")
            .arg("--root")
            .arg(&self.root)
            .arg("--output")
            .arg(&self.output)
            .args(args);
        run(cmd)
    }

    pub fn build_at(&self, now: &str) -> Output {
        self.build(&["--now", now])
    }

    pub fn read_output(&self, rel: &str) -> String {
        std::fs::read_to_string(self.output.join(rel)).unwrap_or_else(|e| panic!("read {rel}: {e}"))
    }

    pub fn output_exists(&self, rel: &str) -> bool {
        self.output.join(rel).is_file()
    }

    pub fn output_contains_anywhere(&self, text: &str) -> bool {
        snapshot(&self.output)
            .values()
            .any(|bytes| String::from_utf8_lossy(bytes).contains(text))
    }
}

pub fn run(mut cmd: Command) -> Output {
    let out = cmd.output().expect("run bulletin");
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    }
}

/// Every file under `dir` with its bytes (the output, for byte-for-byte comparisons).
pub fn snapshot(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .expect("under dir")
                .to_string_lossy()
                .into_owned();
            (rel, std::fs::read(e.path()).expect("read"))
        })
        .collect()
}

/// Check every href/src/action of every HTML page under `dir`: relative (no leading `/`),
/// pointing at a file that exists (never a bare folder), and at a heading id that exists.
/// Returns how many links were checked.
pub fn check_links(dir: &Path) -> usize {
    let files = snapshot(dir);
    let mut checked = 0;
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(bytes);
        for url in attribute_values(&html) {
            let url = url
                .replace("&#39;", "'")
                .replace("&quot;", "\"")
                .replace("&amp;", "&");
            let lower = url.to_ascii_lowercase();
            if ["http://", "https://", "mailto:", "tel:"]
                .iter()
                .any(|p| lower.starts_with(p))
            {
                continue;
            }
            assert!(
                !lower.starts_with("javascript:") && !lower.starts_with("data:text"),
                "{path}: unsafe URL {url}"
            );
            assert!(!url.starts_with('/'), "{path}: absolute link {url}");
            let (rest, fragment) = url
                .split_once('#')
                .map_or((url.as_str(), None), |(a, b)| (a, Some(b)));
            let target_path = rest.split('?').next().unwrap_or_default();
            let target = if target_path.is_empty() {
                path.clone()
            } else {
                join(path, &percent_decode(target_path))
            };
            let Some(target_bytes) = files.get(&target) else {
                panic!("{path}: link {url} points at {target}, which does not exist")
            };
            if let Some(fragment) = fragment.filter(|f| !f.is_empty()) {
                let id = format!("id=\"{}\"", percent_decode(fragment));
                assert!(
                    String::from_utf8_lossy(target_bytes).contains(&id),
                    "{path}: link {url}: {target} has no {id}"
                );
            }
            checked += 1;
        }
    }
    checked
}

fn attribute_values(html: &str) -> Vec<String> {
    let mut out = Vec::new();
    for attr in [" href=\"", " src=\"", " action=\""] {
        let mut rest = html;
        while let Some(i) = rest.find(attr) {
            rest = &rest[i + attr.len()..];
            if let Some(end) = rest.find('"') {
                out.push(rest[..end].to_owned());
            }
        }
    }
    out
}

/// `a/b.html` + `../c/d.html` → `c/d.html`.
fn join(from: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for p in rel.split('/') {
        match p {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "link {rel} from {from} leaves the site"
                );
            }
            "." | "" => {}
            p => parts.push(p),
        }
    }
    parts.join("/")
}

/// What a finished child cost: its wall time, peak memory and output.
pub struct Cost {
    pub seconds: f64,
    /// How it ended: its exit code, or None when a signal ended it.
    pub code: Option<i32>,
    pub peak_mb: f64,
    pub stderr: String,
}

impl Fixture {
    /// Build in a child process under GNU time, measuring its time and peak memory; killed,
    /// and the test failed, past `limit_s`.
    ///
    /// Not `wait4` on our own child: Linux hands a child the high-water mark of the process
    /// that spawned it, so a build spawned from this test process would report at least
    /// this process's own peak. GNU time forks the build from a process of a few megabytes.
    pub fn build_measured(&self, limit_s: u64) -> Cost {
        use std::os::unix::process::CommandExt;
        let f = self;
        let err_log = f.temp().join("stderr.txt");
        let peak_log = f.temp().join("peak-kb.txt");
        let started = std::time::Instant::now();
        let mut child = Command::new("/usr/bin/time")
            .arg("-f")
            .arg("%M")
            .arg("-o")
            .arg(&peak_log)
            .arg(env!("CARGO_BIN_EXE_bulletin"))
            .args(["build", "--now", NOW, "--root"])
            .arg(f.root())
            .arg("--output")
            .arg(f.output())
            // Its own group, so that a build past its time is killed with time itself.
            .process_group(0)
            .stdout(std::process::Stdio::null())
            .stderr(std::fs::File::create(&err_log).expect("stderr log"))
            .spawn()
            .expect("run bulletin under /usr/bin/time (Debian's package `time`)");
        let status = loop {
            if let Some(status) = child.try_wait().expect("wait for the build") {
                break status;
            }
            if started.elapsed().as_secs() > limit_s {
                // SAFETY: the group of our own child, not yet reaped.
                unsafe { libc::kill(-(child.id() as libc::pid_t), libc::SIGKILL) };
                let _ = child.wait();
                panic!("the build took over {limit_s} s");
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        };
        let peak = std::fs::read_to_string(&peak_log).expect("read GNU time's report");
        // GNU time reports a build ended by a signal on a line of its own before the figure.
        let peak_kb: f64 = (peak.lines().last().unwrap_or_default().trim())
            .parse()
            .unwrap_or_else(|_| panic!("GNU time wrote {peak:?}"));
        let signalled = peak.contains("signal");
        Cost {
            seconds: started.elapsed().as_secs_f64(),
            code: status.code().filter(|_| !signalled),
            peak_mb: peak_kb / 1024.0,
            stderr: std::fs::read_to_string(&err_log).expect("read stderr"),
        }
    }
}
