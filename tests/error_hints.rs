//! Error paths that no test triggered before, and hints that no test
//! asserted (issue 17): each case asserts the WHOLE message and its hint
//! (the last lines of stderr, from the start of the `error:` line) and the
//! exit code, so a changed word or a lost hint fails here.
//!
//! Files are made unreadable by making them folders, not by mode 000: CI
//! runs as root, which reads anything.

mod support;

use std::path::Path;

use support::cli::{run, TestEnv};

/// Asserts that the command exits with `code`, prints nothing on stdout,
/// and that stderr ends with exactly `expected` (whole lines).
#[track_caller]
fn fails_with(cmd: &mut assert_cmd::Command, code: i32, expected: &str) {
    let out = run(cmd, code);
    assert_eq!(out.stdout, "", "stdout");
    assert!(
        out.stderr == expected || out.stderr.ends_with(&format!("\n{expected}")),
        "stderr does not end with\n{expected}\nbut is\n{}",
        out.stderr
    );
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("temporary paths are UTF-8")
}

/// A configuration with a mail account on 127.0.0.1:1 (nothing listens:
/// the tests below stop before connecting).
fn account_config(env: &TestEnv) -> String {
    let path = env.write(
        "account.toml",
        "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\n\n[smtp]\nhost = \"127.0.0.1\"\nport = 1\nsecurity = \"starttls\"\nusername = \"erika@example.org\"\n",
    );
    path_str(&path).to_string()
}

const CHECK_THE_PATH: &str = "hint: check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign\n";

// ---- campaign files unreadable for a reason other than absence ----

#[test]
fn a_recipients_file_that_is_a_folder_is_named_with_the_reason() {
    let env = TestEnv::new();
    let dir = env.root().join("empfaenger.toml");
    std::fs::create_dir(&dir).unwrap();
    fails_with(
        &mut env.cmd(&["--recipients", path_str(&dir), "preview", "--name", "Erika"]),
        2,
        &format!(
            "error: cannot read recipients file `{}`: Is a directory (os error 21)\n{CHECK_THE_PATH}",
            dir.display()
        ),
    );
}

#[test]
fn a_campaign_whose_recipients_toml_is_a_folder_is_named_with_the_reason() {
    let env = TestEnv::new();
    let campaign = env.root().join("kampagne");
    std::fs::create_dir_all(campaign.join("recipients.toml")).unwrap();
    fails_with(
        &mut env.cmd(&["--campaign", path_str(&campaign), "preview", "--name", "Erika"]),
        2,
        &format!(
            "error: cannot read recipients file `{}`: Is a directory (os error 21)\n{CHECK_THE_PATH}",
            campaign.join("recipients.toml").display()
        ),
    );
}

#[test]
fn a_template_that_is_a_folder_is_named_with_the_reason() {
    let env = TestEnv::new();
    let dir = env.root().join("brief.hbs");
    std::fs::create_dir(&dir).unwrap();
    fails_with(
        &mut env.cmd(&["--template", path_str(&dir), "preview", "--name", "Erika"]),
        2,
        &format!(
            "error: cannot read template `{}`: Is a directory (os error 21)\n{CHECK_THE_PATH}",
            dir.display()
        ),
    );
}

#[test]
fn a_missing_campaign_folder_gets_the_check_the_path_hint() {
    let env = TestEnv::new();
    let dir = env.root().join("no-such-campaign");
    fails_with(
        &mut env.cmd(&["--campaign", path_str(&dir), "preview", "--name", "Erika"]),
        2,
        &format!(
            "error: recipients file `{}` not found\n{CHECK_THE_PATH}",
            dir.join("recipients.toml").display()
        ),
    );
}

#[test]
fn a_template_that_is_not_utf8_says_how_to_save_it() {
    let env = TestEnv::new();
    let path = env.root().join("brief.hbs");
    std::fs::write(&path, b"Subject: Brief\n\nSehr geehrte \xe4rztin\n").unwrap();
    fails_with(
        &mut env.cmd(&["--template", path_str(&path), "preview", "--name", "Erika"]),
        2,
        &format!(
            "error: template `{}` is not UTF-8 text\nhint: save it as UTF-8 (most editors offer this under \"Save as\" or \"Encoding\")\n",
            path.display()
        ),
    );
}

// ---- the senders file ----

#[test]
fn a_senders_file_whose_header_cannot_be_read_is_named() {
    let env = TestEnv::new();
    let dir = env.root().join("mitglieder.csv");
    std::fs::create_dir(&dir).unwrap();
    fails_with(
        &mut env.cmd(&["send", "--senders", path_str(&dir), "--dry-run"]),
        2,
        &format!(
            "error: cannot open senders file `{}`: Is a directory (os error 21)\n\
             hint: `--senders` takes the members file: a CSV file saved from your spreadsheet\n",
            dir.display()
        ),
    );
}

#[test]
fn an_empty_senders_file_says_what_the_first_line_must_be() {
    let env = TestEnv::new();
    let path = env.write("mitglieder.csv", "");
    fails_with(
        &mut env.cmd(&["send", "--senders", path_str(&path), "--dry-run"]),
        2,
        &format!(
            "error: senders file `{}` is empty\nhint: the first line must be a header such as `name,email,city,note` or `Name;E-Mail;Ort;Notiz` (separated by `,`, `;` or tabs); see the README's \"Group campaigns\" section\n",
            path.display()
        ),
    );
}

#[test]
fn a_senders_file_without_a_name_column_lists_what_it_found() {
    let env = TestEnv::new();
    let path = env.write("mitglieder.csv", "email,city\nanna@example.org,Köln\n");
    fails_with(
        &mut env.cmd(&["send", "--senders", path_str(&path), "--dry-run"]),
        2,
        &format!(
            "error: senders file `{}` has no `name` column (found: email, city)\nhint: the first line must be a header such as `name,email,city,note` or `Name;E-Mail;Ort;Notiz` (separated by `,`, `;` or tabs); see the README's \"Group campaigns\" section\n",
            path.display()
        ),
    );
}

// ---- the configuration ----

#[test]
fn a_configuration_that_cannot_be_read_is_named_with_the_hint() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_file()).unwrap();
    fails_with(
        &mut env.cmd(&["preview", "--name", "Erika", "--to", "barley"]),
        2,
        &format!(
            "error: cannot read configuration `{}`: Is a directory (os error 21)\nhint: run `appeal setup` to create it, or check `--config`/`APPEAL_CONFIG`\n",
            env.config_file().display()
        ),
    );
}

/// `appeal setup` on a pseudo-terminal (it refuses to run without one);
/// returns everything it printed and its exit code.
#[cfg(unix)]
fn setup_on_a_terminal(mut cmd: std::process::Command) -> (String, i32) {
    use rexpect::process::wait::WaitStatus;
    cmd.env("TERM", "xterm").env("NO_COLOR", "1");
    let mut p = rexpect::session::spawn_command(cmd, Some(20_000)).expect("spawn on a pty");
    let shown = p.exp_eof().expect("appeal setup ends by itself");
    let code = match p.process().wait().expect("wait for appeal") {
        WaitStatus::Exited(_, code) => code,
        other => panic!("appeal did not exit normally: {other:?}"),
    };
    (shown.replace("\r\n", "\n"), code)
}

#[cfg(unix)]
#[test]
fn setup_with_an_existing_configuration_it_cannot_read_stops_before_asking() {
    let env = TestEnv::new();
    std::fs::create_dir_all(env.config_file()).unwrap();
    let (shown, code) = setup_on_a_terminal(env.std_cmd(&["setup"]));
    assert_eq!(
        shown,
        format!(
            "error: cannot read `{}`: Is a directory (os error 21)\n",
            env.config_file().display()
        )
    );
    assert_eq!(code, 2);
    assert!(env.config_file().is_dir(), "left alone");
}

// ---- HOME unset ----

#[cfg(unix)]
#[test]
fn setup_without_home_asks_for_a_config_file() {
    let env = TestEnv::new();
    let mut cmd = env.std_cmd(&["setup"]);
    cmd.env_remove("HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME");
    let (shown, code) = setup_on_a_terminal(cmd);
    assert_eq!(
        shown,
        "error: cannot tell where the configuration belongs: HOME is not set\nhint: name the file with `--config FILE` or `APPEAL_CONFIG`\n"
    );
    assert_eq!(code, 2);
}

#[test]
fn send_without_home_asks_for_a_journal_and_sends_nothing() {
    let env = TestEnv::new();
    let config = account_config(&env);
    let mut cmd = env.cmd(&["--config", &config, "send", "--yes", "--to", "barley"]);
    cmd.env_remove("HOME")
        .env_remove("XDG_CONFIG_HOME")
        .env_remove("XDG_STATE_HOME")
        .env("APPEAL_SMTP_PASSWORD", "egal");
    fails_with(
        &mut cmd,
        2,
        "error: cannot tell where to keep the send journal: neither XDG_STATE_HOME nor HOME is set\nhint: pass `--journal FILE`\n",
    );
}

// ---- the journal ----

#[test]
fn a_journal_whose_unfinished_last_line_cannot_be_ended_stops_before_connecting() {
    // 512 bytes without a final newline (a crash mid-write), and no file may
    // grow past 512 bytes: ending that line fails as on a full disk.
    let env = TestEnv::new();
    let config = account_config(&env);
    let journal = env.write("j.jsonl", &"x".repeat(512));
    let mut cmd = env.cmd_with_file_limit(
        1,
        &[
            "--config",
            &config,
            "send",
            "--yes",
            "--to",
            "barley",
            "--journal",
            path_str(&journal),
        ],
    );
    cmd.env("APPEAL_SMTP_PASSWORD", "egal");
    fails_with(
        &mut cmd,
        2,
        &format!(
            "error: cannot write the journal `{}`: File too large (os error 27)\n",
            journal.display()
        ),
    );
    assert_eq!(std::fs::read(&journal).unwrap(), [b'x'; 512], "unchanged");
}

#[test]
fn a_damaged_journal_line_is_named_and_the_way_out_given() {
    let env = TestEnv::new();
    let config = account_config(&env);
    let journal = env.write("j.jsonl", "kaputt\n");
    let mut cmd = env.cmd(&[
        "--config",
        &config,
        "send",
        "--yes",
        "--to",
        "barley",
        "--journal",
        path_str(&journal),
    ]);
    cmd.env("APPEAL_SMTP_PASSWORD", "egal");
    fails_with(
        &mut cmd,
        2,
        &format!(
            "error: the journal `{}` is damaged at line 1: expected value at line 1 column 1\nhint: the journal is never rewritten by appeal; fix or move that line by hand, or use `--journal` to start a new one\n",
            journal.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&journal).unwrap(), "kaputt\n");
}

#[test]
fn a_journal_that_cannot_be_opened_for_reading_is_not_taken_for_an_empty_one() {
    // Only a journal that does not exist is empty; one that cannot be
    // opened (here: its folder is a file) is an error, or `status` would
    // call every letter pending.
    let env = TestEnv::new();
    let file = env.write("eine-datei", "");
    let journal = file.join("j.jsonl");
    fails_with(
        &mut env.cmd(&["status", "--name", "Erika", "--journal", path_str(&journal)]),
        2,
        &format!(
            "error: cannot read the journal `{}`: Not a directory (os error 20)\n",
            journal.display()
        ),
    );
}
