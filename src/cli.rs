//! The command line in Chinese: clap's help, usage and errors are English, and staff read
//! none of it. Help is laid out with Chinese headings; each kind of usage error is said in
//! Chinese with what was typed and how to see the right form.

use super::Cli;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Arg, ArgAction, CommandFactory, FromArgMatches};
use std::process::ExitCode;

/// The commands, as a usage mistake lists them.
const COMMANDS: &str = "build、serve、check、new、import";

const HELP: &str = "{about}\n\n用法：{usage}\n\n{all-args}{after-help}\n";

/// Parse the command line; on `--help`, `--version` or a mistake, what was printed and the
/// exit code (0 for help, 2 for a mistake).
pub fn parse() -> Result<Cli, ExitCode> {
    let command = chinese(Cli::command().override_usage("bulletin <命令> [选项]"))
        .subcommand_help_heading("命令")
        .disable_help_subcommand(true)
        .disable_version_flag(true)
        .arg(
            Arg::new("version")
                .short('V')
                .long("version")
                .action(ArgAction::Version)
                .help("显示版本")
                .help_heading("选项"),
        )
        .after_help("每个命令的用法：bulletin <命令> --help，例如 bulletin new --help")
        .mut_subcommands(chinese);
    let mut matches_of = command.clone();
    let matches = match matches_of.try_get_matches_from_mut(std::env::args_os()) {
        Ok(m) => m,
        Err(e) => return Err(report(&e)),
    };
    Cli::from_arg_matches(&matches).map_err(|e| report(&e))
}

/// One command with Chinese headings and help flag; defaults and choices are written in
/// each option's own words.
fn chinese(command: clap::Command) -> clap::Command {
    command
        .help_template(HELP)
        .disable_help_flag(true)
        .mut_args(|a| {
            let heading = if a.is_positional() {
                "参数"
            } else {
                "选项"
            };
            let takes_values = a.get_action().takes_values();
            a.help_heading(heading)
                .hide_default_value(takes_values)
                .hide_possible_values(takes_values)
        })
        .arg(
            Arg::new("help")
                .short('h')
                .long("help")
                .action(ArgAction::Help)
                .help("显示帮助")
                .help_heading("选项"),
        )
}

/// Print `e` for staff and give its exit code.
fn report(e: &clap::Error) -> ExitCode {
    match e.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => {
            let _ = e.print();
            return ExitCode::SUCCESS;
        }
        ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            let _ = e.print();
            return ExitCode::from(2);
        }
        _ => {}
    }
    let text = |kind| match e.get(kind) {
        Some(ContextValue::String(s)) => s.clone(),
        Some(ContextValue::Strings(s)) => s.join("、"),
        _ => String::new(),
    };
    let (arg, value) = (
        text(ContextKind::InvalidArg),
        text(ContextKind::InvalidValue),
    );
    let message = match e.kind() {
        ErrorKind::InvalidSubcommand => {
            format!("没有 `{}` 这个命令：可以用 {COMMANDS}。", text(ContextKind::InvalidSubcommand))
        }
        ErrorKind::UnknownArgument => match text(ContextKind::SuggestedArg) {
            s if s.is_empty() => format!("不认识 `{arg}`。"),
            s => format!("不认识 `{arg}`：是不是要写 `{s}`？"),
        },
        ErrorKind::InvalidValue if arg.contains("种类") => format!(
            "没有 `{value}` 这种页面：可以写 通知、指南、问答、故事、页面（或者 notice、guide、faq、story、page）。"
        ),
        ErrorKind::InvalidValue if value.is_empty() => format!("`{arg}` 后面要写一个值。"),
        ErrorKind::InvalidValue => format!("`{arg}` 不能是 `{value}`。"),
        ErrorKind::ValueValidation => {
            let why = std::error::Error::source(e).map(|s| s.to_string()).unwrap_or_default();
            format!("`{arg}` 的值 `{value}` 不对：{why}")
        }
        ErrorKind::MissingRequiredArgument => format!("少写了 {arg}。"),
        ErrorKind::MissingSubcommand => format!("要写一个命令：{COMMANDS}。"),
        ErrorKind::ArgumentConflict => match text(ContextKind::PriorArg) {
            prior if prior == arg => format!("`{arg}` 写了两次。"),
            prior => format!("`{arg}` 不能和 `{prior}` 一起用。"),
        },
        ErrorKind::TooManyValues => format!("`{value}` 多余了。"),
        _ => "命令写得不对。".to_owned(),
    };
    let command = std::env::args()
        .nth(1)
        .filter(|c| COMMANDS.split('、').any(|known| known == c));
    let help = match command {
        Some(c) => format!("bulletin {c} --help"),
        None => "bulletin --help".to_owned(),
    };
    eprintln!("错误：{message}\n  = 提示：运行 `{help}` 看看怎么写。");
    ExitCode::from(2)
}
