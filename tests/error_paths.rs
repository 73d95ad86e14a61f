//! Error paths from a review, through the real binary: bad flags, bad
//! configuration, passwords that cannot be had, broken senders files and
//! campaigns, journals that cannot be kept, letters that fail to render.
//! Each case pins the exit code and the words of the message, and checks
//! that nothing was sent (the test server on 127.0.0.1 saw no connection)
//! and nothing was written. Also: the mbox that `preview --format eml`
//! prints for several letters, and clap's answers to a missing or unknown
//! command.

mod support;

use std::ffi::OsStr;
use std::os::unix::ffi::OsStrExt;
use std::path::Path;
use std::time::Duration;

use mail_parser::MessageParser;
use serde_json::Value;
use support::cli::{run, usage_error, Run, TestEnv};
use support::smtp::{self, ServerOptions, TestServer};

/// The sender of every configuration here.
const SENDER: &str = "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\n";

/// A plain test server (no TLS, no login) that nothing should reach.
fn server() -> TestServer {
    smtp::start(ServerOptions::plain())
}

/// A home whose configuration is `sender` and an `[smtp]` table for
/// 127.0.0.1:`port` with `security` and the further lines `extra`.
fn env_with(sender: &str, port: u16, security: &str, extra: &str) -> TestEnv {
    let env = TestEnv::new();
    env.write_config(&format!(
        "{sender}[smtp]\nhost = \"127.0.0.1\"\nport = {port}\nsecurity = \"{security}\"\n{extra}"
    ));
    env
}

/// `appeal send --yes …` (no password in the environment), with a time limit.
fn send(env: &TestEnv, args: &[&str]) -> assert_cmd::Command {
    let mut all = vec!["send", "--yes"];
    all.extend_from_slice(args);
    let mut cmd = env.cmd(&all);
    cmd.timeout(Duration::from_secs(20));
    cmd
}

/// Asserts that the server saw no connection and stored no message.
#[track_caller]
fn nothing_sent(server: &TestServer) {
    assert_eq!(server.connections(), 0, "the server was contacted");
    assert!(server.messages().is_empty(), "a message was sent");
}

/// The records in the journal folder (an empty, locked journal has none).
fn journal_records(env: &TestEnv) -> usize {
    let dir = env.state_dir().join("appeal").join("journal");
    std::fs::read_dir(&dir).map_or(0, |entries| {
        entries
            .map(|e| std::fs::read_to_string(e.unwrap().path()).unwrap_or_default())
            .map(|text| text.lines().filter(|l| !l.trim().is_empty()).count())
            .sum()
    })
}

/// Asserts that the run failed before the journal: no state was written.
#[track_caller]
fn no_state(env: &TestEnv) {
    assert!(
        !env.state_dir().exists(),
        "state written: {:?}",
        env.listing(".local/state/appeal/journal")
    );
}

/// `preview` with `args` (then `--format eml --out out`) fails with exit 2,
/// `needles` in stderr, and writes nothing in the working folder.
#[track_caller]
fn preview_refused(env: &TestEnv, args: &[&str], needles: &[&str]) -> Run {
    let mut all = vec!["preview"];
    all.extend_from_slice(args);
    all.extend(["--format", "eml", "--out", "out"]);
    let out = usage_error(&mut env.cmd(&all), needles);
    assert!(
        env.listing("work").is_empty(),
        "something was written: {:?}",
        env.listing("work")
    );
    out
}

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

// ---- 1–3: preview flags ----

#[test]
fn name_cannot_be_combined_with_senders() {
    let env = TestEnv::new();
    let csv = env.write("members.csv", "name,email\nAnna,anna@example.org\n");
    preview_refused(
        &env,
        &["--senders", path_str(&csv), "--name", "X"],
        &["`--name`/`--city` cannot be combined with `--senders`: the members' names come from the file"],
    );
}

#[test]
fn an_empty_to_selector_is_refused() {
    let env = TestEnv::new();
    preview_refused(
        &env,
        &["--name", "Erika", "--to", ""],
        &["error: `--to \"\"` is empty"],
    );
}

#[test]
fn out_naming_an_existing_file_is_refused_and_the_file_left_alone() {
    let env = TestEnv::new();
    let file = env.write("work/letters", "mine\n");
    let out = usage_error(
        &mut env.cmd(&[
            "preview", "--name", "Erika", "--format", "eml", "--out", "letters",
        ]),
        &["error: `letters` exists and is not a folder"],
    );
    assert!(!out.stderr.contains("panicked"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");
    assert_eq!(env.listing("work"), ["letters"]);
}

// ---- 4: send flags ----

#[test]
fn rates_that_are_not_rates_are_refused_before_anything_happens() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    for rate in [
        "fast",
        "5/day",
        "0/min",
        "1e-300/min",
        "1e300/min",
        "inf/min",
        "NaN/min",
        "-1/min",
    ] {
        usage_error(
            &mut send(&env, &[&format!("--rate={rate}")]),
            &[
                &format!("error: `--rate {rate}` is not a rate"),
                "hint: write it like `20/min`, `500/h` or `unlimited`",
            ],
        );
    }
    nothing_sent(&server);
    no_state(&env);
}

#[test]
fn retry_wait_must_be_seconds_from_0_to_3600() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    for value in ["inf", "NaN", "3601"] {
        usage_error(
            &mut send(&env, &["--retry-wait", value]),
            &[
                &format!("error: invalid value '{value}' for '--retry-wait <SECONDS>'"),
                &format!("`{value}` is not a number of seconds from 0 to 3600"),
            ],
        );
    }
    usage_error(
        &mut send(&env, &["--retry-wait=-1"]),
        &["error: invalid value '-1' for '--retry-wait <SECONDS>': `-1` is not a number of seconds from 0 to 3600"],
    );
    // Without `=`, clap takes `-1` for a flag of its own.
    usage_error(
        &mut send(&env, &["--retry-wait", "-1"]),
        &[
            "error: unexpected argument '-1' found",
            "Usage: appeal send",
        ],
    );
    nothing_sent(&server);
    no_state(&env);
}

#[test]
fn max_0_is_refused() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    usage_error(
        &mut send(&env, &["--max", "0"]),
        &["error: invalid value '0' for '--max <N>': 0 is not in 1.."],
    );
    nothing_sent(&server);
    no_state(&env);
}

// ---- 5: the [smtp] configuration ----

#[test]
fn a_blank_host_is_refused_by_every_command() {
    let env = TestEnv::new();
    let config = env.write_config(&format!("{SENDER}[smtp]\nhost = \" \"\n"));
    let message = format!("error: {}: `smtp.host` is empty", config.display());
    for args in [
        &["send", "--yes"][..],
        &["check"],
        &["preview", "--to", "barley"],
    ] {
        usage_error(&mut env.cmd(args), &[&message]);
    }
    no_state(&env);
}

#[test]
fn timeouts_must_be_positive() {
    let server = server();
    for (line, key) in [
        ("timeout = 0", "timeout"),
        ("timeout = -1.5", "timeout"),
        ("data_timeout = 0", "data_timeout"),
        ("timeout = 86401", "timeout"),
    ] {
        let env = env_with(SENDER, server.port(), "none", line);
        let message = format!(
            "error: {}: `smtp.{key}` must be a number of seconds between 0 and 86400",
            env.config_file().display()
        );
        usage_error(&mut send(&env, &[]), &[&message]);
        usage_error(&mut env.cmd(&["check"]), &[&message]);
        no_state(&env);
    }
    nothing_sent(&server);
}

#[test]
fn a_missing_ca_file_stops_before_connecting() {
    let server = server();
    let env = TestEnv::new();
    let ca = env.root().join("no-such-ca.pem");
    env.write_config(&format!(
        "{SENDER}[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"starttls\"\n\
         ca_file = '{}'\n",
        server.port(),
        ca.display()
    ));
    let message = format!("error: cannot read `ca_file` `{}`", ca.display());
    let out = run(&mut send(&env, &[]), 2);
    out.stderr_has(&[&message]);
    assert!(
        !out.stderr.contains("summary:"),
        "refused before the run starts: {}",
        out.stderr
    );
    nothing_sent(&server);
    assert_eq!(journal_records(&env), 0, "nothing recorded");
    run(&mut env.cmd(&["check"]), 2).stderr_has(&[&message]);
    nothing_sent(&server);
}

#[test]
fn a_ca_file_without_a_certificate_stops_before_connecting() {
    let server = server();
    let env = TestEnv::new();
    let ca = env.write("ca.pem", "this is no certificate\n");
    env.write_config(&format!(
        "{SENDER}[smtp]\nhost = \"127.0.0.1\"\nport = {}\nsecurity = \"tls\"\nca_file = '{}'\n",
        server.port(),
        ca.display()
    ));
    let message = format!(
        "error: `ca_file` `{}` holds no PEM certificate (-----BEGIN CERTIFICATE-----)",
        ca.display()
    );
    run(&mut send(&env, &[]), 2).stderr_has(&[&message]);
    nothing_sent(&server);
    assert_eq!(journal_records(&env), 0, "nothing recorded");
    run(&mut env.cmd(&["check"]), 2).stderr_has(&[&message]);
    nothing_sent(&server);
}

// ---- 6: the password ----

const USER_LINE: &str = "username = \"erika@example.org\"\n";

#[test]
fn no_password_and_no_terminal_says_how_to_give_one() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", USER_LINE);
    let needles = [
        "error: no password for `erika@example.org` and no terminal to ask on\nhint: set `APPEAL_SMTP_PASSWORD`, or `password_command` under [smtp] (e.g. `pass show mail/me`)\n",
    ];
    usage_error(&mut send(&env, &[]), &needles);
    usage_error(&mut env.cmd(&["check"]), &needles);
    // An empty variable counts as none.
    usage_error(send(&env, &[]).env("APPEAL_SMTP_PASSWORD", ""), &needles);
    nothing_sent(&server);
    assert_eq!(journal_records(&env), 0, "nothing recorded");
}

#[test]
fn a_password_command_with_unusable_output_is_refused_without_showing_it() {
    // (command as written in TOML, command as named in the message, what is
    // said). The multi-line one prints what `pass show` prints: the password,
    // then the rest of the entry; `tr` upper-cases it, so its output
    // (GEHEIM-WORT, LOGIN: ERIKA) is not in the command's own text.
    let cases: [(&str, &str, &[&str]); 3] = [
        ("true", "true", &["printed nothing"]),
        // TOML `\\` is one backslash: the command is `printf '\377'`.
        (
            "printf '\\\\377'",
            "printf '\\377'",
            &["printed something that is not UTF-8"],
        ),
        (
            "printf 'geheim-wort\\\\nlogin: erika\\\\n' | tr a-z A-Z",
            "printf 'geheim-wort\\nlogin: erika\\n' | tr a-z A-Z",
            &[
                "printed more than one line; its whole output would be taken as the password",
                "hint: make it print only the password, e.g. `pass show mail/erika | head -n 1`",
            ],
        ),
    ];
    for (toml, named, says) in cases {
        let server = server();
        let env = env_with(
            SENDER,
            server.port(),
            "none",
            &format!("{USER_LINE}password_command = \"{toml}\"\n"),
        );
        let error = format!("error: `password_command` `{named}` ");
        let mut needles = vec![error.as_str()];
        needles.extend_from_slice(says);
        let out = usage_error(&mut send(&env, &[]), &needles);
        assert!(!out.stderr.contains("GEHEIM-WORT") && !out.stderr.contains("LOGIN: ERIKA"));
        nothing_sent(&server);
        assert_eq!(journal_records(&env), 0, "nothing recorded");
    }
}

#[test]
fn a_password_variable_that_is_not_utf8_is_refused() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", USER_LINE);
    let bad = OsStr::from_bytes(b"geheim\xff");
    let message = ["error: `APPEAL_SMTP_PASSWORD` is not valid UTF-8"];
    usage_error(send(&env, &[]).env("APPEAL_SMTP_PASSWORD", bad), &message);
    usage_error(
        env.cmd(&["check"]).env("APPEAL_SMTP_PASSWORD", bad),
        &message,
    );
    nothing_sent(&server);
    assert_eq!(journal_records(&env), 0, "nothing recorded");
}

// ---- 7: senders files ----

/// Writes `bytes` as `members.csv` and returns its path as text.
fn members(env: &TestEnv, bytes: &[u8]) -> String {
    let path = env.root().join("members.csv");
    std::fs::write(&path, bytes).unwrap();
    path_str(&path).to_string()
}

#[test]
fn a_missing_senders_file_is_named() {
    let env = TestEnv::new();
    let path = env.root().join("nope.csv");
    let path = path_str(&path);
    preview_refused(
        &env,
        &["--senders", path],
        &[&format!("error: cannot open senders file `{path}`")],
    );
}

#[test]
fn a_bad_senders_file_is_named_with_its_line_and_problem() {
    // (contents, the message; `{path}` stands for the file's path)
    let cases: [(&[u8], &str); 7] = [
        // Other columns are ignored (tests/members.rs); one twice is not.
        (
            b"name,Name\nAnna,x\n",
            "error: senders file `{path}` has the name column more than once: `name`, `Name`",
        ),
        (
            b"name,email\n",
            "error: senders file `{path}` has a header but no members",
        ),
        (
            b"name,email\nAnna,anna@example.org,x\n",
            "`{path}` line 2: expected 2 fields, found 3",
        ),
        (
            b"name,email\nAnna,anna@example.org\n,bernd@example.org\n",
            "`{path}` line 3: column `name` is empty",
        ),
        // Latin-1 "Jürgen" in a file with UTF-8 "Köln" (a Latin-1 file
        // alone is read as Windows-1252: tests/members.rs).
        (
            b"name,city\nAnna,K\xc3\xb6ln\nJ\xfcrgen,Bonn\n",
            "`{path}` line 3: not valid UTF-8, though other lines are",
        ),
        // The same address in another case.
        (
            b"name,email\nAnna,anna@example.org\nAnna B.,ANNA@Example.ORG\n",
            "`{path}` line 3: the same member as line 2 (address `ANNA@Example.ORG`); each member once, please",
        ),
        // The same name twice, without an address.
        (
            b"name,email\nBen,\nAnna,anna@example.org\nben,\n",
            "`{path}` line 4: the same member as line 2 (name `ben`); each member once, please",
        ),
    ];
    for (bytes, message) in cases {
        let env = TestEnv::new();
        let path = members(&env, bytes);
        preview_refused(
            &env,
            &["--senders", &path],
            &[&message.replace("{path}", &path)],
        );
    }
}

#[test]
fn a_senders_file_with_bom_and_crlf_works() {
    let env = TestEnv::new();
    let path = members(
        &env,
        "\u{feff}name,email,city\r\nAnna,anna@example.org,Köln\r\nBernd,,Bonn\r\n".as_bytes(),
    );
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--senders",
            &path,
            "--to",
            "sonneborn",
            "--format",
            "json",
        ]),
        0,
    );
    let letters: Vec<Value> = out
        .stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(letters.len(), 2, "{}", out.stdout);
    assert_eq!(letters[0]["from"], "Anna <absender@appeal.invalid>");
    assert_eq!(letters[0]["reply_to"], "Anna <anna@example.org>");
    assert!(letters[0]["body"]
        .as_str()
        .unwrap()
        .ends_with("\nMit freundlichen Grüßen\nAnna\nKöln\n"));
    assert_eq!(letters[1]["from"], "Bernd <absender@appeal.invalid>");
    assert_eq!(letters[1]["reply_to"], Value::Null);
    assert!(letters[1]["body"]
        .as_str()
        .unwrap()
        .ends_with("\nMit freundlichen Grüßen\nBernd\nBonn\n"));
    for letter in &letters {
        assert_eq!(letter["to"], "martin.sonneborn@europarl.europa.eu");
        let text = letter.to_string();
        assert!(
            !text.contains("\\r") && !text.contains('\u{feff}') && !text.contains("\\ufeff"),
            "a stray CR or BOM: {text}"
        );
    }
    assert!(env.listing("work").is_empty());
}

// ---- 8: campaigns ----

const HEAD: &str = "[campaign]\nid = \"test\"\ntitle = \"Test\"\ntemplate = \"appeal.de.hbs\"\n";
const ANNA: &str = "\n[[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n";

/// Writes `text` as `campaign.toml` and returns its path as text.
fn recipients(env: &TestEnv, text: &str) -> String {
    path_str(&env.write("campaign.toml", text)).to_string()
}

#[test]
fn a_recipients_file_without_recipients_is_refused() {
    let env = TestEnv::new();
    let file = recipients(&env, HEAD);
    preview_refused(
        &env,
        &["--recipients", &file, "--name", "Erika"],
        &[&format!(
            "error: {file}: no `[[recipient]]` entries: the campaign has nobody to write to"
        )],
    );
}

#[test]
fn a_campaign_without_its_template_names_the_path() {
    let env = TestEnv::new();
    env.write(
        "kampagne/recipients.toml",
        &format!("[campaign]\nid = \"k\"\ntitle = \"K\"\ntemplate = \"brief.hbs\"\n{ANNA}"),
    );
    let dir = env.root().join("kampagne");
    let dir = path_str(&dir);
    preview_refused(
        &env,
        &["--campaign", dir, "--name", "Erika"],
        &[&format!(
            "error: template `{dir}/templates/brief.hbs` not found"
        )],
    );
}

/// With `--recipients FILE`, a template name that is neither built in nor
/// in `templates/` next to the file: the message should say that the
/// template is not built in and how to give one.
#[test]
fn a_recipients_file_naming_an_unknown_template_says_it_is_not_built_in() {
    let env = TestEnv::new();
    let file = recipients(
        &env,
        &format!("[campaign]\nid = \"test\"\ntitle = \"Test\"\ntemplate = \"brief.hbs\"\n{ANNA}"),
    );
    preview_refused(
        &env,
        &["--recipients", &file, "--name", "Erika"],
        &[
            "error: the campaign names template `brief.hbs`, which is not built in\nhint: give the template with `--template FILE`, put it in `templates/` beside the recipients file, or use `--campaign DIR`\n",
        ],
    );
}

#[test]
fn a_quoted_left_office_date_is_refused() {
    let env = TestEnv::new();
    let file = recipients(&env, &format!("{HEAD}{ANNA}left_office = \"2024-07-15\"\n"));
    preview_refused(
        &env,
        &["--recipients", &file, "--name", "Erika"],
        &[&format!(
            "error: {file}:6:1: recipient 1 (`Anna Beispiel`): `left_office` must be a date like 2024-07-15 (no quotes), found \"2024-07-15\""
        )],
    );
}

#[test]
fn a_bad_campaign_id_is_refused() {
    let env = TestEnv::new();
    for id in ["Bad Id!", "../x", ""] {
        let file = recipients(
            &env,
            &format!(
                "[campaign]\nid = \"{id}\"\ntitle = \"Test\"\ntemplate = \"appeal.de.hbs\"\n{ANNA}"
            ),
        );
        preview_refused(
            &env,
            &["--recipients", &file, "--name", "Erika"],
            &[&format!(
                "error: {file}:1:1: campaign id `{id}` may only use a-z, 0-9, `-`, `_` and `.` (it names the journal file)"
            )],
        );
    }
}

/// `preview --to barley` with the template `text` is refused with `needle`
/// after `template `<path>`: `.
fn template_refused(text: &str, needle: &str) {
    let env = TestEnv::new();
    let template = env.write("brief.hbs", text);
    let template = path_str(&template);
    preview_refused(
        &env,
        &["--template", template, "--name", "Erika", "--to", "barley"],
        &[&format!(
            "error: letter to `Katarina Barley`: template `{template}`: {needle}"
        )],
    );
}

#[test]
fn a_template_without_a_blank_line_is_refused() {
    let needle = "no blank line between the headers and the body";
    template_refused("Subject: Hallo\n{{greeting}}\nText\n", needle);
    template_refused("Subject: Hallo", needle);
}

#[test]
fn a_from_header_in_a_template_is_refused() {
    template_refused(
        "Subject: Hallo\nFrom: someone@example.org\n\n{{greeting}}\n",
        "unsupported header `From` (only `Subject:` goes in a template)",
    );
}

#[test]
fn a_template_with_only_a_subject_is_refused() {
    let needle = "the letter's body is empty";
    template_refused("Subject: Hallo\n\n", needle);
    template_refused("Subject: Hallo\n\n  \n\n", needle);
}

#[test]
fn a_title_with_a_line_break_is_refused() {
    let env = TestEnv::new();
    let file = recipients(
        &env,
        &format!(
            "{HEAD}\n[[recipient]]\nname = \"Anna Beispiel\"\ntitle = \"Dr.\\nBcc: x@example.org\"\n\
             email = \"anna@example.org\"\n"
        ),
    );
    preview_refused(
        &env,
        &["--recipients", &file, "--name", "Erika"],
        &[&format!(
            "error: {file}:6:1: recipient 1 (`Anna Beispiel`): `title` contains a control character (a line break)"
        )],
    );
}

// ---- 9: the journal ----

#[test]
fn a_journal_folder_that_cannot_be_created_stops_before_connecting() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    usage_error(
        &mut send(&env, &["--journal", "/proc/nope/j.jsonl"]),
        &["error: cannot create the journal folder `/proc/nope`"],
    );
    nothing_sent(&server);
    no_state(&env);
}

#[test]
fn a_journal_that_is_a_folder_is_named() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    let dir = env.root().join("journal-folder");
    std::fs::create_dir(&dir).unwrap();
    let dir = path_str(&dir);
    usage_error(
        &mut env.cmd(&["status", "--journal", dir]),
        &[&format!("error: cannot read the journal `{dir}`")],
    );
    // `send` reads the journal before it locks it (the lock waits for the
    // password), so it names the same failure as `status`.
    usage_error(
        &mut send(&env, &["--journal", dir]),
        &[&format!("error: cannot read the journal `{dir}`")],
    );
    nothing_sent(&server);
    assert!(env.listing("journal-folder").is_empty());
    no_state(&env);
}

#[test]
fn no_home_and_no_state_home_asks_for_journal() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    let needles = [
        "error: cannot tell where to keep the send journal: neither XDG_STATE_HOME nor HOME is set",
        "hint: pass `--journal FILE`",
    ];
    for args in [&["status"][..], &["send", "--yes"]] {
        let mut cmd = env.cmd(args);
        cmd.env("HOME", "").env_remove("XDG_STATE_HOME");
        usage_error(&mut cmd, &needles);
    }
    nothing_sent(&server);
    no_state(&env);
    // The hint works.
    let journal = env.root().join("j.jsonl");
    let mut cmd = env.cmd(&["status", "--journal", path_str(&journal)]);
    cmd.env("HOME", "").env_remove("XDG_STATE_HOME");
    run(&mut cmd, 0).stdout_has(&["pending:   5"]);
}

// ---- 10: send ----

#[test]
fn to_matching_only_former_members_is_refused() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    usage_error(
        &mut send(&env, &["--to", "breyer"]),
        &[
            "error: `--to breyer` matches only recipients who left office",
            "hint: pass --include-former to write to them anyway",
        ],
    );
    nothing_sent(&server);
    no_state(&env);
}

#[test]
fn a_template_failing_for_one_recipient_sends_nothing() {
    let server = server();
    let env = env_with(SENDER, server.port(), "none", "");
    let dir = env.write_campaign(
        "kampagne",
        "[campaign]\nid = \"test\"\ntitle = \"Test\"\ntemplate = \"brief.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n\n\
         [[recipient]]\nname = \"Bernd Beispiel\"\ntitle = \"Dr.\"\nemail = \"bernd@example.org\"\n",
        "brief.hbs",
        "Subject: Hallo\n\n{{greeting}}\n{{#if recipient.title}}{{recipient.nope}}{{/if}}\nText\n",
    );
    let template = dir.join("templates").join("brief.hbs");
    let mut cmd = send(&env, &[]);
    cmd.args(["--campaign", path_str(&dir)]);
    usage_error(
        &mut cmd,
        &[&format!(
            "error: letter to `Bernd Beispiel`: template `{}` line 4: unknown variable `recipient.nope`",
            template.display()
        )],
    );
    nothing_sent(&server);
    assert_eq!(journal_records(&env), 0, "nothing recorded");
}

// ---- 11: status without a name ----

#[test]
fn status_with_an_address_but_no_name_asks_for_nothing() {
    let server = server();
    let env = env_with(
        "[sender]\nemail = \"erika@example.org\"\n",
        server.port(),
        "none",
        "",
    );
    // One letter delivered, signed with a name given on the command line.
    run(
        &mut send(&env, &["--name", "Erika Mustermann", "--to", "sonneborn"]),
        0,
    );
    assert_eq!(server.messages().len(), 1);
    let out = run(&mut env.cmd(&["status"]), 0);
    out.stdout_has(&[
        "letters:   5",
        "delivered: 1",
        "pending:   4 (0 after a temporary failure, 4 not tried yet)",
    ]);
    assert!(out.stderr.is_empty(), "stderr: {}", out.stderr);
    let out = run(&mut env.cmd(&["status", "--format", "json"]), 0);
    let summary: Value = serde_json::from_str(out.stdout.trim()).unwrap();
    assert_eq!(summary["delivered"], 1);
    assert_eq!(summary["pending"], 4);
}

// ---- 12: eml on stdout ----

#[test]
fn several_eml_letters_on_stdout_are_an_mbox() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika",
            "--format",
            "eml",
            "--to",
            "barley",
            "--to",
            "sonneborn",
        ]),
        0,
    );
    assert!(
        out.stdout.starts_with("From appeal@appeal.invalid "),
        "{}",
        out.stdout
    );
    assert_eq!(
        out.stdout
            .lines()
            .filter(|l| l.starts_with("From appeal@appeal.invalid "))
            .count(),
        2
    );
    let letters: Vec<&str> = out.stdout.split("\nFrom ").collect();
    assert_eq!(letters.len(), 2);
    let to: Vec<String> = letters
        .iter()
        .map(|letter| {
            // Drop the `From ` separator line itself.
            let message = letter.split_once('\n').unwrap().1;
            let parsed = MessageParser::default()
                .parse(message.as_bytes())
                .expect("a message");
            assert!(support::is_built_in_subject(parsed.subject().unwrap()));
            parsed
                .to()
                .and_then(|a| a.first())
                .and_then(|a| a.address())
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        to,
        [
            "katarina.barley@europarl.europa.eu",
            "martin.sonneborn@europarl.europa.eu"
        ]
    );
    assert!(env.listing("work").is_empty());
}

#[test]
fn one_eml_letter_on_stdout_is_the_message_itself() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "preview",
            "--name",
            "Erika",
            "--format",
            "eml",
            "--to",
            "sonneborn",
        ]),
        0,
    );
    assert!(
        out.stdout
            .starts_with("From: Erika <absender@appeal.invalid>\r\n"),
        "{}",
        out.stdout
    );
    assert!(!out.stdout.lines().any(|l| l.starts_with("From ")));
    let parsed = MessageParser::default()
        .parse(out.stdout.as_bytes())
        .unwrap();
    assert_eq!(
        parsed
            .to()
            .and_then(|a| a.first())
            .and_then(|a| a.address()),
        Some("martin.sonneborn@europarl.europa.eu")
    );
}

// ---- 13: no command ----

#[test]
fn no_command_prints_the_usage_and_exits_2() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&[]), 2);
    assert!(out.stdout.is_empty(), "stdout: {}", out.stdout);
    out.stderr_has(&["Usage: appeal [OPTIONS] <COMMAND>", "preview", "send"]);
}

#[test]
fn an_unknown_command_is_named_and_exits_2() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["frobnicate"]), 2);
    assert!(out.stdout.is_empty(), "stdout: {}", out.stdout);
    out.stderr_has(&[
        "error: unrecognized subcommand 'frobnicate'",
        "Usage: appeal [OPTIONS] <COMMAND>",
    ]);
}
