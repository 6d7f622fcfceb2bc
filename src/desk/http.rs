//! The desk's HTTP side. Pages are GETs; everything that changes a file is a POST that must
//! come from the desk's own pages: the request's `Origin` (or, without one, its `Referer`)
//! names this server and the form carries the desk's token; otherwise 403 and nothing is
//! written. With a password, every page but the login asks for the session cookie it sets
//! (HttpOnly, SameSite=Strict).

use super::actions;
use super::compose::page_path;
use super::form::{Submitted, Upload};
use super::photo::MAX_UPLOAD;
use super::views::{self, Notice};
use super::{Access, Desk, PREFIX};
use axum::body::{Body, Bytes};
use axum::http::{header, HeaderMap, HeaderValue, Method, Request, StatusCode};
use axum::response::Response;
use std::sync::Arc;

const COOKIE: &str = "bulletin_desk";

/// Answer a request under `/_desk/`.
pub async fn respond(desk: Arc<Desk>, request: Request<Body>) -> Response {
    let (parts, body) = request.into_parts();
    let path = parts.uri.path().to_owned();
    let rest = path.strip_prefix(PREFIX).unwrap_or_default().to_owned();
    if desk.access == Access::Off {
        return message(&desk, StatusCode::FORBIDDEN, "编辑台没有打开", "这个预览可以从别的电脑访问，所以编辑台关着。请在服务器上设置密码（环境变量 BULLETIN_DESK_PASSWORD，或者 `--desk-password-file 文件`）后重新运行 `bulletin serve`。");
    }
    if let Some(asset) = asset(&rest) {
        return asset;
    }
    let signed_in = match &desk.access {
        Access::Password(_) => session_of(&parts.headers).is_some_and(|k| desk.has_session(&k)),
        _ => true,
    };
    let method = parts.method.clone();
    if method == Method::GET || method == Method::HEAD {
        if rest == "login" {
            return html(StatusCode::OK, views::login(&desk, None));
        }
        if !signed_in {
            return redirect(&format!("{PREFIX}login"));
        }
        let query = parts.uri.query().unwrap_or_default().to_owned();
        return blocking(move || get(&desk, &rest, &query)).await;
    }
    if method != Method::POST {
        return plain(StatusCode::METHOD_NOT_ALLOWED, "只能用 GET 或 POST。\n");
    }
    if !same_origin(&parts.headers) {
        return plain(
            StatusCode::FORBIDDEN,
            "这个请求不是从编辑台的页面发出的，没有执行。\n",
        );
    }
    let form = match read_form(&parts.headers, body).await {
        Ok(f) => f,
        Err(response) => return response,
    };
    if rest == "login" {
        return login(&desk, &form);
    }
    if !signed_in || form.get("_token") != Some(desk.token.as_str()) {
        return plain(
            StatusCode::FORBIDDEN,
            "编辑台的令牌不对（页面打开太久，或者不是从编辑台发出的）：请刷新页面再试。\n",
        );
    }
    blocking(move || post(&desk, &rest, &form)).await
}

/// The desk's own stylesheet and script.
fn asset(rest: &str) -> Option<Response> {
    let (bytes, kind): (&'static str, &'static str) = match rest {
        "static/desk.css" => (include_str!("static/desk.css"), "text/css; charset=utf-8"),
        "static/desk.js" => (
            include_str!("static/desk.js"),
            "text/javascript; charset=utf-8",
        ),
        _ => return None,
    };
    Some(with_type(
        StatusCode::OK,
        kind,
        Bytes::from_static(bytes.as_bytes()),
    ))
}

/// Run the work of a page on a thread that may block (it reads the whole site).
async fn blocking(work: impl FnOnce() -> Response + Send + 'static) -> Response {
    tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| {
        plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "编辑台出错了：请刷新页面再试。\n",
        )
    })
}

fn get(desk: &Desk, rest: &str, query: &str) -> Response {
    let params: Vec<(String, String)> = form_urlencoded::parse(query.as_bytes())
        .into_owned()
        .collect();
    let param = |k: &str| params.iter().find(|(n, _)| n == k).map(|(_, v)| v.clone());
    if rest.is_empty() {
        let notice = param("done").map(Notice::Done);
        return html(StatusCode::OK, views::overview(desk, notice));
    }
    if rest == "import" {
        return html(StatusCode::OK, views::import_page(desk, None));
    }
    if rest == "publish" {
        return html(StatusCode::OK, views::publish_page(desk, None));
    }
    if let Some(kind) = rest.strip_prefix("new/") {
        return match crate::schema::Kind::ALL
            .into_iter()
            .find(|k| k.as_str() == kind)
        {
            Some(kind) => html(StatusCode::OK, views::new_form(desk, kind)),
            None => not_found(desk),
        };
    }
    if let Some(path) = rest.strip_prefix("edit/") {
        let path = percent_decode(path);
        return match page_path(&path) {
            Some(_) if desk.root.join("content").join(&path).is_file() => {
                let done = if param("saved").is_some() {
                    Some("已保存。网站正在更新，几秒钟后打开的预览都会刷新。")
                } else if param("restored").is_some() {
                    Some("已从回收站恢复。")
                } else {
                    None
                };
                html(StatusCode::OK, views::edit_form(desk, &path, done))
            }
            _ => not_found(desk),
        };
    }
    not_found(desk)
}

fn post(desk: &Desk, rest: &str, form: &Submitted) -> Response {
    match rest {
        "preview" => json(&views::preview(desk, form)),
        "save" => actions::save(desk, form).into_response(),
        "act" => actions::act(desk, form).into_response(),
        "delete" => actions::delete(desk, form).into_response(),
        "restore" => actions::restore(desk, form).into_response(),
        "import" => {
            let result = super::import::import(desk, form);
            let status = if result.is_ok() {
                StatusCode::OK
            } else {
                StatusCode::UNPROCESSABLE_ENTITY
            };
            html(status, views::import_page(desk, Some(result)))
        }
        "publish" => publish(desk, form),
        _ => not_found(desk),
    }
}

/// `POST /_desk/publish`: the plan, or the deploy started.
fn publish(desk: &Desk, form: &Submitted) -> Response {
    if form.get("action") == Some("run") {
        if !super::publish::start(desk, form.get("yes").is_some()) {
            let busy =
                views::publish_page(desk, Some(Err("已经在发布了：请等这一次完成。".to_owned())));
            return html(StatusCode::CONFLICT, busy);
        }
        return redirect(&format!("{PREFIX}publish"));
    }
    let planned = super::publish::plan(desk);
    let status = if planned.is_ok() {
        StatusCode::OK
    } else {
        StatusCode::UNPROCESSABLE_ENTITY
    };
    html(status, views::publish_page(desk, Some(planned)))
}

/// What a POST that changes something leads to.
pub enum Outcome {
    /// Done: go to this address (303, so a reload does not post again).
    Redirect(String),
    /// Shown again with what went wrong (the form with its errors, the two versions).
    Page(StatusCode, String),
}

impl Outcome {
    fn into_response(self) -> Response {
        match self {
            Outcome::Redirect(to) => redirect(&to),
            Outcome::Page(status, body) => html(status, body),
        }
    }
}

fn login(desk: &Desk, form: &Submitted) -> Response {
    let Access::Password(password) = &desk.access else {
        return redirect(PREFIX);
    };
    let given = form.get("password").unwrap_or_default();
    if !same_secret(given.as_bytes(), password.as_bytes()) {
        return html(
            StatusCode::UNAUTHORIZED,
            views::login(desk, Some("密码不对，请再输入一次。")),
        );
    }
    let Ok(key) = desk.open_session() else {
        return plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "无法登录：请再试一次。\n",
        );
    };
    let mut r = redirect(PREFIX);
    let cookie = format!("{COOKIE}={key}; Path={PREFIX}; HttpOnly; SameSite=Strict");
    if let Ok(v) = HeaderValue::from_str(&cookie) {
        r.headers_mut().insert(header::SET_COOKIE, v);
    }
    r
}

/// Compare without telling, by how long it takes, how much of a guess was right.
fn same_secret(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
}

fn session_of(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .find_map(|c| {
            c.trim()
                .strip_prefix(COOKIE)?
                .strip_prefix('=')
                .map(str::to_owned)
        })
}

/// Whether a POST comes from a page of this server: its `Origin`, or its `Referer` when a
/// browser sent no origin, names the host the request was sent to.
fn same_origin(headers: &HeaderMap) -> bool {
    let text = |name| {
        headers
            .get(name)
            .and_then(|v: &HeaderValue| v.to_str().ok())
    };
    let Some(host) = text(header::HOST) else {
        return false;
    };
    let ours = |url: &str| {
        url.strip_prefix("http://")
            .or_else(|| url.strip_prefix("https://"))
            .is_some_and(|rest| rest == host || rest.starts_with(&format!("{host}/")))
    };
    match (text(header::ORIGIN), text(header::REFERER)) {
        (Some(origin), _) => ours(origin),
        (None, Some(referer)) => ours(referer),
        (None, None) => false,
    }
}

/// The fields of a form, sent as `multipart/form-data` (with files) or URL-encoded.
async fn read_form(headers: &HeaderMap, body: Body) -> Result<Submitted, Response> {
    let too_big = || {
        plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            "上传的内容太大：照片不能超过 20 MB。\n",
        )
    };
    // A little over the photo's limit, for the form's other fields.
    let bytes = axum::body::to_bytes(body, MAX_UPLOAD + 1024 * 1024)
        .await
        .map_err(|_| too_big())?;
    let kind = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let Ok(boundary) = multer::parse_boundary(kind) else {
        let pairs = form_urlencoded::parse(&bytes).into_owned().collect();
        return Ok(Submitted {
            pairs,
            files: Vec::new(),
        });
    };
    let stream = futures::stream::once(async move { Ok::<Bytes, std::io::Error>(bytes) });
    let mut parts = multer::Multipart::new(stream, boundary);
    let mut form = Submitted::default();
    let bad = |_| {
        plain(
            StatusCode::BAD_REQUEST,
            "表单的内容不完整：请刷新页面再试。\n",
        )
    };
    while let Some(field) = parts.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or_default().to_owned();
        match field.file_name().map(str::to_owned) {
            Some(file_name) => {
                let bytes = field.bytes().await.map_err(bad)?;
                if bytes.len() > MAX_UPLOAD {
                    return Err(too_big());
                }
                if !bytes.is_empty() {
                    form.files.push(Upload {
                        name,
                        file_name,
                        bytes: bytes.to_vec(),
                    });
                }
            }
            None => {
                let text = field.text().await.map_err(bad)?;
                form.pairs.push((name, text));
            }
        }
    }
    Ok(form)
}

fn percent_decode(text: &str) -> String {
    let bytes: Vec<u8> =
        url::form_urlencoded::parse(format!("p={}", text.replace('+', "%2B")).as_bytes())
            .next()
            .map(|(_, v)| v.into_owned().into_bytes())
            .unwrap_or_default();
    String::from_utf8_lossy(&bytes).into_owned()
}

fn not_found(desk: &Desk) -> Response {
    message(
        desk,
        StatusCode::NOT_FOUND,
        "没有这个页面",
        "可能已经删除或者改了名字：回到编辑台首页看看。",
    )
}

fn message(desk: &Desk, status: StatusCode, title: &str, text: &str) -> Response {
    html(status, views::message(desk, title, text))
}

fn html(status: StatusCode, body: String) -> Response {
    with_type(status, "text/html; charset=utf-8", Bytes::from(body))
}

fn json(value: &serde_json::Value) -> Response {
    with_type(
        StatusCode::OK,
        "application/json",
        Bytes::from(value.to_string()),
    )
}

fn plain(status: StatusCode, text: &'static str) -> Response {
    with_type(
        status,
        "text/plain; charset=utf-8",
        Bytes::from_static(text.as_bytes()),
    )
}

fn redirect(to: &str) -> Response {
    let mut r = with_type(
        StatusCode::SEE_OTHER,
        "text/plain; charset=utf-8",
        Bytes::new(),
    );
    if let Ok(v) = HeaderValue::from_str(to) {
        r.headers_mut().insert(header::LOCATION, v);
    }
    r
}

fn with_type(status: StatusCode, kind: &'static str, body: Bytes) -> Response {
    let mut r = Response::new(Body::from(body));
    *r.status_mut() = status;
    let h = r.headers_mut();
    h.insert(header::CONTENT_TYPE, HeaderValue::from_static(kind));
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    // The desk is never shown inside another site's page.
    h.insert(
        header::X_FRAME_OPTIONS,
        HeaderValue::from_static("SAMEORIGIN"),
    );
    r
}

#[cfg(test)]
mod tests {
    use super::*;

    fn headers(pairs: &[(header::HeaderName, &str)]) -> HeaderMap {
        let mut h = HeaderMap::new();
        for (k, v) in pairs {
            h.insert(k.clone(), HeaderValue::from_str(v).unwrap());
        }
        h
    }

    #[test]
    fn only_our_own_pages_may_post() {
        let host = (header::HOST, "127.0.0.1:1111");
        assert!(same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "http://127.0.0.1:1111")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "http://evil.example")
        ])));
        assert!(!same_origin(&headers(&[
            host.clone(),
            (header::ORIGIN, "http://127.0.0.1:11112")
        ])));
        assert!(same_origin(&headers(&[
            host.clone(),
            (header::REFERER, "http://127.0.0.1:1111/_desk/")
        ])));
        assert!(!same_origin(&headers(&[host])));
    }

    #[test]
    fn cookies_and_secrets() {
        let h = headers(&[(header::COOKIE, "a=1; bulletin_desk=abc; b=2")]);
        assert_eq!(session_of(&h).as_deref(), Some("abc"));
        assert!(
            same_secret(b"pw", b"pw") && !same_secret(b"pw", b"pW") && !same_secret(b"p", b"pw")
        );
        assert_eq!(percent_decode("notices/%E5%81%9C.md"), "notices/停.md");
    }
}
