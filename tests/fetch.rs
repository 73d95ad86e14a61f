//! `appeal recipients fetch` against a local server playing the European
//! Parliament's Open Data API v2 (JSON-LD in the shapes the API serves:
//! `{"data": [...], "@context": [...]}`, `person/…` and `org/…` ids,
//! `hasMembership` with `memberDuring`), never the real one.

mod support;

use serde_json::{json, Value};

use support::cli::{run, TestEnv};
use support::http::{HttpServer, Reply};

/// This term's LIBE, as `hasCurrentVersion` of `corporate-bodies/LIBE`.
const LIBE: &str = "org/6586";
/// Another committee (ENVI).
const ENVI: &str = "org/6590";

/// A JSON-LD answer: the records under `data`, and the API's context.
fn answer(records: Vec<Value>) -> String {
    json!({
        "data": records,
        "@context": [
            {"data": "@graph", "@base": "https://data.europarl.europa.eu/"},
            "https://data.europarl.europa.eu/api/v2/context.jsonld"
        ]
    })
    .to_string()
}

/// A membership of `org` in `role` (`MEMBER`, `MEMBER_SUBSTITUTE`, …)
/// from `start`, ended on `end` if given.
fn membership(id: &str, org: &str, role: &str, start: &str, end: Option<&str>) -> Value {
    let mut during = json!({"id": format!("time-period/{}", start.replace('-', "")), "type": "PeriodOfTime", "startDate": start});
    if let Some(end) = end {
        during["endDate"] = json!(end);
    }
    json!({
        "id": format!("membership/{id}-f-{}", org.trim_start_matches("org/")),
        "type": "Membership",
        "identifier": format!("{id}-f-1"),
        "memberDuring": during,
        "organization": org,
        "role": format!("def/ep-roles/{role}"),
        "membershipClassification": "def/ep-entities/COMMITTEE_PARLIAMENTARY_STANDING"
    })
}

/// One MEP of the fixture.
struct Mep {
    id: &'static str,
    given: &'static str,
    family: &'static str,
    country: &'static str,
    group: &'static str,
    female: bool,
    email: Option<&'static str>,
    memberships: Vec<Value>,
}

/// The German MEPs of the fixture, and one French one.
fn meps() -> Vec<Mep> {
    let mandate = |id: &str| {
        json!({
            "id": format!("membership/{id}-m-1"), "type": "Membership",
            "memberDuring": {"id": "time-period/20240716", "type": "PeriodOfTime", "startDate": "2024-07-16"},
            "organization": "org/ep-10", "role": "def/ep-roles/MEMBER_PARLIAMENT"
        })
    };
    vec![
        Mep {
            id: "201",
            given: "Anna",
            family: "Mitglied",
            country: "DE",
            group: "EPP",
            female: true,
            email: Some("mailto:anna.mitglied@example.org"),
            memberships: vec![
                mandate("201"),
                membership("201", LIBE, "MEMBER", "2024-07-24", None),
            ],
        },
        Mep {
            id: "202",
            given: "Berta",
            family: "Ersatz",
            country: "DE",
            group: "S&D",
            female: true,
            email: Some("mailto:berta.ersatz@example.org"),
            memberships: vec![
                mandate("202"),
                membership("202", LIBE, "MEMBER", "2019-07-10", Some("2024-07-15")),
                membership("202", LIBE, "MEMBER_SUBSTITUTE", "2024-07-24", None),
            ],
        },
        Mep {
            id: "203",
            given: "Carl",
            family: "von Vorsitz",
            country: "DE",
            group: "Renew",
            female: false,
            email: Some("mailto:carl.vonvorsitz@example.org"),
            memberships: vec![
                mandate("203"),
                membership("203", LIBE, "MEMBER", "2024-07-24", None),
                membership("203", LIBE, "CHAIR", "2024-07-24", None),
            ],
        },
        Mep {
            id: "204",
            given: "Dora",
            family: "Ehemalig",
            country: "DE",
            group: "Greens/EFA",
            female: true,
            email: Some("mailto:dora.ehemalig@example.org"),
            memberships: vec![
                mandate("204"),
                membership("204", LIBE, "MEMBER", "2019-07-10", Some("2024-07-15")),
                membership("204", ENVI, "MEMBER", "2024-07-24", None),
            ],
        },
        Mep {
            id: "205",
            given: "Emil",
            family: "Ohnepost",
            country: "DE",
            group: "ECR",
            female: false,
            email: None,
            memberships: vec![
                mandate("205"),
                membership("205", LIBE, "MEMBER", "2024-07-24", None),
            ],
        },
        Mep {
            id: "206",
            given: "Fanny",
            family: "Vize",
            country: "DE",
            group: "The Left",
            female: true,
            email: Some("mailto:fanny.vize@example.org"),
            memberships: vec![
                mandate("206"),
                membership("206", LIBE, "VICE_CHAIR", "2025-01-15", None),
            ],
        },
        Mep {
            id: "301",
            given: "Gilles",
            family: "Autrepays",
            country: "FR",
            group: "Renew",
            female: false,
            email: Some("mailto:gilles.autrepays@example.org"),
            memberships: vec![membership("301", LIBE, "MEMBER", "2024-07-24", None)],
        },
    ]
}

/// The list of sitting MEPs: 230 entries over three pages, the fixture's
/// spread among fillers from Austria, so that paging matters.
fn sitting() -> Vec<Value> {
    let mut all: Vec<Value> = (0..223)
        .map(|i| {
            json!({"id": format!("person/{}", 9000 + i), "type": "Person", "identifier": format!("{}", 9000 + i),
                   "label": format!("Filler NUMBER{i}"), "givenName": "Filler", "familyName": format!("Number{i}"),
                   "sortLabel": format!("NUMBER{i}"), "api:country-of-representation": "AT", "api:political-group": "EPP"})
        })
        .collect();
    for (k, m) in meps().iter().enumerate() {
        let at = [5, 99, 100, 150, 199, 210, 220][k];
        all.insert(
            at,
            json!({"id": format!("person/{}", m.id), "type": "Person", "identifier": m.id,
                   "label": format!("{} {}", m.given, m.family.to_uppercase()), "givenName": m.given,
                   "familyName": m.family, "sortLabel": m.family.to_uppercase(),
                   "api:country-of-representation": m.country, "api:political-group": m.group}),
        );
    }
    all
}

/// A person's full record, as `/meps/{id}` gives it.
fn person(m: &Mep) -> Value {
    let mut record = json!({
        "id": format!("person/{}", m.id), "type": "Person", "identifier": m.id,
        "label": format!("{} {}", m.given, m.family.to_uppercase()),
        "notation_codictPersonId": m.id,
        "hasGender": format!("http://publications.europa.eu/resource/authority/human-sex/{}", if m.female { "FEMALE" } else { "MALE" }),
        "hasHonorificPrefix": format!("http://publications.europa.eu/resource/authority/honorific/{}", if m.female { "MS" } else { "MR" }),
        "hasMembership": m.memberships,
        "citizenship": "http://publications.europa.eu/resource/authority/country/DEU",
        "familyName": m.family, "givenName": m.given,
        "img": format!("https://www.europarl.europa.eu/mepphoto/{}.jpg", m.id),
        "sortLabel": m.family.to_uppercase()
    });
    if let Some(email) = m.email {
        record["hasEmail"] = json!(email);
    }
    record
}

/// The API's answer for `path` (without `/api/v2`); the first request of
/// Anna Mitglied's record is answered 429, as a busy server does.
fn api(path: &str, count: usize) -> Reply {
    let (route, query) = path.split_once('?').unwrap_or((path, ""));
    assert!(query.contains("format=application/ld+json"), "{path}");
    let route = route.strip_prefix("/api/v2").expect("under the base URL");
    if route == "/corporate-bodies/LIBE" {
        return Reply::json(answer(vec![json!({
            "id": "org/LIBE", "type": "Organization", "identifier": "LIBE", "label": "LIBE",
            "hasCurrentVersion": LIBE,
            "classification": "def/ep-entities/COMMITTEE_PARLIAMENTARY_STANDING"
        })]));
    }
    if route == "/meps/show-current" {
        let param = |name: &str| -> usize {
            query
                .split('&')
                .find_map(|kv| kv.strip_prefix(&format!("{name}=")))
                .and_then(|v| v.parse().ok())
                .unwrap_or_else(|| panic!("no {name} in {path}"))
        };
        let (offset, limit) = (param("offset"), param("limit"));
        assert!(limit <= 100, "{path}");
        let page: Vec<Value> = sitting().into_iter().skip(offset).take(limit).collect();
        return Reply::json(answer(page));
    }
    if let Some(id) = route.strip_prefix("/meps/") {
        if id == "201" && count == 0 {
            return Reply::status(429).header("Retry-After", "0");
        }
        if let Some(m) = meps().iter().find(|m| m.id == id) {
            return Reply::json(answer(vec![person(m)]));
        }
    }
    Reply::status(404)
}

fn today() -> String {
    chrono::Local::now().date_naive().to_string()
}

/// `recipients fetch --committee LIBE --country DE` against `server`,
/// with `extra` flags.
fn fetch_args(server: &HttpServer, extra: &[&str]) -> Vec<String> {
    let mut args: Vec<String> = [
        "recipients",
        "fetch",
        "--committee",
        "LIBE",
        "--country",
        "DE",
        "--retry-wait",
        "0",
        "--api-url",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    args.push(server.url());
    args.extend(extra.iter().map(|s| s.to_string()));
    args
}

fn cmd(env: &TestEnv, args: &[String]) -> assert_cmd::Command {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    env.cmd(&args)
}

/// The recipients of a written file, as TOML tables.
fn recipients_of(text: &str) -> Vec<toml::Table> {
    let doc: toml::Table = toml::from_str(text).unwrap();
    doc["recipient"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_table().unwrap().clone())
        .collect()
}

fn table(pairs: &[(&str, &str)]) -> toml::Table {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), toml::Value::String(v.to_string())))
        .collect()
}

#[test]
fn fetch_writes_todays_seats_that_pass_the_check() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    let out = run(
        &mut cmd(&env, &fetch_args(&server, &["--out", "today.toml"])),
        0,
    );
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "warning: no published e-mail address, so not written: Emil Ohnepost (person/205)\n\
         wrote 3 recipients to `today.toml`\n"
    );
    let text = std::fs::read_to_string(env.work_dir().join("today.toml")).unwrap();
    // Chair first, then vice-chair, members, substitutes; each by family name.
    assert_eq!(
        recipients_of(&text),
        [
            table(&[
                ("name", "Carl von Vorsitz"),
                ("salutation", "Herr"),
                ("family_name", "von Vorsitz"),
                ("email", "carl.vonvorsitz@example.org"),
                ("party", "Renew"),
                ("role", "chair"),
                ("ep_id", "203"),
            ]),
            table(&[
                ("name", "Fanny Vize"),
                ("salutation", "Frau"),
                ("email", "fanny.vize@example.org"),
                ("party", "The Left"),
                ("role", "vice-chair"),
                ("ep_id", "206"),
            ]),
            table(&[
                ("name", "Anna Mitglied"),
                ("salutation", "Frau"),
                ("email", "anna.mitglied@example.org"),
                ("party", "EPP"),
                ("role", "member"),
                ("ep_id", "201"),
            ]),
        ]
    );
    // By default no substitutes: Berta Ersatz is not written.
    assert_eq!(recipients_of(&text).len(), 3, "{text}");
    assert!(!text.contains("Ersatz") && !text.contains("Ehemalig") && !text.contains("Autrepays"));
    // Where the data came from, when, under which licence.
    for line in [
        format!("# Source: {} (meps/show-current, meps/{{id}}, corporate-bodies/LIBE)", server.url()),
        format!("# Retrieved: {}", today()),
        "# Licence: Creative Commons Attribution 4.0 (CC BY 4.0), © European Union – European Parliament".to_string(),
        "id = \"libe-de\"".to_string(),
        "template = \"appeal.de.hbs\"".to_string(),
    ] {
        assert!(text.lines().any(|l| l == line), "no line `{line}` in:\n{text}");
    }
    // Three pages of the list, the committee, and one request per German
    // MEP (Anna's twice: the first was answered 429); nobody else's.
    let requests = server.requests();
    let pages: Vec<&String> = requests
        .iter()
        .filter(|r| r.contains("show-current"))
        .collect();
    assert_eq!(pages.len(), 3, "{requests:?}");
    let people: Vec<&str> = requests
        .iter()
        .filter_map(|r| r.strip_prefix("/api/v2/meps/"))
        .filter(|r| !r.starts_with("show-current"))
        .map(|r| r.split('?').next().unwrap())
        .collect();
    assert_eq!(people, ["201", "201", "202", "203", "204", "205", "206"]);
    // The file is a valid campaign.
    let check = run(
        &mut env.cmd(&["--recipients", "today.toml", "recipients", "--check"]),
        0,
    );
    assert!(
        check.stdout.starts_with("ok: 3 recipients (3 in office)"),
        "{}",
        check.stdout
    );
}

/// A hand-kept list: Anna with a title added by hand (matched by address),
/// Carl listed as a member (matched by id, address since changed), Dora who
/// left the committee, and one who left Parliament long ago.
const KEPT: &str = r#"# kept by hand
[campaign]
id = "gesichtserkennung-2026"
title = "Gesichtserkennung verbieten"
language = "de"
template = "appeal.de.hbs"

[[recipient]]
name = "Anna Mitglied"
salutation = "Frau"
title = "Dr."
email = "anna.mitglied@example.org"
party = "CDU"
role = "member"

[[recipient]]
name = "Carl von Vorsitz"
salutation = "Herr"
family_name = "von Vorsitz"
email = "carl.old@example.org"
role = "member"
ep_id = "203"

[[recipient]]
name = "Dora Ehemalig"
salutation = "Frau"
email = "dora.ehemalig@example.org"
role = "member"

[[recipient]]
name = "Otto Alt"
salutation = "Herr"
email = "otto.alt@example.org"
left_office = 2019-07-01
"#;

#[test]
fn merge_keeps_hand_made_details_and_prints_the_changes() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    env.write("work/recipients.toml", KEPT);
    let out = run(
        &mut cmd(
            &env,
            &fetch_args(
                &server,
                &[
                    "--role",
                    "member,substitute,chair",
                    "--merge",
                    "recipients.toml",
                    "--out",
                    "today.toml",
                ],
            ),
        ),
        0,
    );
    assert_eq!(
        out.stderr,
        "changes against `recipients.toml`:\n  \
         role changed: Carl von Vorsitz: member → chair\n  \
         address changed: Carl von Vorsitz: carl.old@example.org → carl.vonvorsitz@example.org\n  \
         joined: Berta Ersatz (substitute, berta.ersatz@example.org)\n  \
         left: Dora Ehemalig (no longer holds a chosen seat)\n\
         warning: no published e-mail address, so not written: Emil Ohnepost (person/205)\n\
         wrote 3 recipients to `today.toml`\n"
    );
    let text = std::fs::read_to_string(env.work_dir().join("today.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    assert_eq!(
        doc["campaign"].as_table().unwrap(),
        &table(&[
            ("id", "gesichtserkennung-2026"),
            ("title", "Gesichtserkennung verbieten"),
            ("language", "de"),
            ("template", "appeal.de.hbs"),
        ])
    );
    let list = recipients_of(&text);
    let names: Vec<&str> = list.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["Carl von Vorsitz", "Anna Mitglied", "Berta Ersatz"]);
    // The hand-added title and party stay; the role and the id come from the data.
    assert_eq!(
        list[1],
        table(&[
            ("name", "Anna Mitglied"),
            ("salutation", "Frau"),
            ("title", "Dr."),
            ("email", "anna.mitglied@example.org"),
            ("party", "CDU"),
            ("role", "member"),
            ("ep_id", "201"),
        ])
    );
    assert_eq!(
        list[0]["email"].as_str(),
        Some("carl.vonvorsitz@example.org")
    );
    assert_eq!(list[0]["role"].as_str(), Some("chair"));
    assert_eq!(list[2]["role"].as_str(), Some("substitute"));

    // And the letters to today's seats read right.
    let preview = run(
        &mut env.cmd(&[
            "--recipients",
            "today.toml",
            "preview",
            "--name",
            "Erika Mustermann",
            "--format",
            "json",
        ]),
        0,
    );
    let greetings: Vec<String> = preview
        .stdout
        .lines()
        .map(|l| {
            let letter: Value = serde_json::from_str(l).unwrap();
            letter["body"]
                .as_str()
                .unwrap()
                .lines()
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        greetings,
        [
            "Sehr geehrter Herr von Vorsitz,",
            "Sehr geehrte Frau Dr. Mitglied,",
            "Sehr geehrte Frau Ersatz,"
        ]
    );
}

#[test]
fn role_substitute_writes_only_substitutes_to_stdout() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    let out = run(
        &mut cmd(&env, &fetch_args(&server, &["--role", "substitute", "-q"])),
        0,
    );
    assert_eq!(out.stderr, "");
    let list = recipients_of(&out.stdout);
    assert_eq!(list.len(), 1, "{}", out.stdout);
    assert_eq!(list[0]["name"].as_str(), Some("Berta Ersatz"));
    assert_eq!(list[0]["role"].as_str(), Some("substitute"));
}

#[test]
fn a_server_failing_every_time_exits_1_and_writes_nothing() {
    let server = HttpServer::start(|path, count| {
        if path.contains("show-current") {
            Reply::status(500)
        } else {
            api(path, count)
        }
    });
    let env = TestEnv::new();
    env.write("work/today.toml", "before\n");
    let out = run(
        &mut cmd(&env, &fetch_args(&server, &["--out", "today.toml"])),
        1,
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: cannot fetch `{}/meps/show-current?format=application/ld+json&offset=0&limit=100`: \
             the server answered 500 (gave up after 5 attempts); nothing was written\n\
             hint: the European Parliament's data portal may be busy or down: try again later, or give a mirror with `--api-url`\n",
            server.url()
        )
    );
    assert_eq!(
        std::fs::read_to_string(env.work_dir().join("today.toml")).unwrap(),
        "before\n"
    );
    assert_eq!(
        env.listing("work"),
        ["today.toml"],
        "no temporary file left"
    );
    assert_eq!(server.requests().len(), 6, "the committee, then five tries");
}

#[test]
fn nothing_listening_exits_1() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let env = TestEnv::new();
    let url = format!("http://127.0.0.1:{port}/api/v2");
    let out = run(
        &mut env.cmd(&[
            "recipients",
            "fetch",
            "--committee",
            "LIBE",
            "--country",
            "DE",
            "--retry-wait",
            "0",
            "--api-url",
            &url,
            "--out",
            "today.toml",
        ]),
        1,
    );
    out.stderr_has(&[
        &format!("error: cannot fetch `{url}/corporate-bodies/LIBE?format=application/ld+json`: "),
        "(gave up after 5 attempts); nothing was written\nhint: the European Parliament's data portal may be busy or down",
    ]);
    assert!(env.listing("work").is_empty());
}

#[test]
fn a_malformed_record_exits_2_naming_it() {
    let server = HttpServer::start(|path, count| {
        if path.starts_with("/api/v2/meps/204?") {
            Reply::json(answer(vec![
                json!({"id": "person/204", "type": "Person", "givenName": "Dora"}),
            ]))
        } else {
            api(path, count)
        }
    });
    let env = TestEnv::new();
    let out = run(
        &mut cmd(&env, &fetch_args(&server, &["--out", "today.toml"])),
        2,
    );
    assert_eq!(
        out.stderr,
        format!(
            "error: the record of MEP `Dora EHEMALIG` (person/204) from `{}/meps/204?format=application/ld+json` \
             is not in the expected shape: missing field `familyName`; nothing was written\n\
             hint: the API may have changed: please report it, with the record named here\n",
            server.url()
        )
    );
    assert!(env.listing("work").is_empty());
}

#[test]
fn an_unknown_committee_exits_2() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "recipients",
            "fetch",
            "--committee",
            "NOPE",
            "--country",
            "DE",
            "--api-url",
            &server.url(),
        ]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: the European Parliament's data know no committee `NOPE`\n\
         hint: give the committee's abbreviation as on europarl.europa.eu/committees, e.g. LIBE, ENVI, JURI\n"
    );
    assert_eq!(out.stdout, "");
}

#[test]
fn a_bad_country_code_exits_2_before_any_request() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "recipients",
            "fetch",
            "--committee",
            "LIBE",
            "--country",
            "Germany",
            "--api-url",
            "http://127.0.0.1:9/",
        ]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: `--country GERMANY` is not a two-letter country code\nhint: give the country as two letters, e.g. DE, AT, FR\n"
    );
}

#[test]
fn help_says_this_uses_the_network() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["recipients", "fetch", "--help"]), 0);
    out.stdout_has(&[
        "the only command besides sending that uses the network, and only when you run it",
        "Network: asks data.europarl.europa.eu (or --api-url)",
    ]);
}

#[test]
fn init_from_fetch_starts_a_campaign_with_todays_seats() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&[
            "init",
            "libe",
            "--from-fetch",
            "--committee",
            "LIBE",
            "--country",
            "DE",
            "--api-url",
            &server.url(),
        ]),
        0,
    );
    out.stderr_has(&[
        "warning: no published e-mail address, so not written: Emil Ohnepost (person/205)\n",
        "created `libe`: recipients.toml and templates/appeal.de.hbs\n",
    ]);
    let text = std::fs::read_to_string(env.work_dir().join("libe/recipients.toml")).unwrap();
    assert_eq!(recipients_of(&text).len(), 3);
    let preview = run(
        &mut env.cmd(&[
            "--campaign",
            "libe",
            "preview",
            "--name",
            "Erika",
            "--format",
            "json",
        ]),
        0,
    );
    let to: Vec<String> = preview
        .stdout
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["to"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(
        to,
        [
            "carl.vonvorsitz@example.org",
            "fanny.vize@example.org",
            "anna.mitglied@example.org"
        ]
    );
}

#[test]
fn a_missing_merge_file_exits_2_before_any_request() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    let out = run(
        &mut cmd(
            &env,
            &fetch_args(&server, &["--merge", "nope.toml", "--out", "today.toml"]),
        ),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: the list to merge, `nope.toml`, not found\n\
         hint: give the recipients file whose campaign and details to keep; `appeal init DIR` writes the built-in one as DIR/recipients.toml\n"
    );
    assert!(server.requests().is_empty());
    assert!(env.listing("work").is_empty());
}

#[test]
fn two_meps_with_one_address_exit_2_and_nothing_is_written() {
    let server = HttpServer::start(|path, count| {
        if path.starts_with("/api/v2/meps/206?") {
            let mut fanny = meps().into_iter().find(|m| m.id == "206").unwrap();
            fanny.email = Some("mailto:anna.mitglied@example.org");
            Reply::json(answer(vec![person(&fanny)]))
        } else {
            api(path, count)
        }
    });
    let env = TestEnv::new();
    let out = run(
        &mut cmd(&env, &fetch_args(&server, &["--out", "today.toml"])),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: the fetched recipients:40:1: recipient 3 (`Anna Mitglied`): address `anna.mitglied@example.org` \
         is already used by `Fanny Vize`; nothing was written\n\
         hint: the Parliament's data are not as expected here: please report it, with the names above\n"
    );
    assert!(env.listing("work").is_empty());
}

#[test]
fn merging_the_built_in_list_keeps_its_campaign_and_names_who_left() {
    let server = HttpServer::start(api);
    let env = TestEnv::new();
    run(&mut env.cmd(&["init", "kampagne", "-q"]), 0);
    let out = run(
        &mut cmd(
            &env,
            &fetch_args(
                &server,
                &["--merge", "kampagne/recipients.toml", "--out", "today.toml"],
            ),
        ),
        0,
    );
    assert_eq!(
        out.stderr,
        "changes against `kampagne/recipients.toml`:\n  \
         joined: Carl von Vorsitz (chair, carl.vonvorsitz@example.org)\n  \
         joined: Fanny Vize (vice-chair, fanny.vize@example.org)\n  \
         joined: Anna Mitglied (member, anna.mitglied@example.org)\n  \
         left: Dr. Katarina Barley (no longer holds a chosen seat)\n  \
         left: Lena Düpont (no longer holds a chosen seat)\n  \
         left: Moritz Körner (no longer holds a chosen seat)\n  \
         left: Birgit Sippel (no longer holds a chosen seat)\n  \
         left: Martin Sonneborn (no longer holds a chosen seat)\n\
         warning: no published e-mail address, so not written: Emil Ohnepost (person/205)\n\
         wrote 3 recipients to `today.toml`\n"
    );
    // Those who had left already are not reported again; the campaign stays.
    let text = std::fs::read_to_string(env.work_dir().join("today.toml")).unwrap();
    assert!(text.contains("\n[campaign]\nid = \"unscan-my-face\"\ntitle = \"#UnscanMyFace – Gesichtserkennung verbieten\"\nlanguage = \"de\"\ntemplate = \"appeal.de.hbs\"\n"), "{text}");
    let preview = run(
        &mut env.cmd(&[
            "--recipients",
            "today.toml",
            "preview",
            "--name",
            "Erika",
            "--format",
            "json",
        ]),
        0,
    );
    assert_eq!(preview.stdout.lines().count(), 3);
    assert!(preview.stderr.is_empty(), "{}", preview.stderr);
}
