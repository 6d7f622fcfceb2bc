//! The `bulletin-gencorpus` command: `--pages N --out DIR [--seed S]`, read by hand (three
//! options do not need a parser crate), then the corpus planned and written (see the
//! library's documentation for what it holds).

use bulletin_gencorpus::{Corpus, BUILD_NOW};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args = match Args::parse(std::env::args().skip(1)) {
        Ok(a) => a,
        Err(why) => {
            eprintln!("bulletin-gencorpus: {why}");
            eprintln!("usage: bulletin-gencorpus --pages N --out DIR [--seed S]");
            return ExitCode::from(2);
        }
    };
    let corpus = Corpus::plan(args.pages, args.seed);
    match corpus.write(&args.out) {
        Ok(stats) => {
            println!(
                "wrote {} pages into {} ({}), {} Han characters of body per page on average; build with --now {}",
                args.pages,
                args.out.display(),
                stats.per_kind,
                stats.han_total / args.pages.max(1),
                BUILD_NOW
            );
            ExitCode::SUCCESS
        }
        Err(why) => {
            eprintln!("bulletin-gencorpus: {why}");
            ExitCode::from(1)
        }
    }
}

struct Args {
    pages: usize,
    out: PathBuf,
    seed: u64,
}

impl Args {
    fn parse(mut args: impl Iterator<Item = String>) -> Result<Args, String> {
        let (mut pages, mut out, mut seed) = (None, None, 1u64);
        while let Some(flag) = args.next() {
            let mut value = || args.next().ok_or(format!("`{flag}` needs a value"));
            match flag.as_str() {
                "--pages" => {
                    let v = value()?;
                    pages = Some(v.parse::<usize>().map_err(|_| {
                        format!("`--pages {v}`: write a whole number, e.g. --pages 10000")
                    })?);
                }
                "--out" => out = Some(PathBuf::from(value()?)),
                "--seed" => {
                    let v = value()?;
                    seed = v.parse().map_err(|_| {
                        format!("`--seed {v}`: write a whole number, e.g. --seed 1")
                    })?;
                }
                other => return Err(format!("unknown argument `{other}`")),
            }
        }
        let pages = pages.ok_or("`--pages N` is required")?;
        if pages < 10 {
            return Err("`--pages` must be at least 10, so every kind of page is there".into());
        }
        let out = out.ok_or("`--out DIR` is required")?;
        Ok(Args { pages, out, seed })
    }
}
