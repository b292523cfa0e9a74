//! The Rust-facing intermediate representation.
//!
//! Everything an emitter needs is decided here: Rust names beside wire names, Rust types,
//! optionality, docs already in Markdown, and the order of every list. Emitters only turn
//! this into tokens; they never compute a name or sort again.


mod constraints;
mod event_stream;
pub mod example;
mod operation;
mod service;
mod type_ref;
pub mod waiter;

pub use constraints::*;
pub use event_stream::*;
pub use operation::*;
pub use service::*;
pub use type_ref::*;

#[derive(Debug, Clone)]
pub struct CrateIr {
    /// Cargo package name of the generated crate.
    pub package: String,
    pub crate_version: String,
    pub service: ServiceIr,
    /// Model file as named in headers (`model/mpa-2022-07-26.json`).
    pub model_file: String,
    pub model_sha256: String,
    /// Structures, enums and unions of `crate::types`, sorted by Rust name.
    pub types: Vec<TypeIr>,
    /// Error shapes of `crate::error`, sorted by Rust name.
    pub errors: Vec<StructIr>,
    /// Sorted by Rust name.
    pub operations: Vec<OperationIr>,
    /// Operations of the model that were not generated, with the reason (naming the shape
    /// and JSON path of what is not supported), sorted.
    pub unsupported: Vec<(String, crate::error::ModelError)>,
    /// What the output leaves out without leaving out an operation (a `@pattern` no engine
    /// can check), each naming the shape and JSON path.
    pub warnings: Vec<crate::error::ModelError>,
    /// The endpoint rule set, when the service has one.
    pub endpoint: Option<crate::endpoint::ir::EndpointIr>,
    /// Where the crate finds the runtime crate.
    pub runtime: Runtime,
    /// The worked example of the README and the example program, when some operation
    /// can be shown (see `lower::examples`).
    pub example: Option<example::ExampleIr>,
    /// The waiters of the generated operations, sorted by name.
    pub waiters: Vec<waiter::WaiterIr>,
    /// The cases of `smithy.test#smokeTests` of the generated operations.
    pub smoke_tests: Vec<waiter::SmokeTestIr>,
    /// The event streams of the generated operations, sorted by module.
    pub event_streams: Vec<EventStreamIr>,
}

/// Where a generated crate finds the runtime crate, `smithy-rt`: its `Cargo.toml`'s
/// dependency.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Runtime {
    /// A path dependency, relative to the generated crate's directory, with `/` between
    /// components (`../codegen/runtime`): this repository's runtime.
    Path(String),
    /// A published version (`0.1.0`).
    Version(String),
}

impl CrateIr {
    /// Inputs and the shapes inputs hold: what requests are built from.
    fn written_structs(&self) -> impl Iterator<Item = &StructIr> {
        let types = self.types.iter().filter_map(|t| match t {
            TypeIr::Struct(s) if s.wire_use.write => Some(s),
            _ => None,
        });
        let errors = self.errors.iter().filter(|e| e.wire_use.write);
        types.chain(errors).chain(self.operations.iter().map(|o| &o.input))
    }

    /// Whether some input is checked against a `@pattern` that `regex-lite` reads (the
    /// crate then needs `regex-lite`).
    pub fn uses_patterns(&self) -> bool {
        self.uses_pattern_check(|c| matches!(c, PatternCheck::RegexLite(_)))
    }

    /// Whether some `@pattern` needs the ECMA-262 engine (`regress`): look-around and
    /// the like, which `regex-lite` lacks.
    pub fn uses_ecma_patterns(&self) -> bool {
        self.uses_pattern_check(|c| matches!(c, PatternCheck::Ecma(_)))
    }

    fn uses_pattern_check(&self, engine: fn(&PatternCheck) -> bool) -> bool {
        let in_members = self.written_structs().flat_map(|s| &s.members).any(|m| m.constraints.has_pattern(engine));
        let in_unions = self.types.iter().any(|t| match t {
            TypeIr::Union(u) if u.wire_use.write => u.variants.iter().any(|v| v.constraints.has_pattern(engine)),
            _ => false,
        });
        in_members || in_unions
    }

    /// The types of every structure member and union member of the crate.
    fn value_types(&self) -> impl Iterator<Item = &TypeRef> {
        let structs = self.types.iter().filter_map(|t| match t {
            TypeIr::Struct(s) => Some(s),
            _ => None,
        });
        let structs = structs.chain(&self.errors).chain(self.operations.iter().flat_map(|o| [&o.input, &o.output]));
        let member_types = structs.flat_map(|s| s.members.iter().map(|m| &m.ty));
        let variant_types = self.types.iter().flat_map(|t| match t {
            TypeIr::Union(u) => u.variants.iter().filter_map(|v| v.ty.as_ref()).collect(),
            _ => Vec::new(),
        });
        member_types.chain(variant_types)
    }

    /// The parts of `crate::primitives` some type uses.
    pub fn primitives(&self) -> std::collections::BTreeSet<Primitive> {
        self.value_types().filter_map(TypeRef::primitive).collect()
    }

    /// Whether some member holds a timestamp (the crate then needs `rt::serde_time` for
    /// its `serde` feature).
    pub fn uses_timestamps(&self) -> bool {
        self.value_types().any(TypeRef::holds_timestamp)
    }

    /// Whether some operation offers an auth scheme other than SigV4 that needs an identity
    /// (bearer, API key, basic): the crate then re-exports the runtime's token types.
    pub fn uses_identities(&self) -> bool {
        let needs = |s: &AuthSchemeIr| matches!(s, AuthSchemeIr::Bearer | AuthSchemeIr::ApiKey { .. } | AuthSchemeIr::Basic);
        self.service.client.auth.iter().chain(self.operations.iter().flat_map(|o| &o.auth)).any(needs)
    }

    /// Whether some operation streams its request or response payload.
    pub fn uses_streaming(&self) -> bool {
        self.operations.iter().any(OperationIr::is_streaming)
    }

    /// Whether some operation has an event stream (the crate then needs the runtime's
    /// `event-stream`).
    pub fn uses_event_streams(&self) -> bool {
        !self.event_streams.is_empty()
    }

    /// Whether some operation binds a `@mediaType` string to a header (the crate then
    /// needs the runtime's `media-type-headers`).
    pub fn uses_media_type_headers(&self) -> bool {
        let structs = self.operations.iter().flat_map(|o| [&o.input, &o.output]).chain(&self.errors);
        structs.flat_map(|s| &s.members).any(|m| m.location == Location::Header { base64: true })
    }

    /// Whether some operation gzips its request bodies (`@requestCompression`; the crate
    /// then needs `flate2`).
    pub fn uses_gzip(&self) -> bool {
        self.operations.iter().any(|o| o.body_rules.gzip)
    }

    /// Whether some operation sends `Content-MD5` (`@httpChecksumRequired`; the crate then
    /// needs `md5`).
    pub fn uses_content_md5(&self) -> bool {
        self.operations.iter().any(|o| o.body_rules.content_md5)
    }

    /// Whether some operation sends `x-amz-checksum-*` headers (`aws.protocols#httpChecksum`).
    pub fn uses_flexible_checksums(&self) -> bool {
        self.operations.iter().any(|o| o.body_rules.checksum.is_some())
    }

    /// Whether some request may need an idempotency token made: an optional token member
    /// anywhere in an input (the crate then needs `uuid` and the options' generator; a
    /// `@required` token is always the caller's).
    pub fn uses_idempotency_tokens(&self) -> bool {
        self.written_structs().flat_map(|s| &s.members).any(|m| m.idempotency_token && m.is_optional())
    }
}

/// A named data type in `crate::types`.
#[derive(Debug, Clone)]
pub enum TypeIr {
    Struct(StructIr),
    Enum(EnumIr),
    Union(UnionIr),
}

impl TypeIr {
    pub fn rust_name(&self) -> &str {
        match self {
            TypeIr::Struct(s) => &s.rust_name,
            TypeIr::Enum(e) => &e.rust_name,
            TypeIr::Union(u) => &u.rust_name,
        }
    }

    pub fn module(&self) -> &str {
        match self {
            TypeIr::Struct(s) => &s.module,
            TypeIr::Enum(e) => &e.module,
            TypeIr::Union(u) => &u.module,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructRole {
    /// A structure of `crate::types`.
    Plain,
    /// An operation's input: members may be bound to the URI, query or headers.
    Input,
    /// An operation's output: carries the request id.
    Output,
    /// A modeled error: carries error metadata.
    Error,
}

#[derive(Debug, Clone)]
pub struct StructIr {
    pub shape_id: String,
    pub rust_name: String,
    /// File stem of the module the type lives in (`filter` for `types/filter.rs`).
    pub module: String,
    /// Full Rust path of the type (`crate::types::Filter`).
    pub rust_path: String,
    pub builder_name: String,
    pub docs: String,
    pub role: StructRole,
    /// The whole structure is `@sensitive`: `Debug` shows nothing of it.
    pub sensitive: bool,
    /// The `@deprecated` note, when the shape is deprecated (`#[deprecated]` on the type).
    pub deprecated: Option<String>,
    pub members: Vec<MemberIr>,
    /// Present for `StructRole::Error`.
    pub error: Option<ErrorInfo>,
    /// Module holding this type's JSON reader and writer (`crate::wire::filter`).
    pub wire_module: String,
    pub wire_use: WireUse,
}

/// Which JSON code a type needs: a writer when some input reaches it, a reader when some
/// output or error does.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WireUse {
    pub write: bool,
    pub read: bool,
    /// The writer takes the request's `SerializeOptions`: it fills idempotency tokens the
    /// caller left unset, in the type itself or in what it holds (decided after lowering,
    /// see `lower::tokens`).
    pub options: bool,
    /// The writer can fail, returning a `SerializeError`: the type or what it holds has a
    /// value the body format cannot always hold (a `bigDecimal` whose exponent is beyond
    /// CBOR's). Decided after lowering, with `options`.
    pub fallible: bool,
}

#[derive(Debug, Clone)]
pub struct ErrorInfo {
    /// The code the service sends for it: the shape's name.
    pub code: String,
    pub http_status: Option<u16>,
    pub server_fault: bool,
    pub retryable: bool,
    /// The string member that holds the error's message, by field, when there is one that
    /// may be shown (not `@sensitive`).
    pub message_field: Option<String>,
    /// The service is awsQuery-compatible: `code()` is the awsQuery code the response
    /// carried, when it carried one.
    pub query_compatible: bool,
}

#[derive(Debug, Clone)]
pub struct MemberIr {
    /// The member's name in the model (`ApprovalTeamArn`).
    pub model_name: String,
    /// Name on the wire: JSON key, query key or header name, per `location`.
    pub wire_name: String,
    /// The JSON keys this member is read from, by precedence, when there are several (an
    /// error's message comes as `message` or `Message`, whatever the model calls it, and
    /// `message` wins): a key is read unless a key before it gave a value (`null` gives
    /// none); a repeated key's last value wins. Empty when the member is read from
    /// `wire_name` alone.
    pub read_keys: Vec<String>,
    /// Field, accessor and setter name (`approval_team_arn`, `r#type`).
    pub field: String,
    /// Setter of a whole list or map (`set_filters`), for collections.
    pub set_all: String,
    /// The serde name, when serde's `rename_all = "PascalCase"` of the field does not
    /// already give the model's member name.
    pub serde_rename: Option<String>,
    /// Name of the builder's type parameter for a required member (`ApprovalTeamArn`).
    pub type_param: String,
    pub ty: TypeRef,
    pub presence: Presence,
    /// The `@default` of a `Required` member: what a response that leaves the member out
    /// reads as (without one, the type's zero value, as Smithy's error correction says).
    pub required_default: Option<DefaultValue>,
    /// The model marks the member `@required`. Under `@clientOptional` (or
    /// `@addedDefault`) its `presence` is still `Optional`: a binding that cannot do
    /// without a value (a URI or host label) then checks it is set when the request is built.
    pub required_in_model: bool,
    pub docs: String,
    /// Redacted in `Debug` (the member or its target is `@sensitive`).
    pub sensitive: bool,
    pub location: Location,
    pub idempotency_token: bool,
    pub constraints: Constraints,
    /// The `@deprecated` note of the member (or of its target), shown on its accessor and
    /// setters as `#[deprecated]`.
    pub deprecated: Option<String>,
}

impl MemberIr {
    pub fn is_optional(&self) -> bool {
        self.presence == Presence::Optional
    }

    /// An idempotency token the body writer fills when the caller left it unset (an input's
    /// header and query tokens are filled where those are written).
    pub fn fills_token(&self) -> bool {
        self.idempotency_token && self.is_optional() && self.location == Location::Body
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum Presence {
    /// `Option<T>`: may be absent.
    Optional,
    /// Always present; in builders, a compile-time requirement.
    Required,
    /// Always present; the model's default is used when the service leaves it out.
    Default(DefaultValue),
}

#[derive(Debug, Clone, PartialEq)]
pub enum DefaultValue {
    Bool(bool),
    Int(i64),
    Float(f64),
    String(String),
    /// An enum variant, by Rust name.
    EnumVariant(String),
    EmptyList,
    EmptyMap,
    /// A blob's bytes (the model writes them in base64).
    Blob(Vec<u8>),
    /// A document: the model's JSON value as it is.
    Document(serde_json::Value),
    /// A `bigInteger` or `bigDecimal`: the model's number text, digit for digit.
    BigNumber(String),
    /// A timestamp, as nanoseconds since the Unix epoch (the model writes epoch seconds or
    /// an RFC 3339 date-time).
    Timestamp(i128),
}

/// Where a member travels in the HTTP message (restJson1 bindings).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// A member of the JSON object body.
    Body,
    Label { greedy: bool },
    /// `@httpQuery`: `wire_name` is the key; lists repeat it.
    Query,
    /// `@httpQueryParams`: a map whose entries become query pairs (explicit `@httpQuery`
    /// keys win).
    QueryParams,
    /// `@httpHeader`: `wire_name` is the header name; lists are comma-separated. `base64`:
    /// a `@mediaType` string, whose value travels base64-encoded.
    Header { base64: bool },
    /// `@httpPrefixHeaders`: a map of headers whose names start with `wire_name` (lower case).
    PrefixHeaders,
    /// `@httpPayload`: the member is the whole body.
    Payload(Payload),
    /// `@httpResponseCode`: the status code of the response.
    ResponseCode,
}

/// How an `@httpPayload` member is written and read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Payload {
    pub kind: PayloadKind,
    /// `Content-Type` sent with it: the target's `@mediaType`, or the kind's default.
    pub content_type: String,
    /// A `@streaming` blob: besides the whole-body functions, the operation can send the
    /// request head alone (the caller streams the body) or read the response head alone
    /// (the caller reads the body as it comes).
    pub streaming: bool,
    /// `@requiresLength` on a streaming blob: the head is refused without a length.
    pub requires_length: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PayloadKind {
    /// Raw bytes (a blob).
    Blob,
    /// UTF-8 text (a string or an enum).
    Text,
    /// A structure, union or document written as JSON.
    Json,
}

#[derive(Debug, Clone)]
pub struct EnumIr {
    pub shape_id: String,
    pub rust_name: String,
    pub module: String,
    pub docs: String,
    pub variants: Vec<EnumVariantIr>,
    /// An `intEnum`: every `wire_value` is an `i32` in decimal.
    pub int: bool,
    /// The `@deprecated` note, when the shape is deprecated.
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EnumVariantIr {
    pub rust_name: String,
    pub wire_value: String,
    pub docs: String,
    pub deprecated: Option<String>,
}

#[derive(Debug, Clone)]
pub struct UnionIr {
    pub shape_id: String,
    pub rust_name: String,
    pub module: String,
    pub rust_path: String,
    pub docs: String,
    pub sensitive: bool,
    /// The `@deprecated` note, when the shape is deprecated.
    pub deprecated: Option<String>,
    pub variants: Vec<UnionVariantIr>,
    pub wire_module: String,
    pub wire_use: WireUse,
}

#[derive(Debug, Clone)]
pub struct UnionVariantIr {
    pub model_name: String,
    pub wire_name: String,
    pub rust_name: String,
    /// The accessor (`as_mof_n`), returning the value when this variant is set; for a
    /// variant without a value, the predicate (`is_circle`).
    pub accessor: String,
    /// `None` for members targeting `smithy.api#Unit`.
    pub ty: Option<TypeRef>,
    pub docs: String,
    pub sensitive: bool,
    pub constraints: Constraints,
}
