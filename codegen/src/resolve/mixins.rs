//! Mixins, flattened: every shape that uses mixins gets their members and traits copied in,
//! and the `@mixin` shapes themselves leave the model (nothing is generated for them).
//!
//! The rules (Smithy 2.0, "Mixins"):
//! - a mixin is a shape with `@mixin`; a shape may only use mixins of its own type;
//! - members come in order: each mixin's (its own mixins' first), then the shape's own;
//!   two mixins may not bring members of one name with different targets;
//! - a shape may list an inherited member again, with the same target, to add or replace
//!   traits on its copy (`apply` on `Shape$member` does the same);
//! - traits: each mixin's traits except `@mixin` and the traits its `localTraits` name, a
//!   later mixin's replacing an earlier one's, then the shape's own traits over all;
//! - operations take their mixins' input and output unless they have their own, and all of
//!   their errors; services and resources take their mixins' operations, resources and errors.

use crate::error::ModelError;
use crate::load::{Member, Shape, ShapeId, ShapeKind};
use std::collections::{BTreeMap, BTreeSet};

const MIXIN: &str = "smithy.api#mixin";

/// Flattens every shape's mixins, then removes the mixins from `shapes`.
pub(super) fn flatten(shapes: &mut BTreeMap<ShapeId, Shape>) -> Result<(), ModelError> {
    let users: Vec<ShapeId> = shapes.iter().filter(|(_, s)| !s.mixins.is_empty()).map(|(id, _)| id.clone()).collect();
    let mut done = BTreeSet::new();
    for id in users {
        flatten_one(shapes, &id, &mut Vec::new(), &mut done)?;
    }
    let mixins: BTreeSet<ShapeId> = shapes.iter().filter(|(_, s)| s.traits.contains_key(MIXIN)).map(|(id, _)| id.clone()).collect();
    for shape in shapes.values().filter(|s| !mixins.contains(&s.id)) {
        for member in shape.kind.members() {
            if mixins.contains(&member.target) {
                return Err(ModelError::at(
                    format!("{}.target", member.path),
                    Some(&shape.id),
                    format!("member `{}` targets the mixin `{}`; members may not target mixins", member.name, member.target),
                ));
            }
        }
    }
    shapes.retain(|id, _| !mixins.contains(id));
    Ok(())
}

/// Flattens `id` after its mixins; `path` holds the shapes being flattened, to find cycles.
fn flatten_one(
    shapes: &mut BTreeMap<ShapeId, Shape>,
    id: &str,
    path: &mut Vec<ShapeId>,
    done: &mut BTreeSet<ShapeId>,
) -> Result<(), ModelError> {
    if done.contains(id) {
        return Ok(());
    }
    let Some(shape) = shapes.get(id) else { return Ok(()) };
    if path.iter().any(|p| p == id) {
        return Err(ModelError::at(
            format!("{}.mixins", shape.path),
            Some(id),
            format!("mixins form a cycle: {} -> {id}", path.join(" -> ")),
        ));
    }
    let mixin_ids = shape.mixins.clone();
    path.push(id.to_owned());
    for (i, mixin) in mixin_ids.iter().enumerate() {
        let at = format!("{}.mixins[{i}].target", shape_path(shapes, id));
        let Some(m) = shapes.get(mixin) else {
            return Err(ModelError::at(at, Some(id), format!("the mixin `{mixin}` does not exist")));
        };
        if !m.traits.contains_key(MIXIN) {
            return Err(ModelError::at(at, Some(id), format!("`{mixin}` is used as a mixin but has no @mixin trait")));
        }
        if std::mem::discriminant(&m.kind) != std::mem::discriminant(&shapes[id].kind) {
            return Err(ModelError::at(
                at,
                Some(id),
                format!(
                    "the mixin `{mixin}` is {}, but `{id}` is {}; mixins apply only to shapes of their own type",
                    crate::resolve::kind_name(&m.kind),
                    crate::resolve::kind_name(&shapes[id].kind)
                ),
            ));
        }
        flatten_one(shapes, mixin, path, done)?;
    }
    path.pop();
    let mixins: Vec<Shape> = mixin_ids.iter().map(|m| shapes[m].clone()).collect();
    let Some(shape) = shapes.get_mut(id) else { return Ok(()) };
    merge(shape, &mixins)?;
    shape.mixins.clear();
    done.insert(id.to_owned());
    Ok(())
}

fn shape_path(shapes: &BTreeMap<ShapeId, Shape>, id: &str) -> String {
    shapes.get(id).map(|s| s.path.clone()).unwrap_or_default()
}

/// Copies the members and traits of (already flat) `mixins` into `shape`.
fn merge(shape: &mut Shape, mixins: &[Shape]) -> Result<(), ModelError> {
    let mut traits = crate::load::RawTraits::new();
    for mixin in mixins {
        let local: BTreeSet<String> = mixin
            .traits
            .get(MIXIN)
            .and_then(|v| v.get("localTraits"))
            .and_then(|v| v.as_array())
            .map(|ids| ids.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect())
            .unwrap_or_default();
        for (trait_id, value) in &mixin.traits {
            if trait_id != MIXIN && !local.contains(trait_id) {
                traits.insert(trait_id.clone(), value.clone());
            }
        }
    }
    traits.extend(std::mem::take(&mut shape.traits));
    shape.traits = traits;

    let id = shape.id.clone();
    match &mut shape.kind {
        ShapeKind::Structure { members } | ShapeKind::Union { members } | ShapeKind::Enum { members } | ShapeKind::IntEnum { members } => {
            let mut merged: Vec<Member> = Vec::new();
            for mixin in mixins {
                for inherited in mixin.kind.members() {
                    match merged.iter().find(|m| m.name == inherited.name) {
                        Some(m) if m.target != inherited.target => {
                            return Err(ModelError::at(
                                &inherited.path,
                                Some(&id),
                                format!(
                                    "the mixins of `{id}` bring two members `{}` with different targets (`{}` and `{}`)",
                                    inherited.name, m.target, inherited.target
                                ),
                            ));
                        }
                        Some(_) => {}
                        None => merged.push(inherited.clone()),
                    }
                }
            }
            for own in std::mem::take(members) {
                match merged.iter_mut().find(|m| m.name == own.name) {
                    Some(m) if m.target != own.target => {
                        return Err(ModelError::at(
                            format!("{}.target", own.path),
                            Some(&id),
                            format!("member `{}` redefines a mixin member with another target (`{}`, not `{}`)", own.name, own.target, m.target),
                        ));
                    }
                    // A redefined member adds (or replaces) traits on its copy.
                    Some(m) => {
                        m.traits.extend(own.traits);
                        m.path = own.path;
                    }
                    None => merged.push(own),
                }
            }
            *members = merged;
        }
        ShapeKind::Operation(op) => {
            for mixin in mixins {
                if let ShapeKind::Operation(m) = &mixin.kind {
                    op.input = op.input.take().or_else(|| m.input.clone());
                    op.output = op.output.take().or_else(|| m.output.clone());
                    op.errors = union(&m.errors, &op.errors);
                }
            }
        }
        ShapeKind::Service(service) => {
            for mixin in mixins {
                if let ShapeKind::Service(m) = &mixin.kind {
                    service.operations = union(&m.operations, &service.operations);
                    service.resources = union(&m.resources, &service.resources);
                    service.errors = union(&m.errors, &service.errors);
                    if service.version.is_empty() {
                        service.version = m.version.clone();
                    }
                }
            }
        }
        ShapeKind::Resource(resource) => {
            for mixin in mixins {
                if let ShapeKind::Resource(m) = &mixin.kind {
                    resource.operations = union(&m.operations, &resource.operations);
                    resource.resources = union(&m.resources, &resource.resources);
                }
            }
        }
        // Simple shapes, lists and maps take traits only (their members are their own).
        _ => {}
    }
    Ok(())
}

/// `first` then the items of `then` not in it.
fn union(first: &[ShapeId], then: &[ShapeId]) -> Vec<ShapeId> {
    let mut out = first.to_vec();
    out.extend(then.iter().filter(|id| !first.contains(id)).cloned());
    out
}
