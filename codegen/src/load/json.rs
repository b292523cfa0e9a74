//! The Smithy JSON AST read into the [`Model`] structs.

use super::{Member, Model, Operation, RawTraits, Resource, Service, Shape, ShapeId, ShapeKind, SimpleType};
use crate::error::ModelError;
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// Parses a model file's text.
pub fn load(text: &str) -> Result<Model, ModelError> {
    let root: Value = serde_json::from_str(text).map_err(|e| {
        ModelError::at(
            "$",
            None,
            format!("the model is not valid JSON: {e}"),
        )
    })?;
    model_from_ast(&root)
}

/// Reads a JSON AST already parsed (one file's, or several merged, or an IDL file's).
pub fn model_from_ast(root: &Value) -> Result<Model, ModelError> {
    let root = expect_object(root, "$", None)?;
    let smithy_version = match root.get("smithy") {
        Some(v) => expect_str(v, "$.smithy", None)?.to_owned(),
        None => return Err(ModelError::at("$.smithy", None, "missing the `smithy` version")),
    };
    if !(smithy_version.starts_with("1.") || smithy_version.starts_with("2.")) {
        return Err(ModelError::at(
            "$.smithy",
            None,
            format!("Smithy IDL version `{smithy_version}` is not supported (1.0 and 2.0 are)"),
        ));
    }
    let shapes_value = root
        .get("shapes")
        .ok_or_else(|| ModelError::at("$.shapes", None, "missing the `shapes` object"))?;
    let shapes_json = expect_object(shapes_value, "$.shapes", None)?;
    let mut shapes = BTreeMap::new();
    for (id, value) in shapes_json {
        let shape = load_shape(id, value)?;
        shapes.insert(id.clone(), shape);
    }
    Ok(Model { smithy_version, shapes })
}

fn shape_path(id: &str) -> String {
    format!("shapes[{}]", serde_json::to_string(id).unwrap_or_else(|_| id.to_owned()))
}

fn load_shape(id: &str, value: &Value) -> Result<Shape, ModelError> {
    let path = shape_path(id);
    let sid = Some(id);
    let obj = expect_object(value, &path, sid)?;
    let type_name = match obj.get("type") {
        Some(t) => expect_str(t, &format!("{path}.type"), sid)?,
        None => return Err(ModelError::at(format!("{path}.type"), sid, "missing the shape `type`")),
    };
    // Only `apply` may address a member (`ns#Shape$member`).
    let valid_id = match id.split_once('$') {
        Some((shape, member)) => type_name == "apply" && is_valid_shape_id(shape) && is_identifier(member),
        None => is_valid_shape_id(id),
    };
    if !valid_id {
        return Err(ModelError::at(&path, sid, format!("`{id}` is not a valid absolute shape id")));
    }
    let traits = load_traits(obj, &path, sid)?;
    let mixins = target_list(obj, "mixins", &path, sid)?;
    let members = |key: &str| load_members(obj, key, &path, sid);
    let kind = match type_name {
        "blob" => ShapeKind::Simple(SimpleType::Blob),
        "boolean" => ShapeKind::Simple(SimpleType::Boolean),
        "string" => ShapeKind::Simple(SimpleType::String),
        "byte" => ShapeKind::Simple(SimpleType::Byte),
        "short" => ShapeKind::Simple(SimpleType::Short),
        "integer" => ShapeKind::Simple(SimpleType::Integer),
        "long" => ShapeKind::Simple(SimpleType::Long),
        "float" => ShapeKind::Simple(SimpleType::Float),
        "double" => ShapeKind::Simple(SimpleType::Double),
        "bigInteger" => ShapeKind::Simple(SimpleType::BigInteger),
        "bigDecimal" => ShapeKind::Simple(SimpleType::BigDecimal),
        "timestamp" => ShapeKind::Simple(SimpleType::Timestamp),
        "document" => ShapeKind::Simple(SimpleType::Document),
        "list" => ShapeKind::List { member: required_member(obj, "member", &path, sid)? },
        "set" => ShapeKind::Set { member: required_member(obj, "member", &path, sid)? },
        "map" => ShapeKind::Map {
            key: required_member(obj, "key", &path, sid)?,
            value: required_member(obj, "value", &path, sid)?,
        },
        "structure" => ShapeKind::Structure { members: members("members")? },
        "union" => ShapeKind::Union { members: members("members")? },
        "enum" => ShapeKind::Enum { members: members("members")? },
        "intEnum" => ShapeKind::IntEnum { members: members("members")? },
        "service" => ShapeKind::Service(Service {
            version: match obj.get("version") {
                Some(v) => expect_str(v, &format!("{path}.version"), sid)?.to_owned(),
                None => String::new(),
            },
            operations: target_list(obj, "operations", &path, sid)?,
            resources: target_list(obj, "resources", &path, sid)?,
            errors: target_list(obj, "errors", &path, sid)?,
            rename: match obj.get("rename") {
                None => Vec::new(),
                Some(Value::Object(map)) => map
                    .iter()
                    .map(|(id, name)| Ok((id.clone(), expect_str(name, &format!("{path}.rename[\"{id}\"]"), sid)?.to_owned())))
                    .collect::<Result<_, ModelError>>()?,
                Some(other) => {
                    return Err(ModelError::at(format!("{path}.rename"), sid, format!("expected an object, found {}", json_type_name(other))));
                }
            },
        }),
        "operation" => ShapeKind::Operation(Operation {
            input: optional_target(obj, "input", &path, sid)?,
            output: optional_target(obj, "output", &path, sid)?,
            errors: target_list(obj, "errors", &path, sid)?,
        }),
        "resource" => {
            let mut operations = Vec::new();
            for key in ["create", "put", "read", "update", "delete", "list"] {
                operations.extend(optional_target(obj, key, &path, sid)?);
            }
            operations.extend(target_list(obj, "operations", &path, sid)?);
            operations.extend(target_list(obj, "collectionOperations", &path, sid)?);
            ShapeKind::Resource(Resource {
                operations,
                resources: target_list(obj, "resources", &path, sid)?,
            })
        }
        "apply" => ShapeKind::Apply,
        other => {
            return Err(ModelError::at(
                format!("{path}.type"),
                sid,
                format!("unknown shape type `{other}`"),
            ));
        }
    };
    Ok(Shape { id: id.to_owned(), kind, traits, mixins, path })
}

fn load_traits(obj: &Map<String, Value>, path: &str, sid: Option<&str>) -> Result<RawTraits, ModelError> {
    let mut traits = RawTraits::new();
    if let Some(value) = obj.get("traits") {
        let traits_path = format!("{path}.traits");
        for (id, v) in expect_object(value, &traits_path, sid)? {
            traits.insert(id.clone(), v.clone());
        }
    }
    Ok(traits)
}

fn load_members(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    sid: Option<&str>,
) -> Result<Vec<Member>, ModelError> {
    let Some(value) = obj.get(key) else { return Ok(Vec::new()) };
    let members_path = format!("{path}.{key}");
    let map = expect_object(value, &members_path, sid)?;
    let mut members = Vec::with_capacity(map.len());
    // The order of members is meaningful (it is the order users see), so it is kept.
    for (name, value) in map {
        // `members.Value`, or `members["Value.Kind"]` when the name would not read as one key.
        let member_path = if is_identifier(name) {
            format!("{members_path}.{name}")
        } else {
            format!("{members_path}[{}]", serde_json::to_string(name).unwrap_or_else(|_| name.clone()))
        };
        if !is_identifier(name) {
            return Err(ModelError::at(
                &member_path,
                sid,
                format!("member name `{name}` is not a valid Smithy identifier"),
            ));
        }
        members.push(load_member(name, value, &member_path, sid)?);
    }
    Ok(members)
}

fn required_member(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    sid: Option<&str>,
) -> Result<Member, ModelError> {
    let member_path = format!("{path}.{key}");
    match obj.get(key) {
        Some(value) => load_member(key, value, &member_path, sid),
        None => Err(ModelError::at(&member_path, sid, format!("missing the `{key}` member"))),
    }
}

fn load_member(name: &str, value: &Value, path: &str, sid: Option<&str>) -> Result<Member, ModelError> {
    let obj = expect_object(value, path, sid)?;
    let target_path = format!("{path}.target");
    let target = match obj.get("target") {
        Some(t) => expect_str(t, &target_path, sid)?.to_owned(),
        None => return Err(ModelError::at(&target_path, sid, "missing the member `target`")),
    };
    Ok(Member {
        name: name.to_owned(),
        target,
        traits: load_traits(obj, path, sid)?,
        path: path.to_owned(),
    })
}

fn optional_target(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    sid: Option<&str>,
) -> Result<Option<ShapeId>, ModelError> {
    match obj.get(key) {
        None => Ok(None),
        Some(value) => reference(value, &format!("{path}.{key}"), sid).map(Some),
    }
}

fn target_list(
    obj: &Map<String, Value>,
    key: &str,
    path: &str,
    sid: Option<&str>,
) -> Result<Vec<ShapeId>, ModelError> {
    let Some(value) = obj.get(key) else { return Ok(Vec::new()) };
    let list_path = format!("{path}.{key}");
    let Value::Array(items) = value else {
        return Err(wrong_type(&list_path, sid, "an array", value));
    };
    items
        .iter()
        .enumerate()
        .map(|(i, item)| reference(item, &format!("{list_path}[{i}]"), sid))
        .collect()
}

/// A `{"target": "ns#Name"}` reference.
fn reference(value: &Value, path: &str, sid: Option<&str>) -> Result<ShapeId, ModelError> {
    let obj = expect_object(value, path, sid)?;
    match obj.get("target") {
        Some(t) => Ok(expect_str(t, &format!("{path}.target"), sid)?.to_owned()),
        None => Err(ModelError::at(format!("{path}.target"), sid, "missing the reference `target`")),
    }
}

fn expect_object<'v>(value: &'v Value, path: &str, sid: Option<&str>) -> Result<&'v Map<String, Value>, ModelError> {
    value.as_object().ok_or_else(|| wrong_type(path, sid, "an object", value))
}

fn expect_str<'v>(value: &'v Value, path: &str, sid: Option<&str>) -> Result<&'v str, ModelError> {
    value.as_str().ok_or_else(|| wrong_type(path, sid, "a string", value))
}

pub(crate) fn wrong_type(path: &str, sid: Option<&str>, expected: &str, found: &Value) -> ModelError {
    ModelError::at(path, sid, format!("expected {expected}, found {}", json_type_name(found)))
}

pub(crate) fn json_type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Smithy identifiers: `[A-Za-z_][A-Za-z0-9_]*` (with at least one letter or digit).
pub(crate) fn is_identifier(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && s.chars().any(|c| c.is_ascii_alphanumeric())
}

/// `namespace#Name` with a dotted namespace of identifiers.
pub(crate) fn is_valid_shape_id(id: &str) -> bool {
    match id.split_once('#') {
        Some((ns, name)) => !ns.is_empty() && ns.split('.').all(is_identifier) && is_identifier(name),
        None => false,
    }
}
