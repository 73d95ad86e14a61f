//! Who signs the letters: the activist from flags, config or a prompt, or
//! every member of a group from a `--senders` CSV file.
//!
//! Names end up in mail headers and under the letter, so they are checked
//! here (length, no control characters) before anything is rendered.

use std::path::Path;
use std::str::FromStr;

use lettre::Address;
use serde::Serialize;

use crate::error::{visible, Failure, Problems};
use crate::members::Column;

/// Longest sender name accepted; longer is almost certainly a mistake.
pub const MAX_NAME_CHARS: usize = 100;

/// One person who signs letters.
#[derive(Clone, Debug, Serialize)]
pub struct Sender {
    /// Name printed under the letter and shown as the From display name.
    pub name: String,
    /// The person's own address (for a group member: the Reply-To).
    pub email: Option<String>,
    /// Printed under the name when given.
    pub city: Option<String>,
    /// The sender's postcode: it shows the office a constituent writes.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub postcode: Option<String>,
    /// The sender's postal address (street and town, one line), for a
    /// reply by post: offices answer letters that give one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub address: Option<String>,
    /// The person's own paragraph, placed where the template says.
    #[serde(skip)]
    pub note: Option<String>,
    /// Where this sender's letters start in the rotation of a template's
    /// alternative wordings (see [`crate::letter::variants`]): a group
    /// member's row among the members, so members writing to one recipient
    /// take the alternatives in turn; for a single activist a hash of who
    /// they are, so activists writing on their own do not all send the
    /// same subject.
    #[serde(skip)]
    pub variant_seed: u64,
}

impl Sender {
    /// Builds a sender, checking the name and address.
    pub fn new(name: &str, email: Option<&str>, city: Option<&str>) -> Result<Sender, String> {
        let name = check_name(name)?;
        let email = email
            .map(str::trim)
            .filter(|e| !e.is_empty())
            .map(check_email)
            .transpose()?;
        let city = city
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .map(|c| check_line("city", c))
            .transpose()?;
        let mut sender = Sender {
            name,
            email,
            city,
            postcode: None,
            address: None,
            note: None,
            variant_seed: 0,
        };
        sender.variant_seed = seed_of(&sender.identity());
        Ok(sender)
    }

    /// Adds the postcode and postal address (`--postcode`, `--address`,
    /// `[sender]`), checked like the other one-line fields; blank is none.
    pub fn with_constituency(
        mut self,
        postcode: Option<&str>,
        address: Option<&str>,
    ) -> Result<Sender, String> {
        self.postcode = optional_line("postcode", postcode)?;
        self.address = optional_line("address", address)?;
        Ok(self)
    }

    /// The key the journal uses for this sender: the address where known
    /// (it survives a changed spelling of the name), else the name.
    pub fn identity(&self) -> String {
        crate::identity::sender_key(&self.name, self.email.as_deref())
    }
}

/// A name must be non-empty, short, and a single line of text.
pub fn check_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(crate::t!("sender-name-empty"));
    }
    if name.chars().count() > MAX_NAME_CHARS {
        return Err(crate::t!("sender-name-too-long", max = MAX_NAME_CHARS));
    }
    check_line("name", name)
}

/// A single activist's place in the rotation of alternative wordings:
/// stable for the same identity, spread over all values.
fn seed_of(identity: &str) -> u64 {
    use sha2::{Digest, Sha256};
    let hash = Sha256::digest(identity.as_bytes());
    u64::from_be_bytes(hash[..8].try_into().expect("8 bytes"))
}

/// An optional one-line field: trimmed, blank is none, no control characters.
fn optional_line(what: &str, value: Option<&str>) -> Result<Option<String>, String> {
    value
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| check_line(what, v))
        .transpose()
}

fn check_line(what: &str, value: &str) -> Result<String, String> {
    if let Some(c) = value.chars().find(|c| c.is_control()) {
        return Err(crate::t!(
            "sender-control-character",
            field = what,
            value = visible(value),
            character = c.escape_unicode().to_string()
        ));
    }
    Ok(value.to_string())
}

/// Checks an address the way the mail library will parse it later, and
/// refuses the forms it accepts but cannot write into a header (the
/// message would have no From: a panic, not a letter).
pub fn check_email(email: &str) -> Result<String, String> {
    let email = email.trim();
    let address = Address::from_str(email).map_err(|e| {
        crate::t!(
            "sender-bad-email",
            email = visible(email),
            error = address_problem(&e)
        )
    })?;
    crate::letter::unsupported_address(&address).map_or(Ok(email.to_string()), Err)
}

/// What is wrong with an address, in the interface's language (the mail
/// library's own words are English).
pub fn address_problem(error: &lettre::address::AddressError) -> String {
    use lettre::address::AddressError;
    match error {
        AddressError::MissingParts => crate::t!("address-missing-parts"),
        AddressError::Unbalanced => crate::t!("address-unbalanced"),
        AddressError::InvalidUser => crate::t!("address-invalid-user"),
        AddressError::InvalidDomain => crate::t!("address-invalid-domain"),
        AddressError::InvalidInput => crate::t!("address-invalid-input"),
        other => other.to_string(),
    }
}

/// One row of a `--senders` file, by column.
#[derive(Default)]
struct Row {
    name: Option<String>,
    email: Option<String>,
    city: Option<String>,
    postcode: Option<String>,
    address: Option<String>,
    note: Option<String>,
}

/// Reads a group's members from a CSV file with a header row (a name
/// column required; email, city and note optional; German and English
/// column names, other columns ignored; `,` `;` or tab separated; UTF-8,
/// UTF-16 or Windows-1252: see [`crate::members`]). Every bad row is
/// reported, each by its line in the file. Returns the members and the
/// notices to show (separator, encoding, ignored columns).
pub fn read_senders(path: &Path) -> anyhow::Result<(Vec<Sender>, Vec<String>)> {
    let shown = path.display();
    let file = crate::members::open(path)?;
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(file.separator)
        .trim(csv::Trim::All)
        .flexible(true)
        .from_reader(file.text.as_bytes());

    let mut senders = Vec::new();
    let mut problems = Vec::new();
    let mut first_lines: std::collections::HashMap<String, u64> = std::collections::HashMap::new();
    for result in reader.records() {
        // Line numbers as a spreadsheet shows them: the header is line 1.
        // A quoted note may span lines: each record knows where it starts.
        let record = match result {
            Ok(record) => record,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line());
                problems.push(crate::t!(
                    "sender-row-problem",
                    path = shown.to_string(),
                    line = line.to_string(),
                    problem = crate::i18n::error_text(&e)
                ));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line());
        // A row of only separators (`;;;`), as spreadsheets leave them.
        if record.iter().all(str::is_empty) {
            continue;
        }
        if record.len() != file.columns.len() {
            problems.push(crate::t!(
                "sender-row-field-count",
                path = shown.to_string(),
                line = line.to_string(),
                expected = file.columns.len(),
                found = record.len()
            ));
            continue;
        }
        match sender_from_row(row_of(&record, &file.columns), senders.len() as u64) {
            Ok(sender) => match first_lines.get(&sender.identity()) {
                // The journal keys letters by member: two rows for one
                // member would send each letter twice.
                Some(first) => problems.push(match sender.email.as_deref() {
                    Some(email) => crate::t!(
                        "sender-row-same-address",
                        path = shown.to_string(),
                        line = line.to_string(),
                        first = first.to_string(),
                        email = email
                    ),
                    None => crate::t!(
                        "sender-row-same-name",
                        path = shown.to_string(),
                        line = line.to_string(),
                        first = first.to_string(),
                        name = sender.name.as_str()
                    ),
                }),
                None => {
                    first_lines.insert(sender.identity(), line);
                    senders.push(sender);
                }
            },
            Err(p) => problems.push(crate::t!(
                "sender-row-problem",
                path = shown.to_string(),
                line = line.to_string(),
                problem = p
            )),
        }
    }
    if !problems.is_empty() {
        return Err(Problems(problems).into());
    }
    if senders.is_empty() {
        return Err(
            Failure::usage(crate::t!("sender-no-members", path = shown.to_string())).into(),
        );
    }
    Ok((senders, file.notices))
}

/// The fields of a record by the column each one is in.
fn row_of(record: &csv::StringRecord, columns: &[Option<Column>]) -> Row {
    let mut row = Row::default();
    for (value, column) in record.iter().zip(columns) {
        let slot = match column {
            Some(Column::Name) => &mut row.name,
            Some(Column::Email) => &mut row.email,
            Some(Column::City) => &mut row.city,
            Some(Column::Note) => &mut row.note,
            Some(Column::Postcode) => &mut row.postcode,
            Some(Column::Address) => &mut row.address,
            None => continue,
        };
        *slot = Some(value.to_string());
    }
    row
}

/// A member from one row (the `place`th member of the file); a problem
/// names the column.
fn sender_from_row(row: Row, place: u64) -> Result<Sender, String> {
    let name = row.name.unwrap_or_default();
    if name.trim().is_empty() {
        return Err(crate::t!("sender-name-column-empty"));
    }
    let name = check_name(&name).map_err(|e| in_column("name", e))?;
    let email = row
        .email
        .as_deref()
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| check_email(e).map_err(|m| in_column("email", m)))
        .transpose()?;
    let city = row
        .city
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(|c| check_line("city", c).map_err(|m| in_column("city", m)))
        .transpose()?;
    let note = row
        .note
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
        .map(|n| check_note(&n).map(|()| n))
        .transpose()?;
    let postcode =
        optional_line("postcode", row.postcode.as_deref()).map_err(|m| in_column("postcode", m))?;
    let address =
        optional_line("address", row.address.as_deref()).map_err(|m| in_column("address", m))?;
    Ok(Sender {
        name,
        email,
        city,
        postcode,
        address,
        note,
        variant_seed: place,
    })
}

/// A problem with a row's field, naming its column.
fn in_column(column: &str, problem: String) -> String {
    crate::t!("sender-in-column", column = column, problem = problem)
}

/// A note may span lines and hold tabs, but no other control character:
/// it is printed on the coordinator's terminal by `preview`.
pub fn check_note(note: &str) -> Result<(), String> {
    match note
        .chars()
        .find(|&c| c.is_control() && c != '\n' && c != '\t')
    {
        Some(c) => Err(crate::t!(
            "sender-note-control-character",
            character = c.escape_unicode().to_string()
        )),
        None => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_trimmed_and_checked() {
        assert_eq!(
            check_name("  Erika Mustermann ").unwrap(),
            "Erika Mustermann"
        );
        assert!(check_name("").is_err());
        assert!(check_name("Erika\r\nBcc: x@example.org")
            .unwrap_err()
            .contains("control character"));
        assert!(check_name("a\tb").is_err());
        assert!(check_name(&"x".repeat(101))
            .unwrap_err()
            .contains("longer than 100"));
        assert!(check_name(&"ä".repeat(100)).is_ok());
    }

    #[test]
    fn identity_prefers_the_address() {
        let s = Sender::new("Erika", Some("Erika@Example.org"), None).unwrap();
        assert_eq!(s.identity(), "erika@example.org");
        let s = Sender::new("Erika M", None, None).unwrap();
        assert_eq!(s.identity(), "name:erika m");
    }

    #[test]
    fn bad_email_is_refused() {
        assert!(Sender::new("Erika", Some("erika@"), None).is_err());
    }

    fn csv_file(text: &[u8]) -> tempfile::NamedTempFile {
        use std::io::Write;
        let mut f = tempfile::NamedTempFile::new().unwrap();
        f.write_all(text).unwrap();
        f
    }

    #[test]
    fn reads_members_with_bom_and_notes() {
        let f = csv_file(
            "\u{feff}name,email,city,note\nAnna A,anna@example.org,Köln,Ich bin dafür.\nBen B,,,\n"
                .as_bytes(),
        );
        let (s, _) = read_senders(f.path()).unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].city.as_deref(), Some("Köln"));
        assert_eq!(s[0].note.as_deref(), Some("Ich bin dafür."));
        assert_eq!(s[1].email, None);
    }

    #[test]
    fn bad_rows_are_named_by_line() {
        let f = csv_file(b"name,email\nA,a@example.org\nB,not-an-address\n,c@example.org\n");
        let err = read_senders(f.path()).unwrap_err().to_string();
        assert!(
            err.contains("line 3: column `email`: `not-an-address` is not a valid email address"),
            "{err}"
        );
        assert!(err.contains("line 4: column `name` is empty"), "{err}");
    }

    #[test]
    fn line_numbers_count_lines_of_multi_line_notes() {
        let f = csv_file(b"name,email,note\nA,a@example.org,\"eins\nzwei\"\nB,kaputt,\n");
        let err = read_senders(f.path()).unwrap_err().to_string();
        assert!(err.contains("line 4: column `email`: `kaputt`"), "{err}");
    }

    #[test]
    fn a_member_listed_twice_is_refused() {
        let f = csv_file(b"name,email\nAnna,a@example.org\nAnna B,A@Example.org\nBen,\nben,\n");
        let err = read_senders(f.path()).unwrap_err().to_string();
        assert!(
            err.contains("line 3: the same member as line 2 (address `A@Example.org`)"),
            "{err}"
        );
        assert!(
            err.contains("line 5: the same member as line 4 (name `ben`)"),
            "{err}"
        );
    }

    #[test]
    fn missing_name_column_and_empty_file() {
        let f = csv_file(b"email\na@example.org\n");
        assert!(read_senders(f.path())
            .unwrap_err()
            .to_string()
            .contains("no `name` column"));
        let f = csv_file(b"");
        assert!(read_senders(f.path())
            .unwrap_err()
            .to_string()
            .contains("is empty"));
    }
}
