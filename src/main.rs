//! `appeal` writes to representatives: it loads a campaign (recipients and a
//! German letter template, the built-in one being Amnesty International's
//! #UnscanMyFace), personalises one letter per recipient and sender, and
//! previews them or sends each individually through the user's own SMTP
//! account, recording every send in a journal so that nothing goes out
//! twice.
//!
//! The data flows through the modules in this order: `cli` (flags) →
//! `config`, `campaign`, `sender` (loaded and validated, gathered in
//! `plan`) → `letter` (pure rendering) → `preview` or `send` → `transport`
//! (the only network code) and `journal` (what was sent). This file only
//! dispatches and turns errors into exit codes.

mod campaign;
mod check;
mod cli;
mod config;
mod error;
mod journal;
mod letter;
mod list;
mod password;
mod plan;
mod preview;
mod prompt;
mod send;
mod sender;
mod setup;
mod status;
mod transport;

use std::process::ExitCode;

use clap::Parser;

use crate::cli::{Cli, Command};
use crate::error::{report, Exit};
use crate::plan::{campaign_source, Plan};

fn main() -> ExitCode {
    let cli = Cli::parse();
    let exit = match run(&cli) {
        Ok(exit) => exit,
        Err(err) if is_broken_pipe(&err) => Exit::Success,
        Err(err) => {
            let (exit, text) = report(&err);
            eprintln!("{text}");
            exit
        }
    };
    ExitCode::from(exit.code())
}

/// `appeal preview | head` is not an error.
fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|e| {
        e.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

fn run(cli: &Cli) -> anyhow::Result<Exit> {
    let today = chrono::Local::now().date_naive();
    let mut prompt = prompt::Terminal::new();
    match &cli.command {
        Command::Preview(args) => {
            let config = config::load(cli.global.config.as_deref())?;
            let plan = Plan::build(
                &cli.global,
                &config,
                &args.sender,
                &args.select,
                &mut prompt,
                today,
            )?;
            if let Some(notice) = plan.former_notice() {
                if !cli.global.quiet {
                    eprintln!("{notice}");
                }
            }
            preview::run(&plan, args.format, args.out.as_deref())?;
            Ok(Exit::Success)
        }
        Command::Recipients(args) => list::run(&campaign_source(&cli.global), args, today),
        Command::Check => {
            let config = config::load(cli.global.config.as_deref())?;
            check::run(&config, &mut prompt, cli.global.verbose > 0)
        }
        Command::Send(args) => {
            let config = config::load(cli.global.config.as_deref())?;
            send::run(&cli.global, args, &config, &mut prompt, today)
        }
        Command::Status(args) => {
            let config = config::load(cli.global.config.as_deref())?;
            status::run(&cli.global, args, &config, &mut prompt, today)
        }
        Command::Setup(_) => setup::run(
            cli.global.config.as_deref(),
            &mut prompt,
            cli.global.verbose > 0,
        ),
    }
}
