//! `deploy:` in site.yaml: where `bulletin deploy` publishes. Each target is a name, a
//! `url` (a folder, or `s3://`, `oss://`, `cos://`, `obs://` with a bucket and a prefix),
//! `endpoint` and `region` for storage, `cache` rules, and `precompress` (send the
//! precompressed copies of text files; docs/deploy.md says how each kind of target gets
//! them). Never credentials: site.yaml is
//! copied, shared and kept in version control, so keys come from the environment.

use crate::load::fields::{did_you_mean, scalar_text, FieldReader};
use crate::schema::{self, DEPLOY_FIELDS};
use serde_yaml::Value;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DeployTarget {
    pub name: String,
    pub url: String,
    pub endpoint: Option<String>,
    pub region: Option<String>,
    /// Cache-Control by file pattern (`"*.jpg": max-age=604800`), tried in order before
    /// the built-in rules.
    pub cache: Vec<(String, String)>,
    /// Send text files compressed: `.gz` and `.br` copies beside them in a folder, the
    /// gzip bytes with `Content-Encoding: gzip` on object storage.
    pub precompress: bool,
}

const ITEM: &str = "每一项写成 `  - { name: web, url: /srv/www/station }` 这样；对象存储再加 `endpoint:` 和 `region:`。";

/// The environment variables that hold each service's keys, for hints.
pub const CREDENTIAL_VARIABLES: &str = "AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（S3、MinIO、Garage、Ceph），ALIBABA_CLOUD_ACCESS_KEY_ID 和 ALIBABA_CLOUD_ACCESS_KEY_SECRET（阿里云 OSS），TENCENTCLOUD_SECRET_ID 和 TENCENTCLOUD_SECRET_KEY（腾讯云 COS），HUAWEICLOUD_SDK_AK 和 HUAWEICLOUD_SDK_SK（华为云 OBS）";

/// Whether a setting's name says it holds a credential (`secret_key`, `password`, `AccessKeyId`).
pub fn looks_like_secret_key(key: &str) -> bool {
    let k = key.to_ascii_lowercase().replace(['-', '_'], "");
    [
        "secret",
        "password",
        "passwd",
        "token",
        "accesskey",
        "credential",
    ]
    .iter()
    .any(|w| k.contains(w))
        || ["ak", "sk", "secretid", "keyid"].contains(&k.as_str())
}

pub fn parse(r: &mut FieldReader) -> Vec<DeployTarget> {
    let items = match r.raw("deploy") {
        None => return Vec::new(),
        Some(Value::Sequence(items)) => items,
        Some(_) => {
            r.error("deploy", "`deploy` 应该是列表。", ITEM);
            return Vec::new();
        }
    };
    let mut out: Vec<DeployTarget> = Vec::new();
    for item in items {
        let Some(target) = target(r, item) else {
            continue;
        };
        if out.iter().any(|t| t.name == target.name) {
            r.error(
                "deploy",
                format!("`deploy` 里有两个目标都叫 `{}`。", target.name),
                "每个目标的 `name` 要不一样，`bulletin deploy --to 名字` 靠它找到目标。",
            );
            continue;
        }
        out.push(target);
    }
    out
}

fn target(r: &mut FieldReader, item: &Value) -> Option<DeployTarget> {
    let Value::Mapping(map) = item else {
        r.error("deploy", "`deploy` 里的每一项应该是一组设置。", ITEM);
        return None;
    };
    let keys = schema::keys(DEPLOY_FIELDS);
    let mut ok = true;
    for k in map.keys() {
        let k = crate::load::yaml::key_text(k);
        if keys.contains(&k.as_str()) {
            continue;
        }
        ok = false;
        if looks_like_secret_key(&k) {
            r.error(
                "deploy",
                format!("`deploy` 里不能写密钥 `{k}`。"),
                format!("site.yaml 会被复制、分享，密钥写在这里就等于公开了。请删掉这一行（如果已经传出去，请到云服务的控制台换一个新密钥），把密钥放进环境变量：{CREDENTIAL_VARIABLES}。"),
            );
        } else {
            let hint = match crate::diagnostics::nearest(&k, &keys) {
                Some(n) => did_you_mean(n, &keys),
                None => format!("可以用的字段：{}。", keys.join("、")),
            };
            r.error("deploy", format!("`deploy` 里有不认识的字段 `{k}`。"), hint);
        }
    }
    let get = |k: &str| map.get(k).and_then(scalar_text);
    let (Some(name), Some(url)) = (get("name"), get("url")) else {
        r.error(
            "deploy",
            "`deploy` 里的每个目标都要有 `name` 和 `url`。",
            ITEM,
        );
        return None;
    };
    let cache = cache_rules(r, &name, map.get("cache"));
    let precompress = match map.get("precompress") {
        None => Some(false),
        Some(Value::Bool(b)) => Some(*b),
        Some(_) => {
            r.error(
                "deploy",
                format!("目标 `{name}` 的 `precompress` 应该写 `true` 或 `false`。"),
                "写成 `    precompress: true` 就会把网页等文字文件压缩后再发布（docs/deploy.md 里说了各种目标怎么用它）；不写就是 `false`。",
            );
            None
        }
    };
    ok.then_some(DeployTarget {
        name,
        url,
        endpoint: get("endpoint"),
        region: get("region"),
        cache: cache?,
        precompress: precompress?,
    })
}

/// `cache:` as pattern → Cache-Control pairs, each pattern checked.
fn cache_rules(
    r: &mut FieldReader,
    name: &str,
    value: Option<&Value>,
) -> Option<Vec<(String, String)>> {
    let hint = "写成 `    cache: { \"*.jpg\": \"public, max-age=604800\" }` 这样：左边是文件名的样式，右边是 Cache-Control 的值。";
    let map = match value {
        None => return Some(Vec::new()),
        Some(Value::Mapping(map)) => map,
        Some(_) => {
            r.error(
                "deploy",
                format!("目标 `{name}` 的 `cache` 应该是一组设置。"),
                hint,
            );
            return None;
        }
    };
    let mut rules = Vec::new();
    for (pattern, value) in map {
        let pattern = crate::load::yaml::key_text(pattern);
        let Some(value) = scalar_text(value) else {
            r.error(
                "deploy",
                format!("目标 `{name}` 的 `cache` 里，`{pattern}` 后面要写一个值。"),
                hint,
            );
            return None;
        };
        if let Err(e) = globset::Glob::new(&pattern) {
            r.error(
                "deploy",
                format!("目标 `{name}` 的 `cache` 里，`{pattern}` 不是文件名的样式（{e}）。"),
                "`*` 代表任意几个字，`**/` 代表任意几层文件夹，例如 `*.html`、`search/**`。",
            );
            return None;
        }
        rules.push((pattern, value));
    }
    Some(rules)
}

#[cfg(test)]
mod tests {
    use crate::config::from_text;

    #[test]
    fn reads_targets_and_refuses_keys_in_site_yaml() {
        let c = from_text("title: x\ndeploy:\n  - name: web\n    url: /srv/www\n    precompress: true\n  - name: oss\n    url: oss://b/p\n    endpoint: https://oss-cn-hangzhou.aliyuncs.com\n    cache: { \"*.jpg\": max-age=60 }\n").unwrap();
        assert_eq!(c.deploy.len(), 2);
        assert!(c.deploy[0].precompress && !c.deploy[1].precompress);
        assert_eq!(
            c.deploy[1].cache,
            [("*.jpg".to_owned(), "max-age=60".to_owned())]
        );
        let d = from_text(
            "title: x\ndeploy:\n  - name: s3\n    url: s3://b\n    secret_access_key: abc\n",
        )
        .unwrap_err();
        let first = d.iter().next().unwrap();
        assert_eq!(
            first.headline(),
            "site.yaml:2:1: 错误：`deploy` 里不能写密钥 `secret_access_key`。"
        );
        assert!(first
            .hint
            .as_deref()
            .unwrap()
            .contains("AWS_SECRET_ACCESS_KEY"));
        let d =
            from_text("title: x\ndeploy:\n  - name: a\n    url: /x\n  - name: a\n    url: /y\n")
                .unwrap_err();
        assert!(d.iter().any(|d| d.message.contains("两个目标都叫 `a`")));
        let d = from_text("title: x\ndeploy:\n  - name: a\n    url: /x\n    precompress: gzip\n")
            .unwrap_err();
        assert!(d
            .iter()
            .any(|d| d.message.contains("`precompress` 应该写 `true` 或 `false`")));
    }
}
