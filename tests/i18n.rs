//! The two message files stay in step, and no text a person reads is left in
//! the code: what a German user sees must all come from `i18n/de/*.ftl`.
//!
//! - both languages have exactly the same keys (messages and attributes) and
//!   each message uses the same variables in both;
//! - every key the code asks for with `t!("…")` or `message("…")` exists;
//! - no string literal outside the message files reads like a sentence
//!   (two words in a row), except in tests, doc comments, and lines marked
//!   `// i18n: not shown` with a reason (SMTP commands, log-only texts,
//!   file formats, the letter itself).

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use fluent_syntax::ast;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

/// Every message (and `message.attribute`) with the variables it uses, per
/// file, for one language.
fn messages(lang: &str) -> BTreeMap<String, (PathBuf, BTreeSet<String>)> {
    let dir = Path::new(ROOT).join("i18n").join(lang);
    let mut out = BTreeMap::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| path.extension().is_some_and(|e| e == "ftl"))
        .collect();
    files.sort();
    for path in files {
        let source = std::fs::read_to_string(&path).unwrap();
        let resource =
            fluent_syntax::parser::parse(source.as_str()).unwrap_or_else(|(_, errors)| {
                panic!("{}: Fluent syntax errors: {errors:?}", path.display())
            });
        for entry in resource.body {
            if let ast::Entry::Message(message) = entry {
                let id = message.id.name.to_string();
                let mut keys = Vec::new();
                if let Some(value) = &message.value {
                    keys.push((id.clone(), variables(value)));
                }
                for attribute in &message.attributes {
                    keys.push((
                        format!("{id}.{}", attribute.id.name),
                        variables(&attribute.value),
                    ));
                }
                for (key, vars) in keys {
                    if let Some((other, _)) = out.insert(key.clone(), (path.clone(), vars)) {
                        panic!(
                            "`{key}` is defined twice: in {} and {}",
                            other.display(),
                            path.display()
                        );
                    }
                }
            }
        }
    }
    out
}

fn variables(pattern: &ast::Pattern<&str>) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for element in &pattern.elements {
        if let ast::PatternElement::Placeable { expression } = element {
            expression_variables(expression, &mut out);
        }
    }
    out
}

fn expression_variables(expression: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match expression {
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for variant in variants {
                out.extend(variables(&variant.value));
            }
        }
        ast::Expression::Inline(inline) => inline_variables(inline, out),
    }
}

fn inline_variables(inline: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match inline {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_string());
        }
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for argument in &arguments.positional {
                inline_variables(argument, out);
            }
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        _ => {}
    }
}

#[test]
fn both_languages_have_the_same_keys_with_the_same_variables() {
    let english = messages("en");
    let german = messages("de");
    let mut problems = Vec::new();
    for (key, (path, vars)) in &english {
        match german.get(key) {
            None => problems.push(format!("`{key}` ({}) has no German text", path.display())),
            Some((_, german_vars)) if german_vars != vars => problems.push(format!(
                "`{key}` uses {vars:?} in English but {german_vars:?} in German"
            )),
            Some(_) => {}
        }
    }
    for (key, (path, _)) in &german {
        if !english.contains_key(key) {
            problems.push(format!("`{key}` ({}) has no English text", path.display()));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// The Rust sources of the program (not the tests, benches or build files).
fn sources() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&Path::new(ROOT).join("src"), &mut out);
    out.sort();
    out
}

/// A string literal in a source file, with what the scan knows about it.
#[derive(Debug)]
struct Literal {
    line: usize,
    text: String,
    /// Inside a `#[cfg(test)]` item.
    in_test: bool,
    /// The source text just before the literal on its line, e.g. `t!(`.
    before: String,
}

/// The string literals of a Rust source, skipping comments and char
/// literals, and noting which are inside `#[cfg(test)]` items. A small
/// lexer: enough for this code base (tested by the check itself).
fn literals(source: &str) -> Vec<Literal> {
    let bytes = source.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut line = 1;
    let mut depth: i64 = 0;
    // Brace depths at which a #[cfg(test)] item started; the item ends
    // when the depth falls back to it.
    let mut test_depths: Vec<i64> = Vec::new();
    let mut pending_test_attribute = false;
    let mut line_start = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        let c = bytes[i];
        if c == b'\n' {
            line += 1;
            line_start = i + 1;
            i += 1;
        } else if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(rest.len(), |e| e + 2);
            line += rest[..end].matches('\n').count();
            i += end;
        } else if rest.starts_with("#[cfg(test)]") {
            pending_test_attribute = true;
            i += "#[cfg(test)]".len();
        } else if c == b'{' {
            if pending_test_attribute {
                test_depths.push(depth);
                pending_test_attribute = false;
            }
            depth += 1;
            i += 1;
        } else if c == b'}' {
            depth -= 1;
            if test_depths.last() == Some(&depth) {
                test_depths.pop();
            }
            i += 1;
        } else if c == b';' {
            // `#[cfg(test)] use …;` or `#[cfg(test)] mod x;`
            pending_test_attribute = false;
            i += 1;
        } else if c == b'"'
            || ((c == b'r' || c == b'b') && raw_or_byte_string_start(rest).is_some())
        {
            let (prefix_len, hashes) = if c == b'"' {
                (0, None)
            } else {
                raw_or_byte_string_start(rest).unwrap()
            };
            let start = i + prefix_len + 1;
            let (end, next) = match hashes {
                Some(n) => {
                    let close = format!("\"{}", "#".repeat(n));
                    let end = start + source[start..].find(&close).expect("a closed raw string");
                    (end, end + close.len())
                }
                None => {
                    let mut j = start;
                    while bytes[j] != b'"' {
                        j += if bytes[j] == b'\\' { 2 } else { 1 };
                    }
                    (j, j + 1)
                }
            };
            out.push(Literal {
                line,
                text: source[start..end].to_string(),
                in_test: !test_depths.is_empty() || pending_test_attribute,
                before: source[line_start..i].to_string(),
            });
            line += source[i..next].matches('\n').count();
            i = next;
        } else if c == b'\'' {
            // A char literal ('a', '\n', '\u{1b}') or a lifetime ('a).
            let char_end = if rest[1..].starts_with('\\') {
                rest[2..].find('\'').map(|e| e + 3)
            } else {
                rest[1..]
                    .char_indices()
                    .nth(1)
                    .filter(|(_, ch)| *ch == '\'')
                    .map(|(e, _)| e + 2)
            };
            i += char_end.unwrap_or(1);
        } else {
            i += 1;
        }
    }
    out
}

/// `r"`, `r#"`, `b"`, `br#"`: the length of the prefix before the quote and
/// the number of `#` for raw strings.
fn raw_or_byte_string_start(rest: &str) -> Option<(usize, Option<usize>)> {
    let after_b = rest.strip_prefix('b').unwrap_or(rest);
    let b_len = rest.len() - after_b.len();
    if let Some(after_r) = after_b.strip_prefix('r') {
        let hashes = after_r.len() - after_r.trim_start_matches('#').len();
        if after_r[hashes..].starts_with('"') {
            return Some((b_len + 1 + hashes, Some(hashes)));
        }
        return None;
    }
    if b_len == 1 && after_b.starts_with('"') {
        return Some((1, None));
    }
    None
}

/// Whether a literal reads like words for people: two words of letters in a
/// row, the second lowercase ("no such file", "Sent 3"), as opposed to
/// format strings, keys, SMTP commands ("MAIL FROM") and file names.
fn reads_like_prose(text: &str) -> bool {
    let words: Vec<&str> = text
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect();
    words.windows(2).any(|pair| {
        let is_word = |w: &str| {
            let w = w.trim_matches(|c: char| ",.:;!?()'`\"".contains(c));
            w.chars().count() >= 2
                && w.chars()
                    .all(|c| c.is_alphabetic() || c == '\'' || c == '-')
        };
        is_word(pair[0])
            && is_word(pair[1])
            && pair[1]
                .trim_matches(|c: char| ",.:;!?()'`\"".contains(c))
                .chars()
                .next()
                .is_some_and(char::is_lowercase)
    })
}

/// The line marks a literal as not shown to people, with a reason.
fn marked_not_shown(source_lines: &[&str], line: usize) -> bool {
    let marked = |l: usize| {
        source_lines
            .get(l.wrapping_sub(1))
            .is_some_and(|text| text.contains("// i18n: not shown"))
    };
    marked(line) || marked(line - 1)
}

/// The keys the code asks for: the literal right after `t!(` or
/// `message(`/`message_in(…, `.
fn keys_used(literal: &Literal) -> bool {
    let before = literal.before.trim_end();
    // `t!(` but not `format!(` or `print!(`
    let call = |name: &str| {
        before.strip_suffix(name).is_some_and(|head| {
            !head
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == '_')
        })
    };
    call("t!(")
        || call("message(")
        || call("i18n::message(")
        || before.ends_with("i18n::has(")
        || (before.contains("message_in(") && before.ends_with(','))
}

#[test]
fn every_key_the_code_uses_exists() {
    let english = messages("en");
    let mut missing = Vec::new();
    for path in sources() {
        let source = std::fs::read_to_string(&path).unwrap();
        for literal in literals(&source) {
            if keys_used(&literal) && !literal.in_test && !english.contains_key(&literal.text) {
                missing.push(format!(
                    "{}:{}: `{}` is in no message file",
                    path.display(),
                    literal.line,
                    literal.text
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}

#[test]
fn no_text_for_people_is_left_in_the_code() {
    let mut stray = Vec::new();
    for path in sources() {
        let source = std::fs::read_to_string(&path).unwrap();
        let lines: Vec<&str> = source.lines().collect();
        for literal in literals(&source) {
            if literal.in_test
                || keys_used(&literal)
                || !reads_like_prose(&literal.text)
                || marked_not_shown(&lines, literal.line)
            {
                continue;
            }
            let relative = path.strip_prefix(ROOT).unwrap_or(&path);
            stray.push(format!(
                "{}:{}: \"{}\"",
                relative.display(),
                literal.line,
                literal.text
            ));
        }
    }
    assert!(
        stray.is_empty(),
        "{} texts for people are still in the code; move each into \
         i18n/en/*.ftl and i18n/de/*.ftl and use t!(…), or mark the line \
         `// i18n: not shown (why)`:\n{}",
        stray.len(),
        stray.join("\n")
    );
}

#[test]
fn the_scanner_sees_literals_comments_and_test_modules() {
    let source = r##"
fn a() { let x = "no such file"; let c = '"'; let l: &'static str = r#"raw "text" here"#; }
// "a comment here"
/// "a doc comment here"
#[cfg(test)]
mod tests { fn b() { let y = "in a test"; } }
fn c() { t!("some-key"); format!("not a key {}", 1); }
"##;
    let found = literals(source);
    let texts: Vec<(&str, bool)> = found.iter().map(|l| (l.text.as_str(), l.in_test)).collect();
    assert_eq!(
        texts,
        [
            ("no such file", false),
            ("raw \"text\" here", false),
            ("in a test", true),
            ("some-key", false),
            ("not a key {}", false)
        ]
    );
    assert!(keys_used(&found[3]));
    assert!(!keys_used(&found[4]));
    assert!(reads_like_prose("no such file"));
    assert!(reads_like_prose("Sent to the server"));
    assert!(!reads_like_prose("MAIL FROM:<{}>"));
    assert!(!reads_like_prose("{path}:{line}: {}"));
    assert!(!reads_like_prose("send-summary"));
}
