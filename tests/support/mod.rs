#![allow(dead_code)]

pub mod certs;
pub mod cli;
pub mod http;
pub mod man;
pub mod smtp;

/// The built-in template's subject lines (its variants: each letter gets
/// one of them), read from the template itself.
pub fn built_in_subjects() -> Vec<String> {
    let template = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("templates/appeal.de.hbs"),
    )
    .expect("the built-in template");
    template
        .lines()
        .take_while(|l| !l.trim().is_empty())
        .filter_map(|l| l.strip_prefix("Subject: "))
        .map(str::to_string)
        .collect()
}

/// Whether `subject` is one of the built-in template's subject lines.
pub fn is_built_in_subject(subject: &str) -> bool {
    built_in_subjects().iter().any(|s| s == subject)
}
