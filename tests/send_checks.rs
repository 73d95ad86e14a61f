//! What `send` checks before the first letter leaves, through the real
//! binary and the test SMTP server on 127.0.0.1 (tests written for mutants
//! that survived the mutation run of `src/send/mod.rs`, see mutants.md).

mod support;

use support::certs::make_certs;
use support::cli::{run, TestEnv};
use support::smtp::{self, ServerOptions};

const USER: &str = "erika@example.org";
const PASSWORD: &str = "Pr0be-Pa55wort!";

const RECIPIENTS: &str = r#"[campaign]
id = "stimmen"
title = "Gesichtserkennung verbieten"
template = "brief.de.hbs"

[[recipient]]
name = "Anna Albers"
salutation = "Frau"
email = "mep1@example.org"

[[recipient]]
name = "Bert Brandt"
salutation = "Herr"
email = "mep2@example.org"

[[recipient]]
name = "Clara Conrad"
salutation = "Frau"
email = "mep3@example.org"
"#;

/// Two wordings of a sentence; the second names a variable no letter has,
/// so only the letters that get it fail (Bert Brandt's, the second).
const TEMPLATE_FAILING_FOR_ONE: &str = "Subject: Betreff für alle\n\n{{greeting}}\n\n\
{{#variants}}\nerstens.\n{{or}}\nzweitens {{nosuch}}.\n{{/variants}}\n\n{{sender.name}}\n";

#[test]
fn a_letter_that_cannot_be_rendered_stops_the_run_before_the_first_letter_leaves() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = TestEnv::for_erika(server.port(), "starttls", &certs, "");
    let dir = env.write_campaign(
        "kampagne",
        RECIPIENTS,
        "brief.de.hbs",
        TEMPLATE_FAILING_FOR_ONE,
    );
    let dir = dir.to_str().unwrap();
    let out = run(
        env.cmd(&["send", "--campaign", dir, "--yes"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD),
        2,
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: letter to `Bert Brandt`: template `{dir}/templates/brief.de.hbs` line 8: \
             unknown variable `nosuch` (known: greeting, recipient.name, recipient.salutation, \
             recipient.title, recipient.email, recipient.party, sender.name, sender.email, \
             sender.city, sender.postcode, sender.address, note, campaign.id, campaign.title, \
             date)\n"
        )
    );
    // Anna Albers' letter, first in campaign order and fine on its own,
    // did not go out either.
    assert_eq!(server.messages().len(), 0);
    assert!(
        env.listing(env.state_dir().join("appeal")).is_empty(),
        "no journal for a run that sent nothing"
    );
}

#[test]
fn the_summary_shows_the_first_letters_subject() {
    let certs = make_certs();
    let env = TestEnv::for_erika(2525, "starttls", &certs, "");
    let template = "Subject: Ein Verbot, jetzt\n\n{{greeting}}\n\nbitte.\n\n{{sender.name}}\n";
    let dir = env.write_campaign("kampagne", RECIPIENTS, "brief.de.hbs", template);
    let dir = dir.to_str().unwrap();
    run(&mut env.cmd(&["send", "--campaign", dir, "--dry-run"]), 0)
        .stderr_has(&["\nsubject:   Ein Verbot, jetzt\n"]);

    let varied = "{{#variants}}\nSubject: Erster Betreff\n{{or}}\nSubject: Zweiter Betreff\n\
                  {{/variants}}\n\n{{greeting}}\n\nbitte.\n\n{{sender.name}}\n";
    env.write_campaign("kampagne", RECIPIENTS, "brief.de.hbs", varied);
    let out = run(&mut env.cmd(&["send", "--campaign", dir, "--dry-run"]), 0);
    let line = out
        .stderr
        .lines()
        .find(|l| l.starts_with("subject:"))
        .unwrap_or_else(|| panic!("no subject line in:\n{}", out.stderr));
    assert!(
        line == "subject:   Erster Betreff (the first letter's: the template offers variants, each letter gets one)"
            || line == "subject:   Zweiter Betreff (the first letter's: the template offers variants, each letter gets one)",
        "{line}"
    );
}

/// The summary lines of a dry run of the built-in campaign (5 letters).
/// No connection is made: the configured port has no server.
fn dry_run_stderr(extra: &[&str]) -> String {
    let env = TestEnv::for_erika(2525, "starttls", &make_certs(), "");
    let mut args = vec!["send", "--dry-run"];
    args.extend_from_slice(extra);
    run(&mut env.cmd(&args), 0).stderr
}

#[test]
fn a_dry_run_names_what_max_leaves_only_when_it_leaves_something() {
    let held = dry_run_stderr(&["--max", "2"]);
    assert!(
        held.ends_with(
            "dry run: 2 letters would be sent; nothing was sent and no connection was made\n\
             --max 2 leaves 3 letters for later runs\n"
        ),
        "{held}"
    );
    let all = dry_run_stderr(&["--max", "9"]);
    assert!(
        all.ends_with(
            "dry run: 5 letters would be sent; nothing was sent and no connection was made\n"
        ),
        "{all}"
    );
    assert!(!all.contains("--max"), "{all}");
}

#[test]
fn an_unpaced_run_shows_no_pace_line_and_a_paced_one_does() {
    let unpaced = dry_run_stderr(&["--rate", "unlimited"]);
    assert!(
        !unpaced.lines().any(|l| l.starts_with("pace:")),
        "{unpaced}"
    );
    let paced = dry_run_stderr(&["--rate", "6/min"]);
    assert!(
        paced.contains("\npace:      6/min, no limit per recipient (about "),
        "{paced}"
    );
}

#[test]
fn the_summary_before_sending_lists_each_recipient_once() {
    let certs = make_certs();
    let server = smtp::start(ServerOptions::starttls(&certs, USER, PASSWORD));
    let env = TestEnv::for_erika(server.port(), "starttls", &certs, "");
    let out = run(
        env.cmd(&["send", "--yes", "--rate", "unlimited"])
            .env("APPEAL_SMTP_PASSWORD", PASSWORD),
        0,
    );
    let listed: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("  to "))
        .collect();
    assert_eq!(
        listed,
        [
            "  to Dr. Katarina Barley <katarina.barley@europarl.europa.eu>",
            "  to Lena Düpont <lena.duepont@europarl.europa.eu>",
            "  to Moritz Körner <moritz.koerner@europarl.europa.eu>",
            "  to Birgit Sippel <birgit.sippel@europarl.europa.eu>",
            "  to Martin Sonneborn <martin.sonneborn@europarl.europa.eu>",
        ],
        "{}",
        out.stderr
    );
    assert_eq!(server.messages().len(), 5);
}

#[test]
fn require_note_holds_for_a_single_senders_dry_run() {
    let env = TestEnv::for_erika(2525, "starttls", &make_certs(), "");
    let out = run(&mut env.cmd(&["send", "--dry-run", "--require-note"]), 2);
    // After the notice naming the built-in campaign's former members.
    assert!(
        out.stderr.ends_with(
            "\nerror: --require-note: your letter has no personal paragraph\n\
             hint: write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note\n"
        ),
        "{}",
        out.stderr
    );
    let with_note = run(
        &mut env.cmd(&[
            "send",
            "--dry-run",
            "--require-note",
            "--note",
            "Mein Satz.",
        ]),
        0,
    );
    assert!(
        with_note.stderr.contains(
            "dry run: 5 letters would be sent; nothing was sent and no connection was made\n"
        ),
        "{}",
        with_note.stderr
    );
}

#[test]
fn require_note_refuses_before_the_password_is_looked_for() {
    // No password anywhere and no terminal to ask on: the missing
    // paragraph is what the user hears about, before any password step.
    let env = TestEnv::for_erika(2525, "starttls", &make_certs(), "");
    let out = run(&mut env.cmd(&["send", "--yes", "--require-note"]), 2);
    assert!(
        out.stderr.ends_with(
            "\nerror: --require-note: your letter has no personal paragraph\n\
             hint: write one with `--note TEXT`, `--note-file FILE` or `--edit`, or leave out --require-note\n"
        ),
        "{}",
        out.stderr
    );
}
