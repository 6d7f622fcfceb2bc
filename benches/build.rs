//! Full builds of the synthetic station site at 1,000 and 10,000 pages: wall time, CPU time
//! and peak memory of the release `bulletin build`, run as a child process exactly as staff
//! run it. The target (issue 2): 10,000 pages in under 1.5 s on 2 cores, under 300 MB.
//!
//! ```text
//! cargo bench --bench build
//! BULLETIN_BENCH_SIZES=10000 BULLETIN_BENCH_RUNS=3 BULLETIN_BENCH_DIR=/dev/shm cargo bench --bench build
//! ```
//!
//! - `BULLETIN_BENCH_SIZES`: page counts, comma-separated (default `1000,10000`).
//! - `BULLETIN_BENCH_RUNS`: timed builds per size, after one untimed warm-up (default 5).
//! - `BULLETIN_BENCH_DIR`: where corpora and outputs go (default: the system temp folder).
//!   `/dev/shm` leaves the disk out of the figures; the default measures what staff see.
//!
//! Corpora come from `bulletin-gencorpus` (seed 1) and are built with its fixed `--now`, so
//! figures compare across commits. Each run writes into a folder of its own: deleting an
//! output just before the next build makes some file systems (ext4 without a journal, as on
//! our CI machines) slow to create files again, which is not bulletin's cost. Without
//! `--bench` on the command line (`cargo test --benches`), one small build checks that the
//! benchmark still works.
//!
//! Peak memory is the child's own `ru_maxrss`, read with `wait4`.
//!
//! "I/O alone" is what the same machine takes to do only the file work of the builds above,
//! on two threads, with nothing parsed or rendered: read every source, write the files of
//! the last output (held in memory beforehand) into a new folder and rename it into place.
//! No build of this output can be faster. (Like the builds here, it has no previous output
//! to remove; removing one adds about 0.2 s at 10,000 pages on tmpfs.)

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

const BULLETIN: &str = env!("CARGO_BIN_EXE_bulletin");
/// The moment the generated corpus plans its notices around.
const NOW: &str = bulletin_gencorpus::BUILD_NOW;

fn main() {
    let full = std::env::args().any(|a| a == "--bench");
    let (sizes, runs) = if full {
        (
            env_list("BULLETIN_BENCH_SIZES", &[1000, 10000]),
            env_list("BULLETIN_BENCH_RUNS", &[5])[0].max(1),
        )
    } else {
        (vec![50], 1)
    };
    let base = std::env::var_os("BULLETIN_BENCH_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(std::env::temp_dir);
    let work = match tempfile::Builder::new()
        .prefix("bulletin-bench-build-")
        .tempdir_in(&base)
    {
        Ok(w) => w,
        Err(e) => fail(&format!("cannot make a folder in {}: {e}", base.display())),
    };
    let mut rows = Vec::new();
    for &pages in &sizes {
        let corpus = work.path().join(format!("corpus{pages}"));
        generate(pages, &corpus);
        let mut measured = Vec::new();
        for run in 0..=runs {
            let out = work.path().join(format!("out{pages}-{run}"));
            let m = build(&corpus, &out);
            // The first build warms the page cache and the allocator's pages: not counted.
            if run > 0 {
                eprintln!(
                    "  {pages} pages, run {run}: {:.3} s, {:.2} s CPU, {} MB",
                    m.wall.as_secs_f64(),
                    m.cpu.as_secs_f64(),
                    m.max_rss_kb / 1024
                );
                measured.push(m);
            }
        }
        let last_output = work.path().join(format!("out{pages}-{runs}"));
        let mut floors: Vec<Duration> = (0..3)
            .map(|_| io_alone(&corpus, &last_output, work.path()))
            .collect();
        floors.sort();
        eprintln!(
            "  {pages} pages, I/O alone: {:.3} s",
            floors[1].as_secs_f64()
        );
        rows.push(Row::from_runs(pages, &measured, floors[1]));
        let _ = std::fs::remove_dir_all(&corpus);
        for run in 0..=runs {
            let _ = std::fs::remove_dir_all(work.path().join(format!("out{pages}-{run}")));
        }
    }
    print!("{}", table(&rows, runs, &base));
}

struct Measure {
    wall: Duration,
    cpu: Duration,
    max_rss_kb: u64,
    html_pages: usize,
}

struct Row {
    pages: usize,
    html_pages: usize,
    median: Duration,
    min: Duration,
    cpu_median: Duration,
    max_rss_kb: u64,
    io_alone: Duration,
}

impl Row {
    fn from_runs(pages: usize, runs: &[Measure], io_alone: Duration) -> Row {
        let mut walls: Vec<Duration> = runs.iter().map(|m| m.wall).collect();
        let mut cpus: Vec<Duration> = runs.iter().map(|m| m.cpu).collect();
        walls.sort();
        cpus.sort();
        Row {
            pages,
            html_pages: runs.first().map_or(0, |m| m.html_pages),
            median: walls[walls.len() / 2],
            min: walls[0],
            cpu_median: cpus[cpus.len() / 2],
            max_rss_kb: runs.iter().map(|m| m.max_rss_kb).max().unwrap_or(0),
            io_alone,
        }
    }
}

fn table(rows: &[Row], runs: usize, dir: &Path) -> String {
    let cores = std::thread::available_parallelism().map_or(0, |n| n.get());
    let mut s = format!(
        "\nbulletin build, {runs} run(s) per size after a warm-up, {cores} cores, files in {}\n\n",
        dir.display()
    );
    s.push_str(
        "| pages | HTML files | median | min | CPU (user+sys) | peak RSS | pages/s | I/O alone |\n",
    );
    s.push_str("|---:|---:|---:|---:|---:|---:|---:|---:|\n");
    for r in rows {
        let _ = writeln!(
            s,
            "| {} | {} | {:.2} s | {:.2} s | {:.2} s | {} MB | {:.0} | {:.2} s |",
            r.pages,
            r.html_pages,
            r.median.as_secs_f64(),
            r.min.as_secs_f64(),
            r.cpu_median.as_secs_f64(),
            r.max_rss_kb / 1024,
            r.pages as f64 / r.median.as_secs_f64(),
            r.io_alone.as_secs_f64()
        );
    }
    s
}

fn generate(pages: usize, corpus: &Path) {
    if let Err(why) = bulletin_gencorpus::Corpus::plan(pages, 1).write(corpus) {
        fail(&format!("bulletin-gencorpus --pages {pages} failed: {why}"));
    }
}

/// One `bulletin build` as a child process: its wall time, CPU time and peak RSS.
fn build(corpus: &Path, out: &Path) -> Measure {
    let (out_log, err_log) = (out.with_extension("out"), out.with_extension("err"));
    let (stdout, stderr) = match (
        std::fs::File::create(&out_log),
        std::fs::File::create(&err_log),
    ) {
        (Ok(a), Ok(b)) => (a, b),
        _ => fail(&format!("cannot write {}", out_log.display())),
    };
    let started = Instant::now();
    // Reaped by `wait` below through wait4, which std's Child cannot see.
    #[allow(clippy::zombie_processes)]
    let child = Command::new(BULLETIN)
        .arg("build")
        .arg("--root")
        .arg(corpus)
        .arg("--output")
        .arg(out)
        .args(["--now", NOW])
        .stdout(stdout)
        .stderr(stderr)
        .spawn()
        .unwrap_or_else(|e| fail(&format!("cannot run {BULLETIN}: {e}")));
    let (status, usage) = wait(child.id());
    let wall = started.elapsed();
    let text = std::fs::read_to_string(&out_log).unwrap_or_default();
    let diagnostics = std::fs::read_to_string(&err_log).unwrap_or_default();
    let _ = std::fs::remove_file(&out_log);
    let _ = std::fs::remove_file(&err_log);
    // The corpus must build without a single diagnostic: one means the generator and the
    // content contract have drifted apart, and the figures would measure error paths.
    if status != 0 || !diagnostics.trim().is_empty() {
        fail(&format!(
            "bulletin build of {} (status {status}):\n{diagnostics}",
            corpus.display()
        ));
    }
    let html_pages = text
        .split_whitespace()
        .skip_while(|w| *w != "已生成")
        .nth(1)
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    let tv = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    Measure {
        wall,
        cpu: tv(usage.ru_utime) + tv(usage.ru_stime),
        max_rss_kb: usage.ru_maxrss as u64,
        html_pages,
    }
}

/// The file work of a build with no build around it (see the module's documentation).
fn io_alone(corpus: &Path, output: &Path, scratch: &Path) -> Duration {
    use rayon::prelude::*;
    let files_under = |dir: &Path| -> Vec<PathBuf> {
        walkdir::WalkDir::new(dir)
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(walkdir::DirEntry::into_path)
            .collect()
    };
    let made: Vec<(PathBuf, Vec<u8>)> = files_under(output)
        .into_iter()
        .filter_map(|p| {
            let bytes = std::fs::read(&p).ok()?;
            Some((p.strip_prefix(output).ok()?.to_path_buf(), bytes))
        })
        .collect();
    let write_all = |to: &Path| {
        let folders: std::collections::BTreeSet<PathBuf> = made
            .iter()
            .filter_map(|(p, _)| Some(to.join(p.parent()?)))
            .collect();
        for f in &folders {
            std::fs::create_dir_all(f).unwrap_or_else(|e| fail(&format!("{}: {e}", f.display())));
        }
        made.par_iter().for_each(|(p, bytes)| {
            std::fs::write(to.join(p), bytes).unwrap_or_else(|e| fail(&format!("{e}")))
        });
    };
    let (staging, done) = (scratch.join("io-staging"), scratch.join("io-done"));
    let sources = files_under(corpus);
    let started = Instant::now();
    let read: usize = sources
        .par_iter()
        .map(|p| std::fs::read_to_string(p).map_or(0, |t| t.len()))
        .sum();
    write_all(&staging);
    let renamed = std::fs::rename(&staging, &done);
    let took = started.elapsed();
    if renamed.is_err() || read == 0 {
        fail(&format!(
            "the I/O-alone run failed: {renamed:?}, {read} bytes read"
        ));
    }
    let _ = std::fs::remove_dir_all(&done);
    took
}

/// Reap the child ourselves so its own resource usage comes back with it (std's `wait`
/// drops it, and `RUSAGE_CHILDREN` would mix every child of the benchmark together).
fn wait(pid: u32) -> (i32, libc::rusage) {
    // SAFETY: rusage is plain data for which all-zero is valid; wait4 only writes into
    // the two out-pointers, which point at live locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let mut status: libc::c_int = 0;
    let r = unsafe { libc::wait4(pid as libc::pid_t, &mut status, 0, &mut usage) };
    if r < 0 {
        fail(&format!(
            "wait4 failed: {}",
            std::io::Error::last_os_error()
        ));
    }
    let code = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    (code, usage)
}

fn env_list(name: &str, default: &[usize]) -> Vec<usize> {
    let Ok(text) = std::env::var(name) else {
        return default.to_vec();
    };
    let list: Vec<usize> = text
        .split(',')
        .filter_map(|s| s.trim().parse().ok())
        .collect();
    if list.is_empty() {
        fail(&format!("{name}={text}: write numbers separated by commas"));
    }
    list
}

fn fail(why: &str) -> ! {
    eprintln!("bench build: {why}");
    std::process::exit(1);
}
