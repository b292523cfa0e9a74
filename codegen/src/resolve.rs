//! Step 2, *resolve*: prelude shapes, `apply`, mixins (flattened, see `mixins`), typed
//! traits, and validation.
//!
//! After this step every member target exists and is a shape a member may target, every
//! trait the generator uses is typed, and the model has exactly one service, whose protocol
//! is chosen (see `protocol`).

use crate::error::ModelError;
use crate::load::{Member, Model, RawTraits, Service, Shape, ShapeId, ShapeKind, SimpleType};
use crate::traits::{self, Traits};
use serde_json::Value;
use std::collections::BTreeMap;

mod mixins;
pub mod protocol;

pub use protocol::Choice;

pub const UNIT: &str = "smithy.api#Unit";

/// The model after resolution.
#[derive(Debug, Clone)]
pub struct Resolved {
    pub service_id: ShapeId,
    pub service: Service,
    pub service_traits: Traits,
    /// The protocol the generated crate speaks.
    pub protocol: Choice,
    pub shapes: BTreeMap<ShapeId, Shape<Traits>>,
    /// Every operation of the service, bound directly or through resources, sorted.
    pub operations: Vec<ShapeId>,
}

impl Resolved {
    /// The shape a (validated) id names. Ids come from this model, so a miss is a bug.
    pub fn shape(&self, id: &str) -> &Shape<Traits> {
        match self.shapes.get(id) {
            Some(shape) => shape,
            None => panic!("resolve validated every target, yet `{id}` is missing"),
        }
    }
}

pub fn resolve(model: Model) -> Result<Resolved, ModelError> {
    resolve_with(model, None)
}

/// [`resolve`], speaking the `protocol` asked for (a name such as `awsJson1_0`, or the
/// trait's shape id) when given, else the one the service prefers (see `protocol`).
pub fn resolve_with(model: Model, protocol: Option<&str>) -> Result<Resolved, ModelError> {
    let mut shapes = model.shapes;
    add_prelude(&mut shapes);
    // `apply` to a member a shape has only through its mixins waits for the flattening.
    let applies = take_applies(&mut shapes);
    let later = apply_traits(&mut shapes, applies, true)?;
    mixins::flatten(&mut shapes)?;
    apply_traits(&mut shapes, later, false)?;
    rename_shapes(&mut shapes)?;
    let mut typed = BTreeMap::new();
    for (id, shape) in shapes {
        typed.insert(id, type_traits(shape)?);
    }
    validate_targets(&typed)?;
    validate_enums(&typed)?;
    let (service_id, service, service_traits) = find_service(&typed)?;
    let choice = protocol::choose(&typed[&service_id], protocol)?;
    let operations = collect_operations(&typed, &service_id, &service)?;
    for op in &operations {
        validate_operation(&typed, op, choice.protocol)?;
    }
    Ok(Resolved { service_id, service, service_traits, protocol: choice, shapes: typed, operations })
}

/// The Smithy prelude shapes a model may target without defining them.
fn add_prelude(shapes: &mut BTreeMap<ShapeId, Shape>) {
    let simple = [
        ("String", SimpleType::String, None),
        ("Blob", SimpleType::Blob, None),
        ("Boolean", SimpleType::Boolean, None),
        ("Byte", SimpleType::Byte, None),
        ("Short", SimpleType::Short, None),
        ("Integer", SimpleType::Integer, None),
        ("Long", SimpleType::Long, None),
        ("Float", SimpleType::Float, None),
        ("Double", SimpleType::Double, None),
        ("BigInteger", SimpleType::BigInteger, None),
        ("BigDecimal", SimpleType::BigDecimal, None),
        ("Timestamp", SimpleType::Timestamp, None),
        ("Document", SimpleType::Document, None),
        ("PrimitiveBoolean", SimpleType::Boolean, Some(Value::Bool(false))),
        ("PrimitiveByte", SimpleType::Byte, Some(Value::from(0))),
        ("PrimitiveShort", SimpleType::Short, Some(Value::from(0))),
        ("PrimitiveInteger", SimpleType::Integer, Some(Value::from(0))),
        ("PrimitiveLong", SimpleType::Long, Some(Value::from(0))),
        ("PrimitiveFloat", SimpleType::Float, Some(Value::from(0))),
        ("PrimitiveDouble", SimpleType::Double, Some(Value::from(0))),
    ];
    for (name, ty, default) in simple {
        let id = format!("smithy.api#{name}");
        let mut traits = RawTraits::new();
        if let Some(default) = default {
            traits.insert("smithy.api#default".to_owned(), default);
        }
        shapes.entry(id.clone()).or_insert_with(|| Shape {
            path: format!("prelude {id}"),
            id,
            kind: ShapeKind::Simple(ty),
            traits,
            mixins: Vec::new(),
        });
    }
    shapes.entry(UNIT.to_owned()).or_insert_with(|| Shape {
        id: UNIT.to_owned(),
        kind: ShapeKind::Structure { members: Vec::new() },
        traits: RawTraits::from([("smithy.api#unitType".to_owned(), Value::Object(Default::default()))]),
        mixins: Vec::new(),
        path: format!("prelude {UNIT}"),
    });
}

/// Takes the `apply` shapes out of the model.
fn take_applies(shapes: &mut BTreeMap<ShapeId, Shape>) -> Vec<Shape> {
    let ids: Vec<ShapeId> =
        shapes.iter().filter(|(_, s)| matches!(s.kind, ShapeKind::Apply)).map(|(id, _)| id.clone()).collect();
    ids.into_iter().filter_map(|id| shapes.remove(&id)).collect()
}

/// Moves the traits of `apply` shapes onto the shapes or members they address. With
/// `defer_mixed`, an apply to a member its shape does not have yet but may get from its
/// mixins is handed back, for after the mixins are flattened.
fn apply_traits(shapes: &mut BTreeMap<ShapeId, Shape>, applies: Vec<Shape>, defer_mixed: bool) -> Result<Vec<Shape>, ModelError> {
    let mut deferred = Vec::new();
    for apply in applies {
        let (shape_id, member) = match apply.id.split_once('$') {
            Some((s, m)) => (s.to_owned(), Some(m.to_owned())),
            None => (apply.id.clone(), None),
        };
        let missing = || ModelError::at(&apply.path, Some(&apply.id), format!("`apply` targets `{}`, which does not exist", apply.id));
        let target = shapes.get_mut(&shape_id).ok_or_else(missing)?;
        let traits = match member {
            None => &mut target.traits,
            Some(name) => {
                let has_mixins = !target.mixins.is_empty();
                match target.kind.members_mut().into_iter().find(|m| m.name == name) {
                    Some(member) => &mut member.traits,
                    None if defer_mixed && has_mixins => {
                        deferred.push(apply);
                        continue;
                    }
                    None => return Err(missing()),
                }
            }
        };
        traits.extend(apply.traits);
    }
    Ok(deferred)
}

fn type_traits(shape: Shape) -> Result<Shape<Traits>, ModelError> {
    let id = shape.id.clone();
    let member = |m: Member| -> Result<Member<Traits>, ModelError> {
        let traits = traits::parse(&m.traits, &m.path, &id)?;
        Ok(Member { name: m.name, target: m.target, traits, path: m.path })
    };
    let members = |ms: Vec<Member>| ms.into_iter().map(member).collect::<Result<Vec<_>, _>>();
    let kind = match shape.kind {
        ShapeKind::Simple(t) => ShapeKind::Simple(t),
        ShapeKind::List { member: m } => ShapeKind::List { member: member(m)? },
        ShapeKind::Set { member: m } => ShapeKind::Set { member: member(m)? },
        ShapeKind::Map { key, value } => ShapeKind::Map { key: member(key)?, value: member(value)? },
        ShapeKind::Structure { members: ms } => ShapeKind::Structure { members: members(ms)? },
        ShapeKind::Union { members: ms } => ShapeKind::Union { members: members(ms)? },
        ShapeKind::Enum { members: ms } => ShapeKind::Enum { members: members(ms)? },
        ShapeKind::IntEnum { members: ms } => ShapeKind::IntEnum { members: members(ms)? },
        ShapeKind::Service(s) => ShapeKind::Service(s),
        ShapeKind::Operation(o) => ShapeKind::Operation(o),
        ShapeKind::Resource(r) => ShapeKind::Resource(r),
        ShapeKind::Apply => ShapeKind::Apply,
    };
    let traits = traits::parse(&shape.traits, &shape.path, &id)?;
    Ok(Shape { id: shape.id, kind, traits, mixins: shape.mixins, path: shape.path })
}

/// Every member targets a shape that exists and that a member may target.
fn validate_targets(shapes: &BTreeMap<ShapeId, Shape<Traits>>) -> Result<(), ModelError> {
    for shape in shapes.values() {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for member in shape.kind.members() {
            let target_path = format!("{}.target", member.path);
            let Some(target) = shapes.get(&member.target) else {
                return Err(ModelError::at(
                    target_path,
                    Some(&shape.id),
                    format!("member `{}` targets `{}`, which does not exist", member.name, member.target),
                ));
            };
            if let ShapeKind::Service(_) | ShapeKind::Operation(_) | ShapeKind::Resource(_) = target.kind {
                return Err(ModelError::at(
                    target_path,
                    Some(&shape.id),
                    format!(
                        "member `{}` targets `{}`, {}; members may only target data shapes",
                        member.name,
                        member.target,
                        kind_name(&target.kind)
                    ),
                ));
            }
            // Smithy member names are case-insensitively unique within a shape.
            if let Some(other) = seen.insert(member.name.to_ascii_lowercase(), &member.name) {
                return Err(ModelError::at(
                    &member.path,
                    Some(&shape.id),
                    format!("members `{other}` and `{}` differ only in case", member.name),
                ));
            }
        }
    }
    Ok(())
}

/// Enums need members: Smithy refuses an `enum` or `intEnum` without any (and an `@enum`
/// trait with no values).
fn validate_enums(shapes: &BTreeMap<ShapeId, Shape<Traits>>) -> Result<(), ModelError> {
    for shape in shapes.values() {
        let empty = match &shape.kind {
            ShapeKind::Enum { members } | ShapeKind::IntEnum { members } => members.is_empty(),
            _ => shape.traits.legacy_enum.as_ref().is_some_and(Vec::is_empty),
        };
        if empty {
            return Err(ModelError::at(
                format!("{}.members", shape.path),
                Some(&shape.id),
                format!("{} has no members; Smithy requires at least one", kind_name(&shape.kind)),
            ));
        }
    }
    Ok(())
}

/// The kind of a shape, with its article, for messages ("an enum", "a structure").
pub fn kind_name<T>(kind: &ShapeKind<T>) -> &'static str {
    match kind {
        ShapeKind::Simple(_) => "a simple shape",
        ShapeKind::List { .. } => "a list",
        ShapeKind::Set { .. } => "a set",
        ShapeKind::Map { .. } => "a map",
        ShapeKind::Structure { .. } => "a structure",
        ShapeKind::Union { .. } => "a union",
        ShapeKind::Enum { .. } => "an enum",
        ShapeKind::IntEnum { .. } => "an intEnum",
        ShapeKind::Service(_) => "a service",
        ShapeKind::Operation(_) => "an operation",
        ShapeKind::Resource(_) => "a resource",
        ShapeKind::Apply => "an apply",
    }
}

fn find_service(shapes: &BTreeMap<ShapeId, Shape<Traits>>) -> Result<(ShapeId, Service, Traits), ModelError> {
    let services: Vec<&Shape<Traits>> =
        shapes.values().filter(|s| matches!(s.kind, ShapeKind::Service(_))).collect();
    let service = match services.as_slice() {
        [one] => *one,
        [] => return Err(ModelError::at("$.shapes", None, "the model defines no service shape")),
        [first, second, ..] => {
            return Err(ModelError::at(
                &second.path,
                Some(&second.id),
                format!("the model defines more than one service (`{}` and `{}`)", first.id, second.id),
            ));
        }
    };
    let ShapeKind::Service(details) = &service.kind else { unreachable!("filtered on services") };
    Ok((service.id.clone(), details.clone(), service.traits.clone()))
}

fn collect_operations(
    shapes: &BTreeMap<ShapeId, Shape<Traits>>,
    service_id: &str,
    service: &Service,
) -> Result<Vec<ShapeId>, ModelError> {
    let mut operations = Vec::new();
    let mut pending_resources: Vec<(ShapeId, String)> = Vec::new();
    let service_path = &shapes[service_id].path;
    let expect = |id: &str, path: &str, want: &str| -> Result<(), ModelError> {
        match shapes.get(id) {
            Some(s) if kind_name(&s.kind) == want => Ok(()),
            Some(s) => Err(ModelError::at(path, Some(service_id), format!("`{id}` is {}, not {want}", kind_name(&s.kind)))),
            None => Err(ModelError::at(path, Some(service_id), format!("`{id}` does not exist"))),
        }
    };
    for (i, error) in service.errors.iter().enumerate() {
        let path = format!("{service_path}.errors[{i}].target");
        match shapes.get(error) {
            Some(s) if matches!(s.kind, ShapeKind::Structure { .. }) && s.traits.error.is_some() => {}
            Some(_) => {
                return Err(ModelError::at(path, Some(service_id), format!("`{error}` is not a structure with the @error trait")));
            }
            None => return Err(ModelError::at(path, Some(service_id), format!("the error `{error}` does not exist"))),
        }
    }
    for (i, op) in service.operations.iter().enumerate() {
        expect(op, &format!("{service_path}.operations[{i}].target"), "an operation")?;
        operations.push(op.clone());
    }
    for (i, r) in service.resources.iter().enumerate() {
        pending_resources.push((r.clone(), format!("{service_path}.resources[{i}].target")));
    }
    let mut visited = std::collections::BTreeSet::new();
    while let Some((id, path)) = pending_resources.pop() {
        if !visited.insert(id.clone()) {
            continue;
        }
        match shapes.get(&id).map(|s| &s.kind) {
            Some(ShapeKind::Resource(resource)) => {
                let rpath = &shapes[&id].path;
                for op in &resource.operations {
                    expect(op, rpath, "an operation")?;
                    operations.push(op.clone());
                }
                for (i, nested) in resource.resources.iter().enumerate() {
                    pending_resources.push((nested.clone(), format!("{rpath}.resources[{i}].target")));
                }
            }
            _ => expect(&id, &path, "a resource")?,
        }
    }
    operations.sort();
    operations.dedup();
    Ok(operations)
}

fn validate_operation(shapes: &BTreeMap<ShapeId, Shape<Traits>>, id: &str, protocol: traits::Protocol) -> Result<(), ModelError> {
    let shape = &shapes[id];
    let ShapeKind::Operation(op) = &shape.kind else { return Ok(()) };
    let refs = op.input.iter().map(|t| ("input", t)).chain(op.output.iter().map(|t| ("output", t)));
    for (role, target) in refs {
        let path = format!("{}.{role}.target", shape.path);
        match shapes.get(target) {
            Some(s) if matches!(s.kind, ShapeKind::Structure { .. }) => {}
            Some(s) => {
                return Err(ModelError::at(path, Some(id), format!("the {role} `{target}` is {}, not a structure", kind_name(&s.kind))));
            }
            None => return Err(ModelError::at(path, Some(id), format!("the {role} `{target}` does not exist"))),
        }
    }
    for (i, target) in op.errors.iter().enumerate() {
        let path = format!("{}.errors[{i}].target", shape.path);
        match shapes.get(target) {
            Some(s) if matches!(s.kind, ShapeKind::Structure { .. }) && s.traits.error.is_some() => {}
            Some(_) => return Err(ModelError::at(path, Some(id), format!("`{target}` is not a structure with the @error trait"))),
            None => return Err(ModelError::at(path, Some(id), format!("the error `{target}` does not exist"))),
        }
    }
    // The JSON RPC protocols frame every request alike; only restJson1 binds to `@http`.
    if protocol == traits::Protocol::RestJson1 && shape.traits.http.is_none() {
        return Err(ModelError::at(
            format!("{}.traits", shape.path),
            Some(id),
            "restJson1 operations need the @http trait (method, uri)",
        ));
    }
    Ok(())
}

/// Applies a service's `rename`: the shape takes the new name in its own namespace, and
/// every reference follows, so later steps see only the names the service uses.
fn rename_shapes(shapes: &mut BTreeMap<ShapeId, Shape>) -> Result<(), ModelError> {
    let mut renames = BTreeMap::new();
    for shape in shapes.values() {
        if let ShapeKind::Service(service) = &shape.kind {
            for (old, name) in &service.rename {
                let namespace = old.split_once('#').map_or("", |(ns, _)| ns);
                let new = format!("{namespace}#{name}");
                if !shapes.contains_key(old) || shapes.contains_key(&new) {
                    return Err(ModelError::at(
                        format!("{}.rename", shape.path),
                        Some(&shape.id),
                        format!("cannot rename `{old}` to `{name}`: the shape is missing or the name is taken"),
                    ));
                }
                renames.insert(old.clone(), new);
            }
        }
    }
    if renames.is_empty() {
        return Ok(());
    }
    let follow = |id: &mut ShapeId| {
        if let Some(new) = renames.get(id.as_str()) {
            *id = new.clone();
        }
    };
    let old_shapes = std::mem::take(shapes);
    for (mut id, mut shape) in old_shapes {
        follow(&mut id);
        follow(&mut shape.id);
        match &mut shape.kind {
            ShapeKind::List { member } | ShapeKind::Set { member } => follow(&mut member.target),
            ShapeKind::Map { key, value } => {
                follow(&mut key.target);
                follow(&mut value.target);
            }
            ShapeKind::Structure { members } | ShapeKind::Union { members } | ShapeKind::Enum { members } | ShapeKind::IntEnum { members } => {
                members.iter_mut().for_each(|m| follow(&mut m.target));
            }
            ShapeKind::Service(s) => {
                s.operations.iter_mut().chain(&mut s.resources).chain(&mut s.errors).for_each(follow);
            }
            ShapeKind::Operation(o) => {
                o.input.iter_mut().chain(&mut o.output).chain(&mut o.errors).for_each(follow);
            }
            ShapeKind::Resource(r) => r.operations.iter_mut().chain(&mut r.resources).for_each(follow),
            ShapeKind::Simple(_) | ShapeKind::Apply => {}
        }
        shapes.insert(id, shape);
    }
    Ok(())
}
