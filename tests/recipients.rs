//! `appeal recipients` end to end: the table, the JSON listing, and
//! `--check`, which must list every problem of a campaign at once.

mod support;

use serde_json::Value;

use support::cli::{run, TestEnv};

/// The built-in recipients: name as listed, party, role today, and the
/// IN OFFICE cell (as of 2026: three left Parliament on 2024-07-15, Terry
/// Reintke left LIBE, Katarina Barley is a substitute member now).
const BUILT_IN: [(&str, &str, &str, &str); 9] = [
    ("Dr. Katarina Barley", "SPD", "substitute", "yes"),
    (
        "Karolin Braunsberger-Reinhold",
        "CDU",
        "member",
        "no (left 2024-07-15)",
    ),
    (
        "Dr. Patrick Breyer",
        "Piratenpartei",
        "member",
        "no (left 2024-07-15)",
    ),
    ("Lena Düpont", "CDU", "member", "yes"),
    (
        "Dr. Cornelia Ernst",
        "Die Linke",
        "member",
        "no (left 2024-07-15)",
    ),
    ("Moritz Körner", "FDP (Renew)", "member", "yes"),
    (
        "Terry Reintke",
        "Grüne",
        "MEP, not on LIBE",
        "no (role ended 2024-07-15)",
    ),
    ("Birgit Sippel", "SPD", "member", "yes"),
    ("Martin Sonneborn", "Die PARTEI", "member", "yes"),
];

/// What `appeal recipients` says under the built-in list.
const BUILT_IN_NOTE: &str = "\
note: this is Amnesty International's campaign of 2022, addressed to the German members of LIBE at the time;
since the 2024 election some have left Parliament or the committee (see IN OFFICE). To write to today's members:
  appeal recipients fetch --committee LIBE --country DE --out today.toml
  appeal --recipients today.toml preview
";

#[test]
fn table_lists_names_parties_roles_and_who_is_in_office() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["recipients"]), 0);
    assert!(out.stderr.is_empty(), "{}", out.stderr);
    let stdout = out.stdout;
    let (table, note) = stdout.split_once("\n\n").expect("a note after the table");
    assert_eq!(note, BUILT_IN_NOTE);
    let lines: Vec<&str> = table.lines().collect();
    assert_eq!(
        lines[0],
        "#UnscanMyFace – Gesichtserkennung verbieten (unscan-my-face): 9 recipients"
    );
    let header: Vec<&str> = lines[1].split_whitespace().collect();
    assert_eq!(header, ["NAME", "PARTY", "ROLE", "EMAIL", "IN", "OFFICE"]);
    assert_eq!(lines.len(), 2 + BUILT_IN.len(), "{stdout}");
    for ((name, party, role, in_office), line) in BUILT_IN.iter().zip(&lines[2..]) {
        assert!(line.starts_with(name), "{name}: {line}");
        assert!(line.contains(&format!("  {party}  ")), "{party}: {line}");
        assert!(line.contains(&format!("  {role}  ")), "{role}: {line}");
        assert!(line.contains("@europarl.europa.eu"), "{line}");
        assert!(line.ends_with(&format!("  {in_office}")), "{name}: {line}");
    }
    // The columns line up: every row's role and address start where the
    // header's ROLE and EMAIL do (counted in characters: there are umlauts).
    let column = |line: &str, needle: &str| line[..line.find(needle).unwrap()].chars().count();
    let email_at = column(lines[1], "EMAIL");
    let role_at = column(lines[1], "ROLE");
    for ((_, _, role, _), line) in BUILT_IN.iter().zip(&lines[2..]) {
        let address = line.split_whitespace().find(|w| w.contains('@')).unwrap();
        assert_eq!(column(line, address), email_at, "{line}");
        assert_eq!(column(line, &format!("  {role}  ")) + 2, role_at, "{line}");
    }
}

#[test]
fn a_campaign_of_ones_own_has_no_note_about_2022() {
    let env = TestEnv::new();
    let dir = campaign(&env, GOOD_RECIPIENTS, GOOD_TEMPLATE);
    let out = run(
        &mut env.cmd(&["--campaign", dir.to_str().unwrap(), "recipients"]),
        0,
    );
    assert!(!out.stdout.contains("2022"), "{}", out.stdout);
    assert_eq!(out.stdout.lines().count(), 4, "{}", out.stdout);
}

#[test]
fn json_lists_nine_with_in_office() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["recipients", "--format", "json"]), 0);
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["campaign"]["id"], "unscan-my-face");
    assert_eq!(doc["campaign"]["language"], "de");
    let list = doc["recipients"].as_array().unwrap();
    assert_eq!(list.len(), 9);
    for ((name, party, _, in_office), entry) in BUILT_IN.iter().zip(list) {
        assert!(name.ends_with(entry["name"].as_str().unwrap()), "{entry}");
        assert_eq!(entry["party"], *party, "{entry}");
        assert_eq!(entry["in_office"], *in_office == "yes", "{entry}");
        assert!(entry["email"]
            .as_str()
            .unwrap()
            .ends_with("@europarl.europa.eu"));
        if in_office.starts_with("no (left") {
            assert_eq!(entry["left_office"], "2024-07-15", "{entry}");
        } else {
            assert!(entry["left_office"].is_null(), "{entry}");
        }
    }
    let former: Vec<&str> = list
        .iter()
        .filter(|e| e["in_office"] == false)
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        former,
        [
            "Karolin Braunsberger-Reinhold",
            "Patrick Breyer",
            "Cornelia Ernst",
            "Terry Reintke"
        ]
    );
    assert_eq!(list[6]["role"], "member");
    assert_eq!(list[6]["role_ended"], "2024-07-15");
    assert_eq!(list[6]["role_now"], "MEP, not on LIBE");
    assert_eq!(list[0]["role"], "member");
    assert_eq!(list[0]["role_now"], "substitute");
    assert!(list[0]["role_ended"].is_null());
    assert_eq!(list[0]["salutation"], "Frau");
    assert_eq!(list[0]["title"], "Dr.");
    assert_eq!(list[8]["salutation"], "Herr");
    assert!(list[8]["title"].is_null());
}

#[test]
fn check_on_the_built_in_campaign_exits_0() {
    let env = TestEnv::new();
    let stdout = run(&mut env.cmd(&["recipients", "--check"]), 0).stdout;
    assert!(
        stdout.starts_with("ok: 9 recipients (5 in office)"),
        "{stdout}"
    );
}

const HEAD: &str = "[campaign]\nid = \"test\"\ntitle = \"Test\"\ntemplate = \"brief.hbs\"\n";

const GOOD_TEMPLATE: &str = "Subject: Hallo\n\n{{greeting}}\n\nText.\n\n{{sender.name}}\n";

const BAD_TEMPLATE: &str = "Subject: Hallo\n\n{{greeting}}\n\nIhr Name: {{recipient.nmae}}\n";

/// Line 6: a bad address; line 14: the address of line 10 again.
const BAD_RECIPIENTS: &str = "
[[recipient]]
name = \"Anna Beispiel\"
email = \"anna(at)example.org\"

[[recipient]]
name = \"Bernd Beispiel\"
email = \"bernd@example.org\"

[[recipient]]
name = \"Clara Doppelt\"
email = \"Bernd@example.org\"
";

const GOOD_RECIPIENTS: &str = "
[[recipient]]
name = \"Anna Beispiel\"
salutation = \"Frau\"
email = \"anna@example.org\"

[[recipient]]
name = \"Bernd Beispiel\"
email = \"bernd@example.org\"
";

/// Writes the campaign folder `kampagne`: [`HEAD`] and `recipients`, and
/// `template` as its `brief.hbs`; returns the folder.
fn campaign(env: &TestEnv, recipients: &str, template: &str) -> std::path::PathBuf {
    env.write_campaign(
        "kampagne",
        &format!("{HEAD}{recipients}"),
        "brief.hbs",
        template,
    )
}

/// Runs `recipients --check` on a campaign folder; expects exit 1, nothing
/// on stdout, and every needle in stderr.
fn check_fails(env: &TestEnv, recipients: &str, template: &str, needles: &[&str]) -> String {
    let dir = campaign(env, recipients, template);
    let out = run(
        &mut env.cmd(&["--campaign", dir.to_str().unwrap(), "recipients", "--check"]),
        1,
    );
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    out.stderr_has(needles);
    out.stderr
}

/// The stderr with the list of known template variables cut to `…`: the
/// list grows with the template language and is checked where it is made.
fn known_list_cut(stderr: &str) -> String {
    let mut out = String::new();
    let mut rest = stderr;
    while let Some(start) = rest.find("(known: ") {
        out.push_str(&rest[..start]);
        out.push_str("(known: …");
        let after = &rest[start..];
        rest = &after[after.find(')').expect("the list is closed")..];
    }
    out.push_str(rest);
    out
}

/// The recipients file's problems and the template's are listed together.
#[test]
fn check_lists_all_three_problems_at_once() {
    let env = TestEnv::new();
    let dir = env.root().join("kampagne");
    let stderr = check_fails(
        &env,
        BAD_RECIPIENTS,
        BAD_TEMPLATE,
        &[
            "`anna(at)example.org`",
            "Anna Beispiel",
            "`Bernd@example.org` is already used by `Bernd Beispiel`",
            "Clara Doppelt",
            "unknown variable `recipient.nmae`",
            "3 problems found",
        ],
    );
    // The whole message: every problem with its place.
    assert_eq!(
        known_list_cut(&stderr),
        format!(
            "error: 3 problems found:\n  - {file}:6:1: recipient 1 (`Anna Beispiel`): `email` `anna(at)example.org` is not a valid address (Missing domain or user)\n  - {file}:14:1: recipient 3 (`Clara Doppelt`): address `Bernd@example.org` is already used by `Bernd Beispiel`\n  - letter to `Bernd Beispiel` (and 1 more): template `{template}` line 5: unknown variable `recipient.nmae` (known: …)\n",
            file = dir.join("recipients.toml").display(),
            template = dir.join("templates/brief.hbs").display(),
        )
    );
}

#[test]
fn check_lists_every_problem_of_the_recipients_file() {
    let env = TestEnv::new();
    let dir = env.root().join("kampagne");
    let file = dir.join("recipients.toml");
    let stderr = check_fails(
        &env,
        BAD_RECIPIENTS,
        GOOD_TEMPLATE,
        &[
            "2 problems found",
            &format!("{}:6:", file.display()),
            "recipient 1 (`Anna Beispiel`)",
            "`anna(at)example.org` is not a valid address",
            &format!("{}:14:", file.display()),
            "recipient 3 (`Clara Doppelt`)",
            "`Bernd@example.org` is already used by `Bernd Beispiel`",
        ],
    );
    assert_eq!(
        stderr,
        format!(
            "error: 2 problems found:\n  - {file}:6:1: recipient 1 (`Anna Beispiel`): `email` `anna(at)example.org` is not a valid address (Missing domain or user)\n  - {file}:14:1: recipient 3 (`Clara Doppelt`): address `Bernd@example.org` is already used by `Bernd Beispiel`\n",
            file = file.display()
        )
    );
}

#[test]
fn check_renders_the_letter_for_everyone() {
    let env = TestEnv::new();
    let stderr = check_fails(
        &env,
        GOOD_RECIPIENTS,
        BAD_TEMPLATE,
        &[
            "unknown variable `recipient.nmae`",
            "line 5",
            "letter to `Anna Beispiel` (and 1 more)",
        ],
    );
    // The same template error is listed once, not once per recipient.
    assert!(!stderr.contains("problems found"), "{stderr}");
    assert_eq!(
        known_list_cut(&stderr),
        format!(
            "error: letter to `Anna Beispiel` (and 1 more): template `{}` line 5: unknown variable `recipient.nmae` (known: …)\n",
            env.root().join("kampagne/templates/brief.hbs").display()
        )
    );
}

#[test]
fn check_reports_a_template_syntax_error() {
    let env = TestEnv::new();
    let stderr = check_fails(
        &env,
        GOOD_RECIPIENTS,
        "Subject: Hallo\n\n{{greeting}\n",
        &["brief.hbs", "line 3"],
    );
    assert_eq!(
        stderr,
        format!(
            "error: template `{}` line 3, column 11: invalid handlebars syntax: expected identifier, helper_parameter, or trailing_tilde_to_omit_whitespace\n",
            env.root().join("kampagne/templates/brief.hbs").display()
        )
    );
}

#[test]
fn check_on_a_good_custom_campaign_exits_0() {
    let env = TestEnv::new();
    let dir = campaign(&env, GOOD_RECIPIENTS, GOOD_TEMPLATE);
    // Global options also work after the subcommand.
    env.cmd(&["recipients", "--check", "--campaign", dir.to_str().unwrap()])
        .assert()
        .code(0)
        .stdout(predicates::str::starts_with(
            "ok: 2 recipients (2 in office)",
        ));
}

#[test]
fn listing_a_custom_campaign() {
    let env = TestEnv::new();
    let dir = campaign(&env, GOOD_RECIPIENTS, GOOD_TEMPLATE);
    let out = run(
        &mut env.cmd(&["--campaign", dir.to_str().unwrap(), "recipients"]),
        0,
    );
    let stdout = &out.stdout;
    assert!(
        stdout.starts_with("Test (test): 2 recipients\n"),
        "{stdout}"
    );
    out.stdout_has(&["Anna Beispiel", "bernd@example.org"]);
    assert!(!stdout.contains("Barley"), "{stdout}");
}

#[test]
fn listing_a_broken_campaign_exits_2() {
    let env = TestEnv::new();
    let file = env.write("liste.toml", &format!("{HEAD}{BAD_RECIPIENTS}"));
    let out = run(
        &mut env.cmd(&["--recipients", file.to_str().unwrap(), "recipients"]),
        2,
    );
    assert!(out.stdout.is_empty());
    out.stderr_has(&["Anna Beispiel", "Clara Doppelt"]);
    assert_eq!(
        out.stderr,
        format!(
            "error: 3 problems found:\n  - {file}:6:1: recipient 1 (`Anna Beispiel`): `email` `anna(at)example.org` is not a valid address (Missing domain or user)\n  - {file}:14:1: recipient 3 (`Clara Doppelt`): address `Bernd@example.org` is already used by `Bernd Beispiel`\n  - the campaign names template `brief.hbs`, which is not built in\n",
            file = file.display()
        )
    );
}
