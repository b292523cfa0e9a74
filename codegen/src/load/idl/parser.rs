//! Statements of an IDL file: control statements, metadata, `namespace`, `use`, shapes and
//! `apply`, into a [`ParsedFile`] whose shape ids are still as written.

use super::ast::{ApplyDef, Ident, MemberDef, Node, ParsedFile, ShapeDef, TraitApp};
use super::cursor::Cursor;
use super::error::IdlError;

const SIMPLE_TYPES: [&str; 13] = [
    "blob", "boolean", "document", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger",
    "bigDecimal", "timestamp",
];

/// Reads one IDL file.
pub fn parse(file: &str, text: &str) -> Result<ParsedFile, IdlError> {
    let mut c = Cursor::new(file, text);
    let mut p = Parser {
        parsed: ParsedFile {
            name: file.to_owned(),
            text: text.to_owned(),
            version: "1.0".to_owned(),
            namespace: None,
            uses: Vec::new(),
            metadata: Vec::new(),
            shapes: Vec::new(),
            applies: Vec::new(),
        },
        input_suffix: "Input".to_owned(),
        output_suffix: "Output".to_owned(),
    };
    c.ws();
    p.control(&mut c)?;
    p.metadata(&mut c)?;
    p.namespace(&mut c)?;
    p.uses(&mut c)?;
    p.shapes(&mut c)?;
    Ok(p.parsed)
}

struct Parser {
    parsed: ParsedFile,
    input_suffix: String,
    output_suffix: String,
}

impl Parser {
    fn v2(&self) -> bool {
        self.parsed.is_v2()
    }

    /// Refuses IDL 2.0 syntax in a 1.0 file.
    fn needs_v2(&self, c: &Cursor<'_>, at: usize, what: &str) -> Result<(), IdlError> {
        if self.v2() {
            Ok(())
        } else {
            Err(c.error_at(at, format!("{what} needs IDL 2.0 (`$version: \"2.0\"`); this file is read as {}", self.parsed.version)))
        }
    }

    fn control(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        let mut seen: Vec<String> = Vec::new();
        while c.peek() == Some(b'$') {
            c.clear_docs();
            let at = c.pos;
            c.pos += 1;
            let key = c.object_key()?;
            c.sp();
            c.expect(b':')?;
            c.sp();
            let value_at = c.pos;
            let value = c.node()?;
            if seen.contains(&key) {
                return Err(c.error_at(at, format!("the control statement `${key}` appears twice")));
            }
            seen.push(key.clone());
            let as_string = |c: &Cursor<'_>| match &value {
                Node::Str(s) => Ok(s.clone()),
                _ => Err(c.error_at(value_at, format!("`${key}` takes a string"))),
            };
            match key.as_str() {
                "version" => {
                    let version = as_string(c)?;
                    self.parsed.version = match version.as_str() {
                        "1" | "1.0" => "1.0".to_owned(),
                        "2" | "2.0" => "2.0".to_owned(),
                        other => {
                            return Err(c.error_at(value_at, format!("IDL version `{other}` is not supported (1.0 and 2.0 are)")));
                        }
                    };
                }
                "operationInputSuffix" => self.input_suffix = suffix(c, value_at, as_string(c)?)?,
                "operationOutputSuffix" => self.output_suffix = suffix(c, value_at, as_string(c)?)?,
                // Smithy warns about unknown control statements and reads on.
                _ => {}
            }
            c.br()?;
        }
        Ok(())
    }

    fn metadata(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        while c.at_word("metadata") {
            c.clear_docs();
            c.pos += "metadata".len();
            c.sp();
            let at = c.pos;
            let key = c.object_key()?;
            c.sp();
            c.expect(b'=')?;
            c.sp();
            let value = c.node()?;
            if self.parsed.metadata.iter().any(|(k, _, _)| *k == key) {
                return Err(c.error_at(at, format!("the metadata key `{key}` is set twice in this file")));
            }
            self.parsed.metadata.push((key, value, at));
            c.br()?;
        }
        Ok(())
    }

    fn namespace(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        if !c.at_word("namespace") {
            return Ok(());
        }
        c.clear_docs();
        c.pos += "namespace".len();
        c.sp();
        let mut ns = c.identifier()?;
        while c.eat(b'.') {
            ns.push('.');
            ns.push_str(&c.identifier()?);
        }
        self.parsed.namespace = Some(ns);
        c.br()
    }

    fn uses(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        while c.at_word("use") {
            c.clear_docs();
            c.pos += "use".len();
            c.sp();
            let at = c.pos;
            let id = c.shape_id()?;
            let Some((_, name)) = id.split_once('#').filter(|_| !id.contains('$')) else {
                return Err(c.error_at(at, format!("`use` takes an absolute shape id (`namespace#Name`), not `{id}`")));
            };
            if let Some((_, other, _)) = self.parsed.uses.iter().find(|(n, o, _)| n == name && *o != id) {
                return Err(c.error_at(at, format!("`{name}` is already used for `{other}`")));
            }
            self.parsed.uses.push((name.to_owned(), id.clone(), at));
            c.br()?;
        }
        Ok(())
    }

    fn shapes(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        while !c.at_end() {
            let start = c.pos;
            let docs = c.take_docs();
            let mut traits = traits(c)?;
            c.clear_docs();
            if c.at_word("apply") {
                if !traits.is_empty() {
                    return Err(c.error_at(start, "traits may not come before `apply`"));
                }
                self.apply(c)?;
                continue;
            }
            if c.peek() == Some(b'$') || c.at_word("metadata") || c.at_word("namespace") || c.at_word("use") {
                return Err(c.error(format!(
                    "{} must come before the shapes (order: control statements, metadata, namespace, use, shapes)",
                    c.describe_next()
                )));
            }
            if self.parsed.namespace.is_none() {
                return Err(c.error("a namespace statement must come before the first shape"));
            }
            add_docs(&mut traits, docs, start);
            self.shape(c, traits)?;
        }
        Ok(())
    }

    fn apply(&mut self, c: &mut Cursor<'_>) -> Result<(), IdlError> {
        c.pos += "apply".len();
        c.sp();
        let at = c.pos;
        let target = Ident { text: c.shape_id()?, at };
        c.ws();
        let traits = if c.peek() == Some(b'{') {
            c.pos += 1;
            c.ws();
            let traits = traits(c)?;
            c.ws();
            c.expect(b'}')?;
            traits
        } else if c.peek() == Some(b'@') {
            let one = trait_app(c)?;
            vec![one]
        } else {
            return Err(c.expected("a trait (`@name`) or a block of traits after `apply` and its shape"));
        };
        c.clear_docs();
        self.parsed.applies.push(ApplyDef { target, traits });
        c.br()
    }

    fn shape(&mut self, c: &mut Cursor<'_>, traits: Vec<TraitApp>) -> Result<(), IdlError> {
        let type_at = c.pos;
        let kind = c.identifier().map_err(|_| c.expected("a shape statement"))?;
        let known = SIMPLE_TYPES.contains(&kind.as_str())
            || matches!(
                kind.as_str(),
                "enum" | "intEnum" | "list" | "set" | "map" | "structure" | "union" | "service" | "resource" | "operation"
            );
        if !known {
            return Err(c.error_at(type_at, format!("`{kind}` is not a shape type")));
        }
        if matches!(kind.as_str(), "enum" | "intEnum") {
            self.needs_v2(c, type_at, &format!("the `{kind}` shape"))?;
        }
        if kind == "set" && self.v2() {
            return Err(c.error_at(type_at, "`set` is IDL 1.0; in 2.0 use a `list` with `@uniqueItems`"));
        }
        if !matches!(c.peek(), Some(b' ' | b'\t')) {
            return Err(c.expected("a space and the shape's name"));
        }
        c.sp();
        let at = c.pos;
        let name = c.identifier()?;
        if self.parsed.shapes.iter().any(|s| s.name == name) {
            return Err(c.error_at(at, format!("the shape `{name}` is defined twice in this file")));
        }
        let mut shape = ShapeDef {
            name,
            at,
            kind: kind.clone(),
            traits,
            for_resource: None,
            mixins: Vec::new(),
            members: Vec::new(),
            properties: Vec::new(),
        };
        let aggregate = matches!(kind.as_str(), "list" | "set" | "map" | "structure" | "union");
        c.sp();
        if aggregate && c.at_word("for") {
            self.needs_v2(c, c.pos, "`for`")?;
            c.pos += 3;
            c.sp();
            let at = c.pos;
            shape.for_resource = Some(Ident { text: c.shape_id()?, at });
            c.sp();
        }
        shape.mixins = self.mixins(c)?;
        let shapes_before = self.parsed.shapes.len();
        match kind.as_str() {
            k if SIMPLE_TYPES.contains(&k) => c.br()?,
            "enum" | "intEnum" => {
                c.ws();
                shape.members = self.members(c, &kind, !shape.mixins.is_empty())?;
                c.br()?;
            }
            "service" | "resource" => {
                c.ws();
                shape.properties = properties(c)?;
                c.br()?;
            }
            "operation" => {
                c.ws();
                shape.properties = self.operation_body(c, &shape.name)?;
                c.br()?;
            }
            _ => {
                c.ws();
                shape.members = self.members(c, &kind, !shape.mixins.is_empty())?;
                c.br()?;
            }
        }
        // Inline input and output structures were added while the body was read; the
        // operation goes before them, as in the file.
        self.parsed.shapes.insert(shapes_before, shape);
        Ok(())
    }

    fn mixins(&mut self, c: &mut Cursor<'_>) -> Result<Vec<Ident>, IdlError> {
        if !c.at_word("with") {
            return Ok(Vec::new());
        }
        self.needs_v2(c, c.pos, "mixins (`with`)")?;
        c.pos += 4;
        c.ws();
        c.expect(b'[')?;
        let mut mixins = Vec::new();
        loop {
            c.ws();
            if c.peek() == Some(b']') {
                if mixins.is_empty() {
                    return Err(c.expected("a mixin's shape id"));
                }
                c.pos += 1;
                break;
            }
            let at = c.pos;
            mixins.push(Ident { text: c.shape_id()?, at });
        }
        c.sp();
        Ok(mixins)
    }

    /// The `{ ... }` of an aggregate shape or enum.
    fn members(&mut self, c: &mut Cursor<'_>, kind: &str, has_mixins: bool) -> Result<Vec<MemberDef>, IdlError> {
        c.clear_docs();
        let open = c.pos;
        c.expect(b'{')?;
        c.ws();
        let mut members: Vec<MemberDef> = Vec::new();
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
            if members.iter().any(|m| m.name == member.name) {
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

    fn operation_body(&mut self, c: &mut Cursor<'_>, operation: &str) -> Result<Vec<(String, Node, usize)>, IdlError> {
        c.clear_docs();
        c.expect(b'{')?;
        let mut properties: Vec<(String, Node, usize)> = Vec::new();
        loop {
            c.ws();
            if c.eat(b'}') {
                break;
            }
            let at = c.pos;
            let key = c.object_key()?;
            if properties.iter().any(|(k, _, _)| *k == key) {
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
                if self.parsed.shapes.iter().any(|s| s.name == name) {
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
fn line_end(c: &mut Cursor<'_>) -> Result<(), IdlError> {
    c.sp();
    match c.peek() {
        None | Some(b'\n' | b'\r' | b'}') => Ok(()),
        Some(b'/') if c.peek_at(1) == Some(b'/') => Ok(()),
        _ => Err(c.expected("a new line after the value")),
    }
}

fn suffix(c: &Cursor<'_>, at: usize, value: String) -> Result<String, IdlError> {
    let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if valid { Ok(value) } else { Err(c.error_at(at, format!("`{value}` cannot end a shape name"))) }
}

/// The `{ key: value }` of a service or resource.
fn properties(c: &mut Cursor<'_>) -> Result<Vec<(String, Node, usize)>, IdlError> {
    c.clear_docs();
    c.expect(b'{')?;
    let mut properties: Vec<(String, Node, usize)> = Vec::new();
    loop {
        c.ws();
        if c.eat(b'}') {
            break;
        }
        let at = c.pos;
        let key = c.object_key()?;
        if properties.iter().any(|(k, _, _)| *k == key) {
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
fn traits(c: &mut Cursor<'_>) -> Result<Vec<TraitApp>, IdlError> {
    let mut traits = Vec::new();
    while c.peek() == Some(b'@') {
        traits.push(trait_app(c)?);
        c.ws();
    }
    Ok(traits)
}

fn trait_app(c: &mut Cursor<'_>) -> Result<TraitApp, IdlError> {
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
        let structured = c.object_key().is_ok() && {
            c.ws();
            c.peek() == Some(b':')
        };
        c.pos = save;
        let value = if structured {
            let mut entries: Vec<(String, Node)> = Vec::new();
            loop {
                c.ws();
                if c.peek() == Some(b')') {
                    break;
                }
                let key_at = c.pos;
                let key = c.object_key()?;
                if entries.iter().any(|(k, _)| *k == key) {
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

fn add_docs(traits: &mut Vec<TraitApp>, docs: Option<String>, at: usize) {
    if let Some(docs) = docs {
        traits.push(TraitApp { id: Ident { text: "smithy.api#documentation".to_owned(), at }, value: Node::Str(docs) });
    }
}
