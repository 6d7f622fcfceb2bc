//! A storage error in plain Chinese: wrong keys, no such bucket, no network, no room; what
//! went wrong and what to do. The service's own words follow in brackets, for whoever
//! helps the staff.

use super::target::{Place, Target};
use crate::diagnostics::Diagnostic;
use opendal::ErrorKind;

/// The same in every hint: a rerun continues.
const RERUN: &str = "改好以后再运行一次 `bulletin deploy`：已经传上去的文件不会再传，也不会删掉任何东西，直到全部传完。";

/// `doing` is the verb: 上传, 删除, 读取, 列出.
pub fn describe(target: &Target, doing: &str, e: opendal::Error) -> Diagnostic {
    let name = &target.name;
    let words = e.to_string();
    let (message, hint) = match (e.kind(), &target.place) {
        (ErrorKind::PermissionDenied, Place::Store { service, .. }) => (
            format!("发布目标 `{name}` 拒绝了：密钥不对，或者这个密钥没有写入的权限。"),
            format!(
                "检查环境变量 {} 和 {} 是不是这个存储桶的密钥、有没有读写权限（在云服务的控制台里看）。{RERUN}",
                service.key_variables()[0],
                service.key_variables()[1]
            ),
        ),
        (ErrorKind::PermissionDenied, Place::Folder(path)) => (
            format!("没有权限{doing} `{}` 里的文件。", path.display()),
            format!("请网站服务器的管理员给运行 bulletin 的账号写入这个文件夹的权限。{RERUN}"),
        ),
        (kind, Place::Store { bucket, .. })
            if kind == ErrorKind::NotFound || words.contains("NoSuchBucket") =>
        {
            (
            format!("发布目标 `{name}`：找不到存储桶 `{bucket}`。"),
            format!("检查 `url` 里存储桶的名字和 `endpoint`、`region`；存储桶要先在云服务的控制台里建好。{RERUN}"),
        )
        }
        (ErrorKind::RateLimited, _) => (
            format!("发布目标 `{name}` 说请求太多，暂时不接收了。"),
            format!("过几分钟再试。{RERUN}"),
        ),
        (_, Place::Store { endpoint, .. }) if e.is_temporary() || is_network(&words) => (
            format!(
                "连不上发布目标 `{name}`（{}），{doing}没有完成。",
                endpoint.as_deref().unwrap_or("默认地址")
            ),
            format!("检查网络是否通畅、`endpoint` 是否写对。{RERUN}"),
        ),
        (_, Place::Folder(path)) => (
            format!("{doing} `{}` 里的文件时出错。", path.display()),
            format!("检查这个文件夹所在的磁盘或共享是否还连着、有没有满。{RERUN}"),
        ),
        (_, Place::Store { .. }) => (
            format!("发布目标 `{name}` {doing}文件时出错。"),
            format!("检查 site.yaml 里这个目标的设置和网络。{RERUN}"),
        ),
    };
    Diagnostic::error(format!("{message}（{}）", short(&words))).with_hint(hint)
}

fn is_network(words: &str) -> bool {
    [
        "error sending request",
        "connect",
        "connection",
        "timed out",
        "dns",
    ]
    .iter()
    .any(|w| words.to_ascii_lowercase().contains(w))
}

/// The service's error code (`NoSuchBucket`), else the last cause's first line, at most
/// 200 characters: not the whole request and response.
fn short(words: &str) -> String {
    if let Some(code) = (words.split("code: \"").nth(1)).and_then(|rest| rest.split('"').next()) {
        return code.to_owned();
    }
    let cause = words.rsplit(" => ").next().unwrap_or(words);
    let line = cause.lines().next().unwrap_or_default();
    line.chars().take(200).collect()
}
