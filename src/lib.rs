//! `appeal` writes to representatives: it loads a campaign (recipients and a
//! German letter template, the built-in one being Amnesty International's
//! #UnscanMyFace), personalises one letter per recipient and sender, and
//! previews them or sends each individually through the user's own SMTP
//! account, recording every send in a journal so that nothing goes out
//! twice.
//!
//! The data flows through the modules in this order: `cli` (flags) →
//! `config`, `campaign`, `sender` and `members` (the members file as
//! spreadsheets write it; loaded and validated, gathered in `plan`) →
//! `letter` (pure rendering) → `preview` or `send` → `transport`
//! (the only network code) and `journal` (what was sent). `main.rs` only
//! parses the command line and turns errors into exit codes; this library
//! (also used by the benchmarks) dispatches.

pub mod campaign;
pub mod check;
pub mod choose;
pub mod cli;
pub mod completions;
pub mod config;
pub mod error;
pub mod fetch;
pub mod i18n;
pub mod identity;
pub mod import;
pub mod init;
pub mod journal;
pub mod letter;
pub mod list;
pub mod manual;
pub mod members;
pub mod note;
pub mod password;
pub mod plan;
pub mod preview;
pub mod prompt;
pub mod send;
pub mod sender;
pub mod setup;
pub mod status;
pub mod suggest;
pub mod transport;

// Ctrl-C for the whole program: questions and `send` share one handler.
pub mod interrupt;

use crate::cli::{Cli, Command};
use crate::error::Exit;
use crate::plan::{campaign_source, Plan};

/// Runs the command the user asked for and returns the exit code to end
/// with; errors carry their own (see [`error::report`]).
pub fn run(cli: &Cli) -> anyhow::Result<Exit> {
    let today = chrono::Local::now().date_naive();
    let mut prompt = prompt::Terminal::new();
    match &cli.command {
        Command::Preview(args) => {
            let config = config::load(cli.global.config.as_deref())?;
            let mut plan = Plan::build(
                &cli.global,
                &config,
                &args.sender,
                &args.select,
                &mut prompt,
                today,
            )?;
            note::apply(&mut plan, &args.note)?;
            if let Some(notice) = plan.former_notice() {
                if !cli.global.quiet {
                    eprintln!("{notice}");
                }
            }
            preview::run(&plan, args.format, args.out.as_deref())?;
            Ok(Exit::Success)
        }
        Command::Recipients(args) => match &args.action {
            Some(cli::RecipientsAction::Fetch(fetch_args)) => {
                fetch::run(fetch_args, cli.global.quiet, today)
            }
            Some(cli::RecipientsAction::Import(import_args)) => import::run(import_args),
            None => list::run(&campaign_source(&cli.global), args, today),
        },
        Command::Init(args) => init::run(args, cli.global.quiet, today),
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
        Command::Completions(args) => completions::run(args.shell),
        Command::Man => manual::run(),
        Command::Setup(_) => setup::run(
            cli.global.config.as_deref(),
            &mut prompt,
            cli.global.verbose > 0,
        ),
    }
}
