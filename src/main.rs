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
        /// 编辑台的密码放在这个文件里（也可以用环境变量 BULLETIN_DESK_PASSWORD）；用 --bind 让别的电脑访问时，没有密码编辑台就不打开
        #[arg(long, value_name = "文件")]
        desk_password_file: Option<PathBuf>,
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
    /// 生成网站，再把改动过的文件发布到网站文件夹或对象存储
    Deploy {
        #[command(flatten)]
        site: SiteArgs,
        /// 发布到哪里：site.yaml 里一个目标的名字、一个文件夹，或 s3://存储桶/前缀?endpoint=…（不写就发布到 site.yaml 里的每个目标）
        #[arg(long, value_name = "TARGET")]
        to: Option<String>,
        /// 只列出要上传和要删除的文件，什么都不改
        #[arg(long)]
        dry_run: bool,
        /// 允许一次删掉 500 个以上的文件
        #[arg(long)]
        yes: bool,
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

/// The desk's password: the first line of `file`, else `BULLETIN_DESK_PASSWORD`.
fn desk_password(file: Option<&std::path::Path>) -> Result<Option<String>, String> {
    if let Some(file) = file {
        let text = std::fs::read_to_string(file)
            .map_err(|e| format!("无法读取密码文件 {}：{e}", file.display()))?;
        let password = text.lines().next().unwrap_or_default().trim().to_owned();
        if password.is_empty() {
            return Err(format!(
                "密码文件 {} 是空的：在第一行写上密码。",
                file.display()
            ));
        }
        return Ok(Some(password));
    }
    Ok(std::env::var("BULLETIN_DESK_PASSWORD")
        .ok()
        .filter(|p| !p.is_empty()))
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
            desk_password_file,
        } => {
            let desk_password = match desk_password(desk_password_file.as_deref()) {
                Ok(p) => p,
                Err(message) => {
                    eprintln!("错误：{message}");
                    return ExitCode::from(2);
                }
            };
            let mut site_options = options(&site, drafts);
            if site.now.is_none() {
                // serve runs for days: "now" is read again at each rebuild.
                site_options.now = Now::Clock;
            }
            let options = bulletin::serve::ServeOptions {
                site: site_options,
                addr: SocketAddr::new(bind, port),
                desk_password,
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
    // One thread for each file read or written at once. tokio's default (up to 512) grows
    // to hundreds of threads on 2 busy cores while a folder's 24,000 files are written,
    // each keeping its allocator's pages: 1.5 GB instead of 0.3 GB.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .max_blocking_threads(deploy::run::CONCURRENCY)
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
    let plan = run::survey(&op, target, &prepared.files_for(target)).await?;
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
