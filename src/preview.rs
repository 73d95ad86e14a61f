//! `appeal preview`: shows each letter exactly as `send` would build it, as
//! readable text, raw `.eml` messages or JSON, without any network.
//!
//! Output is streamed letter by letter. `--out` writes into a temporary
//! folder beside the target and moves it into place only when every letter
//! rendered, so a failure never leaves a half-filled folder.

use std::io::Write;
use std::ops::Range;
use std::path::Path;
use std::time::SystemTime;

use anyhow::Context;
use lettre::Message;

use crate::cli::PreviewFormat;
use crate::error::Failure;
use crate::letter::Letter;
use crate::plan::Plan;

/// Headers shown in the text and JSON views, in this order.
const SHOWN_HEADERS: &[&str] = &[
    "From",
    "Reply-To",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
    "Content-Type",
    "Content-Transfer-Encoding",
];

/// Runs the preview.
pub fn run(plan: &Plan, format: PreviewFormat, out: Option<&Path>) -> anyhow::Result<()> {
    match out {
        Some(dir) => {
            if format == PreviewFormat::Json {
                return Err(Failure::usage(crate::t!("preview-out-with-json")).into());
            }
            let count = write_eml_folder(plan, dir)?;
            eprintln!(
                "{}",
                crate::t!(
                    "preview-wrote",
                    count = count,
                    folder = dir.display().to_string()
                )
            );
            Ok(())
        }
        None => print_all(plan, format),
    }
}

/// Letters rendered per round before they are written out: bounds memory
/// (a few MB) while every core renders.
const WAVE: usize = 4096;

/// Prints every letter in order. Rendering is spread over the cores in
/// waves; each wave's output is written in campaign order.
fn print_all(plan: &Plan, format: PreviewFormat) -> anyhow::Result<()> {
    let wrap = display_width(format);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let total = plan.len();
    let now = SystemTime::now();
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(8);
    let mut start = 0;
    while start < total {
        let end = (start + WAVE).min(total);
        let share = (end - start).div_ceil(threads).max(64);
        let parts: Vec<Range<usize>> = (start..end)
            .step_by(share)
            .map(|from| from..(from + share).min(end))
            .collect();
        let rendered: Vec<anyhow::Result<Vec<u8>>> = if parts.len() == 1 {
            vec![render_range(plan, format, parts[0].clone(), now, wrap)]
        } else {
            std::thread::scope(|scope| {
                let workers: Vec<_> = parts
                    .iter()
                    .map(|range| {
                        scope.spawn(|| render_range(plan, format, range.clone(), now, wrap))
                    })
                    .collect();
                workers
                    .into_iter()
                    .map(|w| w.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))
                    .collect()
            })
        };
        for chunk in rendered {
            out.write_all(&chunk?)?;
        }
        start = end;
    }
    out.flush()?;
    Ok(())
}

/// Renders the letters with indexes in `range` into one buffer.
fn render_range(
    plan: &Plan,
    format: PreviewFormat,
    range: Range<usize>,
    now: SystemTime,
    wrap: Option<usize>,
) -> anyhow::Result<Vec<u8>> {
    let total = plan.len();
    let mut out = Vec::with_capacity(range.len() * 4096);
    for i in range {
        let (sender, recipient) = plan.pair(i);
        let letter = plan.render(sender, recipient)?;
        match format {
            PreviewFormat::Text => {
                let headers = letter.headers_only(now);
                write_text(&mut out, i + 1, total, &letter, &headers, wrap)?
            }
            PreviewFormat::Eml if total == 1 => {
                out.extend_from_slice(&letter.message(now).formatted())
            }
            PreviewFormat::Eml => write_mbox_entry(&mut out, &letter.message(now).formatted(), now),
            PreviewFormat::Json => {
                let headers = letter.headers_only(now);
                serde_json::to_writer(&mut out, &LetterJson::new(i + 1, &letter, &headers))?;
                out.push(b'\n');
            }
        }
    }
    Ok(out)
}

/// One message of an mbox (the mboxrd flavour): several messages cannot
/// simply be concatenated, but every mail program reads an mbox. Lines
/// that would look like a separator get one more `>`.
fn write_mbox_entry(out: &mut Vec<u8>, message: &[u8], now: SystemTime) {
    let date = chrono::DateTime::<chrono::Utc>::from(now).format("%a %b %e %H:%M:%S %Y");
    out.extend_from_slice(
        format!("From appeal@{} {date}\n", crate::letter::PLACEHOLDER_DOMAIN).as_bytes(),
    );
    let text = message.strip_suffix(b"\r\n").unwrap_or(message);
    for line in text.split(|b| *b == b'\n') {
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line
            .iter()
            .skip_while(|b| **b == b'>')
            .take(5)
            .eq(b"From ".iter())
        {
            out.push(b'>');
        }
        out.extend_from_slice(line);
        out.push(b'\n');
    }
    out.push(b'\n');
}

/// One letter as a person reads it: decoded headers, then the body.
fn write_text(
    out: &mut impl Write,
    index: usize,
    total: usize,
    letter: &Letter,
    message: &Message,
    wrap: Option<usize>,
) -> std::io::Result<()> {
    if index > 1 {
        writeln!(out)?;
    }
    writeln!(
        out,
        "{}",
        crate::t!("preview-letter-heading", index = index, total = total)
    )?;
    for name in SHOWN_HEADERS {
        if let Some(value) = message.headers().get_raw(name) {
            writeln!(out, "{}: {value}", header_label(name))?;
        }
    }
    writeln!(out)?;
    match wrap {
        Some(width) => out.write_all(wrapped(&letter.body, width).as_bytes()),
        None => out.write_all(letter.body.as_bytes()),
    }
}

/// A header's name as the text view shows it: the ones a mail program
/// translates (From, To, Subject …) in the interface's language, the
/// technical ones as they are.
fn header_label(name: &str) -> String {
    match name {
        "From" => crate::t!("preview-header-from"),
        "Reply-To" => crate::t!("preview-header-reply-to"),
        "To" => crate::t!("preview-header-to"),
        "Subject" => crate::t!("preview-header-subject"),
        "Date" => crate::t!("preview-header-date"),
        other => other.to_string(),
    }
}

/// The width to wrap the text view to: the terminal's, when the letters
/// are shown on one; None (as they are) when piped or in another format.
fn display_width(format: PreviewFormat) -> Option<usize> {
    use std::io::IsTerminal;
    if format != PreviewFormat::Text || !std::io::stdout().is_terminal() {
        return None;
    }
    console::Term::stdout()
        .size_checked()
        .map(|(_rows, columns)| usize::from(columns))
}

/// `body` for reading on a screen `width` columns wide: each line longer
/// than that broken at spaces, so no word is split by the terminal. Words
/// longer than a line (web addresses) stay whole. Only for display: the
/// letter sent is not changed.
fn wrapped(body: &str, width: usize) -> String {
    let options = textwrap::Options::new(width.max(20))
        .break_words(false)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut out = String::with_capacity(body.len() + body.len() / 40);
    for line in body.split_inclusive('\n') {
        let (text, end) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        if textwrap::core::display_width(text) <= options.width {
            out.push_str(line);
            continue;
        }
        for (i, part) in textwrap::wrap(text, &options).iter().enumerate() {
            if i > 0 {
                out.push('\n');
            }
            out.push_str(part);
        }
        out.push_str(end);
    }
    out
}

/// One letter for scripts, serialised straight from borrowed data.
#[derive(serde::Serialize)]
struct LetterJson<'a> {
    index: usize,
    to: &'a str,
    to_name: Option<&'a str>,
    from: String,
    reply_to: Option<String>,
    subject: &'a str,
    body: &'a str,
    message_id: &'a str,
    /// Which alternative of each block of variants the letter got.
    variants: &'a [crate::letter::Chosen],
    headers: Headers<'a>,
}

/// The shown headers, in order, as their decoded values.
struct Headers<'a>(&'a Message);

impl serde::Serialize for Headers<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = serializer.serialize_map(None)?;
        for name in SHOWN_HEADERS {
            if let Some(value) = self.0.headers().get_raw(name) {
                map.serialize_entry(name, value)?;
            }
        }
        map.end()
    }
}

impl<'a> LetterJson<'a> {
    fn new(index: usize, letter: &'a Letter, message: &'a Message) -> Self {
        LetterJson {
            index,
            to: letter.to.email.as_ref(),
            to_name: letter.to.name.as_deref(),
            from: letter.from.to_string(),
            reply_to: letter.reply_to.as_ref().map(|m| m.to_string()),
            subject: &letter.subject,
            body: &letter.body,
            message_id: &letter.message_id,
            variants: &letter.variants,
            headers: Headers(message),
        }
    }
}

/// Writes one `.eml` per letter into `dir`, all or nothing.
fn write_eml_folder(plan: &Plan, dir: &Path) -> anyhow::Result<usize> {
    check_target(dir)?;
    let parent = match dir.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => std::path::PathBuf::from("."),
    };
    // Folders this run creates are removed again if it fails.
    let first_created = parent
        .ancestors()
        .filter(|a| !a.as_os_str().is_empty() && !a.exists())
        .last()
        .map(Path::to_path_buf);
    std::fs::create_dir_all(&parent).with_context(|| {
        crate::t!(
            "preview-cannot-create",
            folder = parent.display().to_string()
        )
    })?;
    let result = write_staged(plan, &parent, dir);
    if result.is_err() {
        if let Some(created) = first_created {
            let _ = std::fs::remove_dir_all(created);
        }
    }
    result
}

/// Writes the letters into a hidden folder inside `parent`, then renames
/// it to `dir`; the hidden folder is removed on failure.
fn write_staged(plan: &Plan, parent: &Path, dir: &Path) -> anyhow::Result<usize> {
    let staging = tempfile::Builder::new()
        .prefix(".appeal-preview-")
        .tempdir_in(parent)
        .with_context(|| {
            crate::t!(
                "preview-cannot-write-in",
                folder = parent.display().to_string()
            )
        })?;
    let width = plan.len().to_string().len().max(2);
    let now = SystemTime::now();
    let mut count = 0;
    for (i, (sender, recipient)) in plan.pairs().enumerate() {
        let letter = plan.render(sender, recipient)?;
        let name = eml_name(
            i + 1,
            width,
            plan.group.then_some(sender.name.as_str()),
            &recipient.name,
        );
        std::fs::write(staging.path().join(name), letter.message(now).formatted())
            .with_context(|| crate::t!("preview-writing-letter"))?;
        count += 1;
    }
    if dir.exists() {
        std::fs::remove_dir(dir).with_context(|| {
            crate::t!("preview-cannot-replace", folder = dir.display().to_string())
        })?;
    }
    // Kept only once it has its name: if the rename fails, dropping it
    // removes the hidden folder with every letter.
    std::fs::rename(staging.path(), dir)
        .with_context(|| crate::t!("preview-cannot-create", folder = dir.display().to_string()))?;
    let _ = staging.keep();
    Ok(count)
}

/// `--out` must be a new or empty folder: files from an earlier run must
/// not mix with this one's. A symbolic link is refused before anything is
/// written (renaming the letters onto it would fail at the very end).
fn check_target(dir: &Path) -> anyhow::Result<()> {
    if let Ok(target) = std::fs::read_link(dir) {
        return Err(Failure::usage(crate::t!(
            "preview-out-is-link",
            folder = dir.display().to_string(),
            target = target.display().to_string()
        ))
        .hint(crate::t!("preview-out-is-link-hint"))
        .into());
    }
    if let Some((link, target)) = dir
        .ancestors()
        .skip(1)
        .take_while(|a| !a.as_os_str().is_empty() && !a.exists())
        .find_map(|a| std::fs::read_link(a).ok().map(|t| (a, t)))
    {
        return Err(Failure::usage(crate::t!(
            "preview-out-dangling-link",
            link = link.display().to_string(),
            target = target.display().to_string()
        ))
        .hint(crate::t!("preview-out-dangling-link-hint"))
        .into());
    }
    if !dir.exists() {
        return Ok(());
    }
    if !dir.is_dir() {
        return Err(Failure::usage(crate::t!(
            "preview-out-not-a-folder",
            folder = dir.display().to_string()
        ))
        .into());
    }
    let mut entries = std::fs::read_dir(dir)
        .with_context(|| crate::t!("preview-cannot-read", folder = dir.display().to_string()))?;
    if entries.next().is_some() {
        return Err(Failure::usage(crate::t!(
            "preview-out-not-empty",
            folder = dir.display().to_string()
        ))
        .hint(crate::t!("preview-out-not-empty-hint"))
        .into());
    }
    Ok(())
}

/// `01-katarina-barley.eml`, or `001-anna-schmidt-to-katarina-barley.eml`
/// for a group: sorts in campaign order and says who it is for.
fn eml_name(index: usize, width: usize, sender: Option<&str>, recipient: &str) -> String {
    match sender {
        Some(s) => format!("{index:0width$}-{}-to-{}.eml", slug(s), slug(recipient)),
        None => format!("{index:0width$}-{}.eml", slug(recipient)),
    }
}

/// A file-name-safe ASCII form of a name (`Düpont` → `duepont`).
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'ä' => out.push_str("ae"),
            'ö' => out.push_str("oe"),
            'ü' => out.push_str("ue"),
            'ß' => out.push_str("ss"),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    let out = out.trim_matches('-');
    if out.is_empty() {
        "x".into()
    } else {
        out.chars().take(40).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mbox_entries_escape_from_lines() {
        let mut out = Vec::new();
        write_mbox_entry(
            &mut out,
            b"Subject: x\r\n\r\nFrom here\r\n>From there\r\n",
            SystemTime::UNIX_EPOCH,
        );
        let text = String::from_utf8(out).unwrap();
        assert_eq!(
            text,
            "From appeal@appeal.invalid Thu Jan  1 00:00:00 1970\nSubject: x\n\n>From here\n>>From there\n\n"
        );
    }

    #[test]
    fn long_lines_wrap_at_spaces_and_nothing_else_changes() {
        let body = "Sehr geehrte Frau Dr. Barley,\n\nwir wenden uns an Sie wegen der künftigen Regeln.\n\nhttps://www.amnesty.de/mitmachen/petition/unscan-my-face-stoppt-gesichtserkennung\nMit freundlichen Grüßen\n";
        assert_eq!(
            wrapped(body, 24),
            "Sehr geehrte Frau Dr.\nBarley,\n\nwir wenden uns an Sie\nwegen der künftigen\nRegeln.\n\nhttps://www.amnesty.de/mitmachen/petition/unscan-my-face-stoppt-gesichtserkennung\nMit freundlichen Grüßen\n"
        );
        assert_eq!(wrapped(body, 200), body, "short lines stay as they are");
        assert_eq!(wrapped("ohne Zeilenende", 80), "ohne Zeilenende");
    }

    #[test]
    fn file_names_sort_and_name_the_recipient() {
        assert_eq!(eml_name(1, 2, None, "Lena Düpont"), "01-lena-duepont.eml");
        assert_eq!(
            eml_name(7, 3, Some("Anna Groß"), "Moritz Körner"),
            "007-anna-gross-to-moritz-koerner.eml"
        );
        assert_eq!(
            slug("Braunsberger-Reinhold, Karolin"),
            "braunsberger-reinhold-karolin"
        );
        assert_eq!(slug("!!!"), "x");
    }
}
