//! Step 1, *load*: the model's files, Smithy JSON AST ([`json`]) or IDL ([`idl`]), read into
//! plain structs.
//!
//! IDL files are first turned into the JSON AST Smithy itself would write for them, and
//! several files are merged into one JSON AST ([`sources`]), so everything after reads one
//! form. Nothing is interpreted here beyond the shape of the JSON itself: traits stay raw JSON
//! values (typed in `resolve`), targets stay strings (checked in `resolve`). Every error
//! names the shape id and the JSON path of the offending value (or, in IDL, the file, line
//! and column).

pub mod idl;
pub mod json;
pub mod sources;

use serde_json::Value;
use std::collections::BTreeMap;

pub use json::{load, model_from_ast};
pub(crate) use json::json_type_name;
pub use sources::{load_sources, read_sources, smithy_json, Source, SourceError};

/// A shape id such as `com.amazonaws.mpa#Filter`.
pub type ShapeId = String;

/// Trait id to raw trait value, sorted so that iteration order never depends on the input.
pub type RawTraits = BTreeMap<String, Value>;

/// The whole model file.
#[derive(Debug, Clone)]
pub struct Model<T = RawTraits> {
    pub smithy_version: String,
    pub shapes: BTreeMap<ShapeId, Shape<T>>,
}

#[derive(Debug, Clone)]
pub struct Shape<T = RawTraits> {
    pub id: ShapeId,
    pub kind: ShapeKind<T>,
    pub traits: T,
    /// JSON path of the shape, kept for error messages in later steps.
    pub path: String,
    /// Mixins named by the shape; `resolve` flattens them.
    pub mixins: Vec<ShapeId>,
}

/// A member of a structure, union, enum, list or map.
#[derive(Debug, Clone)]
pub struct Member<T = RawTraits> {
    pub name: String,
    pub target: ShapeId,
    pub traits: T,
    /// JSON path of the member, kept for error messages in later steps.
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum ShapeKind<T = RawTraits> {
    /// Simple shapes: `string`, `integer`, `timestamp`, ... (the type name as in the AST).
    Simple(SimpleType),
    List { member: Member<T> },
    /// IDL 1.0 `set`: a list whose items are unique.
    Set { member: Member<T> },
    Map { key: Member<T>, value: Member<T> },
    Structure { members: Vec<Member<T>> },
    Union { members: Vec<Member<T>> },
    Enum { members: Vec<Member<T>> },
    IntEnum { members: Vec<Member<T>> },
    Service(Service),
    Operation(Operation),
    Resource(Resource),
    /// `apply` shapes only add traits to another shape.
    Apply,
}

impl<T> ShapeKind<T> {
    /// The members of an aggregate shape (and of an enum), in model order.
    pub fn members(&self) -> Vec<&Member<T>> {
        match self {
            ShapeKind::List { member } | ShapeKind::Set { member } => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Structure { members }
            | ShapeKind::Union { members }
            | ShapeKind::Enum { members }
            | ShapeKind::IntEnum { members } => members.iter().collect(),
            _ => Vec::new(),
        }
    }

    /// [`members`](ShapeKind::members), mutable.
    pub fn members_mut(&mut self) -> Vec<&mut Member<T>> {
        match self {
            ShapeKind::List { member } | ShapeKind::Set { member } => vec![member],
            ShapeKind::Map { key, value } => vec![key, value],
            ShapeKind::Structure { members }
            | ShapeKind::Union { members }
            | ShapeKind::Enum { members }
            | ShapeKind::IntEnum { members } => members.iter_mut().collect(),
            _ => Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum SimpleType {
    Blob,
    Boolean,
    String,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    BigInteger,
    BigDecimal,
    Timestamp,
    Document,
}

#[derive(Debug, Clone, Default)]
pub struct Service {
    pub version: String,
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
    pub errors: Vec<ShapeId>,
    /// `rename`: shape id to the name the service gives it (to settle name conflicts).
    pub rename: Vec<(ShapeId, String)>,
}

#[derive(Debug, Clone)]
pub struct Operation {
    pub input: Option<ShapeId>,
    pub output: Option<ShapeId>,
    pub errors: Vec<ShapeId>,
}

/// The parts of a resource that bind operations; identifiers and properties are not needed
/// to generate a client.
#[derive(Debug, Clone, Default)]
pub struct Resource {
    pub operations: Vec<ShapeId>,
    pub resources: Vec<ShapeId>,
}

