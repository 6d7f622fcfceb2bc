//! The `bulletin` command: parse arguments, run a driver, print diagnostics, set the exit code
//! (0 success, 1 content or template errors, 2 usage errors).

use bulletin::build;
use bulletin::diagnostics::Diagnostics;
use bulletin::pipeline::{Now, Options};
use bulletin::schema::Kind;
use clap::{Parser, Subcommand, ValueEnum};
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;

// A build allocates millions of small strings from two threads; glibc's malloc spent about a
// third of the build's CPU time on them (perf, 10,000 pages).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "Build the website of a police station (or any public-service station) from Markdown files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// The site's folder (holding site.yaml and content/)
    #[arg(long, default_value = ".")]
    root: PathBuf,
    /// Build as if it were this moment: 2026-09-25 or 2026-09-25T12:00:00+08:00 (default: now)
    #[arg(long, value_name = "DATETIME")]
    now: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site into a folder
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// Where to write the site (default: <root>/public)
        #[arg(long, short)]
        output: Option<PathBuf>,
        /// Include drafts and scheduled pages (a preview, never for publishing)
        #[arg(long)]
        drafts: bool,
    },
    /// Preview the site in a browser while you edit it: it rebuilds and reloads by itself
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// The address to listen on; anything but 127.0.0.1 or ::1 lets other computers in
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_parser = parse_bind)]
        bind: IpAddr,
        /// The port (0: any free port, printed at start)
        #[arg(long, default_value_t = 1111)]
        port: u16,
        /// Include drafts and scheduled pages
        #[arg(long)]
        drafts: bool,
    },
    /// Check the site before publishing: every error a build finds, and warnings for staff
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// Count warnings as errors (exit 1 if there are any)
        #[arg(long)]
        strict: bool,
        /// Check drafts and scheduled pages too
        #[arg(long)]
        drafts: bool,
    },
    /// Build the site, then publish what changed to a folder or object storage
    Deploy {
        #[command(flatten)]
        site: SiteArgs,
        /// A target's name in site.yaml, a folder, or s3://bucket/prefix?endpoint=… (default: every target in site.yaml)
        #[arg(long, value_name = "TARGET")]
        to: Option<String>,
        /// Show what would be uploaded and deleted, and change nothing
        #[arg(long)]
        dry_run: bool,
        /// Allow more than 500 files to be deleted from the target
        #[arg(long)]
        yes: bool,
    },
    /// Start a new page from the right skeleton and print its path
    New {
        /// What kind of page
        kind: NewKind,
        /// Its title, in quotes: "冬季防火提醒"
        title: String,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// Import Word/WPS (.docx), saved web pages (.html) or text (.txt, .md) as draft pages
    Import {
        /// The files to import
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// What kind of page (default: guessed from each document)
        #[arg(long)]
        kind: Option<NewKind>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    Notice,
    Guide,
    Faq,
    Story,
    Page,
}

impl From<NewKind> for Kind {
    fn from(k: NewKind) -> Kind {
        match k {
            NewKind::Notice => Kind::Notice,
            NewKind::Guide => Kind::Guide,
            NewKind::Faq => Kind::Faq,
            NewKind::Story => Kind::Story,
            NewKind::Page => Kind::Page,
        }
    }
}

/// An IP address, or `localhost`.
fn parse_bind(text: &str) -> Result<IpAddr, String> {
    if text.eq_ignore_ascii_case("localhost") {
        return Ok(IpAddr::V4(Ipv4Addr::LOCALHOST));
    }
    text.parse()
        .map_err(|_| format!("`{text}` 不是 IP 地址（例如 127.0.0.1 或 0.0.0.0）。"))
}

fn now(site: &SiteArgs) -> Now {
    match &site.now {
        Some(text) => Now::Text(text.clone()),
        None => Now::At(jiff::Timestamp::now()),
    }
}

fn options(site: &SiteArgs, drafts: bool) -> Options {
    Options {
        root: site.root.clone(),
        now: now(site),
        drafts,
    }
}

/// Print every diagnostic, errors and warnings together, then a count.
fn print_diagnostics(diags: Diagnostics) {
    let errors = diags.error_count();
    let warnings = diags.warning_count();
    for d in diags.sorted() {
        eprint!("{d}");
    }
    if errors + warnings > 0 {
        eprintln!("共 {errors} 个错误，{warnings} 个警告");
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Build {
            site,
            output,
            drafts,
        } => {
            let started = std::time::Instant::now();
            let output = output.unwrap_or_else(|| site.root.join("public"));
            let (report, diags) = build::build(&options(&site, drafts), &output);
            let usage = diags.iter().any(|d| d.usage);
            print_diagnostics(diags);
            match report {
                Some(r) => {
                    println!(
                        "已生成 {} 个页面（{} 个文件），输出到 {}，用时 {:.2} 秒",
                        r.pages,
                        r.files,
                        output.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                None if usage => ExitCode::from(2),
                None => {
                    eprintln!("没有写入任何文件：{} 保持原样。", output.display());
                    ExitCode::from(1)
                }
            }
        }
        Command::Serve {
            site,
            bind,
            port,
            drafts,
        } => {
            let options = bulletin::serve::ServeOptions {
                site: options(&site, drafts),
                addr: SocketAddr::new(bind, port),
            };
            match bulletin::serve::run(options) {
                Ok(()) => ExitCode::SUCCESS,
                Err(d) => {
                    eprint!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Check {
            site,
            strict,
            drafts,
        } => check(&options(&site, drafts), strict),
        Command::Deploy {
            site,
            to,
            dry_run,
            yes,
        } => deploy(options(&site, false), to, dry_run, yes),
        Command::New { kind, title, site } => {
            match bulletin::new::new_page(&site.root, kind.into(), &title, &now(&site)) {
                Ok(path) => {
                    let shown = path.strip_prefix(".").unwrap_or(&path);
                    println!("{}", shown.display());
                    ExitCode::SUCCESS
                }
                Err(bulletin::new::Refusal::Usage(d)) => {
                    eprint!("{d}");
                    ExitCode::from(2)
                }
                Err(bulletin::new::Refusal::Site(d)) => {
                    eprint!("{d}");
                    ExitCode::from(1)
                }
            }
        }
        Command::Import { files, kind, site } => import(&files, kind.map(Kind::from), &site),
    }
}

/// `bulletin import`: each file's page path and review report on stdout; a file that
/// could not be imported on stderr, and the others still imported.
fn import(files: &[PathBuf], kind: Option<Kind>, site: &SiteArgs) -> ExitCode {
    let mut code = ExitCode::SUCCESS;
    for file in files {
        match bulletin::import::import_file(&site.root, file, kind, &now(site)) {
            Ok(done) => {
                let shown = done.path.strip_prefix(".").unwrap_or(&done.path);
                println!("{}（草稿：draft: true）", shown.display());
                for line in &done.report.done {
                    println!("  已转换：{line}");
                }
                for line in &done.report.look {
                    println!("  请看一下：{line}");
                }
            }
            Err(bulletin::new::Refusal::Usage(d)) => {
                eprint!("{d}");
                return ExitCode::from(2);
            }
            Err(bulletin::new::Refusal::Site(d)) => {
                eprint!("{d}");
                code = ExitCode::from(1);
            }
        }
    }
    code
}

/// `bulletin check`: one line per finding on stdout, then a count.
fn check(options: &Options, strict: bool) -> ExitCode {
    let report = bulletin::check::check(options);
    let usage = report.diags.iter().any(|d| d.usage);
    let diags = if strict {
        bulletin::check::strict(report.diags)
    } else {
        report.diags
    };
    let errors = diags.error_count();
    let warnings = diags.warning_count();
    for d in diags.sorted() {
        println!("{}", bulletin::check::line(&d));
    }
    println!(
        "共 {errors} 个错误，{warnings} 个警告（检查了 {} 个页面）",
        report.pages
    );
    if usage {
        ExitCode::from(2)
    } else if errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// `bulletin deploy`: build, then for each target print the plan (`--dry-run`) or carry it
/// out with a progress bar on a terminal and one summary line.
fn deploy(site: Options, to: Option<String>, dry_run: bool, yes: bool) -> ExitCode {
    use bulletin::deploy;
    let (prepared, diags) = deploy::prepare(&deploy::Request { site, to });
    let usage = diags.iter().any(|d| d.usage);
    print_diagnostics(diags);
    let Some(prepared) = prepared else {
        if usage {
            return ExitCode::from(2);
        }
        eprintln!("网站有错误，没有发布：目标里的文件保持原样。");
        return ExitCode::from(1);
    };
    println!(
        "已生成 {} 个页面（{} 个文件），输出到 {}",
        prepared.report.pages,
        prepared.report.files,
        prepared.output.display()
    );
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("错误：无法启动发布：{e}");
            return ExitCode::from(1);
        }
    };
    let env = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    for target in &prepared.targets {
        let started = std::time::Instant::now();
        match runtime.block_on(deploy_to(target, &prepared, &env, dry_run, yes)) {
            Ok(Some(summary)) => println!(
                "{}",
                deploy::summary_line(target, &summary, started.elapsed().as_secs_f64())
            ),
            Ok(None) => {}
            Err(d) => {
                eprint!("{d}");
                eprintln!("发布到 {} 没有完成。", target.name);
                return ExitCode::from(if d.usage { 2 } else { 1 });
            }
        }
    }
    if dry_run {
        println!("这是预演（--dry-run）：没有改动任何目标。");
    }
    ExitCode::SUCCESS
}

/// One target: its plan printed (`dry_run`, None) or carried out.
async fn deploy_to(
    target: &bulletin::deploy::Target,
    prepared: &bulletin::deploy::Prepared,
    env: &dyn Fn(&str) -> Option<String>,
    dry_run: bool,
    yes: bool,
) -> Result<Option<bulletin::deploy::Summary>, bulletin::diagnostics::Diagnostic> {
    use bulletin::deploy::{self, run, Progress};
    let op = deploy::target::operator(target, env)?;
    let plan = run::survey(&op, target, &prepared.files).await?;
    if dry_run {
        print!("{}", deploy::plan_text(&plan, 20));
        return Ok(None);
    }
    let bar = progress_bar(plan.uploads.len() + plan.deletions.len());
    let summary = run::execute(&op, &plan, &prepared.output, yes, &|_: Progress| bar.inc(1)).await;
    bar.finish_and_clear();
    summary.map(Some)
}

/// A bar on a terminal; nothing drawn when the output goes to a file or a pipe.
fn progress_bar(steps: usize) -> indicatif::ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::new(steps as u64);
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("发布中 {bar:30} {pos}/{len} 个文件，还要 {eta}")
    {
        bar.set_style(style);
    }
    bar
}
