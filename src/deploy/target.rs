//! Where a deploy goes: the targets of site.yaml or `--to`, read into a [`Target`], and the
//! storage client for it. Keys are read here, from the services' standard environment
//! variables, and nowhere else.

use super::headers::CacheRules;
use crate::config::deploy::{DeployTarget, CREDENTIAL_VARIABLES};
use crate::diagnostics::Diagnostic;
use opendal::layers::{RetryLayer, TimeoutLayer};
use opendal::{services, Operator};
use std::path::{Path, PathBuf};
use std::time::Duration;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Service {
    S3,
    Oss,
    Cos,
    Obs,
}

impl Service {
    fn from_scheme(scheme: &str) -> Option<Service> {
        Some(match scheme {
            "s3" => Service::S3,
            "oss" => Service::Oss,
            "cos" => Service::Cos,
            "obs" => Service::Obs,
            _ => return None,
        })
    }

    /// The environment variables of the key pair, as the service's own tools name them.
    pub fn key_variables(self) -> [&'static str; 2] {
        match self {
            Service::S3 => ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"],
            Service::Oss => [
                "ALIBABA_CLOUD_ACCESS_KEY_ID",
                "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
            ],
            Service::Cos => ["TENCENTCLOUD_SECRET_ID", "TENCENTCLOUD_SECRET_KEY"],
            Service::Obs => ["HUAWEICLOUD_SDK_AK", "HUAWEICLOUD_SDK_SK"],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Folder(PathBuf),
    Store {
        service: Service,
        bucket: String,
        prefix: String,
        endpoint: Option<String>,
        region: Option<String>,
    },
}

#[derive(Debug, Clone)]
pub struct Target {
    pub name: String,
    /// As written, for messages.
    pub url: String,
    pub place: Place,
    pub cache: CacheRules,
    /// Send text files compressed (site.yaml's `precompress`; see [`super::precompressed`]).
    pub precompress: bool,
}

const EXAMPLE: &str = "在 site.yaml 里写上目标，例如：\n  deploy:\n    - name: web\n      url: /srv/www/station\n然后运行 `bulletin deploy`；也可以直接写 `bulletin deploy --to /srv/www/station` 或 `--to s3://存储桶/前缀?endpoint=https://…`。";

/// The targets to publish to: `to` (a target's name or a URL), else every target in
/// site.yaml. Folders in site.yaml are relative to the site's root.
pub fn targets(
    configured: &[DeployTarget],
    to: Option<&str>,
    root: &Path,
) -> Result<Vec<Target>, Diagnostic> {
    let from_config = |t: &DeployTarget| -> Result<Target, Diagnostic> {
        let mut place = place(&t.url, t.endpoint.clone(), t.region.clone())?;
        if let Place::Folder(path) = &mut place {
            *path = root.join(&*path);
        }
        Ok(Target {
            name: t.name.clone(),
            url: t.url.clone(),
            place,
            cache: CacheRules::new(&t.cache),
            precompress: t.precompress,
        })
    };
    let targets = match to {
        Some(to) => match configured.iter().find(|t| t.name == to) {
            Some(t) => Ok(vec![from_config(t)?]),
            None if to.contains("://") || to.contains(['/', '\\', '.']) => {
                let place = place(to, None, None)?;
                let name = match &place {
                    Place::Folder(_) => "文件夹",
                    Place::Store { .. } => "存储桶",
                };
                Ok(vec![Target {
                    name: name.to_owned(),
                    url: to.to_owned(),
                    place,
                    cache: CacheRules::new(&[]),
                    precompress: false,
                }])
            }
            None => {
                let names: Vec<&str> = configured.iter().map(|t| t.name.as_str()).collect();
                Err(usage(
                    format!("site.yaml 的 `deploy` 里没有叫 `{to}` 的目标。"),
                    if names.is_empty() {
                        EXAMPLE.to_owned()
                    } else {
                        format!("可以用的目标：{}。", names.join("、"))
                    },
                ))
            }
        },
        None if configured.is_empty() => Err(usage("不知道要发布到哪里。", EXAMPLE)),
        None => configured.iter().map(from_config).collect(),
    }?;
    for target in &targets {
        if let Place::Folder(path) = &target.place {
            check_folder(root, path)?;
        }
    }
    Ok(targets)
}

/// A folder target may not be the site, hold it, or be the build's own output (which the
/// next build replaces): a deploy deletes what is not part of the site.
fn check_folder(root: &Path, folder: &Path) -> Result<(), Diagnostic> {
    let pick = "发布到网站服务器的根文件夹，例如 `/srv/www/station`，不要发布到网站自己的文件夹。";
    crate::write::check_not_site(root, folder, pick)?;
    if crate::load::walk::absolute(folder) == crate::load::walk::absolute(&root.join("public")) {
        return Err(usage(
            format!(
                "不能发布到 `{}`：这是 `bulletin build` 的输出文件夹。",
                folder.display()
            ),
            pick,
        ));
    }
    Ok(())
}

fn usage(message: impl Into<String>, hint: impl Into<String>) -> Diagnostic {
    Diagnostic::error(message).with_hint(hint).of_usage()
}

/// A folder path, `file://…`, or `scheme://bucket/prefix`, whose query may give
/// `endpoint=` and `region=` (for `--to`).
fn place(url: &str, endpoint: Option<String>, region: Option<String>) -> Result<Place, Diagnostic> {
    let Some((scheme, _)) = url.split_once("://") else {
        return Ok(Place::Folder(PathBuf::from(url)));
    };
    let bad = |why: &str| {
        usage(
            format!("发布目标 `{url}` 写得不对：{why}。"),
            "文件夹直接写路径（`/srv/www/station`）；对象存储写 `s3://存储桶名/前缀`（或 `oss://`、`cos://`、`obs://`），再写上 `endpoint` 和 `region`。",
        )
    };
    let parsed = url::Url::parse(url).map_err(|e| bad(&e.to_string()))?;
    if scheme == "file" {
        return parsed
            .to_file_path()
            .map(Place::Folder)
            .map_err(|()| bad("不是本机的文件夹"));
    }
    let service =
        Service::from_scheme(scheme).ok_or_else(|| bad(&format!("不认识 `{scheme}://`")))?;
    let bucket = parsed.host_str().unwrap_or_default().to_owned();
    if bucket.is_empty() {
        return Err(bad("`://` 后面要写存储桶的名字"));
    }
    let query = |key: &str| {
        parsed
            .query_pairs()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.into_owned())
    };
    Ok(Place::Store {
        service,
        bucket,
        prefix: parsed.path().trim_matches('/').to_owned(),
        endpoint: endpoint.or_else(|| query("endpoint")),
        region: region.or_else(|| query("region")),
    })
}

/// The storage client for a target. `env` reads an environment variable.
pub fn operator(
    target: &Target,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<Operator, Diagnostic> {
    let config_error = |e: opendal::Error| {
        usage(
            format!("发布目标 `{}` 的设置不对：{e}", target.name),
            "检查 site.yaml 里 `deploy` 的 `url`、`endpoint` 和 `region`。",
        )
    };
    let operator = match &target.place {
        Place::Folder(path) => {
            // Written beside its final place and renamed: a file is never seen half-written.
            // No retries: a local disk's errors do not pass, and a retried write would try
            // to rename a file the first attempt already moved.
            let root = path.to_string_lossy();
            let tmp = path.join(super::plan::TEMP_DIR);
            let fs = services::Fs::default()
                .root(&root)
                .atomic_write_dir(&tmp.to_string_lossy());
            Operator::new(fs).map(|b| b.finish())
        }
        Place::Store {
            service,
            bucket,
            prefix,
            endpoint,
            region,
        } => {
            let [id_var, secret_var] = service.key_variables();
            let (Some(id), Some(secret)) = (env(id_var), env(secret_var)) else {
                return Err(usage(
                    format!("没有找到发布到 `{}` 用的密钥。", target.name),
                    format!("请先设置环境变量 {id_var} 和 {secret_var}（密钥只从环境变量读取，不写在 site.yaml 里）。各家云服务的变量：{CREDENTIAL_VARIABLES}。"),
                ));
            };
            let endpoint = endpoint.clone().or_else(|| env("AWS_ENDPOINT_URL"));
            let need_endpoint = || {
                usage(
                    format!("发布目标 `{}` 没有写 `endpoint`。", target.name),
                    "写上存储服务的地址，例如 `endpoint: https://oss-cn-hangzhou.aliyuncs.com`。",
                )
            };
            match service {
                Service::S3 => {
                    let region = (region.clone())
                        .or_else(|| env("AWS_REGION"))
                        .or_else(|| env("AWS_DEFAULT_REGION"))
                        .unwrap_or_else(|| "us-east-1".to_owned());
                    let mut b = services::S3::default()
                        .bucket(bucket)
                        .root(prefix)
                        .region(&region)
                        .access_key_id(&id)
                        .secret_access_key(&secret)
                        // Keys from the variables above only: no config files, no cloud
                        // metadata service to wait for.
                        .disable_config_load()
                        .disable_ec2_metadata();
                    if let Some(token) = env("AWS_SESSION_TOKEN") {
                        b = b.session_token(&token);
                    }
                    if let Some(endpoint) = &endpoint {
                        b = b.endpoint(endpoint);
                    }
                    finish(b)
                }
                Service::Oss => finish(
                    services::Oss::default()
                        .bucket(bucket)
                        .root(prefix)
                        .endpoint(&endpoint.ok_or_else(need_endpoint)?)
                        .access_key_id(&id)
                        .access_key_secret(&secret),
                ),
                Service::Cos => finish(
                    services::Cos::default()
                        .bucket(bucket)
                        .root(prefix)
                        .endpoint(&endpoint.ok_or_else(need_endpoint)?)
                        .secret_id(&id)
                        .secret_key(&secret)
                        .disable_config_load(),
                ),
                Service::Obs => finish(
                    services::Obs::default()
                        .bucket(bucket)
                        .root(prefix)
                        .endpoint(&endpoint.ok_or_else(need_endpoint)?)
                        .access_key_id(&id)
                        .secret_access_key(&secret),
                ),
            }
        }
    };
    let operator = operator.map_err(config_error)?;
    let sets_encoding = operator
        .info()
        .full_capability()
        .write_with_content_encoding;
    if target.precompress && matches!(target.place, Place::Store { .. }) && !sets_encoding {
        // Compressed bytes without their Content-Encoding would reach browsers as garbage.
        return Err(usage(
            format!(
                "发布目标 `{}`（{}）不能压缩发布：bulletin 还不能给这种存储上的文件设置 Content-Encoding。",
                target.name, target.url
            ),
            "阿里云 OSS、腾讯云 COS、华为云 OBS 都兼容 S3：把 `url` 换成 `s3://存储桶名/前缀`、`endpoint` 换成它们的 S3 兼容地址，就可以压缩发布；或者删掉这个目标的 `precompress: true`。",
        ));
    }
    Ok(operator)
}

/// The client for a storage service, with retries (backing off from 0.2 s to 3 s, four
/// times) and a time limit on each request and each transfer.
fn finish(builder: impl opendal::Builder) -> opendal::Result<Operator> {
    let limit = Duration::from_secs(60);
    Ok(Operator::new(builder)?
        .layer(
            TimeoutLayer::new()
                .with_timeout(limit)
                .with_io_timeout(limit),
        )
        .layer(
            RetryLayer::new()
                .with_jitter()
                .with_min_delay(Duration::from_millis(200))
                .with_max_delay(Duration::from_secs(3))
                .with_max_times(4),
        )
        .finish())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_folders_and_buckets() {
        assert_eq!(
            place("/srv/www", None, None).unwrap(),
            Place::Folder("/srv/www".into())
        );
        assert_eq!(
            place(
                "s3://site/station/?endpoint=http://127.0.0.1:9000&region=cn",
                None,
                None
            )
            .unwrap(),
            Place::Store {
                service: Service::S3,
                bucket: "site".into(),
                prefix: "station".into(),
                endpoint: Some("http://127.0.0.1:9000".into()),
                region: Some("cn".into()),
            }
        );
        let err = place("ftp://x/y", None, None).unwrap_err();
        assert!(err.message.contains("不认识 `ftp://`"), "{err}");
        let err = targets(&[], Some("oss"), Path::new(".")).unwrap_err();
        assert!(err.message.contains("没有叫 `oss` 的目标"), "{err}");
        assert!(targets(&[], None, Path::new(".")).is_err());
    }

    /// OpenDAL sets Content-Encoding on S3 only: compressed bytes are never sent where the
    /// header would be missing.
    #[test]
    fn precompress_needs_a_service_that_takes_content_encoding() {
        let keys = |name: &str| Some(format!("{name}-value"));
        let target = |url: &str| {
            let config = DeployTarget {
                name: "cloud".into(),
                url: url.into(),
                endpoint: Some("https://storage.example.cn".into()),
                region: None,
                cache: Vec::new(),
                precompress: true,
            };
            let found = targets(&[config], None, Path::new("/site"));
            found.unwrap().remove(0)
        };
        let err = operator(&target("oss://b/station"), &keys).unwrap_err();
        assert!(err.message.contains("不能压缩发布"), "{err}");
        assert!(err.hint.unwrap().contains("s3://"));
        assert!(operator(&target("s3://b/station"), &keys).is_ok());
    }
}
