//! `appeal init DIR` (an editable campaign folder, also from fetched
//! recipients) and `appeal recipients import FILE.csv`.

mod support;

use serde_json::Value;

use support::cli::{run, TestEnv};

#[test]
fn init_writes_a_folder_that_previews_like_the_built_in_campaign() {
    let env = TestEnv::new();
    let out = run(&mut env.cmd(&["init", "kampagne"]), 0);
    assert_eq!(
        out.stderr,
        "created `kampagne`: recipients.toml and templates/appeal.de.hbs\n\
         next: edit them, then\n  appeal --campaign kampagne recipients --check\n  appeal --campaign kampagne preview\n"
    );
    assert_eq!(env.listing("work"), ["kampagne"], "no staging folder left");
    let dir = env.work_dir().join("kampagne");
    let recipients = std::fs::read_to_string(dir.join("recipients.toml")).unwrap();
    // Each key is explained in the file.
    for key in [
        "name",
        "salutation",
        "title",
        "family_name",
        "email",
        "party",
        "role",
        "role_now",
        "role_ended",
        "left_office",
        "ep_id",
    ] {
        assert!(
            recipients
                .lines()
                .any(|l| l.starts_with(&format!("#   {key} "))),
            "`{key}` is not explained:\n{recipients}"
        );
    }
    let template = std::fs::read_to_string(dir.join("templates/appeal.de.hbs")).unwrap();
    assert!(
        template.starts_with("{{!--\n  The letter: headers"),
        "{template}"
    );

    // An edit to the folder's template shows in its letters; the comment does not.
    std::fs::write(
        dir.join("templates/appeal.de.hbs"),
        template.replace("wir wenden uns", "wir, eine Gruppe aus Köln, wenden uns"),
    )
    .unwrap();
    run(
        &mut env.cmd(&["--campaign", "kampagne", "recipients", "--check"]),
        0,
    );
    let out = run(
        &mut env.cmd(&[
            "--campaign",
            "kampagne",
            "preview",
            "--name",
            "Erika Mustermann",
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
    assert_eq!(letters.len(), 5);
    let body = letters[0]["body"].as_str().unwrap();
    assert!(
        body.starts_with("Sehr geehrte Frau Dr. Barley,\n\nwir, eine Gruppe aus Köln, wenden uns"),
        "{body}"
    );
    assert_eq!(
        letters[0]["subject"],
        "Gesichtserkennung in der KI-Verordnung verbieten"
    );
}

#[test]
fn init_into_a_folder_with_files_exits_2_and_touches_nothing() {
    let env = TestEnv::new();
    env.write("work/kampagne/notes.txt", "mine\n");
    let out = run(&mut env.cmd(&["init", "kampagne"]), 2);
    assert_eq!(
        out.stderr,
        "error: `kampagne` already exists and is not empty\n\
         hint: choose a new folder name; nothing in an existing campaign is overwritten\n"
    );
    assert_eq!(env.listing("work/kampagne"), ["notes.txt"]);
    assert_eq!(env.listing("work"), ["kampagne"]);
}

#[test]
fn init_from_fetch_needs_committee_and_country() {
    let env = TestEnv::new();
    let out = run(
        &mut env.cmd(&["init", "k", "--from-fetch", "--committee", "LIBE"]),
        2,
    );
    assert!(
        out.stderr.starts_with(
            "error: the following required arguments were not provided:\n  --country <CC>"
        ),
        "{}",
        out.stderr
    );
    assert!(env.listing("work").is_empty());
}

const CSV: &str = "Name;E-Mail;Anrede;Titel;Partei\n\
Anna Beispiel;anna.beispiel@example.org;Frau;Dr.;SPD\n\
Bernd Muster;bernd.muster@example.org;Herr;;Grüne\n\
Kim Neutral;kim.neutral@example.org;;;\n";

#[test]
fn import_turns_a_semicolon_csv_with_german_headers_into_a_campaign() {
    let env = TestEnv::new();
    env.write("work/stadtrat.csv", CSV);
    let out = run(
        &mut env.cmd(&[
            "recipients",
            "import",
            "stadtrat.csv",
            "--out",
            "recipients.toml",
        ]),
        0,
    );
    assert_eq!(out.stderr, "wrote 3 recipients to `recipients.toml`\n");
    let text = std::fs::read_to_string(env.work_dir().join("recipients.toml")).unwrap();
    let doc: toml::Table = toml::from_str(&text).unwrap();
    let list: Vec<&toml::Table> = doc["recipient"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r.as_table().unwrap())
        .collect();
    assert_eq!(list.len(), 3);
    assert_eq!(list[0]["name"].as_str(), Some("Anna Beispiel"));
    assert_eq!(list[0]["salutation"].as_str(), Some("Frau"));
    assert_eq!(list[0]["title"].as_str(), Some("Dr."));
    assert_eq!(list[0]["email"].as_str(), Some("anna.beispiel@example.org"));
    assert_eq!(list[0]["party"].as_str(), Some("SPD"));
    assert!(list[1].get("title").is_none());
    assert!(list[2].get("salutation").is_none() && list[2].get("party").is_none());

    let out = run(
        &mut env.cmd(&[
            "--recipients",
            "recipients.toml",
            "preview",
            "--name",
            "Erika",
            "--format",
            "json",
        ]),
        0,
    );
    let greetings: Vec<String> = out
        .stdout
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["body"]
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
            "Sehr geehrte Frau Dr. Beispiel,",
            "Sehr geehrter Herr Muster,",
            "Guten Tag Kim Neutral,"
        ]
    );
}

#[test]
fn import_with_commas_and_english_headers_to_stdout() {
    let env = TestEnv::new();
    env.write(
        "work/r.csv",
        "name,email,salutation,title,party\nAnna Beispiel,anna@example.org,Frau,,\"SPD, Köln\"\n",
    );
    let out = run(&mut env.cmd(&["recipients", "import", "r.csv"]), 0);
    assert!(out.stdout.contains("\n[[recipient]]\nname = \"Anna Beispiel\"\nsalutation = \"Frau\"\nemail = \"anna@example.org\"\nparty = \"SPD, Köln\"\n"), "{}", out.stdout);
    assert_eq!(out.stderr, "wrote 1 recipient to stdout\n");
}

#[test]
fn import_lists_every_bad_row_and_writes_nothing() {
    let env = TestEnv::new();
    env.write(
        "work/r.csv",
        "Name;E-Mail;Anrede\nAnna;anna(at)example.org;Frau\nBernd;bernd@example.org;Dr\nClara;clara@example.org;\nDora;CLARA@example.org;Frau\n",
    );
    let out = run(
        &mut env.cmd(&["recipients", "import", "r.csv", "--out", "r.toml"]),
        2,
    );
    assert_eq!(
        out.stderr,
        "error: 3 problems found:\n  \
         - `r.csv`:2: `anna(at)example.org` is not a valid address (Missing domain or user)\n  \
         - `r.csv`:3: salutation `Dr` is neither `Frau` nor `Herr` (leave it empty for a neutral greeting)\n  \
         - `r.csv`:5: address `CLARA@example.org` is already on line 4\n"
    );
    assert_eq!(env.listing("work"), ["r.csv"]);
}

#[test]
fn import_names_an_unknown_column() {
    let env = TestEnv::new();
    env.write("work/r.csv", "Name;Mail-Adresse\nAnna;anna@example.org\n");
    let out = run(&mut env.cmd(&["recipients", "import", "r.csv"]), 2);
    assert_eq!(
        out.stderr,
        "error: `r.csv`:1: unknown column `Mail-Adresse`\n\
         hint: the columns are name, email, salutation, title, party (or Name, E-Mail, Anrede, Titel, Partei); role and family_name are optional\n"
    );
}
