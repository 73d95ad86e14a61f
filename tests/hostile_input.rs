//! Hostile or careless input through the real binary (issue 11 items 8 and
//! 10): control characters in a campaign's texts are refused when loading
//! and never printed raw; no configuration error shows the value of a
//! `password` key, however it is written.

mod support;

use std::path::Path;

use support::cli::{run, usage_error, TestEnv};

const TEMPLATE: &str = "Subject: Test\n\n{{greeting}}\n\nText.\n\n{{sender.name}}\n";

fn path_str(path: &Path) -> &str {
    path.to_str().expect("a UTF-8 path")
}

/// A campaign whose `[campaign]` title is `title` (TOML basic-string
/// syntax, so `\u001b` is an ESC).
fn campaign_with_title(env: &TestEnv, title: &str) -> String {
    let dir = env.write_campaign(
        "kampagne",
        &format!(
            "[campaign]\nid = \"test\"\ntitle = \"{title}\"\ntemplate = \"brief.de.hbs\"\n\n\
             [[recipient]]\nname = \"Anna Albers\"\nemail = \"mep1@example.org\"\n"
        ),
        "brief.de.hbs",
        TEMPLATE,
    );
    path_str(&dir).to_string()
}

#[test]
fn an_escape_in_the_campaign_title_is_refused_by_every_command_that_loads_it() {
    let env = TestEnv::new();
    env.write_config("[sender]\nname = \"Erika Mustermann\"\nemail = \"erika@example.org\"\n");
    let dir = campaign_with_title(&env, "Titel\\u001b]0;gehackt\\u0007");
    let expected = format!(
        "error: {dir}/recipients.toml:1:1: [campaign]: `title` contains a control character (`\\u{{1b}}`)\n"
    );
    // `recipients --check` reports what it finds with exit 1, by design.
    for (command, code) in [
        (&["recipients"][..], 2),
        (&["recipients", "--check"], 1),
        (&["preview"], 2),
        (&["status"], 2),
        (&["send", "--dry-run"], 2),
    ] {
        let mut args = vec!["--campaign", dir.as_str()];
        args.extend_from_slice(command);
        let out = run(&mut env.cmd(&args), code);
        assert_eq!(out.stdout, "", "{command:?}");
        assert_eq!(out.stderr, expected, "{command:?}");
    }
}

#[test]
fn a_c1_control_in_a_recipient_name_is_refused_and_shown_escaped() {
    let env = TestEnv::new();
    let dir = env.write_campaign(
        "kampagne",
        "[campaign]\nid = \"test\"\ntitle = \"T\"\ntemplate = \"brief.de.hbs\"\n\n\
         [[recipient]]\nname = \"Anna\\u009b2J Albers\"\nemail = \"mep1@example.org\"\n",
        "brief.de.hbs",
        TEMPLATE,
    );
    let dir = path_str(&dir);
    let out = usage_error(&mut env.cmd(&["--campaign", dir, "recipients"]), &[]);
    assert_eq!(
        out.stderr,
        format!(
            "error: {dir}/recipients.toml:6:1: recipient 1 (`Anna\\u{{9b}}2J Albers`): `name` contains a control character (`\\u{{9b}}`)\n"
        )
    );
    assert!(!out.stderr.contains('\u{9b}'));
}

/// `appeal check` with the configuration `text` (mode 0600): exit 2, the
/// whole of stderr returned; the secret `87654321` nowhere.
fn check_with_config(text: &str) -> String {
    let env = TestEnv::new();
    let path = env.write_config(text);
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = usage_error(&mut env.cmd(&["check"]), &[]);
    assert!(
        !out.stderr.contains("87654321") && !out.stdout.contains("87654321"),
        "the password was shown for {text:?}:\n{}",
        out.stderr
    );
    out.stderr.replace(&path.display().to_string(), "CONFIG")
}

/// The hint under every configuration error.
const HINT: &str =
    "hint: the keys are [sender] name, email, city, postcode, address and [smtp] host, port, security, \
username, password_command, password, ca_file, timeout, data_timeout, password_timeout, \
tls_fingerprint, auth, token_command; see the README's \
\"Configuration\" section\n";

#[test]
fn a_password_that_is_not_a_string_is_never_shown() {
    let not_shown =
        "`password` must be a string in quotes, e.g. `password = \"…\"` (the value is not shown)";
    let cases = [
        ("[smtp]\nhost = \"h\"\n'password' = 87654321\n", "3:14"),
        ("[smtp]\nhost = \"h\"\n\"password\" = 87654321\n", "3:14"),
        ("smtp = { host = \"h\", password = 87654321 }\n", "1:33"),
        ("smtp.host = \"h\"\nsmtp.password = 87654321\n", "2:17"),
        ("[smtp]\nhost = \"h\"\npassword = [87654321]\n", "3:12"),
        ("[smtp]\nhost = \"h\"\npassword = 87654321.0\n", "3:12"),
        ("[smtp]\nhost = \"h\"\npassword = true\n", "3:12"),
    ];
    for (text, at) in cases {
        assert_eq!(
            check_with_config(text),
            format!("error: CONFIG:{at}: {not_shown}\n{HINT}"),
            "{text:?}"
        );
    }
}

#[test]
fn a_password_quoted_by_another_error_is_hidden() {
    // The same text as the password, as the value of another key: serde's
    // message quotes it.
    assert_eq!(
        check_with_config(
            "[smtp]\nhost = \"h\"\npassword = \"87654321\"\nsecurity = \"87654321\"\n"
        ),
        format!(
            "error: CONFIG:4:12: unknown variant `(a password, not shown)`, expected one of `starttls`, `tls`, `none`\n{HINT}"
        )
    );
}

#[test]
fn an_escape_in_the_template_is_refused_with_its_place() {
    let env = TestEnv::new();
    let dir = env.write_campaign(
        "kampagne",
        "[campaign]\nid = \"test\"\ntitle = \"T\"\ntemplate = \"brief.de.hbs\"\n\n\
         [[recipient]]\nname = \"Anna Albers\"\nemail = \"mep1@example.org\"\n",
        "brief.de.hbs",
        "Subject: Test\n\n{{greeting}}\n\nText\u{1b}[8m unsichtbar.\n",
    );
    let dir = path_str(&dir);
    let out = usage_error(
        &mut env.cmd(&["--campaign", dir, "preview", "--name", "Erika"]),
        &[],
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: {dir}/templates/brief.de.hbs:5:5: the template contains a control character (`\\u{{1b}}`)\n"
        )
    );
}
