//! Keeps a hostile or broken template from crashing the process.
//!
//! handlebars parses and renders by recursion and has no limit of its own:
//! about 20,000 nested `{{#if}}` overflow the stack while parsing, and a
//! partial that includes itself (`{{#*inline "p"}}a{{> p}}{{/inline}}{{> p}}`)
//! overflows it while rendering. A stack overflow aborts the process (exit
//! 134) with no message, so both are refused before handlebars sees them:
//! the nesting depth by a scan of the source, before parsing; recursion
//! between partials by a walk of the parsed template, before rendering.

use std::collections::BTreeMap;

use handlebars::template::{DecoratorTemplate, Parameter, Template, TemplateElement};

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
    /// Nesting deeper than [`MAX_DEPTH`] once the partials a template
    /// includes are counted (each include is a level too).
    TooDeepThroughPartials,
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

/// Refuses a partial that can include itself, and nesting that only
/// becomes deep through partials (each include is a level of recursion
/// too, so 50 partials each nested 100 deep would overflow as well).
/// Partials are the inline ones a template defines
/// (`{{#*inline "name"}}`) and the letter itself (`{{> letter}}`).
pub fn check_partials(template: &Template) -> Result<(), Unsafe> {
    let mut partials = Partials::default();
    partials
        .bodies
        .entry(LETTER.into())
        .or_default()
        .push(template);
    partials.collect(template)?;
    let depth = partials.depth_of(LETTER, &mut Vec::new())?;
    if depth > MAX_DEPTH {
        return Err(Unsafe::TooDeepThroughPartials);
    }
    Ok(())
}

/// `{{> @partial-block}}` renders the content of whichever partial block
/// called: it stands for every partial block's content (conservative).
const PARTIAL_BLOCK: &str = "@partial-block";

/// The bodies each partial name may render, and the depths found so far.
#[derive(Default)]
struct Partials<'t> {
    bodies: BTreeMap<String, Vec<&'t Template>>,
    depths: BTreeMap<String, usize>,
}

impl<'t> Partials<'t> {
    /// Finds the inline partials and partial-block contents in `template`
    /// (recursion bounded by the nesting already checked by
    /// [`check_depth`]), and refuses computed partial names.
    fn collect(&mut self, template: &'t Template) -> Result<(), Unsafe> {
        for element in &template.elements {
            match element {
                TemplateElement::HelperBlock(helper) => {
                    for part in [&helper.template, &helper.inverse].into_iter().flatten() {
                        self.collect(part)?;
                    }
                }
                TemplateElement::DecoratorBlock(decorator) => {
                    if let Some(body) = &decorator.template {
                        if let Some(name) = inline_name(decorator) {
                            self.bodies.entry(name).or_default().push(body);
                        }
                        self.collect(body)?;
                    }
                }
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    partial_name(&partial.name)?;
                    if let Some(content) = &partial.template {
                        self.bodies
                            .entry(PARTIAL_BLOCK.into())
                            .or_default()
                            .push(content);
                        self.collect(content)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    /// How deep rendering partial `name` nests: its deepest body. `path`
    /// holds the partials being rendered around it; meeting one of them
    /// again is recursion, and a path longer than [`MAX_DEPTH`] is too
    /// deep (which also bounds this function's own recursion).
    fn depth_of(&mut self, name: &str, path: &mut Vec<String>) -> Result<usize, Unsafe> {
        if let Some(at) = path.iter().position(|p| p == name) {
            let mut chain = path[at..].to_vec();
            chain.push(name.to_string());
            return Err(Unsafe::Recursive { chain });
        }
        if path.len() > MAX_DEPTH {
            return Err(Unsafe::TooDeepThroughPartials);
        }
        if let Some(depth) = self.depths.get(name) {
            return Ok(*depth);
        }
        path.push(name.to_string());
        let bodies = self.bodies.get(name).cloned().unwrap_or_default();
        let mut depth = 0;
        for body in bodies {
            depth = depth.max(self.depth_in(body, path)?);
        }
        path.pop();
        self.depths.insert(name.to_string(), depth);
        Ok(depth)
    }

    /// How deep rendering `template` nests, counting blocks and includes.
    fn depth_in(&mut self, template: &Template, path: &mut Vec<String>) -> Result<usize, Unsafe> {
        let mut deepest = 0;
        for element in &template.elements {
            let depth = match element {
                TemplateElement::HelperBlock(helper) => {
                    let mut inner = 0;
                    for part in [&helper.template, &helper.inverse].into_iter().flatten() {
                        inner = inner.max(self.depth_in(part, path)?);
                    }
                    1 + inner
                }
                // A definition renders nothing where it stands.
                TemplateElement::DecoratorBlock(decorator) if inline_name(decorator).is_some() => 0,
                TemplateElement::DecoratorBlock(decorator) => match &decorator.template {
                    Some(body) => 1 + self.depth_in(body, path)?,
                    None => 1,
                },
                TemplateElement::PartialExpression(partial)
                | TemplateElement::PartialBlock(partial) => {
                    let name = partial_name(&partial.name)?;
                    let mut inner = self.depth_of(&name, path)?;
                    if let Some(content) = &partial.template {
                        inner = inner.max(self.depth_in(content, path)?);
                    }
                    1 + inner
                }
                _ => 0,
            };
            deepest = deepest.max(depth);
        }
        Ok(deepest)
    }
}

/// The name an `{{#*inline "name"}}` block defines.
fn inline_name(decorator: &DecoratorTemplate) -> Option<String> {
    if decorator.name.as_name() != Some("inline") {
        return None;
    }
    match decorator.params.first() {
        Some(Parameter::Literal(serde_json::Value::String(name))) => Some(name.clone()),
        _ => None,
    }
}

/// The written-out name of a partial; `{{> (lookup …)}}` has none.
/// handlebars parses a partial's name as a name, a path or a
/// sub-expression, never as a string literal (`{{> "p"}}` does not parse),
/// so a name that is not written out is always refused as dynamic.
fn partial_name(name: &Parameter) -> Result<String, Unsafe> {
    name.as_name()
        .map(str::to_string)
        .ok_or(Unsafe::DynamicPartial)
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
    fn sub_expressions_may_nest_up_to_the_limit_and_siblings_do_not_add_up() {
        let nested = |n: usize| format!("{{{{x {}a{}}}}}", "(".repeat(n), ")".repeat(n));
        assert_eq!(check_depth(&nested(MAX_DEPTH)), Ok(()));
        assert_eq!(
            check_depth(&format!("a\nb\n{}", nested(MAX_DEPTH + 1))),
            Err(Unsafe::TooDeep { line: 3 })
        );
        // 150 sub-expressions side by side in one tag are one level deep.
        let siblings = format!("{{{{x {}}}}}", "(a b) ".repeat(150));
        assert_eq!(check_depth(&siblings), Ok(()));
    }

    #[test]
    fn an_empty_tag_is_scanned_once_and_left_to_the_parser() {
        // `{{}}` is a typo handlebars refuses; the scan must pass over it
        // (a scan that stepped back at `}}` would find the same `{{` again
        // forever).
        let (tx, rx) = std::sync::mpsc::channel();
        std::thread::spawn(move || tx.send(check_depth("Sehr geehrte {{}}\n{{#if a}}x{{/if}}")));
        let scanned = rx.recv_timeout(std::time::Duration::from_secs(10));
        assert_eq!(scanned, Ok(Ok(())), "the scan of `{{{{}}}}` did not end");
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
    fn nesting_through_partials_counts() {
        // 60 partials, each one level deeper: 120 levels when rendered.
        let mut source = String::new();
        for i in 0..60 {
            source.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{{{{#if x}}}}{{{{> p{}}}}}{{{{/if}}}}{{{{/inline}}}}",
                i + 1
            ));
        }
        source.push_str("{{#*inline \"p60\"}}x{{/inline}}{{> p0}}");
        assert_eq!(partials(&source), Err(Unsafe::TooDeepThroughPartials));
        // A chain longer than the limit is refused without following it.
        let mut source = String::new();
        for i in 0..200 {
            source.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{{{{> p{}}}}}{{{{/inline}}}}",
                i + 1
            ));
        }
        source.push_str("{{> p0}}");
        assert_eq!(partials(&source), Err(Unsafe::TooDeepThroughPartials));
        // 40 levels through partials are fine.
        let mut source = String::new();
        for i in 0..20 {
            source.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{{{{#if x}}}}{{{{> p{}}}}}{{{{/if}}}}{{{{/inline}}}}",
                i + 1
            ));
        }
        source.push_str("{{#*inline \"p20\"}}x{{/inline}}{{> p0}}");
        assert_eq!(partials(&source), Ok(()));
    }

    /// `{{> p0}}` through a chain of `n` partials `p0`…, the last one text:
    /// `n` levels when rendered.
    fn chain(n: usize, around: (&str, &str)) -> String {
        let mut source = String::new();
        for i in 0..n - 1 {
            source.push_str(&format!(
                "{{{{#*inline \"p{i}\"}}}}{{{{> p{}}}}}{{{{/inline}}}}",
                i + 1
            ));
        }
        source.push_str(&format!("{{{{#*inline \"p{}\"}}}}x{{{{/inline}}}}", n - 1));
        source + around.0 + "{{> p0}}" + around.1
    }

    #[test]
    fn a_chain_of_partials_may_reach_the_limit_but_not_pass_it() {
        assert_eq!(partials(&chain(MAX_DEPTH, ("", ""))), Ok(()));
        assert_eq!(
            partials(&chain(MAX_DEPTH + 1, ("", ""))),
            Err(Unsafe::TooDeepThroughPartials)
        );
        // A block around the include is one level more.
        assert_eq!(
            partials(&chain(MAX_DEPTH, ("{{#if x}}", "{{/if}}"))),
            Err(Unsafe::TooDeepThroughPartials)
        );
        // So is a decorator block other than an inline definition.
        assert_eq!(
            partials(&chain(MAX_DEPTH, ("{{#*log}}", "{{/log}}"))),
            Err(Unsafe::TooDeepThroughPartials)
        );
    }

    #[test]
    fn an_inline_definition_renders_nothing_where_it_stands() {
        // 50 blocks around the definition of `d`, which includes a chain
        // 60 deep; `d` is used at the top: 61 levels when rendered, not 111.
        let open = "{{#if a}}".repeat(50) + "{{#*inline \"d\"}}";
        let close = "{{/inline}}".to_string() + &"{{/if}}".repeat(50) + "{{> d}}";
        let source = chain(60, (&open, &close));
        assert_eq!(check_depth(&source), Ok(()));
        assert_eq!(partials(&source), Ok(()));
    }

    #[test]
    fn recursion_is_found_inside_blocks_and_partial_blocks() {
        // Defined and used inside an `{{#if}}`.
        assert_eq!(
            partials(r#"{{#if x}}{{#*inline "p"}}a{{> p}}{{/inline}}{{> p}}{{/if}}"#),
            Err(Unsafe::Recursive {
                chain: vec!["p".into(), "p".into()]
            })
        );
        // Defined and used in the content of a partial block.
        assert!(matches!(
            partials(
                r#"{{#*inline "p"}}{{> @partial-block}}{{/inline}}{{#> p}}{{#*inline "q"}}{{> q}}{{/inline}}{{> q}}{{/p}}"#
            ),
            Err(Unsafe::Recursive { .. })
        ));
        // A computed name in a partial block's content.
        assert_eq!(
            partials(
                r#"{{#*inline "p"}}{{> @partial-block}}{{/inline}}{{#> p}}{{> (lookup this "q")}}{{/p}}"#
            ),
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
