//! `appeal send`: checks everything, asks (on a terminal), then sends one
//! individual letter per (sender, recipient) over as few SMTP sessions as
//! possible, recording each in the journal so that a rerun finishes the job
//! and nothing is ever delivered twice by accident.
//!
//! This module decides *what* to send (journal states, the summary, the
//! questions); `run` sends it (connections, retries, Ctrl-C), `pace` says
//! when and in which order (overall and per recipient), `hours` whether
//! (`--office-hours`), `own_words` how many letters are identical,
//! `output` where to report; `transport` does the talking and `journal`
//! the remembering.

mod handover;
mod hours;
mod output;
mod own_words;
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

/// Default pace per recipient in group runs: at most this many letters an
/// hour to any one recipient (Proca's campaigns send at most 30; see the
/// README's "Group campaigns").
pub const GROUP_DEFAULT_PER_RECIPIENT: &str = "20/h";

/// One letter to send: indexes into the plan's senders and recipients.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Job {
    sender: usize,
    recipient: usize,
}

/// Why the journal says not to send a letter again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Skip {
    Delivered,
    Refused,
    Uncertain,
    HandedOver,
}

impl Skip {
    /// The `reason` of the JSON `skipped` event: scripts read it, so it is
    /// the same in every language.
    fn reason(self) -> &'static str {
        match self {
            Skip::Delivered => "delivered earlier", // i18n: not shown (a JSON value for scripts)
            Skip::Refused => "refused earlier",     // i18n: not shown (a JSON value for scripts)
            Skip::Uncertain => "uncertain",
            Skip::HandedOver => "handed over earlier", // i18n: not shown (a JSON value for scripts)
        }
    }

    /// The variant of `send-skipped-one` that says it.
    fn selector(self) -> &'static str {
        match self {
            Skip::Delivered => "delivered",
            Skip::Refused => "refused",
            Skip::Uncertain => "uncertain",
            Skip::HandedOver => "handed-over",
        }
    }
}

/// Letters grouped by what the journal says about them.
struct Selection {
    to_send: Vec<Job>,
    skipped: Vec<(Job, Skip, journal::Outcome)>,
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
    if args.edit && !prompt.interactive() {
        return Err(Failure::usage(crate::t!("send-edit-needs-terminal"))
            .hint(crate::t!("send-edit-needs-terminal-hint"))
            .into());
    }
    let mut plan = Plan::build(global, config, &args.sender, &args.select, prompt, today)?;
    crate::note::apply(&mut plan, &args.note)?;
    let from = account_address(&plan, &RunFlags::new(global))?;
    if args.via != crate::cli::Via::Smtp {
        return handover::run(global, args, plan, prompt);
    }
    if args.out.is_some() {
        return Err(Failure::usage(crate::t!("send-out-needs-drafts"))
            .hint(crate::t!("send-out-needs-drafts-hint"))
            .into());
    }
    let mut settings = crate::check::smtp_settings(config, from.domain(), global.verbose > 0)?;
    if !args.dry_run {
        // Ready by the first connection, read while the letters are checked.
        settings.read_trust_store_ahead();
    }
    let mut pace = Pace::parse(
        args.rate.as_deref(),
        args.per_recipient.as_deref(),
        plan.group,
    )?;
    let office_hours = args
        .office_hours
        .then(|| hours::OfficeHours::new(&plan.campaign.time_zone))
        .transpose()?;
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
    // Without a terminal and without --yes nothing can be confirmed: the
    // journal is only read, to tell "nothing to send" from that error.
    let cannot_confirm = !args.yes && !args.dry_run && !prompt.interactive();
    let (ledger, warnings) = journal::read(&journal_path)?;
    for w in warnings {
        eprintln!("{w}");
    }
    let history = History::find(&plan, &ledger)?;
    for notice in history.notices(&plan) {
        out.line(&notice);
    }
    pace.carry_over(recently_written(&plan, &ledger).into_iter());
    let mut selection = select(&plan, &ledger, &history, args);
    selection.to_send = pace::interleave(std::mem::take(&mut selection.to_send));
    if let Some(max) = args.max {
        selection.hold_back_beyond(usize::try_from(max).unwrap_or(usize::MAX));
    }
    report_skipped(&plan, &selection, &out, global.verbose > 0);

    if selection.to_send.is_empty() {
        out.summary(&crate::t!("send-nothing-to-send"));
        return Ok(Exit::Success);
    }
    if cannot_confirm {
        return Err(Failure::usage(crate::t!("send-no-terminal"))
            .hint(crate::t!("send-no-terminal-hint"))
            .into());
    }
    let subject = check_every_letter_renders(&plan, &selection)?;
    if args.require_note && (plan.group || args.dry_run || (args.yes && !args.edit)) {
        own_words::require_notes(&plan, &selection)?;
    }
    if let Some(hours) = office_hours.as_ref().filter(|_| !args.dry_run) {
        let now = hours.now();
        if !hours.open_at(now) {
            return Err(hours.closed(now).into());
        }
    }
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
        // What another run wrote since the first look counts for the pace
        // per recipient, and for what `--max` leaves.
        pace.carry_over(recently_written(&plan, &ledger).into_iter());
        let under_lock = select(&plan, &ledger, &history, args);
        keep_still_to_send(&mut selection, &under_lock);
        selection.held_back = under_lock
            .to_send
            .len()
            .saturating_sub(selection.to_send.len());
        if selection.to_send.is_empty() {
            out.summary(&crate::t!("send-nothing-to-send"));
            return Ok(Exit::Success);
        }
    }
    print_summary(&plan, &selection, &subject, &settings, &journal_path, &out);
    if !args.dry_run {
        // A dry run lists every letter itself, recipients included.
        list_recipients(&plan, &selection, &out);
    }
    print_pace_line(pace_line(&pace, office_hours.as_ref(), &selection), &out);
    if let Some(notice) = own_words::identical_notice(&plan, &selection) {
        out.line(&notice);
    }
    if args.dry_run {
        return dry_run(&plan, &selection, args.max, &out);
    }
    if !confirmed(&mut plan, &selection, args, prompt)? {
        out.summary(&crate::t!("send-nothing-sent"));
        return Ok(Exit::Success);
    }
    let journal = journal.expect("opened unless dry run"); // i18n: not shown (cannot fail)
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
        paced: pace.is_paced(),
        office_hours: office_hours.as_ref(),
        // Bulk runs only: paced runs wait for the pacer, and a single
        // connection meets the throughput target without it, keeping a
        // crash's uncertain letters to the one in flight.
        writes_ahead: !pace.is_paced() && office_hours.is_none() && connections > 1,
        pace: Mutex::new(pace.start()),
        retries: args.retries,
        retry_wait,
        tally: Tally::default(),
        held_back: selection.held_back,
        max: args.max,
        out: &out,
        progress: out.progress_bar(selection.to_send.len(), pace.interval),
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

/// Renders every letter once before anything is sent, so that a template
/// failing for one (sender, recipient) stops the run before the first
/// letter rather than in the middle. Returns the first letter's subject.
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
    if args.require_note && !plan.group {
        own_words::require_notes(plan, selection)?;
    }
    if args.yes {
        return Ok(true);
    }
    show_first_letter(plan, selection)?;
    prompt.confirm(
        &crate::t!("send-confirm", count = selection.to_send.len()),
        false,
    )
}

/// The sending account's address: the letters' From and envelope sender.
fn account_address(plan: &Plan, flags: &RunFlags) -> anyhow::Result<Address> {
    let address = plan.from_address.as_deref().ok_or_else(|| {
        Failure::usage(crate::t!("send-no-address")).hint(crate::t!(
            "send-no-address-hint",
            setup = flags.command("setup", &[])
        ))
    })?;
    let address = crate::sender::check_email(address).map_err(Failure::usage)?;
    let parsed: Address = address
        .parse()
        .map_err(|e: lettre::address::AddressError| {
            Failure::usage(crate::t!(
                "send-invalid-address",
                address = address.to_string(),
                reason = crate::i18n::error_text(&e)
            ))
        })?;
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
                State::Delivered(o) => selection.skipped.push((job, Skip::Delivered, o)),
                State::Refused(o) => selection.skipped.push((job, Skip::Refused, o)),
                State::Uncertain(o) => selection.skipped.push((job, Skip::Uncertain, o)),
                State::HandedOver(_) if args.again => selection.to_send.push(job),
                State::HandedOver(o) => selection.skipped.push((job, Skip::HandedOver, o)),
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

/// The letters the journal says not to send again: one JSON event each,
/// one line per state with its count, and with `-v` a line per letter
/// (`appeal status` lists them too).
fn report_skipped(plan: &Plan, selection: &Selection, out: &Output, each: bool) {
    for (job, why, outcome) in &selection.skipped {
        let sender = &plan.senders[job.sender];
        let recipient = &plan.recipients[job.recipient];
        out.event(|| {
            json!({
                "event": "skipped",
                "reason": why.reason(),
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": recipient.email,
                "reply": outcome.reply,
                "time": outcome.time,
            })
        });
        if each {
            out.line(&crate::t!(
                "send-skipped-one",
                reason = why.selector(),
                who = who(plan, sender, recipient),
                time = crate::journal::local_time(&outcome.time)
            ));
        }
    }
    for (why, count) in skipped_counts(selection) {
        out.line(&skipped_line(why, count));
    }
}

/// How many skipped letters each state has, in the order first seen.
fn skipped_counts(selection: &Selection) -> Vec<(Skip, usize)> {
    let mut counts: Vec<(Skip, usize)> = Vec::new();
    for (_, why, _) in &selection.skipped {
        match counts.iter_mut().find(|(w, _)| w == why) {
            Some((_, n)) => *n += 1,
            None => counts.push((*why, 1)),
        }
    }
    counts
}

/// The line that counts the skipped letters of one state, whole sentences
/// (for translation), saying what to pass to send them after all.
fn skipped_line(why: Skip, count: usize) -> String {
    match why {
        Skip::Uncertain => crate::t!("send-skipped-uncertain", count = count),
        Skip::Refused => crate::t!("send-skipped-refused", count = count),
        Skip::Delivered => crate::t!("send-skipped-delivered", count = count),
        Skip::HandedOver => crate::t!("send-skipped-handed-over", count = count),
    }
}

fn print_summary(
    plan: &Plan,
    selection: &Selection,
    subject: &str,
    settings: &Settings,
    journal_path: &std::path::Path,
    out: &Output,
) {
    let address = plan.from_address.as_deref().unwrap_or("");
    out.line(&crate::t!(
        "send-summary-campaign",
        title = plan.campaign.title.as_str(),
        id = plan.campaign.id.as_str()
    ));
    if plan.group {
        out.line(&crate::t!(
            "send-summary-from-group",
            count = plan.senders.len(),
            address = address
        ));
    } else {
        out.line(&crate::t!(
            "send-summary-from",
            name = plan.senders[0].name.as_str(),
            address = address
        ));
    }
    if plan.letters.has_variants() {
        out.line(&crate::t!(
            "send-summary-subject-variants",
            subject = subject
        ));
    } else {
        out.line(&crate::t!("send-summary-subject", subject = subject));
    }
    out.line(&crate::t!(
        "send-summary-server",
        server = settings.server().to_string(),
        security = settings.security.to_string()
    ));
    out.line(&crate::t!(
        "send-summary-journal",
        path = journal_path.display().to_string()
    ));
    out.line(&crate::t!(
        "send-summary-letters",
        count = selection.to_send.len()
    ));
}

/// The recipients of the letters to send, each once.
fn list_recipients(plan: &Plan, selection: &Selection, out: &Output) {
    let recipients: Vec<usize> = {
        let mut seen: Vec<usize> = selection.to_send.iter().map(|j| j.recipient).collect();
        seen.sort_unstable();
        seen.dedup();
        seen
    };
    for ri in recipients {
        let r = &plan.recipients[ri];
        out.line(&format!(
            "  {}",
            crate::t!(
                "send-summary-recipient",
                name = r.full_name(),
                address = r.email.to_string()
            )
        ));
    }
}

/// The pace and how long the run takes at it, when paced.
fn print_pace_line(line: Option<String>, out: &Output) {
    if let Some(line) = line {
        out.line(&line);
    }
}

/// How long ago each recipient (by index) last had a letter delivered
/// (or possibly delivered) according to the journal, for the pace per
/// recipient across runs. A time in the future counts as now.
fn recently_written(plan: &Plan, ledger: &Ledger) -> Vec<(usize, Duration)> {
    let last = ledger.last_letters(&plan.campaign.id);
    let now = chrono::Utc::now();
    plan.recipients
        .iter()
        .enumerate()
        .filter_map(|(i, r)| {
            let time = last.get(r.email.to_lowercase().as_str())?;
            let ago = (now - time.with_timezone(&chrono::Utc))
                .to_std()
                .unwrap_or_default();
            Some((i, ago))
        })
        .collect()
}

/// The summary's pace line: the pace overall and per recipient, and the
/// estimated time to finish, played through the pacer's rule in the order
/// the letters go out (and, with `--office-hours`, through the working
/// hours, when it says when the last letter goes).
fn pace_line(
    pace: &Pace,
    office_hours: Option<&hours::OfficeHours>,
    selection: &Selection,
) -> Option<String> {
    if !pace.is_paced() && office_hours.is_none() {
        return None;
    }
    let secs = pace.seconds_to_send(selection.to_send.iter().map(|j| j.recipient));
    let limit = if pace.per_recipient.is_some() {
        "yes"
    } else {
        "no"
    };
    let (rate, per) = (
        rate_shown(&pace.label),
        rate_shown(&pace.per_recipient_label),
    );
    Some(match office_hours {
        Some(hours) => {
            let start = hours.now();
            let end = hours.finish(start, secs);
            let total = (end.as_second() - start.as_second()) as f64;
            let duration = pace::spoken(Duration::from_secs_f64(total.max(0.0)));
            crate::t!(
                "send-pace-office-hours",
                limit = limit,
                rate = rate,
                per = per,
                duration = duration
            )
        }
        None => crate::t!(
            "send-pace",
            limit = limit,
            rate = rate,
            per = per,
            duration = pace::spoken(Duration::from_secs_f64(secs.max(0.0)))
        ),
    })
}

/// A rate as the pace line shows it: as given (`6/min`), but `unlimited`
/// in the interface's language.
fn rate_shown(rate: &str) -> String {
    if rate == "unlimited" {
        crate::t!("send-pace-unlimited")
    } else {
        rate.to_string()
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
                "variants": letter.variants,
            })
        });
        out.line(&crate::t!(
            "send-would-send",
            who = who(plan, sender, recipient)
        ));
    }
    out.summary(&crate::t!(
        "send-dry-run-summary",
        count = selection.to_send.len()
    ));
    if let (Some(max), true) = (max, selection.held_back > 0) {
        out.summary(&crate::t!(
            "send-dry-run-max",
            max = max.to_string(),
            count = selection.held_back
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
        "\n{}\n{}\n\n{}──\n",
        crate::t!("send-first-letter-heading", name = recipient.full_name()),
        crate::t!(
            "send-first-letter-subject",
            subject = letter.subject.as_str()
        ),
        letter.body
    );
    Ok(())
}

/// The editor's text under the paragraph so far (from `--note`): how to
/// write it. Lines starting with `#` are left out.
fn editor_instructions() -> String {
    format!("\n{}\n", crate::t!("send-editor-instructions"))
}

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
            Some(note) => format!("{note}\n{}", editor_instructions()),
            None => editor_instructions(),
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
    } else if prompt.confirm(&crate::t!("send-ask-own-sentence"), false)? {
        prompt.input(&crate::t!("send-ask-own-sentence-input"), None, true)?
    } else {
        String::new()
    };
    crate::note::check_characters(&paragraph)?;
    plan.senders[0].note = crate::letter::note_paragraphs(&paragraph);
    Ok(())
}
