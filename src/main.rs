//! The `bulletin` command: parse arguments, run a driver, print diagnostics, set the exit code
//! (0 success, 1 content or template errors, 2 usage errors).

use bulletin::build::{self, Now, Options};
use bulletin::diagnostics::{Diagnostic, Diagnostics};
use clap::{Parser, Subcommand};
use std::path::PathBuf;
use std::process::ExitCode;

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
}

fn options(site: &SiteArgs, drafts: bool) -> Options {
    let now = match &site.now {
        Some(text) => Now::Text(text.clone()),
        None => Now::At(jiff::Timestamp::now()),
    };
    Options {
        root: site.root.clone(),
        now,
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
        eprintln!("{errors} error(s), {warnings} warning(s)");
    }
}

fn is_usage_error(d: &Diagnostic) -> bool {
    d.message.starts_with("--now") || d.message.starts_with("will not write the site")
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
            let usage = diags.iter().any(is_usage_error);
            print_diagnostics(diags);
            match report {
                Some(r) => {
                    println!(
                        "built {} pages ({} files) into {} in {:.2} s",
                        r.pages,
                        r.files,
                        output.display(),
                        started.elapsed().as_secs_f64()
                    );
                    ExitCode::SUCCESS
                }
                None if usage => ExitCode::from(2),
                None => {
                    eprintln!("nothing was written: {} is unchanged", output.display());
                    ExitCode::from(1)
                }
            }
        }
    }
}
