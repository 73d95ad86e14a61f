//! `send --via mail-program|drafts`: a way without SMTP, for people whose
//! provider offers none (Tuta) or who will not give a command-line tool
//! their password. Each letter is handed over as it would have been sent
//! (the same headers and text, less Message-ID and Date, which the mail
//! program sets when it sends): opened in the mail program, or written as
//! an `.eml` draft with `X-Unsent: 1`, which Outlook and Thunderbird open as
//! an editable message ready to send. The journal records such letters as
//! `handed_over`; a rerun does not hand them over again unless `--again`.
//!
//! The program that opens a `mailto:` link or a draft is `xdg-email` (for
//! links) or `xdg-open` (`open` on macOS), or the command in
//! `APPEAL_OPENER`, which is given the link or the file as its last
//! argument (so tests can record what it was given).

use std::path::{Path, PathBuf};
use std::time::SystemTime;

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};
use serde_json::json;

use super::output::Output;
use super::{
    add_personal_paragraph, check_every_letter_renders, dry_run, report_skipped, select,
    show_first_letter, who, Job,
};
use crate::cli::{GlobalArgs, SendArgs, Via};
use crate::error::{Exit, Failure};
use crate::identity::History;
use crate::journal::{self, Event, Journal, Record};
use crate::letter::Letter;
use crate::plan::Plan;
use crate::prompt::Prompt;

/// The environment variable naming the program that opens links and drafts.
pub const OPENER_ENV: &str = "APPEAL_OPENER";

/// Longer `mailto:` links are cut off by some mail programs and browsers
/// (about 2,000 characters): such a letter is opened as a draft instead.
pub const MAILTO_LIMIT: usize = 2000;

/// Characters left as they are in a `mailto:` link (RFC 3986 unreserved).
const MAILTO_TEXT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// In the address part `@` stays too.
const MAILTO_ADDRESS: &AsciiSet = &MAILTO_TEXT.remove(b'@');

/// Hands the selected letters over, as `--via` says.
pub(super) fn run(
    global: &GlobalArgs,
    args: &SendArgs,
    mut plan: Plan,
    prompt: &mut dyn Prompt,
) -> anyhow::Result<Exit> {
    let drafts_dir = match (args.via, &args.out) {
        (Via::Drafts, Some(dir)) => Some(dir.clone()),
        (Via::Drafts, None) => {
            return Err(Failure::usage(crate::t!("handover-drafts-need-out"))
                .hint(crate::t!("handover-drafts-need-out-hint"))
                .into())
        }
        _ => None,
    };
    let out = Output::new(args.json, global.quiet);
    if let Some(notice) = plan.former_notice() {
        out.line(&notice);
    }
    let journal_path = match &args.journal {
        Some(p) => p.clone(),
        None => journal::default_path(&plan.campaign.id)?,
    };
    // No password to wait for: the lock is taken at once (not for a dry
    // run, which only reads).
    let journal = if args.dry_run {
        None
    } else {
        let opened = Journal::open(&journal_path)?;
        if let Some(notice) = opened.notice() {
            eprintln!("{notice}");
        }
        Some(opened)
    };
    let (ledger, warnings) = journal::read(&journal_path)?;
    for w in warnings {
        eprintln!("{w}");
    }
    let history = History::find(&plan, &ledger)?;
    for notice in history.notices(&plan) {
        out.line(&notice);
    }
    // Read under the lock: no other run can change these states meanwhile.
    let mut selection = select(&plan, &ledger, &history, args);
    if let Some(max) = args.max {
        selection.hold_back_beyond(usize::try_from(max).unwrap_or(usize::MAX));
    }
    report_skipped(&plan, &selection, &out, global.verbose > 0);
    if selection.to_send.is_empty() {
        out.summary(&crate::t!("handover-nothing"));
        return Ok(Exit::Success);
    }
    let subject = check_every_letter_renders(&plan, &selection)?;
    out.line(&crate::t!(
        "send-summary-campaign",
        title = plan.campaign.title.as_str(),
        id = plan.campaign.id.as_str()
    ));
    out.line(&crate::t!("send-summary-subject", subject = subject));
    match &drafts_dir {
        Some(dir) => out.line(&crate::t!(
            "handover-summary-drafts",
            dir = dir.display().to_string()
        )),
        None => out.line(&crate::t!("handover-summary-mail-program")),
    }
    out.line(&crate::t!(
        "send-summary-journal",
        path = journal_path.display().to_string()
    ));
    out.line(&crate::t!(
        "handover-summary-letters",
        count = selection.to_send.len()
    ));
    if args.require_note && (plan.group || args.dry_run || (args.yes && !args.edit)) {
        super::own_words::require_notes(&plan, &selection)?;
    }
    if args.dry_run {
        return dry_run(&plan, &selection, args.max, &out);
    }
    if !plan.group && (args.edit || (prompt.interactive() && !args.yes)) {
        add_personal_paragraph(&mut plan, prompt, args.edit)?;
        if args.require_note {
            super::own_words::require_notes(&plan, &selection)?;
        }
    }
    if !args.yes {
        show_first_letter(&plan, &selection)?;
        let count = selection.to_send.len();
        let question = match args.via {
            Via::Drafts => crate::t!("handover-confirm-drafts", count = count),
            _ => crate::t!("handover-confirm-mail-program", count = count),
        };
        if !prompt.confirm(&question, false)? {
            out.summary(&crate::t!("handover-nothing-handed-over"));
            return Ok(Exit::Success);
        }
    }
    if let Some(dir) = &drafts_dir {
        std::fs::create_dir_all(dir).map_err(|e| cannot_create(dir, &e))?;
    }
    let journal = journal.expect("opened unless dry run"); // i18n: not shown (cannot fail)
    let handing = Handing {
        plan: &plan,
        journal: &journal,
        out: &out,
        // A fact only the person knows, so asked even with --yes.
        ask: prompt.interactive(),
    };
    let mut handed = 0;
    for (index, job) in selection.to_send.iter().enumerate() {
        let done = match &drafts_dir {
            Some(dir) => handing.write_draft(*job, index, dir)?,
            None => handing.open_in_mail_program(*job, index, &journal_path, prompt)?,
        };
        handed += usize::from(done);
    }
    out.summary(&match args.via {
        Via::Drafts => crate::t!(
            "handover-done-drafts",
            count = handed,
            dir = drafts_dir
                .as_deref()
                .unwrap_or(Path::new(""))
                .display()
                .to_string()
        ),
        _ => crate::t!("handover-done-mail-program", count = handed),
    });
    // `--max`: what is left is handed over by the next run, as in a sent run.
    if let (Some(max), true) = (args.max, selection.held_back > 0) {
        eprintln!(
            "{} {}",
            crate::t!("hint-prefix"),
            crate::t!(
                "handover-max-reached",
                max = max.to_string(),
                count = selection.held_back
            )
        );
        return Ok(Exit::TempFail);
    }
    Ok(Exit::Success)
}

/// What handing over one letter needs.
struct Handing<'a> {
    plan: &'a Plan,
    journal: &'a Journal,
    out: &'a Output,
    /// Ask after each letter whether it was sent (on a terminal);
    /// otherwise opening it counts as handing it over.
    ask: bool,
}

impl Handing<'_> {
    fn letter(&self, job: Job) -> anyhow::Result<Letter> {
        let sender = &self.plan.senders[job.sender];
        let recipient = &self.plan.recipients[job.recipient];
        self.plan.render(sender, recipient)
    }

    /// `--via drafts`: one `.eml` file per letter in `dir`.
    fn write_draft(&self, job: Job, index: usize, dir: &Path) -> anyhow::Result<bool> {
        let letter = self.letter(job)?;
        let path = dir.join(draft_name(index, &letter));
        write_file(&path, &draft(&letter))?;
        // i18n: not shown (the journal's record, the same in every language)
        let how = format!("draft written to {}", path.display());
        self.record(job, &letter, &how)?;
        self.out.line(&crate::t!(
            "handover-draft-line",
            who = self.who(job),
            path = path.display().to_string()
        ));
        Ok(true)
    }

    /// `--via mail-program`: the letter as a `mailto:` link, or as a draft
    /// when the link would be too long; then, on a terminal, the question
    /// whether it was sent. True when it counts as handed over.
    fn open_in_mail_program(
        &self,
        job: Job,
        index: usize,
        journal_path: &Path,
        prompt: &mut dyn Prompt,
    ) -> anyhow::Result<bool> {
        let letter = self.letter(job)?;
        let link = mailto(&letter);
        if link.len() <= MAILTO_LIMIT {
            open(&link, Target::Link)?;
        } else {
            let dir = drafts_beside(journal_path);
            std::fs::create_dir_all(&dir).map_err(|e| cannot_create(&dir, &e))?;
            let path = dir.join(draft_name(index, &letter));
            write_file(&path, &draft(&letter))?;
            open(&path.display().to_string(), Target::File)?;
        }
        self.out
            .line(&crate::t!("handover-opened-line", who = self.who(job)));
        if self.ask && !self.was_sent(job, prompt)? {
            self.out
                .line(&crate::t!("handover-not-recorded", who = self.who(job)));
            return Ok(false);
        }
        // i18n: not shown (the journal's record, the same in every language)
        self.record(job, &letter, "opened in the mail program")?;
        Ok(true)
    }

    /// Asks whether the letter just opened was sent from the mail program.
    fn was_sent(&self, job: Job, prompt: &mut dyn Prompt) -> anyhow::Result<bool> {
        let question = crate::t!(
            "handover-ask-sent",
            name = self.plan.recipients[job.recipient].full_name()
        );
        let items = [
            crate::t!("handover-answer-sent"),
            crate::t!("handover-answer-not-yet"),
        ];
        Ok(prompt.select(&question, &items, 0)? == 0)
    }

    fn who(&self, job: Job) -> String {
        who(
            self.plan,
            &self.plan.senders[job.sender],
            &self.plan.recipients[job.recipient],
        )
    }

    /// The journal's `handed_over` record, on disk before the next letter.
    fn record(&self, job: Job, letter: &Letter, how: &str) -> anyhow::Result<()> {
        let sender = &self.plan.senders[job.sender];
        let record = Record {
            time: journal::now(),
            event: Event::HandedOver,
            campaign: letter.key.campaign.clone(),
            sender: letter.key.sender.clone(),
            recipient: letter.key.recipient.clone(),
            name: Some(sender.name.clone()),
            message_id: None,
            code: None,
            reply: Some(how.to_string()),
            personal: sender.note.is_some(),
            boot: None,
        };
        self.journal
            .append_syncing(&record)
            .and_then(|ticket| self.journal.wait_durable(ticket))
            .map_err(|e| {
                Failure::failed(crate::t!(
                    "handover-cannot-write-journal",
                    path = self.journal.path().display().to_string(),
                    reason = crate::i18n::error_text(&e)
                ))
            })?;
        self.out.event(|| {
            json!({
                "event": "handed_over",
                "sender": sender.name,
                "sender_id": sender.identity(),
                "recipient": self.plan.recipients[job.recipient].email,
                "how": how,
            })
        });
        Ok(())
    }
}

/// The letter as a draft: exactly the message SMTP sending would send,
/// less `Date` and `Message-ID` (the mail program sets its own when it
/// sends), with `X-Unsent: 1` so that it opens ready to send.
pub fn draft(letter: &Letter) -> Vec<u8> {
    let message = letter.message(SystemTime::now()).formatted();
    let split = message
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .map_or(message.len(), |p| p + 2);
    let (head, body) = message.split_at(split);
    let head = String::from_utf8_lossy(head);
    let mut out = b"X-Unsent: 1\r\n".to_vec();
    let mut keep = true;
    for line in head.split_inclusive("\r\n") {
        // A line starting with white space continues the field before it.
        if !line.starts_with([' ', '\t']) {
            let name = line.split(':').next().unwrap_or("").trim();
            keep = !(name.eq_ignore_ascii_case("date") || name.eq_ignore_ascii_case("message-id"));
        }
        if keep {
            out.extend_from_slice(line.as_bytes());
        }
    }
    out.extend_from_slice(body);
    out
}

/// `mailto:` with the recipient, subject and body, percent-encoded UTF-8
/// (RFC 6068; line breaks as `%0D%0A`).
pub fn mailto(letter: &Letter) -> String {
    let body = letter.body.replace('\n', "\r\n");
    format!(
        "mailto:{}?subject={}&body={}",
        utf8_percent_encode(letter.to.email.as_ref(), MAILTO_ADDRESS),
        utf8_percent_encode(&letter.subject, MAILTO_TEXT),
        utf8_percent_encode(&body, MAILTO_TEXT)
    )
}

/// `001-3f2a9c1e-barley@europarl.europa.eu.eml`: in campaign order, named
/// for the recipient, with a short hash of the sender, so that the drafts
/// of another member (or of an earlier run into the same folder) are never
/// overwritten.
fn draft_name(index: usize, letter: &Letter) -> String {
    use sha2::{Digest, Sha256};
    let sender = Sha256::digest(letter.key.sender.as_bytes());
    let sender: String = sender[..4].iter().map(|b| format!("{b:02x}")).collect();
    let address: String = letter
        .to
        .email
        .to_string()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '@' | '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{:03}-{sender}-{address}.eml", index + 1)
}

/// Where `--via mail-program` puts the drafts of letters too long for a
/// link: a `drafts` folder beside the journal.
fn drafts_beside(journal_path: &Path) -> PathBuf {
    journal_path
        .parent()
        .unwrap_or(Path::new("."))
        .join("drafts")
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).map_err(|e| {
        Failure::usage(crate::t!(
            "handover-cannot-write",
            path = path.display().to_string(),
            reason = crate::i18n::error_text(&e)
        ))
        .into()
    })
}

/// A folder for drafts could not be made.
fn cannot_create(dir: &Path, e: &std::io::Error) -> Failure {
    Failure::usage(crate::t!(
        "handover-cannot-create",
        path = dir.display().to_string(),
        reason = crate::i18n::io_error(e)
    ))
}

/// What is opened: a link goes to `xdg-email` where there is one.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Target {
    Link,
    File,
}

/// Opens a `mailto:` link or a draft with the person's mail program and
/// waits for the opener to return.
fn open(what: &str, target: Target) -> anyhow::Result<()> {
    let (program, mut arguments) = opener(target)?;
    arguments.push(what.to_string());
    let status = std::process::Command::new(&program)
        .args(&arguments)
        .status()
        .map_err(|e| cannot_open(&program, &e.to_string()))?;
    if !status.success() {
        return Err(cannot_open(&program, &status.to_string()));
    }
    Ok(())
}

fn cannot_open(program: &str, reason: &str) -> anyhow::Error {
    Failure::failed(crate::t!(
        "handover-cannot-open",
        program = program,
        reason = reason
    ))
    .hint(crate::t!(
        "handover-cannot-open-hint",
        variable = OPENER_ENV
    ))
    .into()
}

/// The opener: `APPEAL_OPENER` (split like a shell would), else the
/// system's.
fn opener(target: Target) -> anyhow::Result<(String, Vec<String>)> {
    if let Some(command) = std::env::var_os(OPENER_ENV).filter(|v| !v.is_empty()) {
        let command = command.to_string_lossy().into_owned();
        let mut words = shell_words::split(&command)
            .map_err(|e| {
                Failure::usage(crate::t!(
                    "handover-opener-invalid",
                    variable = OPENER_ENV,
                    command = command.as_str(),
                    reason = crate::i18n::error_text(&e)
                ))
            })?
            .into_iter();
        let program = words.next().ok_or_else(|| {
            Failure::usage(crate::t!("handover-opener-empty", variable = OPENER_ENV))
        })?;
        return Ok((program, words.collect()));
    }
    let candidates: &[&str] = match target {
        Target::Link => &["xdg-email", "xdg-open", "open"],
        Target::File => &["xdg-open", "open"],
    };
    candidates
        .iter()
        .find(|p| on_path(p))
        .map(|p| (p.to_string(), Vec::new()))
        .ok_or_else(|| {
            Failure::failed(crate::t!("handover-no-opener"))
                .hint(crate::t!("handover-no-opener-hint", variable = OPENER_ENV))
                .into()
        })
}

/// Whether an executable of that name is on `PATH`.
fn on_path(program: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|dir| dir.join(program).is_file()))
}
