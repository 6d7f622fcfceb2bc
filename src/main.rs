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

mod cli;

// A build allocates millions of small strings from two threads; glibc's malloc spent about a
// third of the build's CPU time on them (perf, 10,000 pages).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "bulletin",
    version,
    about = "用 Markdown 文件生成派出所（或其他便民服务站）的网站"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Args, Clone)]
struct SiteArgs {
    /// 网站的文件夹（放着 site.yaml 和 content/ 的那个；默认：当前文件夹）
    #[arg(long, default_value = ".", value_name = "文件夹")]
    root: PathBuf,
    /// 按这个时间生成：2026-09-25 或 2026-09-25T12:00:00+08:00（默认：现在）
    #[arg(long, value_name = "时间")]
    now: Option<String>,
}

#[derive(Subcommand)]
enum Command {
    /// 生成网站，写进一个文件夹
    #[command(override_usage = "bulletin build [选项]")]
    Build {
        #[command(flatten)]
        site: SiteArgs,
        /// 网站写到哪里（默认：网站文件夹里的 public）
        #[arg(long, short, value_name = "文件夹")]
        output: Option<PathBuf>,
        /// 连草稿和定时发布的页面一起生成（只用来预览，不要发布出去）
        #[arg(long)]
        drafts: bool,
        /// Also write .gz and .br copies of text files, for a server that sends them as they are
        #[arg(long)]
        precompress: bool,
    },
    /// 一边改一边在浏览器里预览：改了文件，网页自己刷新
    #[command(override_usage = "bulletin serve [选项]")]
    Serve {
        #[command(flatten)]
        site: SiteArgs,
        /// 在哪个地址上预览（默认 127.0.0.1，只有本机能看；0.0.0.0 让同一网络里的电脑也能看）
        #[arg(long, default_value_t = IpAddr::V4(Ipv4Addr::LOCALHOST), value_parser = parse_bind, value_name = "地址")]
        bind: IpAddr,
        /// 端口（默认 1111；0 表示随便一个空闲端口，启动时会显示）
        #[arg(long, default_value_t = 1111, value_name = "端口")]
        port: u16,
        /// 连草稿和定时发布的页面一起显示
        #[arg(long)]
        drafts: bool,
    },
    /// 发布前检查：生成时会报的每个错误，再加上给工作人员的提醒
    #[command(override_usage = "bulletin check [选项]")]
    Check {
        #[command(flatten)]
        site: SiteArgs,
        /// 把提醒（警告）也当成错误（有警告就返回 1）
        #[arg(long)]
        strict: bool,
        /// 连草稿和定时发布的页面一起检查
        #[arg(long)]
        drafts: bool,
    },
    /// 按正确的格式新建一个页面，并显示它的位置
    #[command(
        override_usage = "bulletin new <种类> <标题> [选项]\n       例如：bulletin new 通知 冬季防火提醒"
    )]
    New {
        /// 页面的种类：通知、指南、问答、故事、页面（也可以写 notice、guide、faq、story、page）
        #[arg(value_name = "种类")]
        kind: NewKind,
        /// 标题，例如 冬季防火提醒（有空格也可以）
        #[arg(value_name = "标题", required = true, num_args = 1..)]
        title: Vec<String>,
        #[command(flatten)]
        site: SiteArgs,
    },
    /// 把 Word/WPS 文档（.docx）、保存下来的网页（.html）或文本（.txt、.md）变成草稿页面
    #[command(
        override_usage = "bulletin import <文件>... [选项]\n       例如：bulletin import 冬季防火通知.docx --kind 通知"
    )]
    Import {
        /// 要导入的文件，可以写好几个
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
        /// 哪一种页面：通知、指南、问答、故事、页面（默认：按内容猜）
        #[arg(long, value_name = "种类")]
        kind: Option<NewKind>,
        #[command(flatten)]
        site: SiteArgs,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum NewKind {
    #[value(alias = "通知")]
    Notice,
    #[value(alias = "指南")]
    Guide,
    #[value(alias = "问答")]
    Faq,
    #[value(alias = "故事")]
    Story,
    #[value(alias = "页面")]
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
    let cli = match cli::parse() {
        Ok(cli) => cli,
        Err(code) => return code,
    };
    match cli.command {
        Command::Build {
            site,
            output,
            drafts,
            precompress,
        } => {
            let started = std::time::Instant::now();
            let output = output.unwrap_or_else(|| site.root.join("public"));
            let (report, diags) = build::build(&options(&site, drafts), &output, precompress);
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
            let title = title.join(" ");
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
