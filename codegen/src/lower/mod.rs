//! Step 3, *lower*: the resolved model to the Rust-facing IR (`crate::ir`).
//!
//! This step selects the operations to generate and the closure of shapes they reach,
//! decides every Rust name (refusing collisions), maps every type, applies Smithy's
//! nullability rules, converts docs to Markdown, and sorts everything.

mod auth;
pub mod docs;
mod event_stream;
mod examples;
mod http;
mod protocol;

mod operation;
mod pattern;
#[cfg(test)]
mod pattern_cross_check;
pub(crate) mod pattern_dfa;
mod shapes;
mod support;
mod timestamp;
mod tokens;
mod smoke;
mod waiters;

use crate::endpoint::ir::EndpointIr;
use crate::error::{Error, ModelError};
use crate::ir::{CrateIr, ServiceIr, TypeIr};
use crate::names;
use crate::load::{ShapeKind, ShapeId};
use crate::resolve::Resolved;
use crate::traits::Traits;
use std::collections::{BTreeMap, BTreeSet};

/// What to generate.
#[derive(Debug, Clone, Default)]
pub struct Selection {
    /// Operation names (`ListSessions`); empty means every operation the generator supports.
    pub operations: Vec<String>,
    /// The protocol to speak (`awsJson1_0`, or the trait's shape id), among those the
    /// service offers; `None` takes the one it prefers (see `resolve::protocol`).
    pub protocol: Option<String>,
}

/// Facts about the input that end up in headers.
#[derive(Debug, Clone)]
pub struct Provenance {
    pub package: String,
    pub crate_version: String,
    pub model_file: String,
    pub model_sha256: String,
    pub runtime: crate::ir::Runtime,
}

/// The crate's IR; `endpoint` is the endpoint family's IR of the same model, carried along.
pub fn lower(
    model: &Resolved,
    selection: &Selection,
    provenance: &Provenance,
    endpoint: Option<EndpointIr>,
) -> Result<CrateIr, Error> {
    let (mut operations, mut unsupported) = select_operations(model, selection)?;
    // A shape that cannot be lowered for want of support leaves out the operations that
    // reach it (unless they were asked for by name), like the checks of `support` do.
    let (mut types, mut errors, mut ops, warnings, event_streams) = loop {
        let lowered = lower_shapes(model, &operations).and_then(|(mut types, errors, mut ops, warnings)| {
            let streams = event_stream::lower(model, &mut types, &errors, &mut ops)?;
            Ok((types, errors, ops, warnings, streams))
        });
        match lowered {
            Ok(lowered) => break lowered,
            Err(e) if selection.operations.is_empty() && e.unsupported.is_some() => {
                let culprit = e.shape.clone().unwrap_or_default();
                let reaching: Vec<ShapeId> = operations
                    .iter()
                    .filter(|op| {
                        let c = closure(model, std::slice::from_ref(op));
                        **op == culprit || c.data_shapes.contains(&culprit) || c.inputs.contains(&culprit) || reaches_io(model, op, &culprit)
                    })
                    .cloned()
                    .collect();
                if reaching.is_empty() {
                    return Err(e.into());
                }
                operations.retain(|op| !reaching.contains(op));
                unsupported.extend(reaching.iter().map(|op| (shape_name(op).to_owned(), e.clone())));
                unsupported.sort_by(|a, b| a.0.cmp(&b.0));
            }
            Err(e) => return Err(e.into()),
        }
    };
    tokens::mark(&mut types, &mut errors, &mut ops, protocol::codec(model));
    types.sort_by(|a, b| a.rust_name().cmp(b.rust_name()));
    errors.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));
    ops.sort_by(|a, b| a.rust_name.cmp(&b.rust_name));

    let service_shape = model.shape(&model.service_id);
    let title = service_shape
        .traits
        .title
        .clone()
        .unwrap_or_else(|| model.service_id.split('#').next_back().unwrap_or_default().to_owned());
    let mut ir = CrateIr {
        package: provenance.package.clone(),
        crate_version: provenance.crate_version.clone(),
        service: ServiceIr {
            shape_id: model.service_id.clone(),
            title,
            version: model.service.version.clone(),
            docs: docs_of(&model.service_traits),
            protocol: crate::ir::ProtocolIr {
                name: model.protocol.protocol.name().to_owned(),
                shape_id: model.protocol.protocol.shape_id().to_owned(),
                passed_over: model.protocol.passed_over.clone(),
                codec: protocol::codec(model),
            },
            client: client_ir(model, &errors, &ops, &provenance.package)?,
        },
        model_file: provenance.model_file.clone(),
        model_sha256: provenance.model_sha256.clone(),
        runtime: provenance.runtime.clone(),
        types,
        errors,
        operations: ops,
        unsupported,
        warnings,
        endpoint,
        example: None,
        waiters: Vec::new(),
        smoke_tests: Vec::new(),
        event_streams,
    };
    ir.example = examples::example(&ir);
    ir.waiters = waiters::lower(model, &ir)?;
    let (smoke_tests, left_out) = smoke::lower(model, &ir);
    ir.smoke_tests = smoke_tests;
    ir.warnings.extend(left_out);
    Ok(ir)
}

type Lowered = (Vec<TypeIr>, Vec<crate::ir::StructIr>, Vec<crate::ir::OperationIr>, Vec<ModelError>);

fn lower_shapes(model: &Resolved, operations: &[ShapeId]) -> Result<Lowered, ModelError> {
    let closure = closure(model, operations);
    let mut lowerer = shapes::Lowerer::new(model, &closure)?;
    let mut types = Vec::new();
    let mut errors = Vec::new();
    for id in &closure.data_shapes {
        let shape = model.shape(id);
        match &shape.kind {
            ShapeKind::Structure { .. } if shape.traits.error.is_some() => errors.push(lowerer.error_struct(shape)?),
            ShapeKind::Structure { .. } => types.push(TypeIr::Struct(lowerer.plain_struct(shape)?)),
            ShapeKind::Union { .. } => types.push(TypeIr::Union(lowerer.union(shape)?)),
            ShapeKind::Enum { .. } | ShapeKind::IntEnum { .. } => types.push(TypeIr::Enum(lowerer.enumeration(shape)?)),
            ShapeKind::Simple(_) if shape.traits.legacy_enum.is_some() => {
                types.push(TypeIr::Enum(lowerer.enumeration(shape)?))
            }
            _ => {}
        }
    }
    let mut ops = Vec::new();
    for id in operations {
        ops.push(operation::lower_operation(&mut lowerer, model, id)?);
    }
    Ok((types, errors, ops, lowerer.take_warnings()))
}

/// Whether `shape` is the input or output of `op`.
fn reaches_io(model: &Resolved, op: &str, shape: &str) -> bool {
    match &model.shape(op).kind {
        ShapeKind::Operation(o) => o.input.as_deref() == Some(shape) || o.output.as_deref() == Some(shape),
        _ => false,
    }
}

/// The signing name and configuration keys of the service, and which errors may be retried.
fn client_ir(
    model: &Resolved,
    errors: &[crate::ir::StructIr],
    ops: &[crate::ir::OperationIr],
    package: &str,
) -> Result<crate::ir::ClientIr, ModelError> {
    // Methods of both clients that an operation's method must not shadow, and those of the
    // standard traits (see `names::TRAIT_METHOD_NAMES`).
    const TAKEN: &[&str] = &["builder", "call", "clone", "fmt", "from_env", "paginate", "send"];
    let methods = ops
        .iter()
        .map(|op| {
            let module = op.module.as_str();
            let taken = TAKEN.contains(&module) || names::TRAIT_METHOD_NAMES.contains(&module);
            let method = if taken { format!("{module}_operation") } else { op.module.clone() };
            (op.rust_name.clone(), method)
        })
        .collect();
    let traits = &model.service_traits;
    let sdk_id = traits.sdk_id.clone().unwrap_or_else(|| shape_name(&model.service_id).to_owned());
    let key = sdk_id.replace([' ', '-'], "_");
    let mut retryable_codes: Vec<String> =
        errors.iter().filter_map(|e| e.error.as_ref()).filter(|e| e.retryable).map(|e| e.code.clone()).collect();
    retryable_codes.sort();
    // The default of the operations without auth traits of their own. When the service's
    // own schemes are none the clients implement, no such operation is generated, and a
    // request sent untyped fails with an error saying so.
    let auth = match auth::service_schemes(model) {
        Ok(schemes) => schemes,
        Err(e) if e.unsupported.is_some() => Vec::new(),
        Err(e) => return Err(e),
    };
    let endpoint_env = auth::is_foreign(model).then(|| format!("{}_ENDPOINT_URL", package.to_ascii_uppercase().replace('-', "_")));
    Ok(crate::ir::ClientIr {
        signing_name: traits.sigv4_name.clone().unwrap_or_else(|| key.to_ascii_lowercase()),
        env_suffix: key.to_ascii_uppercase(),
        config_key: key.to_ascii_lowercase(),
        retryable_codes,
        methods,
        auth,
        bearer_env: auth::bearer_env(model, package),
        endpoint_env,
    })
}

pub(crate) fn docs_of(traits: &Traits) -> String {
    traits.documentation.as_deref().map(docs::html_to_markdown).unwrap_or_default()
}

/// The short name of a shape id (`Filter` for `com.amazonaws.mpa#Filter`).
pub(crate) fn shape_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

type Unsupported = Vec<(String, ModelError)>;

fn select_operations(model: &Resolved, selection: &Selection) -> Result<(Vec<ShapeId>, Unsupported), Error> {
    let mut op_names = Namespace::new("the operations of `crate::operation`");
    for id in &model.operations {
        let shape = model.shape(id);
        op_names.claim(&names::camel(shape_name(id)), id, &shape.path, id)?;
    }
    let by_name: BTreeMap<&str, &ShapeId> = model.operations.iter().map(|id| (shape_name(id), id)).collect();
    if selection.operations.is_empty() {
        let mut chosen = Vec::new();
        let mut unsupported = Vec::new();
        for id in &model.operations {
            // What the generator cannot do yet leaves the operation out; a broken model stops the run.
            match support::check_operation(model, id) {
                Ok(()) => chosen.push(id.clone()),
                Err(e) if e.unsupported.is_some() => unsupported.push((shape_name(id).to_owned(), e)),
                Err(e) => return Err(e.into()),
            }
        }
        return Ok((chosen, unsupported));
    }
    let mut chosen = BTreeSet::new();
    for name in &selection.operations {
        let Some(id) = by_name.get(name.as_str()) else {
            let known: Vec<&str> = by_name.keys().copied().collect();
            return Err(Error::Usage(format!(
                "the service has no operation `{name}`; it has: {}",
                known.join(", ")
            )));
        };
        support::check_operation(model, id)?;
        chosen.insert((*id).clone());
    }
    let unsupported = model
        .operations
        .iter()
        .filter(|id| !chosen.contains(*id))
        .filter_map(|id| support::check_operation(model, id).err().map(|e| (shape_name(id).to_owned(), e)))
        .filter(|(_, e)| e.unsupported.is_some())
        .collect();
    Ok((chosen.into_iter().collect(), unsupported))
}

/// The shapes the chosen operations reach.
pub(crate) struct Closure {
    /// Data shapes (not operation inputs or outputs themselves), sorted.
    pub data_shapes: BTreeSet<ShapeId>,
    /// Shapes used as operation inputs.
    pub inputs: BTreeSet<ShapeId>,
    /// Shapes some input reaches (they need JSON writers).
    pub written: BTreeSet<ShapeId>,
    /// Shapes some output or error reaches (they need JSON readers).
    pub read: BTreeSet<ShapeId>,
}

fn closure(model: &Resolved, operations: &[ShapeId]) -> Closure {
    let mut inputs = BTreeSet::new();
    let mut input_roots = Vec::new();
    let mut event_input_roots = Vec::new();
    let mut output_roots = Vec::new();
    for id in operations {
        let ShapeKind::Operation(op) = &model.shape(id).kind else { continue };
        inputs.extend(op.input.iter().cloned());
        // Inputs and outputs are lowered with their operation; their members' targets are data.
        if let Some(input) = &op.input {
            // An input event stream's events become messages: what their members hold is
            // written as JSON. The union and the events themselves are not JSON objects (an
            // event's body members are written by its own writer, which lowering asks for
            // only when it has some); a modeled error sent on the stream is written whole, as
            // the exception message's JSON payload.
            let (streams, others): (Vec<ShapeId>, Vec<ShapeId>) = support::member_targets(&model.shape(input).kind)
                .into_iter()
                .partition(|t| model.shape(t).traits.streaming && matches!(model.shape(t).kind, ShapeKind::Union { .. }));
            input_roots.extend(others);
            for stream in &streams {
                for event in support::member_targets(&model.shape(stream).kind) {
                    let event_shape = model.shape(&event);
                    if event_shape.traits.error.is_some() {
                        input_roots.push(event);
                    } else if event != crate::resolve::UNIT {
                        input_roots.extend(support::member_targets(&event_shape.kind));
                    }
                }
            }
            event_input_roots.extend(streams);
        }
        if let Some(output) = &op.output {
            output_roots.extend(support::member_targets(&model.shape(output).kind));
        }
        output_roots.extend(op.errors.iter().cloned());
        output_roots.extend(model.service.errors.iter().cloned());
    }
    let written = reach(model, input_roots);
    let read = reach(model, output_roots);
    let data_shapes = written.union(&read).cloned().chain(reach(model, event_input_roots)).collect();
    Closure { data_shapes, inputs, written, read }
}

fn reach(model: &Resolved, mut pending: Vec<ShapeId>) -> BTreeSet<ShapeId> {
    let mut seen = BTreeSet::new();
    while let Some(id) = pending.pop() {
        // `smithy.api#Unit` marks a union member without a value: it is not a type.
        if id != crate::resolve::UNIT && seen.insert(id.clone()) {
            pending.extend(support::member_targets(&model.shape(&id).kind));
        }
    }
    seen
}

/// Rust names already taken in one namespace, with who took them, so that a collision can
/// name both sides.
pub(crate) struct Namespace {
    what: String,
    taken: BTreeMap<String, String>,
}

impl Namespace {
    pub fn new(what: impl Into<String>) -> Self {
        Namespace { what: what.into(), taken: BTreeMap::new() }
    }

    /// Takes `name` for the generator itself (`mod`, a module file name, is no identifier).
    pub fn reserve(&mut self, name: &str, owner: &str) {
        self.taken.insert(names::unraw(name).to_ascii_lowercase(), owner.to_owned());
    }

    /// Claims `name` for `owner` (a shape id or `shape$member`); `path` locates the claim.
    /// A name that is not a Rust identifier is refused here, naming its owner.
    pub fn claim(&mut self, name: &str, owner: &str, path: &str, shape: &str) -> Result<(), ModelError> {
        names::check_ident(name).map_err(|why| ModelError::at(path, Some(shape), format!("the Rust name of `{owner}` in {}: {why}", self.what)))?;
        let key = names::unraw(name).to_ascii_lowercase();
        if let Some(previous) = self.taken.get(&key) {
            return Err(ModelError::at(
                path,
                Some(shape),
                format!(
                    "`{previous}` and `{owner}` both map to the Rust name `{name}` in {}; rename one of them in the model",
                    self.what
                ),
            ));
        }
        self.taken.insert(key, owner.to_owned());
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::Namespace;

    #[test]
    fn a_name_that_is_no_identifier_is_an_error_naming_its_shape_and_path() {
        let mut names = Namespace::new("the variants of `Color`");
        let path = r#"shapes["ns#Color"].traits["smithy.api#enum"][0]"#;
        let e = names.claim("½", "ns#Color$½", path, "ns#Color").expect_err("`½` is no identifier");
        assert_eq!(e.shape.as_deref(), Some("ns#Color"));
        assert_eq!(e.path, path);
        assert!(e.message.contains("`½` is not a Rust identifier") && e.message.contains("ns#Color$½"), "{}", e.message);
        assert!(names.claim("r#type", "ns#Color$type", path, "ns#Color").is_ok());
    }
}
