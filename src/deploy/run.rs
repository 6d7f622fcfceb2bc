//! Talking to the target: read what it holds into a [`Plan`], then carry the plan out.
//! Uploads go group by group in publishing order, several at once inside a group; the
//! first failure stops them. Deletions come only after every upload succeeded, and after
//! the manifest records the new files; after an error nothing is deleted, and the manifest
//! keeps what did arrive, so the next run sends only the rest. After a deploy that
//! succeeded, a folder target keeps no trace of it but the manifest: the folder its files
//! were written in before their rename goes.

use super::errors::describe;
use super::plan::{compare, LocalFile, Manifest, Plan, RemoteFile, MANIFEST, TEMP_DIR};
use super::target::{Place, Target};
use crate::diagnostics::Diagnostic;
use crate::render::mime::content_type;
use futures::TryStreamExt;
use opendal::{ErrorKind, Operator};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Mutex;

/// Requests in flight at once: enough to hide a round trip to a distant region, few enough
/// for a station's upload line.
pub const CONCURRENCY: usize = 16;

/// More deletions than this need `--yes`: a wrong `url` or prefix would empty a site.
pub const MAX_UNASKED_DELETIONS: usize = 500;

/// One step done, for a progress bar.
#[derive(Debug, Clone, Copy)]
pub enum Progress<'a> {
    Uploaded { path: &'a str, bytes: u64 },
    Deleted { path: &'a str },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub uploaded: usize,
    pub uploaded_bytes: u64,
    pub deleted: usize,
    pub unchanged: usize,
}

/// Read the target's files and manifest, and compare them with the site's `files`.
pub async fn survey(
    op: &Operator,
    target: &Target,
    files: &[LocalFile],
) -> Result<Plan, Diagnostic> {
    let old_manifest: Manifest = match op.read(MANIFEST).await {
        // A manifest that cannot be read only costs a full upload.
        Ok(bytes) => serde_json::from_slice(&bytes.to_vec()).unwrap_or_default(),
        Err(e) if e.kind() == ErrorKind::NotFound => Manifest::new(),
        Err(e) => return Err(describe(target, "读取", e)),
    };
    let entries =
        (op.list_with("").recursive(true).await).map_err(|e| describe(target, "列出", e))?;
    let files_there = entries.into_iter().filter(|e| e.metadata().is_file());
    let mut remote = HashMap::new();
    for entry in files_there {
        let meta = match target.place {
            // A folder's listing has no sizes.
            Place::Folder(_) => op
                .stat(entry.path())
                .await
                .map_err(|e| describe(target, "读取", e))?,
            Place::Store { .. } => entry.metadata().clone(),
        };
        let file = RemoteFile::new(meta.content_length(), meta.etag());
        remote.insert(entry.path().to_owned(), file);
    }
    Ok(compare(target.clone(), files, &remote, old_manifest))
}

/// Whether `execute` would refuse this plan without `--yes`.
pub fn needs_yes(plan: &Plan) -> bool {
    plan.deletions.len() > MAX_UNASKED_DELETIONS
}

/// Carry out `plan`, reading the files from `output`. `yes` allows more than
/// [`MAX_UNASKED_DELETIONS`] deletions.
pub async fn execute(
    op: &Operator,
    plan: &Plan,
    output: &Path,
    yes: bool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary, Diagnostic> {
    let done = send_then_delete(op, plan, output, yes, progress).await;
    if let Place::Folder(folder) = &plan.target.place {
        // What a failed write left there has a random name no later write reuses: gone
        // with the folder once a deploy succeeds; after a failure, kept for whoever looks
        // into it.
        let temp = folder.join(TEMP_DIR);
        let _ = match done {
            Ok(_) => tokio::fs::remove_dir_all(temp).await,
            Err(_) => tokio::fs::remove_dir(temp).await,
        };
    }
    done
}

async fn send_then_delete(
    op: &Operator,
    plan: &Plan,
    output: &Path,
    yes: bool,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<Summary, Diagnostic> {
    let target = &plan.target;
    if needs_yes(plan) && !yes {
        return Err(Diagnostic::error(format!(
            "这次发布要从 `{}` 删除 {} 个文件，超过了 {MAX_UNASKED_DELETIONS} 个，所以什么都没有做。",
            target.name,
            plan.deletions.len()
        ))
        .with_hint("先用 `bulletin deploy --dry-run` 看看要删哪些文件，确认目标的 url 和前缀没有写错；确实要删，再加上 `--yes` 运行。")
        .of_usage());
    }
    let arrived = Mutex::new(Vec::new());
    for group in plan.upload_groups() {
        let arrived_so_far = &arrived;
        let sent = futures::stream::iter(group.iter().map(Ok::<_, Diagnostic>))
            .try_for_each_concurrent(CONCURRENCY, |file| async move {
                upload(op, target, output, file).await?;
                if let Ok(mut arrived) = arrived_so_far.lock() {
                    arrived.push(file.path.as_str());
                }
                progress(Progress::Uploaded {
                    path: &file.path,
                    bytes: file.size,
                });
                Ok(())
            })
            .await;
        if let Err(e) = sent {
            // Best effort: with the network down this fails too, and the next run compares
            // by ETag, or sends the files again.
            let arrived = arrived.into_inner().unwrap_or_default();
            let mut manifest = plan.old_manifest.clone();
            for path in arrived {
                manifest.insert(path.to_owned(), plan.manifest[path].clone());
            }
            let _ = write_manifest(op, &manifest).await;
            return Err(e);
        }
    }
    if !plan.uploads.is_empty() || plan.manifest != plan.old_manifest {
        (write_manifest(op, &plan.manifest).await).map_err(|e| describe(target, "写入", e))?;
    }
    futures::stream::iter(plan.deletions.iter().map(Ok::<_, Diagnostic>))
        .try_for_each_concurrent(CONCURRENCY, |path| async move {
            (op.delete(path).await).map_err(|e| describe(target, "删除", e))?;
            progress(Progress::Deleted {
                path: path.as_str(),
            });
            Ok(())
        })
        .await?;
    Ok(Summary {
        uploaded: plan.uploads.len(),
        uploaded_bytes: plan.upload_bytes,
        deleted: plan.deletions.len(),
        unchanged: plan.unchanged,
    })
}

async fn upload(
    op: &Operator,
    target: &Target,
    output: &Path,
    file: &LocalFile,
) -> Result<(), Diagnostic> {
    let source = output.join(file.source());
    let bytes = tokio::fs::read(&source).await.map_err(|e| {
        Diagnostic::error(format!("无法读取 `{}`：{e}", source.display())).with_hint(
            "刚生成的网站文件被改动或删掉了：请不要在发布时打开或清理输出文件夹，再运行一次。",
        )
    })?;
    let capability = op.info().full_capability();
    let mut write = op.write_with(&file.path, bytes);
    if capability.write_with_content_type {
        write = write.content_type(content_type(&file.path));
    }
    if capability.write_with_cache_control {
        write = write.cache_control(target.cache.cache_control(&file.path));
    }
    if file.gzip {
        // Only on a service that takes it: `target::operator` refuses the others.
        write = write.content_encoding("gzip");
    }
    write
        .await
        .map(|_| ())
        .map_err(|e| describe(target, "上传", e))
}

async fn write_manifest(op: &Operator, manifest: &Manifest) -> opendal::Result<()> {
    let json = serde_json::to_vec(manifest).unwrap_or_default();
    op.write(MANIFEST, json).await.map(|_| ())
}
