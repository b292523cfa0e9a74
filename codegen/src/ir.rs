//! The Rust-facing intermediate representation.
//!
//! Everything an emitter needs is decided here: Rust names beside wire names, Rust types,
//! optionality, docs already in Markdown, and the order of every list. Emitters only turn
//! this into tokens; they never compute a name or sort again.

use crate::traits::{Bounds, RangeBounds, TimestampFormat};

pub mod example;

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

    /// Whether some operation streams its request or response payload.
    pub fn uses_streaming(&self) -> bool {
        self.operations.iter().any(OperationIr::is_streaming)
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

#[derive(Debug, Clone)]
pub struct ServiceIr {
    pub shape_id: String,
    pub title: String,
    pub version: String,
    pub docs: String,
    /// What the clients need to call the service (feature `client`, `blocking`).
    pub client: ClientIr,
}

/// The service's identity as the clients see it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientIr {
    /// SigV4 signing name, from `aws.auth#sigv4` (else the `sdkId`, lower-cased).
    pub signing_name: String,
    /// `MPA` in `AWS_ENDPOINT_URL_MPA`: the `sdkId` upper-cased, spaces as `_`.
    pub env_suffix: String,
    /// `mpa` in a `[services]` section: the `sdkId` lower-cased, spaces as `_`.
    pub config_key: String,
    /// Error codes of the model's `@retryable` errors, sorted.
    pub retryable_codes: Vec<String>,
    /// The clients' method of each operation, by the operation's Rust name (`list_sessions`;
    /// `send_operation` where the name is one the clients use themselves).
    pub methods: std::collections::BTreeMap<String, String>,
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

/// Constraint traits to check on an input value before it is sent, following the value
/// into list items and map entries (whose shapes carry their own traits).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Constraints {
    pub length: Option<Bounds>,
    pub range: Option<RangeBounds>,
    /// The `@pattern` and how it is checked; None too when no engine can read it (the run
    /// then warns).
    pub pattern: Option<Pattern>,
    pub items: Option<Box<Constraints>>,
    pub keys: Option<Box<Constraints>>,
}

impl Constraints {
    pub fn is_empty(&self) -> bool {
        self == &Constraints::default()
    }

    /// Whether this value, or an item or key in it, has a `@pattern` checked as `engine` says.
    pub fn has_pattern(&self, engine: fn(&PatternCheck) -> bool) -> bool {
        self.pattern.as_ref().is_some_and(|p| engine(&p.check))
            || self.items.as_ref().is_some_and(|c| c.has_pattern(engine))
            || self.keys.as_ref().is_some_and(|c| c.has_pattern(engine))
    }
}

/// A `@pattern` compiled to a deterministic automaton (see `lower::pattern_dfa`), in the
/// form the generated crate holds it (`rt::pattern_dfa::DfaPattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternAutomaton {
    /// The class of each ASCII character.
    pub ascii: [u8; 128],
    /// Above ASCII: the first character of each interval (sorted, the first is U+0080) and
    /// the class of each.
    pub wide: Vec<(char, u8)>,
    /// Number of classes: the width of a row of `table`.
    pub classes: usize,
    /// `table[state * classes + class]`: the state after reading a character of that class.
    /// State 0 is dead, state 1 the start.
    pub table: Vec<u8>,
    /// Per state: 2 when a match has been found (whatever follows), 1 when the value matches
    /// if it ends here, 0 otherwise.
    pub accept: Vec<u8>,
}

/// A `@pattern` and how the generated crate checks it (see `lower::pattern`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    /// As the model writes it, for error messages.
    pub source: String,
    pub check: PatternCheck,
}

/// What checks a `@pattern`, with what that needs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternCheck {
    /// An automaton the generator builds (`lower::pattern_dfa`), run by a few lines of the
    /// generated crate: for every pattern small enough, as it is many times faster.
    Automaton(Box<PatternAutomaton>),
    /// `regex-lite`, light and enough for most patterns, reading the pattern as rewritten
    /// for it.
    RegexLite(String),
    /// `regress`, an ECMA-262 engine (look-around, backreferences and the like), reading
    /// the pattern as rewritten for it (`\p{..}` classes spelled out).
    Ecma(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeRef {
    String,
    Bool,
    Byte,
    Short,
    Integer,
    Long,
    Float,
    Double,
    /// `crate::primitives::BigInteger`: the exact digits, never through a float.
    BigInteger,
    /// `crate::primitives::BigDecimal`: the exact decimal text, never through a float.
    BigDecimal,
    /// `crate::primitives::Blob`: bytes, base64 text in JSON.
    Blob,
    /// `crate::primitives::Document`: any JSON-like value.
    Document,
    Timestamp(TimestampFormat),
    Named(NamedRef),
    List(Box<TypeRef>),
    Map(Box<TypeRef>),
    /// An element of a `@sparse` list or map: `Option<T>`, `None` being JSON `null`.
    Nullable(Box<TypeRef>),
    /// A structure or union held through a `Box`, because it contains itself (a member
    /// that closes a cycle of shapes outside any list or map).
    Boxed(Box<TypeRef>),
}

impl TypeRef {
    /// Whether `crate::primitives` (or one of its types) is needed for this type.
    pub fn primitive(&self) -> Option<Primitive> {
        match self {
            TypeRef::BigInteger | TypeRef::BigDecimal => Some(Primitive::BigNumbers),
            TypeRef::Blob => Some(Primitive::Blob),
            TypeRef::Document => Some(Primitive::Document),
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => inner.primitive(),
            _ => None,
        }
    }

    /// Whether the type is a timestamp, or a list, map or `@sparse` entry of them at any
    /// depth: a type `crate::rt::serde_time` reads and writes.
    pub fn holds_timestamp(&self) -> bool {
        match self {
            TypeRef::Timestamp(_) => true,
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => inner.holds_timestamp(),
            _ => false,
        }
    }

    /// The type without a `Box` around it.
    pub fn unboxed(&self) -> &TypeRef {
        match self {
            TypeRef::Boxed(inner) => inner,
            other => other,
        }
    }
}

/// The parts of `crate::primitives`, each included only when the model needs it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Primitive {
    BigNumbers,
    Blob,
    Document,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NamedRef {
    pub kind: NamedKind,
    /// `crate::types::Filter`
    pub rust_path: String,
    /// `crate::wire::filter`
    pub wire_module: String,
    /// The type's JSON writer takes the request's `SerializeOptions` (its `WireUse::options`).
    pub write_options: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NamedKind {
    Struct,
    Enum,
    /// An `intEnum`: open, like string enums, with `i32` values.
    IntEnum,
    Union,
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

#[derive(Debug, Clone)]
pub struct OperationIr {
    pub shape_id: String,
    /// The operation's name exactly as in the model (`CancelMLDataProcessingJob`).
    pub model_name: String,
    /// `ListSessions`
    pub rust_name: String,
    /// `list_sessions`: the module `crate::operation::list_sessions`.
    pub module: String,
    /// `crate::operation::list_sessions`: where the operation, its input, output and error
    /// enum live.
    pub module_path: String,
    pub docs: String,
    /// The `@deprecated` note, when the operation is deprecated.
    pub deprecated: Option<String>,
    pub method: String,
    pub uri: UriTemplate,
    pub success_code: u16,
    /// `@endpoint(hostPrefix)`: literals and `@hostLabel` members put before the endpoint's
    /// host; empty when the operation has none.
    pub host_prefix: Vec<UriSegment>,
    /// What the request body goes through once written.
    pub body_rules: BodyRules,
    pub input: StructIr,
    pub output: StructIr,
    pub error_enum: String,
    pub errors: Vec<OperationErrorIr>,
    pub pagination: Option<PaginationIr>,
    /// `@readonly`: calling it changes nothing (the worked examples prefer such operations).
    pub readonly: bool,
}

impl OperationIr {
    /// The input's `@streaming` blob payload, when it has one.
    pub fn streaming_input(&self) -> Option<&MemberIr> {
        streaming_payload(&self.input)
    }

    /// The output's `@streaming` blob payload, when it has one.
    pub fn streaming_output(&self) -> Option<&MemberIr> {
        streaming_payload(&self.output)
    }

    /// Whether the input or the output streams its payload.
    pub fn is_streaming(&self) -> bool {
        self.streaming_input().is_some() || self.streaming_output().is_some()
    }
}

fn streaming_payload(s: &StructIr) -> Option<&MemberIr> {
    s.members.iter().find(|m| matches!(&m.location, Location::Payload(p) if p.streaming))
}

#[derive(Debug, Clone)]
pub struct OperationErrorIr {
    pub variant: String,
    pub rust_path: String,
    pub code: String,
    pub wire_module: String,
    pub retryable: bool,
    pub server_fault: bool,
}

/// What an operation's request body goes through once written, in this order: compression,
/// then checksums over the bytes sent.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BodyRules {
    /// `@requestCompression` listing `gzip`: a body of at least the minimum size (see
    /// `SerializeOptions`) is gzipped, and `gzip` appended to `Content-Encoding`.
    pub gzip: bool,
    /// `@httpChecksumRequired`: `Content-MD5` (base64 of the body's MD5).
    pub content_md5: bool,
    /// `aws.protocols#httpChecksum`: an `x-amz-checksum-*` header.
    pub checksum: Option<ChecksumIr>,
}

impl BodyRules {
    pub fn is_empty(&self) -> bool {
        self == &BodyRules::default()
    }
}

/// The request side of `aws.protocols#httpChecksum`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChecksumIr {
    /// The input member (an enum) by which the caller picks the algorithm, by field.
    pub algorithm_field: Option<String>,
    /// Whether that member is an `Option` (else always set).
    pub algorithm_optional: bool,
    /// Whether that member is an enum (else a string).
    pub algorithm_enum: bool,
    /// The header the algorithm member is bound to, set to the default algorithm when the
    /// caller picks none and a checksum is required.
    pub algorithm_header: Option<String>,
    /// A checksum is sent even when the caller picks no algorithm (CRC32 then).
    pub required: bool,
}

/// The `@http` URI, parsed once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UriTemplate {
    pub path: Vec<UriSegment>,
    /// Constant query pairs (`?List` is `("List", None)`), in template order.
    pub query: Vec<(String, Option<String>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UriSegment {
    Literal(String),
    /// A label, by the Rust field of the input member it takes its value from.
    Label { field: String, model_name: String, greedy: bool },
}

#[derive(Debug, Clone)]
pub struct PaginationIr {
    pub input_token_field: String,
    pub output_token_field: String,
    pub page_size_field: Option<String>,
    pub items_field: Option<String>,
    pub items_type: Option<TypeRef>,
}
