//! `appeal recipients import FILE.csv`: a spreadsheet's list of recipients
//! (a city council, the Bundestag, any list a group keeps) turned into a
//! `recipients.toml`.
//!
//! Columns `name`, `email`, `salutation`, `title`, `party` (also `role`,
//! `family_name`), or the German headers `Name`, `E-Mail`, `Anrede`,
//! `Titel`, `Partei`; comma or semicolon between them, as a spreadsheet
//! writes them. Every problem is reported at once, with its line, and
//! nothing is written unless all rows are good.

use std::collections::HashMap;
use std::path::Path;

use lettre::Address;

use crate::cli::ImportArgs;
use crate::error::{Exit, Failure, Problems};

/// The columns understood, by every header spelling accepted.
const COLUMNS: &[(&str, &[&str])] = &[
    ("name", &["name"]),
    (
        "email",
        &["email", "e-mail", "mail", "e-mail-adresse", "emailadresse"],
    ),
    ("salutation", &["salutation", "anrede"]),
    ("title", &["title", "titel"]),
    ("party", &["party", "partei", "fraktion"]),
    ("role", &["role", "rolle", "funktion"]),
    ("family_name", &["family_name", "nachname"]),
];

/// One row, read and checked.
#[derive(Debug, Default, PartialEq)]
pub struct Row {
    /// Full name as addressed.
    pub name: String,
    /// `Frau`, `Herr` or none.
    pub salutation: Option<String>,
    /// Academic title.
    pub title: Option<String>,
    /// Where the family name is not the last word.
    pub family_name: Option<String>,
    /// The address, checked.
    pub email: String,
    /// Party.
    pub party: Option<String>,
    /// Role.
    pub role: Option<String>,
}

/// Runs `appeal recipients import`.
pub fn run(args: &ImportArgs) -> anyhow::Result<Exit> {
    let text = std::fs::read_to_string(&args.file).map_err(|e| {
        Failure::usage(crate::t!(
            "import-cannot-read",
            path = args.file.display().to_string(),
            error = crate::i18n::error_text(&e)
        ))
        .hint(crate::t!("import-cannot-read-hint"))
    })?;
    let rows = read(&args.file, &text)?;
    let out = render(&args.file, &rows);
    crate::campaign::check_recipient_text(&crate::t!("import-imported-origin"), &out)?;
    crate::fetch::file::output(&out, args.out.as_deref())?;
    let count = rows.len();
    eprintln!(
        "{}",
        match args.out.as_deref() {
            Some(path) => crate::t!(
                "import-wrote-file",
                count = count,
                path = path.display().to_string()
            ),
            None => crate::t!("import-wrote-stdout", count = count),
        }
    );
    Ok(Exit::Success)
}

/// Reads the CSV text; all problems at once, each with its line.
pub fn read(path: &Path, text: &str) -> anyhow::Result<Vec<Row>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first = text.lines().next().unwrap_or_default();
    let delimiter = if first.matches(';').count() > first.matches(',').count() {
        b';'
    } else {
        b','
    };
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .flexible(false)
        .trim(csv::Trim::All)
        .from_reader(text.as_bytes());
    let file = path.display();
    let headers = reader
        .headers()
        .map_err(|e| {
            Failure::usage(crate::t!(
                "import-bad-header-row",
                path = file.to_string(),
                error = crate::i18n::error_text(&e)
            ))
        })?
        .clone();
    let mut index: HashMap<&str, usize> = HashMap::new();
    for (i, header) in headers.iter().enumerate() {
        let key = header.to_lowercase();
        match COLUMNS
            .iter()
            .find(|(_, names)| names.contains(&key.as_str()))
        {
            Some((column, _)) => {
                index.insert(column, i);
            }
            None if header.is_empty() => {}
            None => {
                return Err(Failure::usage(crate::t!(
                    "import-unknown-column",
                    path = file.to_string(),
                    column = header
                ))
                .hint(crate::t!("import-unknown-column-hint"))
                .into())
            }
        }
    }
    for needed in ["name", "email"] {
        if !index.contains_key(needed) {
            return Err(Failure::usage(crate::t!(
                "import-missing-column",
                path = file.to_string(),
                column = needed
            ))
            .hint(crate::t!("import-missing-column-hint"))
            .into());
        }
    }
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (n, record) in reader.records().enumerate() {
        let line = n + 2;
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("`{file}`:{line}: {e}")); // i18n: not shown (only a place and the CSV reader's words)
                continue;
            }
        };
        if record.iter().all(str::is_empty) {
            continue;
        }
        let cell = |column: &str| {
            index
                .get(column)
                .and_then(|&i| record.get(i))
                .map(str::to_string)
                .filter(|v| !v.is_empty())
        };
        match row(cell) {
            Ok(row) => {
                let key = row.email.to_lowercase();
                if let Some(first) = seen.get(&key) {
                    problems.push(crate::t!(
                        "import-duplicate-address",
                        path = file.to_string(),
                        line = line.to_string(),
                        email = row.email.as_str(),
                        first = first.to_string()
                    ));
                } else {
                    seen.insert(key, line);
                    rows.push(row);
                }
            }
            Err(problem) => problems.push(format!("`{file}`:{line}: {problem}")),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    if rows.is_empty() {
        return Err(
            Failure::usage(crate::t!("import-nobody", path = file.to_string()))
                .hint(crate::t!("import-nobody-hint"))
                .into(),
        );
    }
    Ok(rows)
}

/// Checks one row's cells.
fn row(cell: impl Fn(&str) -> Option<String>) -> Result<Row, String> {
    let name = cell("name").ok_or_else(|| crate::t!("import-name-empty"))?;
    let email = cell("email").ok_or_else(|| crate::t!("import-no-email", name = name.as_str()))?;
    if let Err(e) = email.parse::<Address>() {
        return Err(crate::t!(
            "import-bad-email",
            email = email.as_str(),
            error = crate::sender::address_problem(&e)
        ));
    }
    let salutation = match cell("salutation") {
        None => None,
        Some(s) => match s.to_lowercase().as_str() {
            "frau" | "ms" | "mrs" => Some("Frau".to_string()),
            "herr" | "mr" => Some("Herr".to_string()),
            _ => return Err(crate::t!("import-bad-salutation", value = s.as_str())),
        },
    };
    let row = Row {
        name,
        salutation,
        title: cell("title"),
        family_name: cell("family_name"),
        email,
        party: cell("party"),
        role: cell("role"),
    };
    let texts = [
        &Some(row.name.clone()),
        &row.title,
        &row.family_name,
        &row.party,
        &row.role,
    ];
    if texts.iter().any(|t| {
        t.as_deref()
            .is_some_and(|t| t.chars().any(char::is_control))
    }) {
        return Err(crate::t!(
            "import-control-character",
            name = row.name.as_str()
        ));
    }
    Ok(row)
}

/// The recipients file for `rows`, with a placeholder `[campaign]` table.
fn render(source: &Path, rows: &[Row]) -> String {
    let q = |t: &str| toml::Value::String(t.to_string()).to_string();
    let mut text = format!(
        // i18n: not shown (the comments of the file written, a file format)
        "# Recipients imported from `{}` by `appeal recipients import`.\n\
         # Keys: see `appeal init` or the README (\"recipients.toml\").\n\
         # Check with `appeal --recipients FILE recipients --check`.\n\n\
         # Edit these: `id` keys the send journal (keep it once you have sent);\n\
         # `template` is a file under templates/ beside this file, or the built-in\n\
         # appeal.de.hbs (the 2022 #UnscanMyFace letter).\n\
         [campaign]\n\
         id = \"my-campaign\"\n\
         title = \"Titel der Kampagne (bitte anpassen)\"\n\
         language = \"de\"\n\
         template = \"appeal.de.hbs\"\n",
        source.display()
    );
    for r in rows {
        text.push_str("\n[[recipient]]\n");
        text.push_str(&format!("name = {}\n", q(&r.name)));
        let optional = [
            ("salutation", &r.salutation),
            ("title", &r.title),
            ("family_name", &r.family_name),
        ];
        for (key, value) in optional {
            if let Some(v) = value {
                text.push_str(&format!("{key} = {}\n", q(v)));
            }
        }
        text.push_str(&format!("email = {}\n", q(&r.email)));
        for (key, value) in [("party", &r.party), ("role", &r.role)] {
            if let Some(v) = value {
                text.push_str(&format!("{key} = {}\n", q(v)));
            }
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn german_headers_and_semicolons() {
        let rows = read(
            Path::new("r.csv"),
            "\u{feff}Name;E-Mail;Anrede;Titel;Partei\nAnna Beispiel;anna@example.org;Frau;Dr.;SPD\nBernd Muster;bernd@example.org;;;\n",
        )
        .unwrap();
        assert_eq!(
            rows[0],
            Row {
                name: "Anna Beispiel".into(),
                salutation: Some("Frau".into()),
                title: Some("Dr.".into()),
                email: "anna@example.org".into(),
                party: Some("SPD".into()),
                ..Default::default()
            }
        );
        assert_eq!(rows[1].salutation, None);
    }
}
