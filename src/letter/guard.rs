//! Keeps a hostile or broken template from crashing the process.
//!
//! handlebars parses and renders by recursion and has no limit of its own:
//! about 20,000 nested `{{#if}}` overflow the stack while parsing, and a
//! partial that includes itself (`{{#*inline "p"}}a{{> p}}{{/inline}}{{> p}}`)
//! overflows it while rendering. A stack overflow aborts the process (exit
//! 134) with no message, so both are refused before handlebars sees them:
//! the nesting depth by a scan of the source, before parsing; recursion
//! between partials by a walk of the parsed template, before rendering.

use std::collections::{BTreeMap, BTreeSet};

use handlebars::template::{Parameter, Template, TemplateElement};

/// Deepest nesting of blocks (`{{#…}}`) and of sub-expressions (`(…)`
/// inside a tag) accepted. A letter needs two or three levels; handlebars
/// parses and renders 100 safely on a 2 MiB thread stack (the rendering
/// threads' default size).
pub const MAX_DEPTH: usize = 100;

/// The name a template's own partial references would use for the letter
/// itself (`{{> letter}}`): the template is registered under it.
pub const LETTER: &str = "letter";

/// Why a template cannot be used safely.
#[derive(Debug, PartialEq, Eq)]
pub enum Unsafe {
    /// Blocks or sub-expressions nested deeper than [`MAX_DEPTH`]; the
    /// line where the limit was passed.
    TooDeep { line: usize },
    /// A partial that includes itself, directly or through others: the
    /// chain of names, first and last the same.
    Recursive { chain: Vec<String> },
    /// `{{> (expression)}}`: a partial chosen at render time cannot be
    /// checked for recursion.
    DynamicPartial,
}

/// Scans the source for the nesting depth of blocks and of parentheses
/// inside tags, without parsing it (the parser is what would overflow).
/// Approximate on purpose: text inside comments and raw blocks counts too,
/// which can only refuse more, never let a deep template through.
pub fn check_depth(source: &str) -> Result<(), Unsafe> {
    let bytes = source.as_bytes();
    let mut blocks: usize = 0;
    let mut parens: usize = 0;
    let mut in_tag = false;
    let mut line = 1;
    let mut i = 0;
    while i < bytes.len() {
        let rest = &bytes[i..];
        match bytes[i] {
            b'\n' => line += 1,
            b'{' if rest.starts_with(b"{{") && !in_tag => {
                in_tag = true;
                let after = source[i..].trim_start_matches('{').trim_start_matches('~');
                // `{{^}}` alone is an `else`, not a block.
                let inverse = after.starts_with('^')
                    && !after[1..]
                        .trim_start()
                        .trim_start_matches('~')
                        .starts_with('}');
                if after.starts_with('#') || inverse {
                    blocks += 1;
                } else if after.starts_with('/') {
                    blocks = blocks.saturating_sub(1);
                }
                i += 2;
                continue;
            }
            b'}' if rest.starts_with(b"}}") && in_tag => {
                in_tag = false;
                parens = 0;
                i += 2;
                continue;
            }
            b'(' if in_tag => parens += 1,
            b')' if in_tag => parens = parens.saturating_sub(1),
            _ => {}
        }
        if blocks > MAX_DEPTH || parens > MAX_DEPTH {
            return Err(Unsafe::TooDeep { line });
        }
        i += 1;
    }
    Ok(())
}

/// Refuses a partial that can include itself. Partials are the inline
/// ones a template defines (`{{#*inline "name"}}`) and the letter itself;
/// every `{{> name}}` is an edge from the partial it appears in, and a
/// cycle reachable from the letter would never end.
pub fn check_partials(template: &Template) -> Result<(), Unsafe> {
    let mut graph = Graph::default();
    graph.walk(template, LETTER)?;
    match graph.cycle_from(LETTER) {
        Some(chain) => Err(Unsafe::Recursive { chain }),
        None => Ok(()),
    }
}

/// Which partials each partial (or the letter) includes.
#[derive(Default)]
struct Graph {
    edges: BTreeMap<String, BTreeSet<String>>,
}

/// `{{> @partial-block}}` renders the content of whichever partial block
/// called: every partial included inside any partial block's content is
/// counted as reachable from it (conservative).
const PARTIAL_BLOCK: &str = "@partial-block";

impl Graph {
    fn edge(&mut self, from: &str, to: &str) {
        self.edges
            .entry(from.to_string())
            .or_default()
            .insert(to.to_string());
    }

    /// Adds the partials `template` includes as edges from `owner`.
    fn walk(&mut self, template: &Template, owner: &str) -> Result<(), Unsafe> {
        for element in &template.elements {
            match element {
                TemplateElement::HelperBlock(helper) => {
                    for part in [&helper.template, &helper.inverse].into_iter().flatten() {
                        self.walk(part, owner)?;
                    }
                }
                TemplateElement::DecoratorBlock(decorator) => {
                    let inline = decorator.name.as_name() == Some("inline");
                    let defined = match decorator.params.first() {
                        Some(Parameter::Literal(serde_json::Value::String(name))) if inline => {
                            Some(name.clone())
                        }
                        _ => None,
                    };
                    if let Some(body) = &decorator.template {
                        self.walk(body, defined.as_deref().unwrap_or(owner))?;
                    }
                }
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    let name = partial_name(&partial.name)?;
                    self.edge(owner, &name);
                    if let Some(content) = &partial.template {
                        // The content renders in the caller's place, and
                        // wherever the partial says `{{> @partial-block}}`.
                        self.walk(content, owner)?;
                        self.walk(content, PARTIAL_BLOCK)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// A chain of includes from `start` that comes back to a partial on it.
    fn cycle_from(&self, start: &str) -> Option<Vec<String>> {
        let mut path = vec![start.to_string()];
        let mut done = BTreeSet::new();
        self.search(&mut path, &mut done)
    }

    fn search(&self, path: &mut Vec<String>, done: &mut BTreeSet<String>) -> Option<Vec<String>> {
        let here = path.last().expect("never empty").clone();
        for next in self.edges.get(&here).into_iter().flatten() {
            if let Some(at) = path.iter().position(|p| p == next) {
                let mut chain = path[at..].to_vec();
                chain.push(next.clone());
                return Some(chain);
            }
            if done.contains(next) {
                continue;
            }
            path.push(next.clone());
            if let Some(chain) = self.search(path, done) {
                return Some(chain);
            }
            path.pop();
        }
        done.insert(here);
        None
    }
}

/// The written-out name of a partial; `{{> (lookup …)}}` has none.
fn partial_name(name: &Parameter) -> Result<String, Unsafe> {
    match (name.as_name(), name) {
        (Some(n), _) => Ok(n.to_string()),
        (None, Parameter::Literal(serde_json::Value::String(s))) => Ok(s.clone()),
        _ => Err(Unsafe::DynamicPartial),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn partials(source: &str) -> Result<(), Unsafe> {
        check_partials(&Template::compile(source).expect("compiles"))
    }

    #[test]
    fn nesting_is_counted_by_blocks_and_parentheses() {
        let nested = |n: usize| "{{#if a}}".repeat(n) + &"{{/if}}".repeat(n);
        assert_eq!(check_depth(&nested(MAX_DEPTH)), Ok(()));
        assert_eq!(
            check_depth(&format!("x\n{}", nested(MAX_DEPTH + 1))),
            Err(Unsafe::TooDeep { line: 2 })
        );
        // `{{^}}` is an else; siblings do not add up.
        assert_eq!(check_depth(&"{{#if a}}x{{^}}y{{/if}}".repeat(500)), Ok(()));
        assert_eq!(check_depth(&"{{#if a}}x{{/if}}".repeat(500)), Ok(()));
        let parens = format!("{{{{x {}a{}}}}}", "(".repeat(101), ")".repeat(101));
        assert!(check_depth(&parens).is_err());
        // Parentheses in the letter's text are not inside a tag.
        assert_eq!(check_depth(&"Artikel 5(1)(d) (".repeat(300)), Ok(()));
    }

    #[test]
    fn a_partial_that_includes_itself_is_found() {
        assert_eq!(
            partials(r#"{{#*inline "p"}}a{{> p}}{{/inline}}{{> p}}"#),
            Err(Unsafe::Recursive {
                chain: vec!["p".into(), "p".into()]
            })
        );
        assert!(matches!(
            partials(
                r#"{{#*inline "a"}}{{> b}}{{/inline}}{{#*inline "b"}}{{#if x}}{{> a}}{{/if}}{{/inline}}{{> a}}"#
            ),
            Err(Unsafe::Recursive { .. })
        ));
        assert!(matches!(
            partials("Subject: x\n\n{{> letter}}"),
            Err(Unsafe::Recursive { .. })
        ));
        assert_eq!(
            partials("{{> (lookup this \"p\")}}"),
            Err(Unsafe::DynamicPartial)
        );
    }

    #[test]
    fn partials_used_twice_are_not_recursion() {
        assert_eq!(
            partials(
                r#"{{#*inline "p"}}a{{/inline}}{{#*inline "q"}}{{> p}}{{> p}}{{/inline}}{{> q}}{{> p}}"#
            ),
            Ok(())
        );
    }
}
