//! The desk's 发布 button: the same stages as `bulletin deploy` ([`crate::deploy`]): build,
//! then for each target in site.yaml the plan (what would be uploaded, deleted, kept), and
//! on confirmation the deploy itself on a thread of its own, its progress shown on the page.

use super::Desk;
use crate::deploy::{self, run, Plan, Progress, Request};
use crate::pipeline::Options;
use opendal::Operator;
use serde::Serialize;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

/// The deploy the desk started, if any: what the page shows while it runs and after.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Job {
    pub running: bool,
    pub done: usize,
    pub total: usize,
    /// One line per target finished, in the words `bulletin deploy` prints.
    pub lines: Vec<String>,
    pub error: Option<String>,
}

pub type Shared = Arc<Mutex<Job>>;

fn lock(job: &Shared) -> std::sync::MutexGuard<'_, Job> {
    match job.lock() {
        Ok(j) => j,
        Err(poisoned) => poisoned.into_inner(),
    }
}

/// A snapshot of the job.
pub fn status(job: &Shared) -> Job {
    lock(job).clone()
}

fn request(desk: &Desk) -> Request {
    Request {
        site: Options {
            root: desk.root.clone(),
            now: desk.now.clone(),
            drafts: false,
        },
        to: None,
    }
}

/// A deploy's error in staff's words: what went wrong and what to do.
fn words(d: crate::diagnostics::Diagnostic) -> String {
    match d.hint {
        Some(h) => format!("{} {h}", d.message),
        None => d.message,
    }
}

/// What publishing would do to `target`.
async fn survey(
    target: &deploy::Target,
    prepared: &deploy::Prepared,
) -> Result<(Operator, Plan), String> {
    let op = deploy::target::operator(target, &env).map_err(words)?;
    let plan = run::survey(&op, target, &prepared.files_for(target))
        .await
        .map_err(words)?;
    Ok((op, plan))
}

fn env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.is_empty())
}

/// Run `work` on a runtime of its own (the desk's handlers run on `serve`'s).
fn on_runtime<T: Send>(work: impl std::future::Future<Output = T> + Send) -> Result<T, String> {
    std::thread::scope(|s| {
        s.spawn(|| {
            let runtime = tokio::runtime::Builder::new_multi_thread()
                .enable_all()
                .max_blocking_threads(run::CONCURRENCY)
                .build()
                .map_err(|e| format!("无法启动发布：{e}"))?;
            Ok(runtime.block_on(work))
        })
        .join()
        .unwrap_or_else(|_| Err("发布出错了：请再试一次。".to_owned()))
    })
}

/// One target's plan, as the page shows it.
#[derive(Debug, Serialize)]
pub struct Planned {
    pub name: String,
    pub text: String,
    pub uploads: usize,
    pub deletions: usize,
    pub needs_yes: bool,
}

/// A fresh build to publish, or why there is none: the first errors, in staff's words.
fn prepare(request: &Request) -> Result<deploy::Prepared, String> {
    let (prepared, diags) = deploy::prepare(request);
    prepared.ok_or_else(|| {
        let first: Vec<String> = (diags.iter())
            .filter(|d| d.is_error())
            .take(3)
            .map(|d| d.headline())
            .collect();
        format!(
            "网站有错误，没有发布（目标里的文件保持原样）：{}",
            first.join("；")
        )
    })
}

/// Build, then say what publishing would do to each target. Err: why it cannot, in
/// words for staff (the build's errors, a target that cannot be reached).
pub fn plan(desk: &Desk) -> Result<Vec<Planned>, String> {
    let prepared = prepare(&request(desk))?;
    on_runtime(async {
        let mut out = Vec::new();
        for target in &prepared.targets {
            let (_, plan) = survey(target, &prepared).await?;
            out.push(Planned {
                name: target.name.clone(),
                text: deploy::plan_text(&plan, 10),
                uploads: plan.uploads.len(),
                deletions: plan.deletions.len(),
                needs_yes: run::needs_yes(&plan),
            });
        }
        Ok(out)
    })?
}

/// Start publishing on a thread of its own; false when a deploy is already running.
pub fn start(desk: &Desk, yes: bool) -> bool {
    {
        let mut job = lock(&desk.publishing);
        if job.running {
            return false;
        }
        *job = Job {
            running: true,
            ..Job::default()
        };
    }
    let (job, request) = (Arc::clone(&desk.publishing), request(desk));
    let spawned = std::thread::Builder::new()
        .name("bulletin desk deploy".into())
        .spawn(move || {
            let result = publish(&request, &job, yes);
            let mut j = lock(&job);
            j.running = false;
            j.error = result.err();
        });
    if spawned.is_err() {
        lock(&desk.publishing).running = false;
    }
    spawned.is_ok()
}

fn publish(request: &Request, job: &Shared, yes: bool) -> Result<(), String> {
    let prepared = prepare(request)?;
    on_runtime(async {
        for target in &prepared.targets {
            let started = std::time::Instant::now();
            let (op, plan) = survey(target, &prepared).await?;
            let before = {
                let mut j = lock(job);
                j.total += plan.uploads.len() + plan.deletions.len();
                j.done
            };
            let done = AtomicUsize::new(0);
            let progress = |_: Progress| {
                let n = done.fetch_add(1, Ordering::Relaxed) + 1;
                lock(job).done = before + n;
            };
            let summary = run::execute(&op, &plan, &prepared.output, yes, &progress)
                .await
                .map_err(words)?;
            let line = deploy::summary_line(target, &summary, started.elapsed().as_secs_f64());
            lock(job).lines.push(line);
        }
        Ok(())
    })?
}
