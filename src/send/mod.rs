//! `appeal send`: checks everything, asks (on a terminal), then sends one
//! individual letter per (sender, recipient) over as few SMTP sessions as
//! possible, recording each in the journal so that a rerun finishes the job
//! and nothing is ever delivered twice by accident.
//!
//! This module decides *what* to send (journal states, the summary, the
//! questions); `run` sends it (connections, retries, Ctrl-C), `pace` says
//! when, `output` where to report; `transport` does the talking and
//! `journal` the remembering.

mod handover;
mod output;
mod pace;
mod run;

use std::sync::atomic::{AtomicBool, AtomicUsize};
use std::sync::Mutex;
use std::time::Duration;

use chrono::NaiveDate;
use lettre::Address;
use serde_json::json;

use output::Output;
use pace::Pace;
use run::{finish, install_interrupt_handler, Run, Tally};

use crate::campaign::Recipient;
use crate::cli::{GlobalArgs, SendArgs};
use crate::config::Loaded;
use crate::error::{Exit, Failure};
use crate::identity::History;
use crate::journal::{self, Journal, Ledger, State};
use crate::plan::Plan;
use crate::prompt::Prompt;
use crate::sender::Sender;
use crate::suggest::RunFlags;
use crate::transport::Settings;

/// Default pace of group campaigns: the European Parliament's mail filters
/// treat many similar letters in a short time as bulk mail.
pub const GROUP_DEFAULT_RATE: &str = "6/min";

/// One letter to send: indexes into the plan's senders and recipients.
#[derive(Clone, Copy)]
struct Job {
    sender: usize,
    recipient: usize,
}

/// Letters grouped by what the journal says about them.
struct Selection {
    to_send: Vec<Job>,
    skipped: Vec<(Job, &'static str, journal::Outcome)>,
    /// Letters to send that `--max` leaves for a later run.
    held_back: usize,
}

/// Runs `appeal send`.
pub fn run(
    global: &GlobalArgs,
    args: &SendArgs,
    config: &Loaded,
    prompt: &mut dyn Prompt,
    today: NaiveDate,
) -> anyhow::Result<Exit> {
    if !args.yes && !args.dry_run && !prompt.interactive() {
        return Err(Failure::usage("there is no terminal to confirm sending on")
            .hint(
                "pass --yes to send without confirmation (or --dry-run to see what would be sent)",
            )
            .into());
    }
    let mut plan = Plan::build(global, config, &args.sender, &args.select, prompt, today)?;
    crate::note::apply(&mut plan, &args.note)?;
    let from = account_address(&plan, &RunFlags::new(global))?;
    if args.via != crate::cli::Via::Smtp {
        return handover::run(global, args, plan, prompt);
    }
    if args.out.is_some() {
        return Err(Failure::usage("`--out` is for `--via drafts`: letters sent over SMTP are not written anywhere")
            .hint("for drafts: `appeal send --via drafts --out DIR`; to see the letters: `appeal preview --format eml --out DIR`")
            .into());
    }
    let mut settings = crate::check::smtp_settings(config, from.domain(), global.verbose > 0)?;
    let pace = Pace::parse(args.rate.as_deref(), plan.group)?;
    let retry_wait = Duration::from_secs_f64(args.retry_wait.max(0.0));
    let journal_path = match &args.journal {
        Some(p) => p.clone(),
        None => journal::default_path(&plan.campaign.id)?,
    };
    let out = Output::new(args.json, global.quiet);
    if let Some(notice) = plan.former_notice() {
        out.line(&notice);
    }

    // A first look, without the lock: the lock is taken only once the
    // password is known (below), so that a slow or hung password command
    // never holds other runs off the journal. A dry run only reads.
    let mut journal = None;
    let (ledger, warnings) = journal::read(&journal_path)?;
    for w in warnings {
        eprintln!("{w}");
    }
    let history = History::find(&plan, &ledger)?;
    for notice in history.notices(&plan) {
        out.line(&notice);
    }
    let mut selection = select(&plan, &ledger, &history, args);
    if let Some(max) = args.max {
        selection.hold_back_beyond(usize::try_from(max).unwrap_or(usize::MAX));
    }
    report_skipped(&plan, &selection, &out);

    if selection.to_send.is_empty() {
        out.summary("nothing to send");
        return Ok(Exit::Success);
    }
    let subject = check_every_letter_renders(&plan, &selection)?;
    if !args.dry_run {
        // Before the summary and the questions: a failing password command
        // should not come after the user has said yes.
        crate::check::add_password(&mut settings, config, prompt)?;
        // Now the lock, and the journal read again under it, so the states
        // we act on cannot change under us: what another run sent since
        // the first look is not sent again.
        let opened = Journal::open(&journal_path)?;
        if let Some(notice) = opened.notice() {
            eprintln!("{notice}");
        }
        journal = Some(opened);
        let (ledger, _) = journal::read(&journal_path)?;
        let history = History::find(&plan, &ledger)?;
        keep_still_to_send(&mut selection, &select(&plan, &ledger, &history, args));
        if selection.to_send.is_empty() {
            out.summary("nothing to send");
            return Ok(Exit::Success);
        }
    }
    print_summary(
        &plan,
        &selection,
        &subject,
        &settings,
        &pace,
        &journal_path,
        &out,
    );
    if args.dry_run {
        return dry_run(&plan, &selection, args.max, &out);
    }
    if !confirmed(&mut plan, &selection, args, prompt)? {
        out.summary("nothing was sent");
        return Ok(Exit::Success);
    }
    let journal = journal.expect("opened unless dry run");
    install_interrupt_handler();
    let connections = usize::from(args.connections)
        .min(selection.to_send.len())
        .max(1);
    let run = Run {
        plan: &plan,
        from: &from,
        settings: &settings,
        journal: &journal,
        jobs: &selection.to_send,
        next: AtomicUsize::new(0),
        active: AtomicUsize::new(connections),
        connected: AtomicBool::new(false),
        stop: AtomicBool::new(false),
        fatal: Mutex::new(None),
        paced: pace.interval.is_some(),
        // Bulk runs only: paced runs wait for the pacer, and a single
        // connection meets the throughput target without it, keeping a
        // crash's uncertain letters to the one in flight.
        writes_ahead: pace.interval.is_none() && connections > 1,
        pace: Mutex::new(pace.start()),
        retries: args.retries,
        retry_wait,
        tally: Tally::default(),
        held_back: selection.held_back,
        max: args.max,
        out: &out,
        progress: out.progress_bar(selection.to_send.len()),
        show_progress: out.shows_progress(),
    };
    std::thread::scope(|scope| {
        for _ in 0..connections {
            scope.spawn(|| run.worker());
        }
    });
    run.progress.finish_and_clear();
    let flags = RunFlags::new(global)
        .with_letters(&args.sender, &args.select)
        .with_journal(args.journal.as_deref());
    finish(&run, &journal_path, &flags)
}

/// Renders every letter once before anything is sent, so that a template
/// failing for one (sender, recipient) stops the run before the first
/// letter rather than in the middle. Returns the first letter's subject.
/// Keeps only the letters that the journal, read again under the lock,
/// still has to send.
fn keep_still_to_send(selection: &mut Selection, under_lock: &Selection) {
    let still: std::collections::HashSet<(usize, usize)> = under_lock
        .to_send
        .iter()
        .map(|j| (j.sender, j.recipient))
        .collect();
    selection
        .to_send
        .retain(|job| still.contains(&(job.sender, job.recipient)));
}

fn check_every_letter_renders(plan: &Plan, selection: &Selection) -> anyhow::Result<String> {
    let jobs = &selection.to_send;
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let share = jobs.len().div_ceil(threads).max(256);
    // Each part returns the subject of its first letter.
    let render_all = |part: &[Job]| -> anyhow::Result<String> {
        let mut subject = None;
        for job in part {
            let letter = plan.render(&plan.senders[job.sender], &plan.recipients[job.recipient])?;
            subject.get_or_insert(letter.subject);
        }
        Ok(subject.unwrap_or_default())
    };
    let subjects = std::thread::scope(|scope| {
        let workers: Vec<_> = jobs
            .chunks(share)
            .map(|part| scope.spawn(move || render_all(part)))
            .collect();
        // The first failure in campaign order is the one reported.
        workers
            .into_iter()
            .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
            .collect::<anyhow::Result<Vec<String>>>()
    })?;
    Ok(subjects.into_iter().next().unwrap_or_default())
}

/// On a terminal: offers the personal paragraph, then asks to send
/// (default No). `--yes` skips both; `--edit` opens the editor anyway.
fn confirmed(
    plan: &mut Plan,
    selection: &Selection,
    args: &SendArgs,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<bool> {
    if !plan.group && (args.edit || (prompt.interactive() && !args.yes)) {
        add_personal_paragraph(plan, prompt, args.edit)?;
    }
    if args.yes {
        return Ok(true);
    }
    show_first_letter(plan, selection)?;
    prompt.confirm(
        &format!("Send {} letter(s) now?", selection.to_send.len()),
        false,
    )
}

/// The sending account's address: the letters' From and envelope sender.
fn account_address(plan: &Plan, flags: &RunFlags) -> anyhow::Result<Address> {
    let address = plan.from_address.as_deref().ok_or_else(|| {
        Failure::usage("no sender address: letters must come from your own mail account").hint(
            format!(
                "pass `--email you@example.org`, or set `email` under [sender] (`{}`)",
                flags.command("setup", &[])
            ),
        )
    })?;
    let address = crate::sender::check_email(address).map_err(Failure::usage)?;
    let parsed: Address = address
        .parse()
        .map_err(|e| Failure::usage(format!("`{address}` is not a valid email address ({e})")))?;
    Ok(crate::letter::ascii_domain(parsed))
}

impl Selection {
    /// `--max N`: sends the first `max` letters; the rest are counted as
    /// left for a later run (they must not vanish from the summary).
    fn hold_back_beyond(&mut self, max: usize) {
        self.held_back = self.to_send.len().saturating_sub(max);
        self.to_send.truncate(max);
    }
}

/// Splits the plan's letters by their journal state (a member's letters
/// under earlier keys included, see [`History`]).
fn select(plan: &Plan, ledger: &Ledger, history: &History, args: &SendArgs) -> Selection {
    let mut selection = Selection {
        to_send: Vec::new(),
        skipped: Vec::new(),
        held_back: 0,
    };
    for si in 0..plan.senders.len() {
        for (ri, recipient) in plan.recipients.iter().enumerate() {
            let job = Job {
                sender: si,
                recipient: ri,
            };
            match history.state(ledger, plan, si, recipient) {
                State::Pending | State::Temporary(_) => selection.to_send.push(job),
                State::Delivered(_) | State::Refused(_) if args.again => {
                    selection.to_send.push(job)
                }
                State::Uncertain(_) if args.resend_uncertain || args.again => {
                    selection.to_send.push(job)
                }
                State::Delivered(o) => selection.skipped.push((job, "delivered earlier", o)),
                State::Refused(o) => selection.skipped.push((job, "refused earlier", o)),
                State::Uncertain(o) => selection.skipped.push((job, "uncertain", o)),
                State::HandedOver(_) if args.again => selection.to_send.push(job),
                State::HandedOver(o) => selection.skipped.push((job, "handed over earlier", o)),
            }
        }
    }
    selection
}

fn who(plan: &Plan, sender: &Sender, recipient: &Recipient) -> String {
    if plan.group {
        format!(
            "{} → {} <{}>",
            sender.name,
            recipient.full_name(),
            recipient.email
        )
    } else {
        format!("{} <{}>", recipient.full_name(), recipient.email)
    }
}

fn report_skipped(plan: &Plan, selection: &Selection, out: &Output) {
    for (job, why, outcome) in &selection.skipped {
        let sender = &plan.senders[job.sender];
        let recipient = &plan.recipients[job.recipient];
        out.event(|| {
            json!({
                "event": "skipped",
                "reason": why,
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "reply": outcome.reply,
                "time": outcome.time,
            })
        });
        let hint = match *why {
            "uncertain" => " (pass --resend-uncertain to send it again)",
            _ => " (pass --again to send a second letter)",
        };
        out.line(&format!(
            "skipped    {}: {why} {}{hint}",
            who(plan, sender, recipient),
            crate::journal::local_time(&outcome.time)
        ));
    }
}

fn print_summary(
    plan: &Plan,
    selection: &Selection,
    subject: &str,
    settings: &Settings,
    pace: &Pace,
    journal_path: &std::path::Path,
    out: &Output,
) {
    out.line(&format!(
        "campaign:  {} ({})",
        plan.campaign.title, plan.campaign.id
    ));
    if plan.group {
        let members = match plan.senders.len() {
            1 => "1 member".to_string(),
            n => format!("{n} members"),
        };
        out.line(&format!(
            "from:      {members}, via {}",
            plan.from_address.as_deref().unwrap_or("")
        ));
    } else {
        let s = &plan.senders[0];
        out.line(&format!(
            "from:      {} <{}>",
            s.name,
            plan.from_address.as_deref().unwrap_or("")
        ));
    }
    out.line(&format!("subject:   {subject}"));
    out.line(&format!(
        "server:    {} ({})",
        settings.server(),
        settings.security
    ));
    out.line(&format!("journal:   {}", journal_path.display()));
    out.line(&format!("letters:   {} to send", selection.to_send.len()));
    let recipients: Vec<usize> = {
        let mut seen: Vec<usize> = selection.to_send.iter().map(|j| j.recipient).collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    };
    for ri in recipients {
        let r = &plan.recipients[ri];
        out.line(&format!("  to {} <{}>", r.full_name(), r.email));
    }
    if let Some(eta) = pace.estimate(selection.to_send.len()) {
        out.line(&format!(
            "pace:      {} (about {} to finish)",
            pace.label, eta
        ));
    }
}

/// `--dry-run`: the letters that would go out, without connecting.
fn dry_run(
    plan: &Plan,
    selection: &Selection,
    max: Option<u64>,
    out: &Output,
) -> anyhow::Result<Exit> {
    for job in &selection.to_send {
        let sender = &plan.senders[job.sender];
        let recipient = &plan.recipients[job.recipient];
        let letter = plan.render(sender, recipient)?;
        out.event(|| {
            json!({
                "event": "would_send",
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "subject": letter.subject,
                "message_id": letter.message_id,
            })
        });
        out.line(&format!("would send {}", who(plan, sender, recipient)));
    }
    out.summary(&format!(
        "dry run: {} letter(s) would be sent; nothing was sent and no connection was made",
        selection.to_send.len()
    ));
    if let (Some(max), true) = (max, selection.held_back > 0) {
        out.summary(&format!(
            "--max {max} leaves {} more letter(s) for later runs",
            selection.held_back
        ));
    }
    Ok(Exit::Success)
}

/// Shows the first letter to be sent, personal paragraph in place, so the
/// activist reads what goes out before saying yes.
fn show_first_letter(plan: &Plan, selection: &Selection) -> anyhow::Result<()> {
    let Some(job) = selection.to_send.first() else {
        return Ok(());
    };
    let recipient = &plan.recipients[job.recipient];
    let letter = plan.render(&plan.senders[job.sender], recipient)?;
    eprintln!(
        "\n── the letter to {}, as it will be sent ──\nSubject: {}\n\n{}──\n",
        recipient.full_name(),
        letter.subject,
        letter.body
    );
    Ok(())
}

/// The editor's text: the paragraph so far (from `--note`), then how to
/// write it. Lines starting with `#` are left out.
const EDITOR_INSTRUCTIONS: &str = "\n# Write a paragraph of your own above this line; it goes into every letter\n# where the template places it (in the built-in letter: after the first\n# paragraph). Lines starting with # are left out. A blank line starts a new\n# paragraph. Leave it empty to send the letter as it is.\n";

/// Offers the activist a paragraph of their own (unless `--note` gave
/// one), placed where the template says; `--edit` opens the editor with
/// the paragraph so far.
fn add_personal_paragraph(
    plan: &mut Plan,
    prompt: &mut dyn Prompt,
    edit: bool,
) -> anyhow::Result<()> {
    let given = plan.senders[0].note.clone();
    let paragraph = if edit {
        let start = match &given {
            Some(note) => format!("{note}\n{EDITOR_INSTRUCTIONS}"),
            None => EDITOR_INSTRUCTIONS.to_string(),
        };
        match prompt.edit(&start)? {
            Some(text) => text
                .lines()
                .filter(|l| !l.starts_with('#'))
                .collect::<Vec<_>>()
                .join("\n"),
            None => given.unwrap_or_default(),
        }
    } else if given.is_some() {
        return Ok(());
    } else if prompt.confirm("Add a sentence of your own to the letter?", false)? {
        prompt.input("Your sentence", None, true)?
    } else {
        String::new()
    };
    crate::note::check_characters(&paragraph)?;
    plan.senders[0].note = crate::letter::note_paragraphs(&paragraph);
    Ok(())
}
