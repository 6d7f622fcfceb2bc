//! The staff desk: write, check, preview and publish pages from a browser, inside
//! `bulletin serve` at `/_desk/`. It is a driver over the same stages as the commands: its
//! forms are drawn from the field table ([`form`]), a page being written is read and checked
//! by the pipeline as `check` would ([`compose`]), and what it saves is the plain Markdown
//! file a person would write ([`frontmatter`]), after which `serve`'s watcher rebuilds the
//! site as after any edit.
//!
//! - [`http`] answers `/_desk/…`: who may use the desk ([`Access`]), the pages, and the
//!   actions, each a POST carrying the desk's token from the desk's own pages.
//! - [`views`] makes what the templates show; [`store`] keeps every change safe and logged;
//!   [`photo`] makes phone photos fit to publish.
//! - [`import`] and [`publish`] are the buttons for `bulletin import` and `bulletin deploy`,
//!   over the same code as the commands.

pub mod actions;
pub mod compose;
pub mod form;
pub mod frontmatter;
pub mod http;
pub mod import;
pub mod photo;
pub mod publish;
pub mod store;
pub mod views;

use crate::pipeline::Now;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Mutex;

/// Where the desk lives in `serve`.
pub const PREFIX: &str = "/_desk/";

/// Who may use the desk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Access {
    /// `serve` answers this computer only: whoever sits at it may.
    Open,
    /// Whoever gives the password.
    Password(String),
    /// `serve` answers the network and no password was set: nobody.
    Off,
}

pub struct Desk {
    pub root: PathBuf,
    pub now: Now,
    pub access: Access,
    /// Sent with every form and checked on every change: another site's page cannot make a
    /// browser change anything here.
    pub token: String,
    /// The session keys given to browsers that gave the password.
    sessions: Mutex<HashSet<String>>,
    /// The deploy started from the desk.
    pub publishing: publish::Shared,
    templates: tera::Tera,
}

/// A hard-to-guess key: 128 random bits as hex.
pub fn random_key() -> Result<String, String> {
    let mut bytes = [0u8; 16];
    getrandom::fill(&mut bytes).map_err(|e| e.to_string())?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// The desk's templates, compiled into the program.
const TEMPLATES: [(&str, &str); 9] = [
    ("import.html", include_str!("templates/import.html")),
    ("publish.html", include_str!("templates/publish.html")),
    ("components.html", include_str!("templates/components.html")),
    ("base.html", include_str!("templates/base.html")),
    ("overview.html", include_str!("templates/overview.html")),
    ("form.html", include_str!("templates/form.html")),
    ("conflict.html", include_str!("templates/conflict.html")),
    ("login.html", include_str!("templates/login.html")),
    ("message.html", include_str!("templates/message.html")),
];

impl Desk {
    /// `loopback`: whether `serve` answers this computer only.
    pub fn new(
        root: PathBuf,
        now: Now,
        loopback: bool,
        password: Option<String>,
    ) -> Result<Desk, String> {
        let access = match (password.filter(|p| !p.is_empty()), loopback) {
            (Some(p), _) => Access::Password(p),
            (None, true) => Access::Open,
            (None, false) => Access::Off,
        };
        let mut templates = tera::Tera::new();
        templates.autoescape_on([".html"]);
        templates
            .add_raw_templates(TEMPLATES)
            .map_err(|e| format!("编辑台的模板有错误：{e}"))?;
        Ok(Desk {
            root,
            now,
            access,
            token: random_key()?,
            sessions: Mutex::new(HashSet::new()),
            publishing: publish::Shared::default(),
            templates,
        })
    }

    /// The line `serve` prints about the desk.
    pub fn banner(&self, site: &str) -> String {
        match self.access {
            Access::Off => "编辑台没有打开：别的电脑也能访问这个预览，要用编辑台请设置密码（环境变量 BULLETIN_DESK_PASSWORD，或者 `--desk-password-file 文件`）。".to_owned(),
            Access::Password(_) => format!("编辑台：{site}_desk/（要输入密码）"),
            Access::Open => format!("编辑台：{site}_desk/"),
        }
    }

    fn sessions(&self) -> std::sync::MutexGuard<'_, HashSet<String>> {
        match self.sessions.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }

    /// A new session for a browser that gave the right password.
    fn open_session(&self) -> Result<String, String> {
        let key = random_key()?;
        self.sessions().insert(key.clone());
        Ok(key)
    }

    fn has_session(&self, key: &str) -> bool {
        self.sessions().contains(key)
    }

    fn render(&self, name: &str, context: &tera::Context) -> String {
        self.templates.render(name, context).unwrap_or_else(|e| {
            format!("<!doctype html><title>编辑台</title><p>编辑台的页面出错了：{e}</p>")
        })
    }
}
