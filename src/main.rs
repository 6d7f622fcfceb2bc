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
    for d in diags.shown() {
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
    for d in diags.shown() {
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
