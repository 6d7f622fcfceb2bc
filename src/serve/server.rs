//! The HTTP side of `serve`: answer GET and HEAD from the site in memory, add the live
//! script to HTML pages, stream live events, and stop cleanly on Ctrl-C. Requests are only
//! ever looked up in the site held in memory, never joined to a folder on disk.

use super::live;
use super::paths::{site_path, Refused};
use super::state::{AllMarker, Changed, LiveEvent, Served, Shared};
use crate::desk::{self, Desk};
use crate::diagnostics::Diagnostic;
use crate::render::mime::content_type;
use axum::body::{Body, Bytes};
use axum::extract::State;
use axum::http::{header, HeaderValue, Method, Request, StatusCode};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use std::convert::Infallible;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::broadcast::error::RecvError;
use tokio_stream::wrappers::ReceiverStream;

/// After Ctrl-C, how long open connections may take to finish before the server stops
/// anyway.
const GRACE: Duration = Duration::from_secs(2);

/// How long a client may take to send a request's headers: one that sends half of them
/// and waits would otherwise hold its connection (and a file handle) forever.
pub const HEADER_TIMEOUT: Duration = Duration::from_secs(10);

/// What the handlers share: the site in memory and the staff desk.
#[derive(Clone)]
struct App {
    shared: Shared,
    desk: Arc<Desk>,
}

/// Serve until Ctrl-C (or SIGTERM).
pub async fn serve(
    listener: TcpListener,
    shared: Shared,
    desk: Arc<Desk>,
) -> Result<(), Diagnostic> {
    let state = App {
        shared: shared.clone(),
        desk,
    };
    let app = Router::new().fallback(handle).with_state(state);
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(HEADER_TIMEOUT);
    let connections = GracefulShutdown::new();
    let mut stop = std::pin::pin!(stop_signal());
    loop {
        tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok((stream, _)) => {
                    let service = TowerToHyperService::new(app.clone());
                    let conn = http.serve_connection(TokioIo::new(stream), service);
                    let conn = connections.watch(conn);
                    tokio::spawn(async move {
                        // A client that went away or sent nonsense: nothing to do.
                        let _ = conn.await;
                    });
                }
                // Out of file handles, say: the next accept may succeed once some close.
                Err(_) => tokio::time::sleep(Duration::from_millis(50)).await,
            },
            () = &mut stop => break,
        }
    }
    // Ends the live event streams, which would otherwise keep their connections open.
    shared.shut_down();
    tokio::select! {
        () = connections.shutdown() => {}
        () = tokio::time::sleep(GRACE) => {}
    }
    Ok(())
}

async fn stop_signal() {
    let interrupt = async {
        if tokio::signal::ctrl_c().await.is_err() {
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => {}
        () = terminate => {}
    }
}

async fn handle(State(app): State<App>, request: Request<Body>) -> Response {
    let (method, uri) = (request.method().clone(), request.uri().clone());
    let head = method == Method::HEAD;
    if !allowed_host(request.headers().get(header::HOST)) {
        return plain(head, StatusCode::MISDIRECTED_REQUEST, WRONG_HOST);
    }
    // Only `serve` has a desk: a build writes none of it.
    if uri.path() == desk::PREFIX.trim_end_matches('/') {
        return desk_redirect();
    }
    if uri.path().starts_with(desk::PREFIX) {
        return desk::http::respond(app.desk, request).await;
    }
    let shared = app.shared;
    if method != Method::GET && !head {
        let mut r = plain(false, StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        r.headers_mut()
            .insert(header::ALLOW, HeaderValue::from_static("GET, HEAD"));
        return r;
    }
    let path = uri.path();
    if path == live::SCRIPT_PATH {
        let body = Bytes::from_static(live::SCRIPT.as_bytes());
        return respond(head, StatusCode::OK, content_type("live.js"), body);
    }
    if path == live::EVENTS_PATH {
        return events(&shared);
    }
    if path.starts_with(live::PREFIX) {
        return plain(head, StatusCode::NOT_FOUND, "not found\n");
    }
    let wanted = match site_path(path) {
        Ok(p) => p,
        Err(Refused::Traversal) => {
            return plain(
                head,
                StatusCode::BAD_REQUEST,
                "this address points outside the site\n",
            )
        }
        Err(Refused::Malformed) => {
            return plain(head, StatusCode::BAD_REQUEST, "this address is not valid\n")
        }
    };
    let served = shared.served();
    let generation = shared.live().generation;
    if !served.ready {
        let page = live::waiting_page(&shared.live());
        return respond(
            head,
            StatusCode::SERVICE_UNAVAILABLE,
            content_type(".html"),
            page.into(),
        );
    }
    if let Some(body) = find(&shared, &served, &wanted).await {
        let body = if wanted.ends_with(".html") {
            live::inject(&body, generation).into()
        } else {
            body
        };
        return respond(head, StatusCode::OK, content_type(&wanted), body);
    }
    // `/guides` is the folder `/guides/`: its relative links need the slash.
    let folder_index = format!("{wanted}/index.html");
    if !wanted.ends_with(".html") && find(&shared, &served, &folder_index).await.is_some() {
        // One leading slash: `//notices/` would be another host to a browser.
        let path = format!("/{}", path.trim_start_matches(['/', '\\']));
        let location = match uri.query() {
            Some(q) => format!("{path}/?{q}"),
            None => format!("{path}/"),
        };
        let mut r = plain(head, StatusCode::PERMANENT_REDIRECT, "moved\n");
        if let Ok(v) = HeaderValue::from_str(&location) {
            r.headers_mut().insert(header::LOCATION, v);
        }
        return r;
    }
    not_found(head, &served, generation)
}

/// `/_desk` is the folder `/_desk/`.
fn desk_redirect() -> Response {
    let mut r = plain(false, StatusCode::PERMANENT_REDIRECT, "moved\n");
    r.headers_mut()
        .insert(header::LOCATION, HeaderValue::from_static(desk::PREFIX));
    r
}

const WRONG_HOST: &str = "这个预览只回答用本机地址打开的请求（例如 http://127.0.0.1:1111/）。\nThis preview answers only requests made to this computer's address.\n";

/// Whether the request names this computer: an IP address (bound or loopback; a web page
/// cannot make a browser send another site's name with one) or `localhost`. A DNS name
/// could be a page's own host pointed at this computer (DNS rebinding), letting that page
/// read the preview, drafts included.
fn allowed_host(host: Option<&HeaderValue>) -> bool {
    let Some(host) = host else {
        // Browsers always send one: a request without is a program on this computer.
        return true;
    };
    let Ok(host) = host.to_str() else {
        return false;
    };
    let name = match host.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or_default(),
        None => host.rsplit_once(':').map_or(host, |(name, _)| name),
    };
    let name = name.to_ascii_lowercase();
    name.parse::<std::net::IpAddr>().is_ok() || name == "localhost" || name.ends_with(".localhost")
}

/// A file of the site: one copied as it is (read now, so an edited image shows at once) or
/// one the build made.
async fn find(shared: &Shared, served: &Served, path: &str) -> Option<Bytes> {
    if let Some(source) = served.copies.get(path) {
        let (shared, source, path) = (shared.clone(), source.clone(), path.to_owned());
        let keep_metadata = served.keep_metadata;
        let read = move || shared.copies().read(&source, &path, keep_metadata);
        return tokio::task::spawn_blocking(read).await.ok().flatten();
    }
    served.files.get(path).cloned()
}

/// The site's 404 page, its links made to work at any depth.
fn not_found(head: bool, served: &Served, generation: u64) -> Response {
    let Some(page) = served.files.get(crate::model::urls::NOT_FOUND) else {
        return plain(head, StatusCode::NOT_FOUND, "not found\n");
    };
    // 404.html links relative to the site's root, but it answers any path.
    let page = insert_base(page, b"<base href=\"/\">");
    let body = live::inject(&page, generation);
    respond(
        head,
        StatusCode::NOT_FOUND,
        content_type(".html"),
        body.into(),
    )
}

fn insert_base(html: &[u8], base: &[u8]) -> Vec<u8> {
    let at = html
        .windows(6)
        .position(|w| w.eq_ignore_ascii_case(b"<head>"))
        .map(|i| i + 6);
    match at {
        Some(at) => [&html[..at], base, &html[at..]].concat(),
        None => html.to_vec(),
    }
}

fn plain(head: bool, status: StatusCode, text: &'static str) -> Response {
    respond(
        head,
        status,
        content_type(".txt"),
        Bytes::from_static(text.as_bytes()),
    )
}

/// A response with its length, type and no caching (a preview is never stale). A HEAD
/// response has the same headers and no body.
fn respond(head: bool, status: StatusCode, content_type: &'static str, body: Bytes) -> Response {
    let length = body.len();
    let mut r = if head {
        Response::new(Body::empty())
    } else {
        Response::new(Body::from(body))
    };
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(content_type));
    h.insert(header::CONTENT_LENGTH, HeaderValue::from(length));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    r
}

/// The live event stream: `hello` with the current state, then each rebuild's events, until
/// the browser goes away or the server stops.
fn events(shared: &Shared) -> Response {
    // Subscribe before reading the state, so no event falls between the two.
    let mut updates = shared.subscribe();
    let hello = live::hello(&shared.live());
    let mut stopped = shared.on_shutdown();
    let state = shared.clone();
    let (tx, rx) = tokio::sync::mpsc::channel::<Result<Event, Infallible>>(16);
    tokio::spawn(async move {
        let mut next = Some(hello);
        while let Some((name, data)) = next.take() {
            if tx
                .send(Ok(Event::default().event(name).data(data)))
                .await
                .is_err()
            {
                return;
            }
            next = tokio::select! {
                received = updates.recv() => match received {
                    Ok(e) => Some(live::event(&e)),
                    // Too slow to follow every event: reload to be safe.
                    Err(RecvError::Lagged(_)) => Some(live::event(&LiveEvent::Reload {
                        generation: state.live().generation,
                        changed: Changed::All(AllMarker::All),
                    })),
                    Err(RecvError::Closed) => None,
                },
                _ = stopped.wait_for(|s| *s) => None,
                () = tx.closed() => None,
            };
        }
    });
    Sse::new(ReceiverStream::new(rx))
        .keep_alive(KeepAlive::default())
        .into_response()
}
