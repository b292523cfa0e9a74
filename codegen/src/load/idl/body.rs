//! The bodies of shapes: members of aggregates and enums, operation properties with inline
//! input and output, service and resource properties, and trait applications.

use super::ast::{Ident, MemberDef, Node, ShapeDef, TraitApp};
use super::cursor::Cursor;
use super::parser::Parser;
use crate::error::SourceError;
use std::collections::HashSet;

impl Parser {
    /// The `{ ... }` of an aggregate shape or enum.
    pub(super) fn members(&mut self, c: &mut Cursor<'_>, kind: &str, has_mixins: bool) -> Result<Vec<MemberDef>, SourceError> {
        c.clear_docs();
        let open = c.pos;
        c.expect(b'{')?;
        c.ws();
        let mut members: Vec<MemberDef> = Vec::new();
        let mut seen = HashSet::new();
        loop {
            if c.eat(b'}') {
                break;
            }
            if c.at_end() {
                return Err(c.expected("`}`"));
            }
            let docs_at = c.pos;
            let docs = c.take_docs();
            let mut traits = traits(c)?;
            c.clear_docs();
            add_docs(&mut traits, docs, docs_at);
            let at = c.pos;
            let member = if matches!(kind, "enum" | "intEnum") {
                let name = c.identifier()?;
                c.sp();
                let value = if c.eat(b'=') {
                    c.sp();
                    let value = c.node()?;
                    line_end(c)?;
                    Some(value)
                } else {
                    None
                };
                MemberDef { name, at, target: None, traits, value }
            } else {
                let elided = c.eat(b'$');
                if elided {
                    self.needs_v2(c, at, "an elided member (`$name`)")?;
                }
                let name = c.identifier()?;
                let target = if elided {
                    None
                } else {
                    c.sp();
                    c.expect(b':')?;
                    c.sp();
                    let target_at = c.pos;
                    Some(Ident { text: c.shape_id()?, at: target_at })
                };
                c.sp();
                let value = if c.peek() == Some(b'=') {
                    self.needs_v2(c, c.pos, "a default value (`= value`)")?;
                    c.pos += 1;
                    c.sp();
                    let value = c.node()?;
                    line_end(c)?;
                    Some(value)
                } else {
                    None
                };
                MemberDef { name, at, target, traits, value }
            };
            let allowed: &[&str] = match kind {
                "list" | "set" => &["member"],
                "map" => &["key", "value"],
                _ => &[],
            };
            if !allowed.is_empty() && !allowed.contains(&member.name.as_str()) {
                return Err(c.error_at(at, format!("a {kind}'s members are named {}", allowed.join(" and "))));
            }
            if !seen.insert(member.name.clone()) {
                return Err(c.error_at(at, format!("the member `{}` is defined twice", member.name)));
            }
            members.push(member);
            c.ws();
        }
        c.clear_docs();
        let required: &[&str] = match kind {
            "list" | "set" => &["member"],
            "map" => &["key", "value"],
            _ => &[],
        };
        if !has_mixins {
            for name in required {
                if !members.iter().any(|m| m.name == *name) {
                    return Err(c.error_at(open, format!("a {kind} needs its `{name}` member")));
                }
            }
            if matches!(kind, "enum" | "intEnum") && members.is_empty() {
                return Err(c.error_at(open, format!("an {kind} needs at least one member")));
            }
        }
        Ok(members)
    }

    pub(super) fn operation_body(&mut self, c: &mut Cursor<'_>, operation: &str) -> Result<Vec<(String, Node, usize)>, SourceError> {
        c.clear_docs();
        c.expect(b'{')?;
        let mut properties: Vec<(String, Node, usize)> = Vec::new();
        let mut seen = HashSet::new();
        loop {
            c.ws();
            if c.eat(b'}') {
                break;
            }
            let at = c.pos;
            let key = c.object_key()?;
            if !seen.insert(key.clone()) {
                return Err(c.error_at(at, format!("the property `{key}` is given twice")));
            }
            c.ws();
            c.clear_docs();
            if c.starts_with(":=") {
                self.needs_v2(c, c.pos, "an inline structure (`:=`)")?;
                let (suffix, io_trait) = match key.as_str() {
                    "input" => (self.input_suffix.clone(), "smithy.api#input"),
                    "output" => (self.output_suffix.clone(), "smithy.api#output"),
                    _ => return Err(c.error_at(at, format!("only `input` and `output` may be defined inline, not `{key}`"))),
                };
                c.pos += 2;
                c.ws();
                let docs_at = c.pos;
                let docs = c.take_docs();
                let mut traits = traits(c)?;
                c.clear_docs();
                add_docs(&mut traits, docs, docs_at);
                traits.push(TraitApp { id: Ident { text: io_trait.to_owned(), at }, value: Node::Object(Vec::new()) });
                let name = format!("{operation}{suffix}");
                c.sp();
                let mut shape = ShapeDef {
                    name: name.clone(),
                    at,
                    kind: "structure".to_owned(),
                    traits,
                    for_resource: None,
                    mixins: Vec::new(),
                    members: Vec::new(),
                    properties: Vec::new(),
                };
                if c.at_word("for") {
                    c.pos += 3;
                    c.sp();
                    let at = c.pos;
                    shape.for_resource = Some(Ident { text: c.shape_id()?, at });
                    c.sp();
                }
                shape.mixins = self.mixins(c)?;
                c.ws();
                shape.members = self.members(c, "structure", true)?;
                if !self.names.insert(name.clone()) {
                    return Err(c.error_at(at, format!("the inline {key} `{name}` is also defined elsewhere in this file")));
                }
                self.parsed.shapes.push(shape);
                let ns = self.parsed.namespace.clone().unwrap_or_default();
                properties.push((key, Node::Id(Ident { text: format!("{ns}#{name}"), at }), at));
            } else {
                c.expect(b':')?;
                c.ws();
                properties.push((key, c.node()?, at));
            }
        }
        c.clear_docs();
        Ok(properties)
    }
}


/// After a value assigned to a member, the line ends (or the shape's body does).
fn line_end(c: &mut Cursor<'_>) -> Result<(), SourceError> {
    c.sp();
    match c.peek() {
        None | Some(b'\n' | b'\r' | b'}') => Ok(()),
        Some(b'/') if c.peek_at(1) == Some(b'/') => Ok(()),
        _ => Err(c.expected("a new line after the value")),
    }
}

/// The `{ key: value }` of a service or resource.
pub(super) fn properties(c: &mut Cursor<'_>) -> Result<Vec<(String, Node, usize)>, SourceError> {
    c.clear_docs();
    c.expect(b'{')?;
    let mut properties: Vec<(String, Node, usize)> = Vec::new();
    let mut seen = HashSet::new();
    loop {
        c.ws();
        if c.eat(b'}') {
            break;
        }
        let at = c.pos;
        let key = c.object_key()?;
        if !seen.insert(key.clone()) {
            return Err(c.error_at(at, format!("the property `{key}` is given twice")));
        }
        c.ws();
        c.expect(b':')?;
        c.ws();
        properties.push((key, c.node()?, at));
    }
    c.clear_docs();
    Ok(properties)
}

/// Zero or more `@trait` applications, each followed by whitespace.
pub(super) fn traits(c: &mut Cursor<'_>) -> Result<Vec<TraitApp>, SourceError> {
    let mut traits = Vec::new();
    while c.peek() == Some(b'@') {
        traits.push(trait_app(c)?);
        c.ws();
    }
    Ok(traits)
}

pub(super) fn trait_app(c: &mut Cursor<'_>) -> Result<TraitApp, SourceError> {
    c.expect(b'@')?;
    let at = c.pos;
    let id = Ident { text: c.shape_id()?, at };
    if !c.eat(b'(') {
        return Ok(TraitApp { id, value: Node::Object(Vec::new()) });
    }
    c.descend()?;
    c.ws();
    let value = if c.eat(b')') {
        Node::Object(Vec::new())
    } else {
        // `@t(key: value, ...)` is an object; anything else is one value.
        let save = c.pos;
        // Looked at before trying, so that the common `@t([...])` and `@t({...})` build no
        // error (an error works out its line and column, which costs a pass over the file).
        let key_start = match c.peek() {
            Some(b'"') => !c.starts_with("\"\"\""),
            Some(ch) => ch.is_ascii_alphabetic() || ch == b'_',
            None => false,
        };
        let structured = key_start && c.object_key().is_ok() && {
            c.ws();
            c.peek() == Some(b':')
        };
        c.pos = save;
        let value = if structured {
            let mut entries: Vec<(String, Node)> = Vec::new();
            let mut seen = HashSet::new();
            loop {
                c.ws();
                if c.peek() == Some(b')') {
                    break;
                }
                let key_at = c.pos;
                let key = c.object_key()?;
                if !seen.insert(key.clone()) {
                    return Err(c.error_at(key_at, format!("the key `{key}` appears twice in this trait")));
                }
                c.ws();
                c.expect(b':')?;
                c.ws();
                entries.push((key, c.node()?));
            }
            Node::Object(entries)
        } else {
            c.node()?
        };
        c.ws();
        c.expect(b')')?;
        value
    };
    c.ascend();
    Ok(TraitApp { id, value })
}

pub(super) fn add_docs(traits: &mut Vec<TraitApp>, docs: Option<String>, at: usize) {
    if let Some(docs) = docs {
        traits.push(TraitApp { id: Ident { text: "smithy.api#documentation".to_owned(), at }, value: Node::Str(docs) });
    }
}
