//! The changes `setup` would make to an existing configuration file, as
//! `-` and `+` lines under their `[section]`.

/// The lines that differ between `old` and `new` (`-` and `+`), each
/// change under its `[section]` line.
pub(super) fn diff(old: &str, new: &str) -> String {
    let old: Vec<&str> = old.lines().collect();
    let new: Vec<&str> = new.lines().collect();
    // Longest common subsequence, from the end: the files are a few lines.
    let mut common = vec![vec![0usize; new.len() + 1]; old.len() + 1];
    for i in (0..old.len()).rev() {
        for j in (0..new.len()).rev() {
            common[i][j] = if old[i] == new[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    while i < old.len() || j < new.len() {
        if i < old.len() && j < new.len() && old[i] == new[j] {
            ops.push((' ', old[i]));
            i += 1;
            j += 1;
        } else if i < old.len() && (j == new.len() || common[i + 1][j] >= common[i][j + 1]) {
            ops.push(('-', old[i]));
            i += 1;
        } else {
            ops.push(('+', new[j]));
            j += 1;
        }
    }
    let mut text = String::new();
    let (mut section, mut shown) = (None, None);
    for (tag, line) in ops {
        let is_header = line.starts_with('[');
        if is_header {
            section = Some(line);
        }
        if tag == ' ' || line.trim().is_empty() {
            continue;
        }
        if is_header {
            shown = section;
        } else if section != shown {
            if let Some(header) = section {
                text.push_str(&format!("  {header}\n"));
            }
            shown = section;
        }
        text.push_str(&format!("{tag} {line}\n"));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_shows_changed_lines_under_their_section() {
        let old = "# c\n\n[sender]\nname = \"A\"\n\n[smtp]\nhost = \"h\"\nport = 587\n";
        let new =
            "# c\n\n[sender]\nname = \"A\"\n\n[smtp]\nhost = \"k\"\nport = 587\nusername = \"u\"\n";
        assert_eq!(
            diff(old, new),
            "  [smtp]\n- host = \"h\"\n+ host = \"k\"\n+ username = \"u\"\n"
        );
        assert_eq!(diff(old, old), "");
    }
}
