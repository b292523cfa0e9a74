//! A model from several files, IDL and JSON AST alike, merged with Smithy's rules: a shape
//! defined twice must be defined identically, `apply` adds traits, a trait given twice must
//! have one value (lists concatenate), metadata keys merge the same way.

use super::idl::{self, ModelIndex};
use serde_json::{Map, Value};
use std::path::{Path, PathBuf};

/// Errors of reading a model's files: file, line and column, a snippet of the line.
pub use crate::error::SourceError;

/// One file of a model, read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Source {
    /// The file's name in messages; a name ending in `.smithy` is read as IDL, any other as
    /// the JSON AST.
    pub name: String,
    /// The file's contents.
    pub text: String,
}

impl Source {
    /// A file named `name` (its extension decides how it is read) holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Self {
        Source { name: name.into(), text: text.into() }
    }

    /// Is this file Smithy IDL (else the JSON AST)?
    pub fn is_idl(&self) -> bool {
        self.name.ends_with(".smithy")
    }
}

/// Reads files and directories (every `.smithy` and `.json` file under one, in name order).
pub fn read_sources(paths: &[PathBuf]) -> Result<Vec<Source>, SourceError> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let before = files.len();
            model_files(path, &mut files)?;
            if files.len() == before {
                return Err(SourceError::whole(&path.display().to_string(), "no `.smithy` or `.json` file in this directory"));
            }
        } else {
            files.push(path.clone());
        }
    }
    files
        .iter()
        .map(|path| {
            let name = path.display().to_string();
            let text = std::fs::read_to_string(path).map_err(|e| SourceError::whole(&name, e.to_string()))?;
            Ok(Source { name, text })
        })
        .collect()
}

fn model_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), SourceError> {
    let name = dir.display().to_string();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| SourceError::whole(&name, e.to_string()))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| SourceError::whole(&name, e.to_string())))
        .collect::<Result<_, _>>()?;
    entries.sort();
    for path in entries {
        if path.is_dir() {
            model_files(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "smithy" || x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads and merges the files of one model into one JSON AST (shapes sorted by id, `apply`
/// folded into the shapes it names, except on members that mixins bring).
pub fn load_sources(sources: &[Source]) -> Result<Value, SourceError> {
    let mut json = Vec::new();
    let mut parsed = Vec::new();
    for source in sources {
        if source.is_idl() {
            parsed.push(idl::parse(&source.name, &source.text)?);
        } else {
            json.push((source, parse_json(source)?));
        }
    }
    let mut index = ModelIndex::default();
    for (_, ast) in &json {
        index.add_json(ast);
    }
    for file in &parsed {
        index.add_idl(file);
    }
    let mut merged = Merged::default();
    for (source, ast) in &json {
        merged.add_json(source, ast)?;
    }
    for file in &parsed {
        let lowered = idl::lower(file, &index)?;
        let at = |offset: usize| Origin { name: &file.name, text: &file.text, offset: Some(offset) };
        for (key, value, offset) in lowered.metadata {
            merged.metadata(&key, value, at(offset))?;
        }
        for (id, shape, offset) in lowered.shapes {
            merged.shape(id, shape, at(offset))?;
        }
        for (target, traits, offset) in lowered.applies {
            merged.applies.push((target, traits, at(offset)));
        }
    }
    merged.finish()
}

fn parse_json(source: &Source) -> Result<Value, SourceError> {
    let value: Value = serde_json::from_str(&source.text).map_err(|e| {
        let offset = offset_of(&source.text, e.line(), e.column());
        SourceError::at(&source.name, &source.text, offset, format!("not valid JSON: {e}"))
    })?;
    if !value.is_object() || value.get("shapes").is_some_and(|s| !s.is_object()) {
        return Err(SourceError::whole(&source.name, "a JSON AST model is an object whose `shapes` is an object"));
    }
    // Any other JSON file (in a directory given as the model) is refused, not read as empty.
    if !value.get("smithy").is_some_and(Value::is_string) {
        return Err(SourceError::whole(&source.name, "not a Smithy JSON AST model: it has no `smithy` version"));
    }
    Ok(value)
}

/// The byte offset of a 1-based line and column.
fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let start: usize = text.split_inclusive('\n').take(line.saturating_sub(1)).map(str::len).sum();
    start + column.saturating_sub(1)
}

/// Where a definition came from; its line and column are only worked out for an error.
#[derive(Clone, Copy)]
struct Origin<'s> {
    name: &'s str,
    text: &'s str,
    /// Byte offset in an IDL file; JSON definitions are named by their file alone.
    offset: Option<usize>,
}

impl Origin<'_> {
    fn error(&self, message: String) -> SourceError {
        match self.offset {
            Some(offset) => SourceError::at(self.name, self.text, offset, message),
            None => SourceError::whole(self.name, message),
        }
    }

    fn location(&self) -> String {
        self.error(String::new()).location()
    }
}

#[derive(Default)]
struct Merged<'s> {
    shapes: Map<String, Value>,
    origins: std::collections::HashMap<String, Origin<'s>>,
    metadata: Map<String, Value>,
    metadata_origins: std::collections::HashMap<String, Origin<'s>>,
    applies: Vec<(String, Map<String, Value>, Origin<'s>)>,
}

impl<'s> Merged<'s> {
    fn add_json(&mut self, source: &'s Source, ast: &Value) -> Result<(), SourceError> {
        let origin = Origin { name: &source.name, text: &source.text, offset: None };
        for (key, value) in ast.get("metadata").and_then(Value::as_object).into_iter().flatten() {
            self.metadata(key, value.clone(), origin)?;
        }
        for (id, shape) in ast.get("shapes").and_then(Value::as_object).into_iter().flatten() {
            if shape.get("type").and_then(Value::as_str) == Some("apply") {
                let traits = shape.get("traits").and_then(Value::as_object).cloned().unwrap_or_default();
                self.applies.push((id.clone(), traits, origin));
            } else {
                self.shape(id.clone(), shape.clone(), origin)?;
            }
        }
        Ok(())
    }

    fn shape(&mut self, id: String, shape: Value, origin: Origin<'s>) -> Result<(), SourceError> {
        if let Some(existing) = self.shapes.get(&id) {
            if *existing != shape {
                let first = self.origins[&id].location();
                return Err(origin.error(format!("`{id}` is defined differently here and in {first}")));
            }
            return Ok(());
        }
        self.origins.insert(id.clone(), origin);
        self.shapes.insert(id, shape);
        Ok(())
    }

    fn metadata(&mut self, key: &str, value: Value, origin: Origin<'s>) -> Result<(), SourceError> {
        match self.metadata.get_mut(key) {
            None => {
                self.metadata.insert(key.to_owned(), value);
                self.metadata_origins.insert(key.to_owned(), origin);
            }
            Some(Value::Array(existing)) if value.is_array() => existing.extend(value.as_array().into_iter().flatten().cloned()),
            Some(existing) if *existing == value => {}
            Some(_) => {
                let first = self.metadata_origins[key].location();
                return Err(origin.error(format!("metadata `{key}` has different values here and in {first}")));
            }
        }
        Ok(())
    }

    fn finish(mut self) -> Result<Value, SourceError> {
        let mut left: Map<String, Value> = Map::new();
        for (target, traits, origin) in std::mem::take(&mut self.applies) {
            let (shape_id, member) = match target.split_once('$') {
                Some((s, m)) => (s, Some(m)),
                None => (target.as_str(), None),
            };
            let Some(shape) = self.shapes.get_mut(shape_id) else {
                return Err(origin.error(format!("`apply` names `{target}`, which is not defined")));
            };
            let holder = match member {
                None => Some(shape),
                Some(m) => {
                    let has_mixins = shape.get("mixins").is_some();
                    let local = if shape.get("members").is_some() { shape.get_mut("members").and_then(|ms| ms.get_mut(m)) } else { shape.get_mut(m) };
                    match local {
                        Some(member) => Some(member),
                        // A member a mixin brings: kept as `apply`, as Smithy writes it.
                        None if has_mixins => None,
                        None => return Err(origin.error(format!("`apply` names `{target}`: the shape has no such member"))),
                    }
                }
            };
            let holder = match holder {
                Some(h) => h,
                None => left.entry(target.clone()).or_insert_with(|| serde_json::json!({"type": "apply"})),
            };
            let Some(object) = holder.as_object_mut() else { continue };
            let entry = object.entry("traits").or_insert_with(|| Value::Object(Map::new()));
            let Some(existing) = entry.as_object_mut() else { continue };
            merge_traits(existing, traits, &target, &origin)?;
        }
        let mut shapes: Vec<(String, Value)> = self.shapes.into_iter().chain(left).collect();
        shapes.sort_by(|a, b| a.0.cmp(&b.0));
        let mut root = Map::new();
        root.insert("smithy".into(), Value::String("2.0".into()));
        if !self.metadata.is_empty() {
            root.insert("metadata".into(), Value::Object(self.metadata));
        }
        root.insert("shapes".into(), Value::Object(shapes.into_iter().collect()));
        Ok(Value::Object(root))
    }
}

/// Adds `traits` to `existing`: a trait already there must have the same value, unless both
/// are lists, which concatenate.
fn merge_traits(existing: &mut Map<String, Value>, traits: Map<String, Value>, target: &str, origin: &Origin<'_>) -> Result<(), SourceError> {
    for (id, value) in traits {
        match existing.get_mut(&id) {
            None => {
                existing.insert(id, value);
            }
            Some(Value::Array(items)) if value.is_array() => items.extend(value.as_array().into_iter().flatten().cloned()),
            Some(old) if *old == value => {}
            Some(_) => {
                return Err(origin.error(format!("the trait `{id}` of `{target}` is given two different values")));
            }
        }
    }
    Ok(())
}

/// The JSON AST of a model, as Smithy's model serializer writes it: `"smithy": "2.0"`,
/// metadata, then the shapes sorted by id, prelude shapes left out, `mixins` kept, indented
/// by four spaces, with a final new line.
pub fn smithy_json(sources: &[Source]) -> Result<String, SourceError> {
    let mut ast = load_sources(sources)?;
    if let Some(shapes) = ast.get_mut("shapes").and_then(Value::as_object_mut) {
        shapes.retain(|id, _| !id.starts_with("smithy.api#"));
    }
    let two = serde_json::to_string_pretty(&ast).map_err(|e| SourceError::whole("(output)", e.to_string()))?;
    // serde_json indents by two spaces; a JSON line never holds a raw new line, so doubling
    // each line's leading spaces gives Smithy's four.
    let mut text = String::with_capacity(two.len() * 2);
    for line in two.lines() {
        let body = line.trim_start_matches(' ');
        text.push_str(&" ".repeat((line.len() - body.len()) * 2));
        text.push_str(body);
        text.push('\n');
    }
    Ok(text)
}
