//! A group's members file as spreadsheets really write it: UTF-8 (with or
//! without BOM), UTF-16 (Excel's "Unicode text") or Windows-1252 (Excel's
//! "CSV" on Windows); separated by `,`, `;` (Excel and LibreOffice in a
//! German locale) or tabs; CRLF, LF or CR line ends; German or English
//! column names; extra columns.
//!
//! This module only turns the file into text and the header into known
//! columns; the rows themselves are read and checked in `sender`.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

use crate::error::{visible, Failure};

/// The columns a members file can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Column {
    /// The member's name (required).
    Name,
    /// The member's own address (the Reply-To).
    Email,
    /// Printed under the name.
    City,
    /// The member's own paragraph.
    Note,
    /// The member's postcode (a constituent's letter).
    Postcode,
    /// The member's postal address.
    Address,
}

impl Column {
    /// The column's name in messages (and its English header).
    pub fn label(self) -> &'static str {
        match self {
            Column::Name => "name",
            Column::Email => "email",
            Column::City => "city",
            Column::Note => "note",
            Column::Postcode => "postcode",
            Column::Address => "address",
        }
    }
}

/// Every header accepted for each column, as the README lists them. A
/// header matches when it is equal after lowercasing and dropping
/// everything but letters and digits (`E-Mail`, `e_mail` and `EMAIL` are
/// all `email`). To accept another column, add a [`Column`] and its row
/// here.
pub const ALIASES: &[(Column, &[&str])] = &[
    (
        Column::Name,
        &[
            "name",
            "full name",          // i18n: not shown (a header matched in the file)
            "vollständiger name", // i18n: not shown (a header matched in the file)
            "vor- und nachname",  // i18n: not shown (a header matched in the file)
        ],
    ),
    (
        Column::Email,
        &[
            "email",
            "e-mail",
            "mail",
            "email address", // i18n: not shown (a header matched in the file)
            "e-mail-adresse",
            "mailadresse",
        ],
    ),
    (Column::City, &["city", "town", "ort", "stadt", "wohnort"]),
    (
        Column::Note,
        &[
            "note",
            "personal note", // i18n: not shown (a header matched in the file)
            "notiz",
            "anmerkung",
            "nachricht",
            "persönliche nachricht", // i18n: not shown (a header matched in the file)
            // The interface's own words for it (the glossary's "eigener Absatz").
            "eigener absatz",     // i18n: not shown (a header matched in the file)
            "personal paragraph", // i18n: not shown (a header matched in the file)
        ],
    ),
    (
        Column::Postcode,
        &[
            "postcode",
            "postal code", // i18n: not shown (a header matched in the file)
            "zip",
            "zip code", // i18n: not shown (a header matched in the file)
            "plz",
            "postleitzahl",
        ],
    ),
    (
        Column::Address,
        &[
            "address",
            "postal address", // i18n: not shown (a header matched in the file)
            "street address", // i18n: not shown (a header matched in the file)
            "adresse",
            "anschrift",
            "postanschrift",
        ],
    ),
];

/// The separators recognised in the header line, in order of preference
/// when counts tie.
const SEPARATORS: [u8; 3] = [b',', b';', b'\t'];

/// A members file decoded and its header understood.
#[derive(Debug)]
pub struct MembersFile {
    /// The whole file as text, line ends as `\n`, without BOM.
    pub text: String,
    /// The field separator found in the header line.
    pub separator: u8,
    /// What each column of the header is; `None` for ignored columns.
    pub columns: Vec<Option<Column>>,
    /// Things the user should know (encoding, separator, ignored columns).
    pub notices: Vec<String>,
}

/// The hint for a header that cannot be used.
fn header_hint() -> String {
    crate::t!("members-header-hint")
}

/// Reads and decodes a members file and reads its header.
pub fn open(path: &Path) -> anyhow::Result<MembersFile> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| {
        Failure::usage(crate::t!(
            "members-cannot-open",
            path = shown.to_string(),
            error = crate::i18n::error_text(&e)
        ))
        .hint(crate::t!("members-cannot-open-hint"))
    })?;
    let mut notices = Vec::new();
    let (text, encoding) = decode(&bytes).map_err(|line| {
        Failure::usage(crate::t!(
            "members-mixed-encoding",
            path = shown.to_string(),
            line = line.to_string()
        ))
        .hint(crate::t!("members-save-as-utf8-hint"))
    })?;
    if encoding == WINDOWS_1252 {
        notices.push(crate::t!(
            "members-windows-1252-notice",
            path = shown.to_string()
        ));
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let header_line = text.lines().next().unwrap_or("");
    let separator = detect_separator(header_line);
    if separator != b',' {
        notices.push(crate::t!(
            "members-separator-notice",
            path = shown.to_string(),
            separator = separator_name(separator)
        ));
    }
    let headers = read_header(&text, separator).map_err(|e| {
        Failure::usage(crate::t!(
            "members-unreadable-header",
            path = shown.to_string(),
            error = crate::i18n::error_text(&e)
        ))
    })?;
    if headers.iter().all(String::is_empty) {
        return Err(
            Failure::usage(crate::t!("members-empty", path = shown.to_string()))
                .hint(header_hint())
                .into(),
        );
    }
    let columns: Vec<Option<Column>> = headers.iter().map(|h| column_for(h)).collect();
    check_columns(&shown.to_string(), &headers, &columns)?;
    let ignored: Vec<String> = headers
        .iter()
        .zip(&columns)
        .filter(|(h, c)| c.is_none() && !h.is_empty())
        .map(|(h, _)| format!("`{}`", visible(h)))
        .collect();
    if !ignored.is_empty() {
        notices.push(crate::t!(
            "members-ignored-columns-notice",
            path = shown.to_string(),
            count = ignored.len(),
            columns = ignored.join(", ")
        ));
    }
    Ok(MembersFile {
        text,
        separator,
        columns,
        notices,
    })
}

/// The file as text: a BOM decides (UTF-8 or UTF-16); otherwise UTF-8 if
/// it is valid, else Windows-1252, which can decode any bytes (its
/// superset of Latin-1 is what Excel on Windows writes). A file with both
/// UTF-8 umlauts and invalid bytes is neither: the error is the line of
/// the first invalid byte.
fn decode(bytes: &[u8]) -> Result<(String, &'static Encoding), usize> {
    if let Some((encoding, bom)) = Encoding::for_bom(bytes) {
        let (text, _) = encoding.decode_without_bom_handling(&bytes[bom..]);
        return Ok((text.into_owned(), encoding));
    }
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok((text.to_string(), UTF_8)),
        Err(e) => {
            let has_utf8_letters = String::from_utf8_lossy(bytes)
                .chars()
                .any(|c| !c.is_ascii() && c != char::REPLACEMENT_CHARACTER);
            if has_utf8_letters {
                let before = &bytes[..e.valid_up_to()];
                return Err(before.iter().filter(|&&b| b == b'\n').count() + 1);
            }
            let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
            Ok((text.into_owned(), WINDOWS_1252))
        }
    }
}

/// The separator of the header line: whichever of `,` `;` tab occurs most
/// often outside quotes (a one-column header has none: `,`).
fn detect_separator(header: &str) -> u8 {
    let mut counts = [0usize; SEPARATORS.len()];
    let mut quoted = false;
    for b in header.bytes() {
        if b == b'"' {
            quoted = !quoted;
        } else if !quoted {
            if let Some(i) = SEPARATORS.iter().position(|&s| s == b) {
                counts[i] += 1;
            }
        }
    }
    let best = (0..SEPARATORS.len())
        .rev()
        .max_by_key(|&i| counts[i])
        .unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        SEPARATORS[best]
    }
}

/// How a separator is named in the notice: the `separator` the message
/// selects its wording by.
fn separator_name(separator: u8) -> &'static str {
    match separator {
        b';' => "semicolon",
        b'\t' => "tab",
        _ => "comma",
    }
}

/// The header's cells, trimmed.
fn read_header(text: &str, separator: u8) -> Result<Vec<String>, csv::Error> {
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(separator)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut record = csv::StringRecord::new();
    reader.read_record(&mut record)?;
    Ok(record.iter().map(|h| h.trim().to_string()).collect())
}

/// The column a header names, by [`ALIASES`].
pub fn column_for(header: &str) -> Option<Column> {
    let key = comparable(header);
    if key.is_empty() {
        return None;
    }
    ALIASES
        .iter()
        .find(|(_, names)| names.iter().any(|n| comparable(n) == key))
        .map(|(column, _)| *column)
}

/// Lowercase letters and digits only.
fn comparable(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// A name column is required, and each column may appear once.
fn check_columns(
    shown: &str,
    headers: &[String],
    columns: &[Option<Column>],
) -> anyhow::Result<()> {
    if !columns.contains(&Some(Column::Name)) {
        let found: Vec<String> = headers.iter().map(|h| visible(h)).collect();
        return Err(Failure::usage(crate::t!(
            "members-no-name-column",
            path = shown,
            found = found.join(", ")
        ))
        .hint(header_hint())
        .into());
    }
    for (column, _) in ALIASES {
        let same: Vec<String> = headers
            .iter()
            .zip(columns)
            .filter(|(_, c)| **c == Some(*column))
            .map(|(h, _)| format!("`{}`", visible(h)))
            .collect();
        if same.len() > 1 {
            return Err(Failure::usage(crate::t!(
                "members-duplicate-column",
                path = shown,
                column = column.label(),
                headers = same.join(", ")
            ))
            .hint(crate::t!("members-duplicate-column-hint"))
            .into());
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn separators_are_counted_outside_quotes() {
        assert_eq!(detect_separator("name,email,city"), b',');
        assert_eq!(detect_separator("Name;E-Mail;Ort;Notiz"), b';');
        assert_eq!(detect_separator("name\temail"), b'\t');
        assert_eq!(detect_separator("\"Name, Vorname\";E-Mail"), b';');
        assert_eq!(detect_separator("name"), b',');
    }

    #[test]
    fn aliases_ignore_case_and_punctuation() {
        assert_eq!(column_for("E-Mail"), Some(Column::Email));
        assert_eq!(column_for("EMAIL"), Some(Column::Email));
        assert_eq!(column_for("E-Mail-Adresse"), Some(Column::Email));
        assert_eq!(column_for("Ort"), Some(Column::City));
        assert_eq!(column_for("Wohnort"), Some(Column::City));
        assert_eq!(column_for("Persönliche Nachricht"), Some(Column::Note));
        assert_eq!(column_for("NAME"), Some(Column::Name));
        assert_eq!(column_for("PLZ"), Some(Column::Postcode));
        assert_eq!(column_for("Postleitzahl"), Some(Column::Postcode));
        assert_eq!(column_for("Adresse"), Some(Column::Address));
        assert_eq!(column_for("Anschrift"), Some(Column::Address));
        assert_eq!(column_for("E-Mail-Adresse"), Some(Column::Email));
        assert_eq!(column_for("Telefon"), None);
        assert_eq!(column_for(""), None);
    }

    #[test]
    fn windows_1252_and_utf16_are_decoded() {
        let (text, enc) = decode(b"J\xfcrgen \xe4\xf6\xdf \x80").unwrap();
        assert_eq!(enc, WINDOWS_1252);
        assert_eq!(text, "Jürgen äöß €");
        let (text, enc) = decode(b"\xef\xbb\xbfK\xc3\xb6ln").unwrap();
        assert_eq!(enc, UTF_8);
        assert_eq!(text, "Köln");
        let (text, _) = decode(b"\xff\xfeK\x00\xf6\x00").unwrap();
        assert_eq!(text, "Kö");
        // UTF-8 with one Latin-1 byte on line 2: refused, not garbled.
        assert_eq!(decode(b"K\xc3\xb6ln\nJ\xfcrgen\n"), Err(2));
    }

    /// Each separator the notice names, in both languages: the message
    /// selects its wording by [`separator_name`].
    #[test]
    fn the_separator_notice_names_each_separator() {
        use crate::i18n::{message_in, Lang};
        use fluent_bundle::FluentValue;
        let notice = |lang, separator: u8| {
            message_in(
                lang,
                "members-separator-notice",
                &[
                    ("path", FluentValue::from("m.csv")),
                    ("separator", FluentValue::from(separator_name(separator))),
                ],
            )
        };
        assert_eq!(
            notice(Lang::En, b';'),
            "senders file `m.csv`: columns separated by semicolons (`;`)"
        );
        assert_eq!(
            notice(Lang::En, b'\t'),
            "senders file `m.csv`: columns separated by tabs"
        );
        assert_eq!(
            notice(Lang::De, b'\t'),
            "Mitgliederliste `m.csv`: Die Spalten sind durch Tabulatoren getrennt."
        );
        assert_eq!(
            notice(Lang::De, b','),
            "Mitgliederliste `m.csv`: Die Spalten sind durch Kommas (`,`) getrennt."
        );
    }
}
