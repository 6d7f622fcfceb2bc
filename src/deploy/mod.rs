//! `bulletin deploy`: build the site exactly as `bulletin build` does, then publish what
//! changed to a folder or to object storage. A thin driver, like `build` and `serve`:
//!
//! ```text
//! build ──► the output files ──► compare with the target ──► upload, then delete
//! (build)   (plan::local_files)  (run::survey → Plan)        (run::execute)
//! ```
//!
//! [`prepare`] builds and finds the targets; for each target, [`Prepared::files_for`] says
//! what it is to hold (precompressed copies differ by kind of target), [`run::survey`]
//! makes a [`Plan`] (the dry run prints it) and [`run::execute`] carries it out, reporting
//! each step to a callback: the CLI draws a progress bar with it, and a desk can show the
//! plan and the progress the same way.
//!
//! Storage goes through Apache OpenDAL (`opendal`): one API and one retry and timeout layer
//! for a local folder, S3 and everything that speaks it (MinIO, Garage, Ceph RGW), and the
//! native APIs of Aliyun OSS, Tencent COS and Huawei OBS, each a feature flag. The
//! alternatives cover less for more: the AWS SDK is S3 only and the heaviest build of all
//! (its own HTTP and TLS stacks, hundreds of generated operations); `rust-s3` is S3 only, so
//! OSS, COS and OBS would need their S3 compatibility modes. With the five services OpenDAL
//! adds about 60 crates to the build, most of them the HTTP client and rustls, which axum and
//! tokio already half bring.

pub mod errors;
pub mod headers;
pub mod plan;
pub mod precompressed;
pub mod run;
pub mod target;

pub use plan::Plan;
pub use run::{Progress, Summary};
pub use target::Target;

use crate::build;
use crate::diagnostics::Diagnostics;
use crate::pipeline::Options;
use plan::LocalFile;
use std::fmt::Write as _;
use std::path::PathBuf;

/// What `bulletin deploy` was asked.
#[derive(Debug, Clone)]
pub struct Request {
    pub site: Options,
    /// A target's name in site.yaml, or a URL; None: every target in site.yaml.
    pub to: Option<String>,
}

/// A fresh build, ready to publish.
#[derive(Debug)]
pub struct Prepared {
    pub output: PathBuf,
    /// Every file of the output, precompressed copies included.
    pub files: Vec<LocalFile>,
    /// Whether the build wrote precompressed copies: a target asked for them.
    pub precompressed: bool,
    pub targets: Vec<Target>,
    pub report: build::Report,
}

impl Prepared {
    /// The files `target` is to hold (see [`precompressed`]).
    pub fn files_for(&self, target: &Target) -> Vec<LocalFile> {
        precompressed::files_for(target, &self.files, self.precompressed)
    }
}

/// Find the targets, then build into `<root>/public` as `bulletin build` does. None, with
/// the reasons, when the targets are wrong or the build has errors: nothing is published
/// from an old or broken build.
pub fn prepare(request: &Request) -> (Option<Prepared>, Diagnostics) {
    let root = &request.site.root;
    // The targets are checked before a build of many seconds; a site.yaml with mistakes is
    // left for the build to report with all the others.
    let targets = match crate::config::load(root) {
        Ok(config) => match target::targets(&config.deploy, request.to.as_deref(), root) {
            Ok(targets) => Some(targets),
            Err(d) => return (None, Diagnostics::from_iter([d])),
        },
        Err(_) => None,
    };
    let output = root.join("public");
    // Copies only when a target sends them: they cost a 10,000-page build several times its
    // CPU time.
    let precompressed = (targets.iter().flatten()).any(|t| t.precompress);
    let (report, mut diags) = build::build(&request.site, &output, precompressed);
    let (Some(report), Some(targets)) = (report, targets) else {
        return (None, diags);
    };
    match plan::local_files(&output) {
        Ok(files) => {
            let prepared = Prepared {
                output,
                files,
                precompressed,
                targets,
                report,
            };
            (Some(prepared), diags)
        }
        Err(d) => {
            diags.push(d);
            (None, diags)
        }
    }
}

/// `1.2 MB`, `830 KB`, `512 字节`.
pub fn size(bytes: u64) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} 字节"),
    }
}

/// The dry run's report: what would be uploaded and deleted, at most `shown` paths each.
pub fn plan_text(plan: &Plan, shown: usize) -> String {
    let t = &plan.target;
    let mut out = format!("发布到 {}（{}）的计划：\n", t.name, t.url);
    let mut list = |title: String, paths: &mut dyn Iterator<Item = &str>, count: usize| {
        let _ = writeln!(out, "  {title}");
        for p in paths.take(shown) {
            let _ = writeln!(out, "    {p}");
        }
        if count > shown {
            let _ = writeln!(out, "    ……还有 {} 个", count - shown);
        }
    };
    list(
        format!(
            "要上传 {} 个文件（{}）：",
            plan.uploads.len(),
            size(plan.upload_bytes)
        ),
        &mut plan.uploads.iter().map(|f| f.path.as_str()),
        plan.uploads.len(),
    );
    list(
        format!("要删除 {} 个文件：", plan.deletions.len()),
        &mut plan.deletions.iter().map(String::as_str),
        plan.deletions.len(),
    );
    let _ = writeln!(out, "  不变 {} 个文件", plan.unchanged);
    if run::needs_yes(plan) {
        let _ = writeln!(
            out,
            "  要删除的文件超过 {} 个：真正发布时要加 `--yes`。",
            run::MAX_UNASKED_DELETIONS
        );
    }
    out
}

/// The one line a deploy ends with.
pub fn summary_line(target: &Target, s: &Summary, seconds: f64) -> String {
    format!(
        "已发布到 {}（{}）：上传 {} 个文件（{}），删除 {} 个，{} 个没有变化，用时 {seconds:.1} 秒",
        target.name,
        target.url,
        s.uploaded,
        size(s.uploaded_bytes),
        s.deleted,
        s.unchanged
    )
}
