//! `bulletin serve`: build the site into memory, serve it over HTTP, and rebuild what an
//! edit touches, so staff see a page as residents will while they write it.
//!
//! Four threads of work, each in its own module:
//!
//! - [`watch`] turns file-system events (debounced; editors' rename-on-save, new and deleted
//!   files and folders) into a [`watch::ChangeSet`] of site-relative paths.
//! - [`session`] keeps the loaded site between rebuilds and re-runs only the stages a change
//!   touches; it publishes the edited pages first, then the lists, tags and search index.
//! - [`state`] holds what is served (the last good build, in memory) and the live state that
//!   open browsers follow: the build's generation and its errors.
//! - [`server`] answers HTTP: the files, the 404 page, under `/__bulletin/` the reload
//!   script and its event stream ([`live`]), and under `/_desk/` the staff desk
//!   ([`crate::desk`]), with [`paths`] refusing any path that could reach outside the site. Files copied as they are come from [`copies`], photos without
//!   their metadata, as a build publishes them.

pub mod copies;
pub mod later;
pub mod live;
pub mod paths;
pub mod server;
pub mod session;
pub mod state;
pub mod watch;

use crate::desk::Desk;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::pipeline::Options;
use std::net::SocketAddr;
use std::time::Instant;

#[derive(Debug, Clone)]
pub struct ServeOptions {
    pub site: Options,
    pub addr: SocketAddr,
    /// The desk's password, when one was set.
    pub desk_password: Option<String>,
}

/// Serve until Ctrl-C. Errors are returned only when serving cannot start (the port is
/// taken, the folder is not a site); content errors are shown in the browser instead.
pub fn run(options: ServeOptions) -> Result<(), Diagnostic> {
    let root = crate::load::walk::absolute(&options.site.root);
    if !root.join(crate::config::FILE).is_file() {
        return Err(Diagnostic::error(format!(
            "{} 里没有 `{}`。",
            root.display(),
            crate::config::FILE
        ))
        .with_hint(crate::load::walk::RUN_IN_SITE_FOLDER));
    }
    let site = Options {
        root,
        ..options.site
    };
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Diagnostic::error(format!("无法启动预览服务：{e}")))?;
    runtime.block_on(serve(site, options.addr, options.desk_password))
}

async fn serve(
    site: Options,
    addr: SocketAddr,
    password: Option<String>,
) -> Result<(), Diagnostic> {
    let listener = tokio::net::TcpListener::bind(addr).await.map_err(|e| {
        let hint = match e.kind() {
            std::io::ErrorKind::AddrNotAvailable => format!("这台电脑没有 {} 这个地址：`--bind` 写 `127.0.0.1`（只给本机看），或者写 `0.0.0.0`（同一网络里的电脑也能看）。", addr.ip()),
            std::io::ErrorKind::PermissionDenied => "1024 以下的端口要管理员权限：用 `--port` 换一个，例如 `--port 1112`。".to_owned(),
            _ => "可能有别的程序占用了这个端口：用 `--port` 换一个，例如 `--port 1112`。".to_owned(),
        };
        Diagnostic::error(format!("无法在 {addr} 上提供预览：{e}")).with_hint(hint)
    })?;
    let bound = listener
        .local_addr()
        .map_err(|e| Diagnostic::error(format!("无法在 {addr} 上提供预览：{e}")))?;
    if !bound.ip().is_loopback() {
        eprintln!(
            "警告：在 {} 上提供预览，别的电脑也能打开这个预览（用了 `--drafts` 的话，连草稿也能看到）；除非确实需要，请用默认的 `--bind 127.0.0.1`。",
            bound.ip()
        );
    }
    let desk = Desk::new(
        site.root.clone(),
        site.now.clone(),
        bound.ip().is_loopback(),
        password,
    )
    .map_err(|e| Diagnostic::error(format!("无法启动编辑台：{e}")))?;
    let desk = std::sync::Arc::new(desk);
    let shared = state::Shared::new();
    let events = watch::start(&site.root)?;
    let rebuilds = shared.clone();
    std::thread::Builder::new()
        .name("bulletin rebuild".into())
        .spawn(move || rebuild_loop(site, events, rebuilds))
        .map_err(|e| Diagnostic::error(format!("无法启动自动重新生成：{e}")))?;
    let address = format!("http://{bound}/");
    println!("预览地址：{address}（按 Ctrl-C 停止）");
    println!("{}", desk.banner(&address));
    let result = server::serve(listener, shared, desk).await;
    println!("已停止");
    result
}

/// Build once, then rebuild after each batch of changes, printing one line per rebuild.
fn rebuild_loop(options: Options, events: watch::Events, shared: state::Shared) {
    let mut session = session::Session::new(options);
    let later = later::Later::start(shared.clone());
    let mut changes = watch::ChangeSet::everything();
    loop {
        let started = Instant::now();
        let mut sink = state::Publisher::new(&shared, &events, &changes, started);
        let outcome = session.rebuild(&changes, &mut sink);
        if let Some(inputs) = outcome.later {
            later.make(inputs);
        }
        let diags = outcome.diags;
        report(&changes, &sink, &diags, started);
        sink.finish(&diags);
        changes = if sink.was_interrupted() {
            events.waiting()
        } else {
            match events.next() {
                Some(next) => next,
                None => return,
            }
        };
    }
}

/// The line printed after a rebuild, then its errors (and warnings of the first build).
fn report(
    changes: &watch::ChangeSet,
    sink: &state::Publisher,
    diags: &Diagnostics,
    started: Instant,
) {
    let what = changes.describe();
    let ms = started.elapsed().as_millis();
    let errors = diags.error_count();
    if errors > 0 {
        println!("{what}：{errors} 个错误（用时 {ms} 毫秒）；网站仍显示上一次成功生成的版本");
    } else {
        println!("{what}：{}", sink.summary());
    }
    let first = changes.is_everything();
    let shown: Diagnostics = diags
        .iter()
        .filter(|d| d.is_error() || first)
        .cloned()
        .collect();
    for d in shown.sorted() {
        eprint!("{d}");
    }
}
