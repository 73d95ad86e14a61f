//! Bad input through the real binary: every case exits 2, says what is
//! wrong and where (file, line, column, the offending key, value or
//! recipient), and writes nothing — `preview --out` must not even create
//! its folder. Also: where the sender comes from (flags, configuration
//! file, `APPEAL_CONFIG`, `--config`).

mod support;

use serde_json::Value;

use support::cli::{run, usage_error, TestEnv};

/// Runs `args` followed by `preview --format eml --out out`, expects exit
/// 2, nothing on stdout, nothing written in the working folder, and every
/// needle in stderr. Returns stderr.
fn refused(env: &TestEnv, args: &[&str], needles: &[&str]) -> String {
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--format", "eml", "--out", "out"]);
    let out = usage_error(&mut env.cmd(&all), needles);
    assert!(
        !env.work_dir().join("out").exists(),
        "`--out` folder created despite the error"
    );
    assert!(
        env.listing("work").is_empty(),
        "something was written: {:?}",
        env.listing("work")
    );
    out.stderr
}

/// A campaign head that uses the built-in letter.
const HEAD: &str = "[campaign]\nid = \"test\"\ntitle = \"Test\"\ntemplate = \"appeal.de.hbs\"\n";

fn recipients_file(env: &TestEnv, body: &str) -> String {
    env.write("campaign.toml", &format!("{HEAD}{body}"))
        .to_str()
        .unwrap()
        .to_string()
}

// ---- the recipients file ----

#[test]
fn broken_toml_names_file_line_and_column() {
    let env = TestEnv::new();
    // Line 7: the string is never closed.
    let file = recipients_file(
        &env,
        "\n[[recipient]]\nname = \"Anna Beispiel\nemail = \"anna@example.org\"\n",
    );
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &[&format!("{file}:7:"), "string"],
    );
}

#[test]
fn unknown_key_is_named_with_the_allowed_keys() {
    let env = TestEnv::new();
    let file = recipients_file(
        &env,
        "\n[[recipient]]\nname = \"Anna Beispiel\"\nemial = \"anna@example.org\"\n",
    );
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &[
            &format!("{file}:8:1:"),
            "unknown field `emial`",
            "`name`",
            "`email`",
            "`salutation`",
            "`left_office`",
            "Anna Beispiel",
        ],
    );
}

#[test]
fn invalid_address_names_the_recipient() {
    let env = TestEnv::new();
    let file = recipients_file(
        &env,
        "\n[[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna(at)example.org\"\n",
    );
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &[
            &format!("{file}:6:"),
            "recipient 1 (`Anna Beispiel`)",
            "`anna(at)example.org` is not a valid address",
        ],
    );
}

#[test]
fn missing_address_names_the_recipient() {
    let env = TestEnv::new();
    let file = recipients_file(&env, "\n[[recipient]]\nname = \"Anna Beispiel\"\n");
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &["Anna Beispiel", "missing field `email`"],
    );
}

#[test]
fn duplicate_address_names_both_recipients() {
    let env = TestEnv::new();
    let file = recipients_file(
        &env,
        "\n[[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n\
         \n[[recipient]]\nname = \"Bernd Doppelt\"\nemail = \"Anna@Example.org\"\n",
    );
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &[
            &format!("{file}:10:"),
            "`Bernd Doppelt`",
            "`Anna@Example.org` is already used by `Anna Beispiel`",
        ],
    );
}

#[test]
fn every_problem_of_the_file_is_listed_at_once() {
    let env = TestEnv::new();
    let file = recipients_file(
        &env,
        "\n[[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@\"\n\
         \n[[recipient]]\nname = \"Bernd Beispiel\"\nemail = \"bernd@example.org\"\nparty = 3\n",
    );
    refused(
        &env,
        &["--recipients", &file, "preview", "--name", "Erika"],
        &["2 problems found", "Anna Beispiel", "Bernd Beispiel"],
    );
}

// ---- the template ----

#[test]
fn unknown_template_variable_names_it_and_the_line() {
    let env = TestEnv::new();
    let template = env.write(
        "brief.hbs",
        "Subject: Hallo\n\n{{greeting}}\n\nIhr Name ist {{recipient.nmae}}.\n",
    );
    let template = template.to_str().unwrap();
    refused(
        &env,
        &["--template", template, "preview", "--name", "Erika"],
        &[
            &format!("template `{template}` line 5"),
            "unknown variable `recipient.nmae`",
            "recipient.name",
        ],
    );
}

#[test]
fn a_misspelt_variable_in_if_or_unless_is_an_error_too() {
    // handlebars' own `if` would take it as false and drop the paragraph.
    for (line, block) in [
        ("{{#if recipient.titel}}Titel{{/if}}", "recipient.titel"),
        (
            "{{#unless sender.citty}}ohne Ort{{/unless}}",
            "sender.citty",
        ),
    ] {
        let env = TestEnv::new();
        let template = env.write(
            "brief.hbs",
            &format!("Subject: Hallo\n\n{{{{greeting}}}}\n\n{line}\n"),
        );
        let template = template.to_str().unwrap();
        refused(
            &env,
            &["--template", template, "preview", "--name", "Erika"],
            &[
                &format!("template `{template}` line 5"),
                &format!("unknown variable `{block}`"),
            ],
        );
    }
}

#[test]
fn optional_values_that_are_absent_are_simply_false_in_if() {
    // `sender.city` is not given: present as null, so no error.
    let env = TestEnv::new();
    let template = env.write(
        "brief.hbs",
        "Subject: Hallo\n\n{{greeting}}\n\n{{#if sender.city}}aus {{sender.city}}{{else}}ohne Ort{{/if}}\n",
    );
    run(
        &mut env.cmd(&[
            "--template",
            template.to_str().unwrap(),
            "preview",
            "--name",
            "Erika",
        ]),
        0,
    )
    .stdout_has(&["ohne Ort"]);
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let env = TestEnv::new();
    // Line 5: `{{sender.name}` is never closed.
    let template = env.write(
        "brief.hbs",
        "Subject: Hallo\n\n{{greeting}}\n\nText {{sender.name}\n\nEnde\n",
    );
    let template = template.to_str().unwrap();
    refused(
        &env,
        &["--template", template, "preview", "--name", "Erika"],
        &[
            &format!("template `{template}` line 5"),
            "handlebars syntax",
        ],
    );
}

/// `--out sub/out` leaves no empty `sub/` behind when a letter fails.
#[test]
fn a_letter_that_fails_to_render_leaves_no_folder_behind() {
    let env = TestEnv::new();
    let template = env.write(
        "brief.hbs",
        "Subject: Hallo\n\n{{greeting}}\n\nIhr Name ist {{recipient.nmae}}.\n",
    );
    run(
        &mut env.cmd(&[
            "--template",
            template.to_str().unwrap(),
            "preview",
            "--name",
            "Erika",
            "--out",
            "sub/out",
        ]),
        2,
    )
    .stderr_has(&["unknown variable `recipient.nmae`"]);
    assert!(
        env.listing("work").is_empty(),
        "left behind: {:?} (sub/: {:?})",
        env.listing("work"),
        env.listing("work/sub")
    );
}

#[test]
fn template_without_subject_is_refused() {
    let env = TestEnv::new();
    let template = env.write("brief.hbs", "{{greeting}}\n\nText\n");
    let template = template.to_str().unwrap();
    refused(
        &env,
        &["--template", template, "preview", "--name", "Erika"],
        &[&format!(
            "template `{template}`: header line `Sehr geehrte Frau Dr. Barley,` has no `:`"
        )],
    );
}

#[test]
fn a_recipients_file_that_is_not_utf8_says_how_to_save_it() {
    // `München` in Latin-1, as an old spreadsheet export would save it.
    let env = TestEnv::new();
    let file = env.root().join("empfaenger.toml");
    std::fs::write(
        &file,
        b"[campaign]\nid = \"x\"\ntitle = \"M\xfcnchen\"\ntemplate = \"t.hbs\"\n",
    )
    .unwrap();
    let file = file.to_str().unwrap();
    refused(
        &env,
        &["--recipients", file, "preview", "--name", "Erika"],
        &[
            &format!("error: recipients file `{file}` is not UTF-8 text"),
            "hint: save it as UTF-8",
        ],
    );
}

#[test]
fn a_campaign_table_without_template_names_the_field() {
    let env = TestEnv::new();
    let file = env.write(
        "empfaenger.toml",
        "[campaign]\nid = \"x\"\ntitle = \"T\"\n\n[[recipient]]\nname = \"A B\"\nemail = \"a@example.org\"\n",
    );
    let file = file.to_str().unwrap();
    refused(
        &env,
        &["--recipients", file, "preview", "--name", "Erika"],
        &[&format!(
            "error: {file}:1:1: [campaign]: missing field `template`"
        )],
    );
}

#[test]
fn a_full_disk_while_writing_letters_leaves_no_folder_behind() {
    // 512 bytes per file: the first letter cannot be written.
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd_with_file_limit(
            1,
            &[
                "preview", "--name", "Erika", "--format", "eml", "--out", "out",
            ],
        ),
        2,
    );
    out.stderr_has(&["error: writing a letter: File too large"]);
    assert!(
        env.listing("work").is_empty(),
        "left behind: {:?}",
        env.listing("work")
    );
}

// ---- missing files ----

#[test]
fn missing_campaign_folder_names_the_path() {
    let env = TestEnv::new();
    let dir = env.root().join("no-such-campaign");
    let dir = dir.to_str().unwrap();
    refused(
        &env,
        &["--campaign", dir, "preview", "--name", "Erika"],
        &[&format!(
            "error: recipients file `{dir}/recipients.toml` not found\nhint: check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign\n"
        )],
    );
}

#[test]
fn missing_recipients_file_names_the_path() {
    let env = TestEnv::new();
    let file = env.root().join("nope.toml");
    let file = file.to_str().unwrap();
    refused(
        &env,
        &["--recipients", file, "preview", "--name", "Erika"],
        &[&format!("error: recipients file `{file}` not found\nhint: check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign\n")],
    );
}

#[test]
fn missing_template_file_names_the_path() {
    let env = TestEnv::new();
    let file = env.root().join("nope.hbs");
    let file = file.to_str().unwrap();
    refused(
        &env,
        &["--template", file, "preview", "--name", "Erika"],
        &[&format!("error: template `{file}` not found\nhint: check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign\n")],
    );
}

#[test]
fn campaign_folder_without_its_template_names_the_path() {
    let env = TestEnv::new();
    env.write(
        "kampagne/recipients.toml",
        "[campaign]\nid = \"k\"\ntitle = \"K\"\ntemplate = \"brief.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Beispiel\"\nemail = \"anna@example.org\"\n",
    );
    let dir = env.root().join("kampagne");
    let dir = dir.to_str().unwrap();
    refused(
        &env,
        &["--campaign", dir, "preview", "--name", "Erika"],
        &[&format!("error: template `{dir}/templates/brief.hbs` not found\nhint: check the path, or leave out `--campaign`/`--recipients`/`--template` to use the built-in campaign\n")],
    );
}

// ---- the sender ----

#[test]
fn name_with_cr_lf_is_refused() {
    let env = TestEnv::new();
    refused(
        &env,
        &["preview", "--name", "Erika\r\nBcc: victim@example.org"],
        &["name", "control character"],
    );
}

#[test]
fn empty_name_is_refused() {
    let env = TestEnv::new();
    refused(
        &env,
        &["preview", "--name", "   "],
        &["error: the sender's name is empty\n"],
    );
}

#[test]
fn a_101_character_name_is_refused_and_100_are_fine() {
    let env = TestEnv::new();
    let long = "x".repeat(101);
    refused(
        &env,
        &["preview", "--name", &long],
        &["error: the sender's name is longer than 100 characters\n"],
    );
    let ok = "ä".repeat(100);
    env.cmd(&["preview", "--name", &ok, "--to", "barley"])
        .assert()
        .code(0);
}

#[test]
fn invalid_email_is_refused() {
    let env = TestEnv::new();
    refused(
        &env,
        &["preview", "--name", "Erika", "--email", "erika@"],
        &["error: `erika@` is not a valid email address (Invalid email domain)\n"],
    );
}

#[test]
fn city_with_a_newline_is_refused() {
    let env = TestEnv::new();
    refused(
        &env,
        &["preview", "--name", "Erika", "--city", "Köln\nBcc: x"],
        &["city", "control character"],
    );
}

#[test]
fn no_name_and_no_terminal_exits_2_saying_how_to_give_one() {
    let env = TestEnv::new();
    refused(
        &env,
        &["preview"],
        &["error: no sender name given\nhint: pass `--name \"Your Name\"`, or set `name` under [sender] in the configuration (`appeal setup`)\n"],
    );
}

// ---- the configuration file ----

#[test]
fn broken_config_names_file_line_and_key() {
    let env = TestEnv::new();
    let path = env.write_config("[sender]\nname = \"Erika\"\nnmae = \"Erika\"\n");
    refused(
        &env,
        &["preview"],
        &[
            &format!(
                "error: {}:3:1: unknown field `nmae`, expected one of `name`, `email`, `city`, `postcode`, `address`\n",
                path.display()
            ),
            "\nhint: the keys are [sender] name, email, city, postcode, address and [smtp] host, port, security, username, password_command, password, ca_file, timeout, data_timeout, password_timeout, tls_fingerprint, auth, token_command; see the README's \"Configuration\" section\n",
        ],
    );
}

#[test]
fn config_toml_syntax_error_names_file_and_line() {
    let env = TestEnv::new();
    let path = env.write_config("[sender\nname = \"Erika\"\n");
    refused(
        &env,
        &["preview", "--name", "Erika"],
        &[&format!("{}:1:", path.display())],
    );
}

#[test]
fn config_with_a_bad_sender_email_is_refused() {
    let env = TestEnv::new();
    let path = env.write_config("[sender]\nname = \"Erika\"\nemail = \"erika(at)example.org\"\n");
    refused(
        &env,
        &["preview"],
        &[&path.display().to_string(), "sender.email"],
    );
}

#[test]
fn config_option_pointing_at_a_missing_file_exits_2() {
    let env = TestEnv::new();
    let missing = env.root().join("missing.toml");
    let missing = missing.to_str().unwrap();
    refused(
        &env,
        &["--config", missing, "preview", "--name", "Erika"],
        &[&format!(
            "error: cannot read configuration `{missing}`: No such file or directory (os error 2)\nhint: run `appeal setup"
        ),
        // (the command may name the file: `appeal setup --config …`)
        " to create it, or check `--config`/`APPEAL_CONFIG`\n"],
    );
}

#[test]
fn appeal_config_pointing_at_a_missing_file_exits_2() {
    let env = TestEnv::new();
    let missing = env.root().join("missing.toml");
    run(
        env.cmd(&["preview", "--name", "Erika", "--out", "out"])
            .env("APPEAL_CONFIG", &missing),
        2,
    )
    .stderr_has(&[&missing.display().to_string()]);
    assert!(env.listing("work").is_empty());
}

/// The one letter to Barley as JSON.
fn barley(env: &TestEnv, cmd: &mut assert_cmd::Command) -> Value {
    let stdout = run(cmd, 0).stdout;
    let mut lines = stdout.lines();
    let letter: Value = serde_json::from_str(lines.next().unwrap()).unwrap();
    assert!(lines.next().is_none());
    assert!(env.listing("work").is_empty());
    letter
}

const CONFIG: &str =
    "[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\ncity = \"Köln\"\n";

fn assert_signed(letter: &Value, from: &str, signature: &str) {
    assert_eq!(letter["from"], from);
    let body = letter["body"].as_str().unwrap();
    assert!(
        body.ends_with(&format!("\nMit freundlichen Grüßen\n{signature}\n")),
        "{body}"
    );
}

#[test]
fn sender_comes_from_the_config_file() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let letter = barley(
        &env,
        &mut env.cmd(&["preview", "--format", "json", "--to", "barley"]),
    );
    assert_signed(
        &letter,
        "Erika Mustermann <erika@example.org>",
        "Erika Mustermann\nKöln",
    );
    assert!(letter["message_id"]
        .as_str()
        .unwrap()
        .ends_with("@example.org>"));
}

#[test]
fn flags_win_over_the_config_file() {
    let env = TestEnv::new();
    env.write_config(CONFIG);
    let letter = barley(
        &env,
        &mut env.cmd(&[
            "preview",
            "--format",
            "json",
            "--to",
            "barley",
            "--name",
            "Max Muster",
            "--email",
            "max@example.net",
            "--city",
            "Bonn",
        ]),
    );
    assert_signed(&letter, "Max Muster <max@example.net>", "Max Muster\nBonn");
    // Only the name given: address and city still from the file.
    let letter = barley(
        &env,
        &mut env.cmd(&[
            "preview",
            "--format",
            "json",
            "--to",
            "barley",
            "--name",
            "Max Muster",
        ]),
    );
    assert_signed(
        &letter,
        "Max Muster <erika@example.org>",
        "Max Muster\nKöln",
    );
}

#[test]
fn appeal_config_is_honoured() {
    let env = TestEnv::new();
    let path = env.write("elsewhere/appeal.toml", CONFIG);
    let letter = barley(
        &env,
        env.cmd(&["preview", "--format", "json", "--to", "barley"])
            .env("APPEAL_CONFIG", &path),
    );
    assert_signed(
        &letter,
        "Erika Mustermann <erika@example.org>",
        "Erika Mustermann\nKöln",
    );
}

#[test]
fn appeal_config_wins_over_the_default_file_and_config_option_over_both() {
    let env = TestEnv::new();
    env.write_config("[sender]\nname = \"Aus XDG\"\n");
    let from_env = env.write("env.toml", "[sender]\nname = \"Aus APPEAL_CONFIG\"\n");
    let from_flag = env.write("flag.toml", "[sender]\nname = \"Aus --config\"\n");
    let letter = barley(
        &env,
        env.cmd(&["preview", "--format", "json", "--to", "barley"])
            .env("APPEAL_CONFIG", &from_env),
    );
    assert_signed(
        &letter,
        "Aus APPEAL_CONFIG <absender@appeal.invalid>",
        "Aus APPEAL_CONFIG",
    );
    let flag = from_flag.to_str().unwrap();
    let letter = barley(
        &env,
        env.cmd(&[
            "preview", "--format", "json", "--to", "barley", "--config", flag,
        ])
        .env("APPEAL_CONFIG", &from_env),
    );
    assert_signed(
        &letter,
        "Aus --config <absender@appeal.invalid>",
        "Aus --config",
    );
}

#[test]
fn config_file_is_read_from_xdg_config_home_not_the_working_folder() {
    let env = TestEnv::new();
    // A config.toml lying around in the working folder means nothing.
    env.write("work/config.toml", "this is = not [toml");
    run(
        &mut env.cmd(&["preview", "--name", "Erika", "--to", "barley"]),
        0,
    );
    assert!(env.work_dir().join("config.toml").exists());
}

#[test]
fn connections_outside_1_to_16_are_refused_by_the_parser() {
    let env = TestEnv::new();
    for n in ["0", "17"] {
        let out = run(&mut env.cmd(&["send", "--dry-run", "--connections", n]), 2);
        out.stderr_has(&[&format!(
            "error: invalid value '{n}' for '--connections <N>': {n} is not in 1..=16"
        )]);
    }
}

#[test]
fn version_prints_the_name_and_version() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["--version"]), 0);
    assert_eq!(
        out.stdout.trim(),
        format!("appeal {}", env!("CARGO_PKG_VERSION"))
    );
}
