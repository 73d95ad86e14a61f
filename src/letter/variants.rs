//! Alternative wordings in a template, and which one each letter gets.
//!
//! Parliaments treat identical mass mail as one campaign, not as many
//! voices (see the README's "Group campaigns"), so a campaign can offer
//! alternatives for the subject or any passage, as whole lines:
//!
//! ```text
//! {{#variants}}
//! Subject: Gesichtserkennung verbieten
//! {{or}}
//! Subject: Keine biometrische Massenüberwachung
//! {{/variants}}
//! ```
//!
//! Before handlebars compiles the template, each block becomes an
//! `{{#if}}…{{else if}}…{{/if}}` chain over a hidden variable, line for
//! line, so handlebars' own line numbers stay right. Which alternative a
//! letter gets is a pure function of the sender's place in the rotation
//! ([`crate::sender::Sender::variant_seed`]: a group member's row in the
//! members file) and the recipient's place in the campaign: the same
//! campaign and members file give the same choices in `preview` and
//! `send`, a rerun keeps them, and the members writing to one recipient go
//! through the alternatives in turn (20 members over 4 subjects: 5 each).

use serde::Serialize;
use serde_json::{Map, Value};

/// A line that opens a block of alternatives.
pub const OPEN: &str = "{{#variants}}";
/// A line between two alternatives.
pub const OR: &str = "{{or}}";
/// A line that closes a block of alternatives.
pub const CLOSE: &str = "{{/variants}}";

/// The hidden variable holding the choices (under the data's root).
const DATA_KEY: &str = "variants_";

/// The blocks of alternatives a template has, in order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Blocks {
    /// For each block: the line it opens on and how many alternatives it has.
    blocks: Vec<(usize, usize)>,
}

/// Which alternative of one block a letter got, for `preview --format json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Chosen {
    /// The line of the template where the block opens.
    pub line: usize,
    /// The alternative chosen, counting from 1 in the template's order.
    pub choice: usize,
    /// How many alternatives the block has.
    pub of: usize,
}

/// What is wrong with a block of alternatives, and on which line.
#[derive(Debug, PartialEq, Eq)]
pub enum Malformed {
    /// A marker shares its line with other text.
    NotAlone { line: usize, marker: &'static str },
    /// `{{or}}` outside any block.
    StrayOr { line: usize },
    /// `{{/variants}}` with no block open.
    StrayClose { line: usize },
    /// A block opened inside another one.
    Nested { line: usize, outer: usize },
    /// A block never closed.
    Unclosed { line: usize },
    /// A block with a single alternative.
    OneAlternative { line: usize },
}

impl Malformed {
    /// The template line the problem is on.
    pub fn line(&self) -> usize {
        match self {
            Malformed::NotAlone { line, .. }
            | Malformed::StrayOr { line }
            | Malformed::StrayClose { line }
            | Malformed::Nested { line, .. }
            | Malformed::Unclosed { line }
            | Malformed::OneAlternative { line } => *line,
        }
    }
}

impl std::fmt::Display for Malformed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let text = match self {
            Malformed::NotAlone { marker, .. } => {
                crate::t!("variants-not-alone", marker = *marker)
            }
            Malformed::StrayOr { .. } => crate::t!("variants-stray-or", or = OR, open = OPEN),
            Malformed::StrayClose { .. } => {
                crate::t!("variants-stray-close", close = CLOSE, open = OPEN)
            }
            Malformed::Nested { outer, .. } => {
                crate::t!("variants-nested", open = OPEN, outer = outer.to_string())
            }
            Malformed::Unclosed { .. } => {
                crate::t!("variants-unclosed", open = OPEN, close = CLOSE)
            }
            Malformed::OneAlternative { .. } => {
                crate::t!("variants-one-alternative", open = OPEN, or = OR)
            }
        };
        f.write_str(&text)
    }
}

/// Which marker a line holds, if any; a marker that shares its line with
/// other text is an error (handlebars would take it for an unknown helper).
fn marker(line: &str, number: usize) -> Result<Option<&'static str>, Malformed> {
    let trimmed = line.trim();
    for marker in [OPEN, OR, CLOSE] {
        if trimmed == marker {
            return Ok(Some(marker));
        }
    }
    let compact: String = trimmed.chars().filter(|c| !c.is_whitespace()).collect();
    for (marker, needle) in [
        (OPEN, "{{#variants"),
        (OR, "{{or}}"),
        (CLOSE, "{{/variants"),
    ] {
        if compact.contains(needle) {
            return Err(Malformed::NotAlone {
                line: number,
                marker,
            });
        }
    }
    Ok(None)
}

/// Rewrites the blocks of alternatives into handlebars, line for line, and
/// lists them. A template without blocks comes back unchanged.
pub fn expand(source: &str) -> Result<(String, Blocks), Malformed> {
    let mut out = String::with_capacity(source.len() + 64);
    let mut blocks = Blocks::default();
    // The block being read: (its index, the line it opened on, alternatives so far).
    let mut open: Option<(usize, usize, usize)> = None;
    for (i, line) in source.split_inclusive('\n').enumerate() {
        let number = i + 1;
        let end = if line.ends_with('\n') { "\n" } else { "" };
        match (marker(line, number)?, open) {
            (None, _) => {
                out.push_str(line);
                continue;
            }
            (Some(OPEN), Some((_, outer, _))) => {
                return Err(Malformed::Nested {
                    line: number,
                    outer,
                })
            }
            (Some(OPEN), None) => {
                let index = blocks.blocks.len();
                out.push_str(&format!("{{{{#if {}}}}}", path(index, 0)));
                open = Some((index, number, 1));
            }
            (Some(OR), Some((index, opened, n))) => {
                out.push_str(&format!("{{{{else if {}}}}}", path(index, n)));
                open = Some((index, opened, n + 1));
            }
            (Some(OR), None) => return Err(Malformed::StrayOr { line: number }),
            (Some(_), Some((_, opened, n))) => {
                if n < 2 {
                    return Err(Malformed::OneAlternative { line: opened });
                }
                blocks.blocks.push((opened, n));
                out.push_str("{{/if}}");
                open = None;
            }
            (Some(_), None) => return Err(Malformed::StrayClose { line: number }),
        }
        out.push_str(end);
    }
    if let Some((_, line, _)) = open {
        return Err(Malformed::Unclosed { line });
    }
    Ok((out, blocks))
}

/// The hidden variable that is true when block `block` shows alternative
/// `alternative`: from the root, so a block works inside `{{#each}}` too.
fn path(block: usize, alternative: usize) -> String {
    format!("@root.{DATA_KEY}.b{block}.a{alternative}")
}

impl Blocks {
    /// Whether the template offers any alternatives.
    pub fn is_empty(&self) -> bool {
        self.blocks.is_empty()
    }

    /// The alternatives a letter gets. `seed` is the sender's place in the
    /// rotation, `recipient` the recipient's place in the campaign. Block
    /// `b` takes `seed` plus the recipient's place, modulo its size, so
    /// for one recipient consecutive seeds go through every block's
    /// alternatives in turn (each used equally often over a full round,
    /// and within one of an uneven one); each recipient starts the rotation
    /// at another alternative. Blocks after the first also add how many
    /// full rounds of the blocks before them the seed has made, so that
    /// the combinations vary and equal-sized blocks do not move in step.
    pub fn choose(&self, seed: u64, recipient: usize) -> Vec<Chosen> {
        let mut rounds_before: u64 = 0; // 0: the first block adds nothing
        self.blocks
            .iter()
            .map(|&(line, of)| {
                let of64 = of as u64;
                let shift = seed.checked_div(rounds_before).unwrap_or(0);
                let choice =
                    ((seed % of64 + shift % of64 + recipient as u64 % of64) % of64) as usize;
                rounds_before = rounds_before.max(1).saturating_mul(of64);
                Chosen {
                    line,
                    choice: choice + 1,
                    of,
                }
            })
            .collect()
    }

    /// The hidden variable's value for these choices.
    pub fn data(choices: &[Chosen]) -> (&'static str, Value) {
        let blocks: Map<String, Value> = choices
            .iter()
            .enumerate()
            .map(|(b, chosen)| {
                let alternatives: Map<String, Value> = (0..chosen.of)
                    .map(|a| (format!("a{a}"), Value::Bool(a + 1 == chosen.choice)))
                    .collect();
                (format!("b{b}"), Value::Object(alternatives))
            })
            .collect();
        (DATA_KEY, Value::Object(blocks))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "{{#variants}}\nSubject: A\n{{or}}\nSubject: B\n{{/variants}}\n\nText\n";

    #[test]
    fn blocks_become_if_chains_line_for_line() {
        let (out, blocks) = expand(TEMPLATE).unwrap();
        assert_eq!(out.lines().count(), TEMPLATE.lines().count());
        assert_eq!(
            out,
            "{{#if @root.variants_.b0.a0}}\nSubject: A\n{{else if @root.variants_.b0.a1}}\nSubject: B\n{{/if}}\n\nText\n"
        );
        assert_eq!(blocks.blocks, vec![(1, 2)]);
        let (same, none) = expand("Subject: x\n\nText").unwrap();
        assert_eq!(same, "Subject: x\n\nText");
        assert!(none.is_empty());
    }

    #[test]
    fn malformed_blocks_name_their_line() {
        let cases = [
            ("a\n{{or}}\n", Malformed::StrayOr { line: 2 }),
            ("{{/variants}}\n", Malformed::StrayClose { line: 1 }),
            (
                "x\n{{#variants}}\na\n{{or}}\nb\n",
                Malformed::Unclosed { line: 2 },
            ),
            (
                "{{#variants}}\n{{#variants}}\n",
                Malformed::Nested { line: 2, outer: 1 },
            ),
            (
                "x\n{{#variants}}\na\n{{/variants}}\n",
                Malformed::OneAlternative { line: 2 },
            ),
            (
                "Subject: {{#variants}}a\n",
                Malformed::NotAlone {
                    line: 1,
                    marker: OPEN,
                },
            ),
            (
                "{{#variants}}\na {{ or }} b\n",
                Malformed::NotAlone {
                    line: 2,
                    marker: OR,
                },
            ),
        ];
        for (source, expected) in cases {
            assert_eq!(expand(source).unwrap_err(), expected, "{source}");
        }
    }

    #[test]
    fn members_to_one_recipient_go_through_the_alternatives_evenly() {
        let (_, blocks) = expand(
            "{{#variants}}\n1\n{{or}}\n2\n{{or}}\n3\n{{or}}\n4\n{{/variants}}\n{{#variants}}\nx\n{{or}}\ny\n{{or}}\nz\n{{/variants}}\n",
        )
        .unwrap();
        for recipient in 0..6 {
            let mut first = [0; 4];
            let mut second = [0; 3];
            for member in 0..20 {
                let c = blocks.choose(member, recipient);
                first[c[0].choice - 1] += 1;
                second[c[1].choice - 1] += 1;
            }
            assert_eq!(first, [5, 5, 5, 5], "recipient {recipient}");
            assert!(second.iter().all(|&n| (6..=7).contains(&n)), "{second:?}");
        }
        // Each recipient starts elsewhere; the same inputs, the same choice.
        assert_ne!(blocks.choose(0, 0)[0], blocks.choose(0, 1)[0]);
        assert_eq!(blocks.choose(7, 3), blocks.choose(7, 3));
    }

    #[test]
    fn consecutive_members_get_every_combination_of_two_equal_blocks() {
        // Two blocks of two: four members in a row to one recipient get all
        // four combinations, not the two that blocks moving in step give.
        let (_, blocks) = expand(
            "{{#variants}}\na\n{{or}}\nb\n{{/variants}}\n{{#variants}}\nx\n{{or}}\ny\n{{/variants}}\n",
        )
        .unwrap();
        for recipient in 0..3 {
            let combinations: std::collections::BTreeSet<(usize, usize)> = (0..4)
                .map(|member| {
                    let c = blocks.choose(member, recipient);
                    (c[0].choice, c[1].choice)
                })
                .collect();
            assert_eq!(
                combinations.len(),
                4,
                "recipient {recipient}: {combinations:?}"
            );
        }
    }
}
