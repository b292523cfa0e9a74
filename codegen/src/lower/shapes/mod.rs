//! Lowering of data shapes: structures, unions, enums and their members.

mod enums;
mod members;

use super::{Closure, Namespace, docs_of, shape_name};
use crate::names;
use enums::enum_variants;
use crate::error::ModelError;
use crate::ir::*;
use crate::load::{Member, Shape, ShapeKind, SimpleType};
use crate::resolve::{Resolved, UNIT};
use crate::traits::{Protocol, TimestampFormat, Traits};

/// A named type's Rust names, decided once when lowering starts; every reference to the
/// type (members, operation errors, its own definition) reads them here.
#[derive(Debug, Clone)]
pub(crate) struct TypeNames {
    /// `Filter`
    pub rust_name: String,
    /// The private module of the type and of its wire code (`filter`).
    pub module: String,
    /// `crate::types::Filter`, `crate::error::NotFound`
    pub rust_path: String,
    /// `crate::wire::filter`
    pub wire_module: String,
}

pub(crate) struct Lowerer<'m> {
    model: &'m Resolved,
    /// The names of every structure, union and enum the closure reaches, by shape id.
    names: std::collections::BTreeMap<String, TypeNames>,
    closure: &'m Closure,
    warnings: std::cell::RefCell<Vec<ModelError>>,
    /// Each distinct `@pattern`'s plan, made once: building an automaton takes a while.
    pattern_plans: std::cell::RefCell<std::collections::HashMap<String, Result<crate::ir::PatternCheck, String>>>,
}

impl<'m> Lowerer<'m> {
    /// Decides the names of every named type of the closure, refusing collisions.
    pub fn new(model: &'m Resolved, closure: &'m Closure) -> Result<Self, ModelError> {
        // Types of `crate::types` and errors of `crate::error` share the `crate::wire`
        // module namespace, so one namespace guards both.
        let mut type_names = Namespace::new("`crate::types` and `crate::error`");
        for reserved in names::RESERVED_TYPES {
            type_names.reserve(reserved, &format!("the generator's own `{reserved}`"));
        }
        let mut module_names = Namespace::new("the module names of `crate::types` and `crate::error`");
        for reserved in names::RESERVED_MODULES {
            module_names.reserve(reserved, &format!("the generator's own module `{reserved}`"));
        }
        let mut decided = std::collections::BTreeMap::new();
        for id in &closure.data_shapes {
            let shape = model.shape(id);
            let named = match &shape.kind {
                ShapeKind::Structure { .. } | ShapeKind::Union { .. } | ShapeKind::Enum { .. } | ShapeKind::IntEnum { .. } => true,
                ShapeKind::Simple(_) => shape.traits.legacy_enum.is_some(),
                _ => false,
            };
            if !named {
                continue;
            }
            let rust_name = names::camel(shape_name(&shape.id));
            type_names.claim(&rust_name, &shape.id, &shape.path, &shape.id)?;
            let builder = format!("{rust_name}Builder");
            type_names.claim(&builder, &format!("the builder of `{}`", shape.id), &shape.path, &shape.id)?;
            let module = names::type_module(&rust_name);
            module_names.claim(&module, &shape.id, &shape.path, &shape.id)?;
            let parent = if shape.traits.error.is_some() { "crate::error" } else { "crate::types" };
            decided.insert(
                id.clone(),
                TypeNames {
                    rust_path: format!("{parent}::{rust_name}"),
                    wire_module: format!("crate::wire::{module}"),
                    rust_name,
                    module,
                },
            );
        }
        Ok(Lowerer { model, names: decided, closure, warnings: Default::default(), pattern_plans: Default::default() })
    }

    /// The names decided for the named type `id`.
    pub fn names_of(&self, id: &str) -> Result<&TypeNames, ModelError> {
        self.names.get(id).ok_or_else(|| {
            let shape = self.model.shape(id);
            ModelError::at(&shape.path, Some(id), "the generator decided no Rust name for this shape (a generator bug)")
        })
    }

    /// Notes a problem that leaves something out of the output but does not stop the run;
    /// each is reported once.
    pub(crate) fn warn(&self, warning: ModelError) {
        let mut warnings = self.warnings.borrow_mut();
        if !warnings.contains(&warning) {
            warnings.push(warning);
        }
    }

    fn pattern_plan(&self, source: &str) -> Result<crate::ir::PatternCheck, String> {
        let mut plans = self.pattern_plans.borrow_mut();
        plans.entry(source.to_owned()).or_insert_with(|| super::pattern::plan(source)).clone()
    }

    /// The warnings of the run so far, sorted.
    pub fn take_warnings(&self) -> Vec<ModelError> {
        let mut warnings = self.warnings.take();
        warnings.sort_by(|a, b| a.path.cmp(&b.path));
        warnings
    }

    pub fn plain_struct(&mut self, shape: &Shape<Traits>) -> Result<StructIr, ModelError> {
        let names = self.names_of(&shape.id)?.clone();
        self.structure(shape, names, StructRole::Plain)
    }

    pub fn error_struct(&mut self, shape: &Shape<Traits>) -> Result<StructIr, ModelError> {
        let names = self.names_of(&shape.id)?.clone();
        self.structure(shape, names, StructRole::Error)
    }

    /// An operation's input or output structure, named after the operation.
    pub fn io_struct(
        &mut self,
        shape: &Shape<Traits>,
        rust_name: String,
        op_module_path: &str,
        role: StructRole,
    ) -> Result<StructIr, ModelError> {
        // Its own module of the operation's, whose wire code is the operation's module too.
        let module = if role == StructRole::Input { "input" } else { "output" };
        let names = TypeNames {
            rust_path: format!("{op_module_path}::{rust_name}"),
            wire_module: op_module_path.to_owned(),
            rust_name,
            module: module.to_owned(),
        };
        self.structure(shape, names, role)
    }

    fn structure(
        &mut self,
        shape: &Shape<Traits>,
        names: TypeNames,
        role: StructRole,
    ) -> Result<StructIr, ModelError> {
        let TypeNames { rust_name, module, rust_path, wire_module } = names;
        let members = match &shape.kind {
            ShapeKind::Structure { members } => members.as_slice(),
            _ => &[],
        };
        let is_input = role == StructRole::Input || self.closure.inputs.contains(&shape.id);
        let mut fields = Namespace::new(format!("the members of `{rust_name}`"));
        for reserved in names::RESERVED_MEMBER_NAMES {
            fields.reserve(reserved, &format!("the generator's own `{reserved}`"));
        }
        let mut params = Namespace::new(format!("the builder type parameters of `{rust_name}`"));
        for reserved in names::RESERVED_TYPE_PARAMS {
            params.reserve(reserved, &format!("the generator's own `{reserved}`"));
        }
        let mut lowered = Vec::with_capacity(members.len());
        for member in members {
            let m = self.member(shape, member, is_input, role)?;
            let owner = format!("{}${}", shape.id, member.name);
            fields.claim(&m.field, &owner, &member.path, &shape.id)?;
            // Collections have a `set_` setter, and so do members that may be left unset.
            if matches!(m.ty, TypeRef::List(_) | TypeRef::Map(_)) || m.presence != Presence::Required {
                fields.claim(&m.set_all, &owner, &member.path, &shape.id)?;
            }
            if m.presence == Presence::Required {
                params.claim(&m.type_param, &owner, &member.path, &shape.id)?;
            }
            lowered.push(m);
        }
        if shape.traits.error.is_some() {
            // restJson1 services spell the message member either way; when a body has
            // both, `message` wins (botocore's order).
            for m in lowered.iter_mut().filter(|m| is_message(m)) {
                let first = if m.wire_name == "Message" { "message" } else { m.wire_name.as_str() };
                m.read_keys = vec![first.to_owned(), "Message".to_owned()];
            }
        }
        let error = shape.traits.error.map(|fault| ErrorInfo {
            code: shape_name(&shape.id).to_owned(),
            http_status: shape.traits.http_error,
            server_fault: fault == crate::traits::ErrorFault::Server,
            retryable: shape.traits.retryable,
            message_field: lowered.iter().find(|m| is_message(m) && !m.sensitive).map(|m| m.field.clone()),
            query_compatible: super::protocol::query_compatible(self.model),
        });
        Ok(StructIr {
            shape_id: shape.id.clone(),
            rust_path,
            builder_name: format!("{rust_name}Builder"),
            rust_name,
            module,
            docs: docs_of(&shape.traits),
            role,
            sensitive: shape.traits.sensitive,
            deprecated: shape.traits.deprecated.clone(),
            members: lowered,
            error,
            wire_module,
            wire_use: self.wire_use(&shape.id, role),
        })
    }

    fn member(&self, container: &Shape<Traits>, member: &Member<Traits>, is_input: bool, role: StructRole) -> Result<MemberIr, ModelError> {
        let target = self.model.shape(&member.target);
        let t = &member.traits;
        let field = names::member_field(&member.name);
        let binding = super::protocol::binding(self.model, member, role);
        let location = binding.location;
        let wire_name = binding.wire_name.unwrap_or_else(|| member.name.clone());
        let ty = self.boxed_if_recursive(&container.id, member, self.type_ref(member)?);
        let ty = super::protocol::bound_type(self.model, member, &location, ty);
        let presence = self.presence(container, member, &ty, is_input)?;
        let required_default = match (&presence, t.default.as_ref().or(target.traits.default.as_ref())) {
            (Presence::Required, Some(value)) if !value.is_null() => Some(self.default_value(container, member, &ty, value)?),
            _ => None,
        };
        let docs = match &t.documentation {
            Some(_) => docs_of(t),
            None => docs_of(&target.traits),
        };
        Ok(MemberIr {
            model_name: member.name.clone(),
            wire_name,
            read_keys: Vec::new(),
            set_all: names::set_all(&field),
            serde_rename: (names::serde_pascal(&field) != member.name).then(|| member.name.clone()),
            type_param: names::camel(&member.name),
            field,
            ty,
            presence,
            required_default,
            required_in_model: t.required,
            docs,
            sensitive: self.is_sensitive(member),
            location,
            idempotency_token: t.idempotency_token,
            deprecated: t.deprecated.clone().or_else(|| target.traits.deprecated.clone()),
            constraints: self.constraints(member)?,
        })
    }

    /// Redacted when the member, its target, or the elements its target holds are sensitive.
    fn is_sensitive(&self, member: &Member<Traits>) -> bool {
        if member.traits.sensitive {
            return true;
        }
        let mut pending = vec![member.target.as_str()];
        while let Some(id) = pending.pop() {
            let shape = self.model.shape(id);
            if shape.traits.sensitive {
                return true;
            }
            match &shape.kind {
                ShapeKind::List { member } | ShapeKind::Set { member } => pending.push(&member.target),
                ShapeKind::Map { key, value } => pending.extend([key.target.as_str(), value.target.as_str()]),
                _ => {}
            }
        }
        false
    }

    /// A structure or union member whose target leads back to the container through
    /// structure and union members alone (not through a list or map, which already hold
    /// their elements on the heap) is boxed, or the Rust type would have infinite size.
    fn boxed_if_recursive(&self, container: &str, member: &Member<Traits>, ty: TypeRef) -> TypeRef {
        if !matches!(ty, TypeRef::Named(NamedRef { kind: NamedKind::Struct | NamedKind::Union, .. })) {
            return ty;
        }
        let mut seen = std::collections::BTreeSet::new();
        let mut pending = vec![member.target.as_str()];
        while let Some(id) = pending.pop() {
            if id == container {
                return TypeRef::Boxed(Box::new(ty));
            }
            if !seen.insert(id) {
                continue;
            }
            let shape = self.model.shape(id);
            if let ShapeKind::Structure { members } | ShapeKind::Union { members } = &shape.kind {
                for m in members {
                    let target = self.model.shape(&m.target);
                    if matches!(target.kind, ShapeKind::Structure { .. } | ShapeKind::Union { .. }) {
                        pending.push(&m.target);
                    }
                }
            }
        }
        ty
    }

    fn type_ref(&self, member: &Member<Traits>) -> Result<TypeRef, ModelError> {
        let target = self.model.shape(&member.target);
        let named = |kind: NamedKind| -> Result<TypeRef, ModelError> {
            let names = self.names_of(&target.id)?;
            Ok(TypeRef::Named(NamedRef {
                kind,
                rust_path: names.rust_path.clone(),
                wire_module: names.wire_module.clone(),
                // Settled once every type is lowered (`lower::tokens`).
                write_options: false,
                write_fallible: false,
            }))
        };
        Ok(match &target.kind {
            ShapeKind::Simple(SimpleType::String) if target.traits.legacy_enum.is_some() => named(NamedKind::Enum)?,
            ShapeKind::Simple(SimpleType::String) => TypeRef::String,
            ShapeKind::Simple(SimpleType::Boolean) => TypeRef::Bool,
            ShapeKind::Simple(SimpleType::Byte) => TypeRef::Byte,
            ShapeKind::Simple(SimpleType::Short) => TypeRef::Short,
            ShapeKind::Simple(SimpleType::Integer) => TypeRef::Integer,
            ShapeKind::Simple(SimpleType::Long) => TypeRef::Long,
            ShapeKind::Simple(SimpleType::Float) => TypeRef::Float,
            ShapeKind::Simple(SimpleType::Double) => TypeRef::Double,
            ShapeKind::Simple(SimpleType::BigInteger) => TypeRef::BigInteger,
            ShapeKind::Simple(SimpleType::Document) if self.model.protocol.protocol == Protocol::Rpcv2Cbor => {
                return Err(super::protocol::rpcv2_cbor::no_documents(self.model, member, &target.id));
            }
            ShapeKind::Simple(SimpleType::BigDecimal) => TypeRef::BigDecimal,
            ShapeKind::Simple(SimpleType::Blob) => TypeRef::Blob,
            ShapeKind::Simple(SimpleType::Document) => TypeRef::Document,
            ShapeKind::IntEnum { .. } => named(NamedKind::IntEnum)?,
            ShapeKind::Simple(SimpleType::Timestamp) => TypeRef::Timestamp(
                member.traits.timestamp_format.or(target.traits.timestamp_format).unwrap_or(TimestampFormat::EpochSeconds),
            ),
            ShapeKind::Enum { .. } => named(NamedKind::Enum)?,
            ShapeKind::Structure { .. } if target.traits.error.is_some() => named(NamedKind::Struct)?,
            ShapeKind::Structure { .. } => named(NamedKind::Struct)?,
            ShapeKind::Union { .. } => named(NamedKind::Union)?,
            ShapeKind::List { member: inner } | ShapeKind::Set { member: inner } => {
                TypeRef::List(Box::new(self.element(inner, target.traits.sparse)?))
            }
            ShapeKind::Map { value, .. } => TypeRef::Map(Box::new(self.element(value, target.traits.sparse)?)),
            other => {
                return Err(ModelError::unsupported(
                    format!("{}.target", member.path),
                    Some(&target.id),
                    crate::error::Unsupported::MemberTarget,
                    format!("members targeting {} are not supported", crate::resolve::kind_name(other)),
                ));
            }
        })
    }

    /// The type of a list's or map's elements: `Option<T>` in a `@sparse` one.
    fn element(&self, member: &Member<Traits>, sparse: bool) -> Result<TypeRef, ModelError> {
        let ty = self.type_ref(member)?;
        Ok(if sparse { TypeRef::Nullable(Box::new(ty)) } else { ty })
    }

    pub fn enumeration(&mut self, shape: &Shape<Traits>) -> Result<EnumIr, ModelError> {
        let TypeNames { rust_name, module, .. } = self.names_of(&shape.id)?.clone();
        Ok(EnumIr {
            shape_id: shape.id.clone(),
            module,
            docs: docs_of(&shape.traits),
            variants: enum_variants(shape)?,
            int: matches!(shape.kind, ShapeKind::IntEnum { .. }),
            deprecated: shape.traits.deprecated.clone(),
            rust_name,
        })
    }

    pub fn union(&mut self, shape: &Shape<Traits>) -> Result<UnionIr, ModelError> {
        let TypeNames { rust_name, module, rust_path, wire_module } = self.names_of(&shape.id)?.clone();
        let ShapeKind::Union { members } = &shape.kind else { unreachable!("called for unions") };
        let mut variant_names = Namespace::new(format!("the variants of `{rust_name}`"));
        let mut accessors = Namespace::new(format!("the accessors of `{rust_name}`"));
        let mut variants = Vec::new();
        for member in members {
            let owner = format!("{}${}", shape.id, member.name);
            let rust_variant = names::variant(&member.name);
            variant_names.claim(&rust_variant, &owner, &member.path, &shape.id)?;
            let prefix = if member.target == UNIT { "is" } else { "as" };
            let accessor = format!("{prefix}_{}", names::unraw(&names::snake(&member.name)));
            accessors.claim(&accessor, &owner, &member.path, &shape.id)?;
            let ty = if member.target == UNIT {
                None
            } else {
                Some(self.boxed_if_recursive(&shape.id, member, self.type_ref(member)?))
            };
            variants.push(UnionVariantIr {
                model_name: member.name.clone(),
                wire_name: member.traits.json_name.clone().unwrap_or_else(|| member.name.clone()),
                rust_name: rust_variant,
                accessor,
                ty,
                docs: match &member.traits.documentation {
                    Some(_) => docs_of(&member.traits),
                    None => docs_of(&self.model.shape(&member.target).traits),
                },
                sensitive: self.is_sensitive(member),
                constraints: self.constraints(member)?,
            });
        }
        Ok(UnionIr {
            shape_id: shape.id.clone(),
            rust_path,
            wire_module,
            module,
            docs: docs_of(&shape.traits),
            sensitive: shape.traits.sensitive,
            deprecated: shape.traits.deprecated.clone(),
            variants,
            rust_name,
            wire_use: self.wire_use(&shape.id, StructRole::Plain),
        })
    }

    fn wire_use(&self, id: &str, role: StructRole) -> WireUse {
        match role {
            // Operation inputs and outputs are written and read by their operation's module.
            StructRole::Input => WireUse { write: true, read: false, ..WireUse::default() },
            StructRole::Output => WireUse { write: false, read: true, ..WireUse::default() },
            // Errors are read from responses, and written only if some input holds one.
            StructRole::Error => WireUse { write: self.closure.written.contains(id), read: true, ..WireUse::default() },
            StructRole::Plain => WireUse {
                write: self.closure.written.contains(id),
                read: self.closure.read.contains(id),
                ..WireUse::default()
            },
        }
    }
}

/// An error's message member: a string member named `message` in any case.
fn is_message(m: &MemberIr) -> bool {
    m.model_name.eq_ignore_ascii_case("message") && m.ty == TypeRef::String && m.location == Location::Body
}
