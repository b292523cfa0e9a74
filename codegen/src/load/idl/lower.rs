//! A parsed IDL file into the JSON AST Smithy writes for it: shape ids resolved (`use`, then
//! the model's shapes of the file's namespace, then the prelude), elided members given their
//! targets, inline structures named, doc comments and defaults as traits.

use super::ast::{ApplyDef, Ident, MemberDef, Node, ParsedFile, ShapeDef, TraitApp};
use crate::error::SourceError;
use super::prelude;
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// What every file of the model defines, for resolving ids and elided members across files.
#[derive(Default)]
pub struct ModelIndex<'a> {
    /// Absolute ids of every shape defined anywhere in the model.
    pub defined: HashSet<String>,
    pub idl: HashMap<String, (&'a ParsedFile, &'a ShapeDef)>,
    /// Shapes of the model's JSON files.
    pub json: HashMap<String, &'a Value>,
}

impl<'a> ModelIndex<'a> {
    /// Adds the shapes of an IDL file.
    pub fn add_idl(&mut self, file: &'a ParsedFile) {
        let ns = file.namespace.clone().unwrap_or_default();
        for shape in &file.shapes {
            let id = format!("{ns}#{}", shape.name);
            self.defined.insert(id.clone());
            self.idl.insert(id, (file, shape));
        }
    }

    /// Adds the shapes of a JSON AST (`apply` entries define nothing).
    pub fn add_json(&mut self, ast: &'a Value) {
        let Some(shapes) = ast.get("shapes").and_then(Value::as_object) else { return };
        for (id, shape) in shapes {
            if shape.get("type").and_then(Value::as_str) != Some("apply") {
                self.defined.insert(id.clone());
                self.json.insert(id.clone(), shape);
            }
        }
    }
}

/// One file's part of the model, in JSON AST form.
#[derive(Debug, Default)]
pub struct Lowered {
    /// Id, JSON and the byte offset of the shape's name.
    pub shapes: Vec<(String, Value, usize)>,
    /// `apply` statements and traits on members that mixins bring: target id to traits.
    pub applies: Vec<(String, Map<String, Value>, usize)>,
    pub metadata: Vec<(String, Value, usize)>,
}

/// Lowers one file.
pub fn lower(file: &ParsedFile, index: &ModelIndex<'_>) -> Result<Lowered, SourceError> {
    let l = Lowerer { file, index };
    let mut out = Lowered::default();
    for (key, value, at) in &file.metadata {
        out.metadata.push((key.clone(), l.node(value)?, *at));
    }
    for shape in &file.shapes {
        l.shape(shape, &mut out)?;
    }
    for ApplyDef { target, traits } in &file.applies {
        let id = l.target(target)?;
        out.applies.push((id, l.traits(traits)?, target.at));
    }
    Ok(out)
}

struct Lowerer<'f, 'i> {
    file: &'f ParsedFile,
    index: &'f ModelIndex<'i>,
}

impl Lowerer<'_, '_> {
    fn error(&self, at: usize, message: impl Into<String>) -> SourceError {
        SourceError::at(&self.file.name, &self.file.text, at, message)
    }

    fn ns(&self) -> &str {
        self.file.namespace.as_deref().unwrap_or("")
    }

    /// Resolves a shape id as written; `None` when a relative id names no shape.
    fn resolve(&self, text: &str) -> Option<String> {
        if text.contains('#') {
            return Some(text.to_owned());
        }
        let (name, member) = match text.split_once('$') {
            Some((n, m)) => (n, format!("${m}")),
            None => (text, String::new()),
        };
        if let Some((_, absolute, _)) = self.file.uses.iter().find(|(n, _, _)| n == name) {
            return Some(format!("{absolute}{member}"));
        }
        let local = format!("{}#{name}", self.ns());
        if self.index.defined.contains(&local) {
            return Some(format!("{local}{member}"));
        }
        if prelude::contains(name) {
            return Some(format!("smithy.api#{name}{member}"));
        }
        None
    }

    /// A shape id that must name a shape.
    fn target(&self, id: &Ident) -> Result<String, SourceError> {
        self.resolve(&id.text).ok_or_else(|| {
            self.error(
                id.at,
                format!(
                    "`{}` names no shape: it is not imported with `use`, not defined in namespace `{}`, and not in the prelude",
                    id.text,
                    self.ns()
                ),
            )
        })
    }

    /// A node value's JSON; unquoted strings are shape ids and must name a shape.
    fn node(&self, node: &Node) -> Result<Value, SourceError> {
        Ok(match node {
            Node::Str(s) => Value::String(s.clone()),
            Node::Id(id) => Value::String(self.target(id)?),
            Node::Num(n) => Value::Number(n.clone()),
            Node::Bool(b) => Value::Bool(*b),
            Node::Null => Value::Null,
            Node::Array(items) => Value::Array(items.iter().map(|n| self.node(n)).collect::<Result<_, _>>()?),
            Node::Object(entries) => {
                Value::Object(entries.iter().map(|(k, v)| Ok((k.clone(), self.node(v)?))).collect::<Result<_, SourceError>>()?)
            }
        })
    }

    fn traits(&self, traits: &[TraitApp]) -> Result<Map<String, Value>, SourceError> {
        let mut out = Map::new();
        for TraitApp { id, value } in traits {
            let trait_id = self.target(id)?;
            if trait_id == "smithy.api#mixin" && !self.file.is_v2() {
                return Err(self.error(id.at, "mixins need IDL 2.0 (`$version: \"2.0\"`); this file is read as 1.0"));
            }
            let value = self.node(value)?;
            match out.get(&trait_id) {
                // A doc comment and an explicit `@documentation`: the trait wins.
                Some(_) if trait_id == "smithy.api#documentation" && id.text.starts_with("smithy.api#") => {}
                Some(existing) if *existing != value => {
                    return Err(self.error(id.at, format!("the trait `{trait_id}` is applied twice with different values")));
                }
                _ => {
                    out.insert(trait_id, value);
                }
            }
        }
        Ok(out)
    }

    fn shape(&self, shape: &ShapeDef, out: &mut Lowered) -> Result<(), SourceError> {
        let id = format!("{}#{}", self.ns(), shape.name);
        self.check_mixins(&id, shape)?;
        let mut json = Map::new();
        json.insert("type".into(), Value::String(shape.kind.clone()));
        if !shape.mixins.is_empty() {
            let mixins = shape.mixins.iter().map(|m| Ok(reference(self.target(m)?))).collect::<Result<Vec<_>, SourceError>>()?;
            json.insert("mixins".into(), Value::Array(mixins));
        }
        match shape.kind.as_str() {
            "list" | "set" | "map" => {
                for member in &shape.members {
                    if let Some(value) = self.member(&id, shape, member, out)? {
                        json.insert(member.name.clone(), value);
                    }
                }
            }
            "structure" | "union" | "enum" | "intEnum" => {
                let mut members = Map::new();
                for member in &shape.members {
                    if let Some(value) = self.member(&id, shape, member, out)? {
                        members.insert(member.name.clone(), value);
                    }
                }
                json.insert("members".into(), Value::Object(members));
            }
            "service" | "resource" | "operation" => {
                // An operation without input or output is left without, as Smithy writes it;
                // both mean `smithy.api#Unit`.
                self.properties(shape, &mut json)?;
            }
            _ => {}
        }
        let traits = self.traits(&shape.traits)?;
        if !traits.is_empty() {
            json.insert("traits".into(), Value::Object(traits));
        }
        out.shapes.push((id, Value::Object(json), shape.at));
        Ok(())
    }

    /// A member's JSON, or `None` when it only adds traits to a member a mixin brings.
    fn member(&self, shape_id: &str, shape: &ShapeDef, member: &MemberDef, out: &mut Lowered) -> Result<Option<Value>, SourceError> {
        let mut traits = self.traits(&member.traits)?;
        let enum_kind = matches!(shape.kind.as_str(), "enum" | "intEnum");
        if let Some(value) = &member.value {
            let key = if enum_kind { "smithy.api#enumValue" } else { "smithy.api#default" };
            traits.insert(key.to_owned(), self.node(value)?);
        }
        let target = if enum_kind {
            if !traits.contains_key("smithy.api#enumValue")
                && let Some((_, true)) = self.elided_target(shape, &member.name, &mut HashSet::new())?
            {
                // A member of the enum's mixin, given traits here.
                if !traits.is_empty() {
                    out.applies.push((format!("{shape_id}${}", member.name), traits, member.at));
                }
                return Ok(None);
            }
            match (shape.kind.as_str(), traits.get("smithy.api#enumValue")) {
                ("enum", Some(v)) if !v.is_string() => {
                    return Err(self.error(member.at, format!("the enum member `{}` takes a string value, not {v}", member.name)));
                }
                ("intEnum", Some(v)) if v.as_i64().is_none_or(|n| i32::try_from(n).is_err()) => {
                    return Err(self.error(member.at, format!("the intEnum member `{}` takes a 32-bit integer value, not {v}", member.name)));
                }
                _ => {}
            }
            if !traits.contains_key("smithy.api#enumValue") {
                if shape.kind == "intEnum" {
                    return Err(self.error(member.at, format!("the intEnum member `{}` needs a value (`= 1`)", member.name)));
                }
                traits.insert("smithy.api#enumValue".into(), Value::String(member.name.clone()));
            }
            "smithy.api#Unit".to_owned()
        } else if let Some(target) = &member.target {
            let target = self.target(target)?;
            self.check_inherited(shape, member, &target)?;
            target
        } else {
            match self.elided_target(shape, &member.name, &mut HashSet::new())? {
                Some((target, true)) => {
                    // Elided from a mixin and bound by the `for` resource as well: both must
                    // give the member the same target.
                    if let Some(resource) = &shape.for_resource
                        && let Some(bound) = self.index.resource_binding(&self.target(resource)?, &member.name)
                        && bound != target
                    {
                        return Err(self.error(
                            member.at,
                            format!(
                                "the elided member `${}` targets `{target}` in the shape's mixins but `{bound}` in the resource `{}`: a member conflicts with an inherited mixin member unless both target the same shape",
                                member.name, resource.text
                            ),
                        ));
                    }
                    if !traits.is_empty() {
                        out.applies.push((format!("{shape_id}${}", member.name), traits, member.at));
                    }
                    return Ok(None);
                }
                Some((target, false)) => target,
                None => {
                    return Err(self.error(
                        member.at,
                        format!("the elided member `${}` is in none of the shape's mixins nor its resource's identifiers and properties", member.name),
                    ));
                }
            }
        };
        let mut json = Map::new();
        json.insert("target".into(), Value::String(target));
        if !traits.is_empty() {
            json.insert("traits".into(), Value::Object(traits));
        }
        Ok(Some(Value::Object(json)))
    }

    /// The rules of the Smithy specification on mixins that hold whatever the shapes are
    /// used for: a mixin has the type of the shapes it is mixed into, and a mixin operation
    /// or resource brings no input, output, identifiers or properties.
    fn check_mixins(&self, id: &str, shape: &ShapeDef) -> Result<(), SourceError> {
        for mixin in &shape.mixins {
            let mixin_id = self.target(mixin)?;
            if let Some(kind) = self.index.kind(&mixin_id)
                && kind != shape.kind
            {
                return Err(self.error(
                    mixin.at,
                    format!("`{mixin_id}` is a {kind} shape, so it cannot be mixed into the {} shape `{id}`: mixins are mixed into shapes of their own type", shape.kind),
                ));
            }
        }
        let is_mixin = shape.traits.iter().any(|t| self.resolve(&t.id.text).as_deref() == Some("smithy.api#mixin"));
        if !is_mixin {
            return Ok(());
        }
        for (key, value, at) in &shape.properties {
            let refused = match (shape.kind.as_str(), key.as_str()) {
                ("operation", "input" | "output") => match value {
                    Node::Id(target) => self.resolve(&target.text).as_deref() != Some("smithy.api#Unit"),
                    _ => true,
                },
                ("resource", "identifiers" | "properties") => !matches!(value, Node::Object(entries) if entries.is_empty()),
                _ => false,
            };
            if refused {
                let rule = if shape.kind == "operation" {
                    "a mixin operation's input and output must be `smithy.api#Unit`"
                } else {
                    "a mixin resource may not define identifiers or properties"
                };
                return Err(self.error(*at, format!("the mixin {} `{id}` defines `{key}`: {rule}", shape.kind)));
            }
        }
        Ok(())
    }

    /// A member written with a target, in a shape whose mixins bring a member of the same
    /// name: both must target the same shape (a shape may redefine an inherited member only
    /// to add traits).
    fn check_inherited(&self, shape: &ShapeDef, member: &MemberDef, target: &str) -> Result<(), SourceError> {
        for mixin in &shape.mixins {
            let mixin_id = self.target(mixin)?;
            if let Some(inherited) = self.index.member_target(&mixin_id, &member.name, &mut HashSet::new())?
                && inherited != target
            {
                return Err(self.error(
                    member.at,
                    format!(
                        "the member `{}` targets `{target}`, but the one it inherits from the mixin `{mixin_id}` targets `{inherited}`: a member conflicts with an inherited mixin member unless both target the same shape",
                        member.name
                    ),
                ));
            }
        }
        Ok(())
    }

    /// Where an elided member's target comes from: a mixin (`true`) or the `for` resource.
    fn elided_target(&self, shape: &ShapeDef, name: &str, seen: &mut HashSet<String>) -> Result<Option<(String, bool)>, SourceError> {
        for mixin in &shape.mixins {
            let id = self.target(mixin)?;
            if let Some(target) = self.index.member_target(&id, name, seen)? {
                return Ok(Some((target, true)));
            }
        }
        if let Some(resource) = &shape.for_resource {
            let id = self.target(resource)?;
            if let Some(target) = self.index.resource_binding(&id, name) {
                return Ok(Some((target, false)));
            }
        }
        Ok(None)
    }

    fn properties(&self, shape: &ShapeDef, json: &mut Map<String, Value>) -> Result<(), SourceError> {
        for (key, value, at) in &shape.properties {
            let single = matches!(
                (shape.kind.as_str(), key.as_str()),
                ("operation", "input" | "output") | ("resource", "create" | "put" | "read" | "update" | "delete" | "list")
            );
            let list = matches!(
                (shape.kind.as_str(), key.as_str()),
                ("operation" | "service", "errors")
                    | ("service" | "resource", "operations" | "resources")
                    | ("resource", "collectionOperations")
            );
            let id_map = shape.kind == "resource" && matches!(key.as_str(), "identifiers" | "properties");
            let converted = if single {
                reference(self.id_value(value, *at)?)
            } else if list {
                let Node::Array(items) = value else { return Err(self.error(*at, format!("`{key}` takes a list of shape ids"))) };
                Value::Array(items.iter().map(|i| Ok(reference(self.id_value(i, *at)?))).collect::<Result<_, SourceError>>()?)
            } else if id_map {
                let Node::Object(entries) = value else { return Err(self.error(*at, format!("`{key}` takes an object of shape ids"))) };
                Value::Object(entries.iter().map(|(k, v)| Ok((k.clone(), reference(self.id_value(v, *at)?)))).collect::<Result<_, SourceError>>()?)
            } else if shape.kind == "operation" {
                return Err(self.error(*at, format!("an operation has no property `{key}` (input, output, errors)")));
            } else {
                self.node(value)?
            };
            if converted.as_array().is_some_and(Vec::is_empty) {
                continue;
            }
            json.insert(key.clone(), converted);
        }
        Ok(())
    }

    fn id_value(&self, node: &Node, at: usize) -> Result<String, SourceError> {
        match node {
            Node::Id(id) => self.target(id),
            _ => Err(self.error(at, "expected a shape id")),
        }
    }
}

fn reference(target: String) -> Value {
    Value::Object(Map::from_iter([("target".to_owned(), Value::String(target))]))
}

impl ModelIndex<'_> {
    /// The target of member `name` of shape `id`, from its own members or its mixins'.
    /// `seen` holds the shapes already searched: each is searched once, so mixin cycles
    /// and diamonds cost nothing.
    fn member_target(&self, id: &str, name: &str, seen: &mut HashSet<String>) -> Result<Option<String>, SourceError> {
        if !seen.insert(id.to_owned()) {
            return Ok(None);
        }
        if let Some((file, shape)) = self.idl.get(id) {
            let l = Lowerer { file, index: self };
            if let Some(member) = shape.members.iter().find(|m| m.name == name) {
                return match &member.target {
                    Some(target) => l.target(target).map(Some),
                    None if matches!(shape.kind.as_str(), "enum" | "intEnum") => Ok(Some("smithy.api#Unit".to_owned())),
                    None => Ok(l.elided_target(shape, name, seen)?.map(|(t, _)| t)),
                };
            }
            for mixin in &shape.mixins {
                if let Some(target) = self.member_target(&l.target(mixin)?, name, seen)? {
                    return Ok(Some(target));
                }
            }
            return Ok(None);
        }
        let Some(shape) = self.json.get(id) else { return Ok(None) };
        let direct = shape.get("members").and_then(|m| m.get(name)).or_else(|| shape.get(name));
        if let Some(target) = direct.and_then(|m| m.get("target")).and_then(Value::as_str) {
            return Ok(Some(target.to_owned()));
        }
        for mixin in shape.get("mixins").and_then(Value::as_array).into_iter().flatten() {
            if let Some(mixin) = mixin.get("target").and_then(Value::as_str)
                && let Some(target) = self.member_target(mixin, name, seen)?
            {
                return Ok(Some(target));
            }
        }
        Ok(None)
    }

    /// The type of shape `id` (`structure`, `operation`, ...), if the model defines it.
    fn kind(&self, id: &str) -> Option<&str> {
        match self.idl.get(id) {
            Some((_, shape)) => Some(shape.kind.as_str()),
            None => self.json.get(id)?.get("type")?.as_str(),
        }
    }

    /// The target of identifier or property `name` of resource `id`.
    fn resource_binding(&self, id: &str, name: &str) -> Option<String> {
        if let Some((file, shape)) = self.idl.get(id) {
            let l = Lowerer { file, index: self };
            return ["identifiers", "properties"].iter().find_map(|key| {
                let (_, Node::Object(entries), _) = shape.properties.iter().find(|(k, _, _)| k == key)? else { return None };
                match entries.iter().find(|(k, _)| k == name)? {
                    (_, Node::Id(target)) => l.resolve(&target.text),
                    _ => None,
                }
            });
        }
        let shape = self.json.get(id)?;
        ["identifiers", "properties"]
            .iter()
            .find_map(|key| shape.get(key)?.get(name)?.get("target")?.as_str().map(str::to_owned))
    }
}
