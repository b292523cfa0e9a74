//! Statements of an IDL file: control statements, metadata, `namespace`, `use`, shapes and
//! `apply`, into a [`ParsedFile`] whose shape ids are still as written.

use super::ast::{ApplyDef, Ident, Node, ParsedFile, ShapeDef, TraitApp};
use super::body::{add_docs, properties, trait_app, traits};
use super::cursor::Cursor;
use crate::error::SourceError;

const SIMPLE_TYPES: [&str; 13] = [
    "blob", "boolean", "document", "string", "byte", "short", "integer", "long", "float", "double", "bigInteger",
    "bigDecimal", "timestamp",
];

/// Reads one IDL file.
pub fn parse(file: &str, text: &str) -> Result<ParsedFile, SourceError> {
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
        names: Default::default(),
    };
    c.ws();
    p.control(&mut c)?;
    p.metadata(&mut c)?;
    p.namespace(&mut c)?;
    p.uses(&mut c)?;
    p.shapes(&mut c)?;
    Ok(p.parsed)
}

/// The file read so far, and the suffixes of inline input and output names.
pub(super) struct Parser {
    pub(super) parsed: ParsedFile,
    pub(super) input_suffix: String,
    pub(super) output_suffix: String,
    /// The names of the shapes defined so far, to refuse a second definition.
    pub(super) names: std::collections::HashSet<String>,
}

impl Parser {
    pub(super) fn v2(&self) -> bool {
        self.parsed.is_v2()
    }

    /// Refuses IDL 2.0 syntax in a 1.0 file.
    pub(super) fn needs_v2(&self, c: &Cursor<'_>, at: usize, what: &str) -> Result<(), SourceError> {
        if self.v2() {
            Ok(())
        } else {
            Err(c.error_at(at, format!("{what} needs IDL 2.0 (`$version: \"2.0\"`); this file is read as {}", self.parsed.version)))
        }
    }

    fn control(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
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

    fn metadata(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
        let mut keys = std::collections::HashSet::new();
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
            if !keys.insert(key.clone()) {
                return Err(c.error_at(at, format!("the metadata key `{key}` is set twice in this file")));
            }
            self.parsed.metadata.push((key, value, at));
            c.br()?;
        }
        Ok(())
    }

    fn namespace(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
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

    fn uses(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
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

    fn shapes(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
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

    fn apply(&mut self, c: &mut Cursor<'_>) -> Result<(), SourceError> {
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

    fn shape(&mut self, c: &mut Cursor<'_>, traits: Vec<TraitApp>) -> Result<(), SourceError> {
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
        // `set` is deprecated in IDL 2.0 but still read (Smithy warns), so it is read here too.
        if !matches!(c.peek(), Some(b' ' | b'\t')) {
            return Err(c.expected("a space and the shape's name"));
        }
        c.sp();
        let at = c.pos;
        let name = c.identifier()?;
        if !self.names.insert(name.clone()) {
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

    pub(super) fn mixins(&mut self, c: &mut Cursor<'_>) -> Result<Vec<Ident>, SourceError> {
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
}

fn suffix(c: &Cursor<'_>, at: usize, value: String) -> Result<String, SourceError> {
    let valid = !value.is_empty() && value.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
    if valid { Ok(value) } else { Err(c.error_at(at, format!("`{value}` cannot end a shape name"))) }
}
