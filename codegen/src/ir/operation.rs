//! Operations: names, HTTP binding, errors, body rules, pagination.

use super::*;

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
    /// How the protocol frames the request and identifies errors.
    pub framing: Framing,
    /// The HTTP method (`@http`'s, or `POST` for the RPC protocols).
    pub method: String,
    /// The URI (`@http`'s, or `/` for the JSON RPC protocols).
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
    /// `ListSessionsFluentBuilder`: the clients' fluent call of it (in its module).
    pub fluent_builder: String,
    pub errors: Vec<OperationErrorIr>,
    pub pagination: Option<PaginationIr>,
    /// `@readonly`: calling it changes nothing (the worked examples prefer such operations).
    pub readonly: bool,
    /// The input's event stream, taken out of `input`: the clients send it as the request
    /// body, its events given beside the input.
    pub event_input: Option<StreamMemberIr>,
    /// The output's event stream, taken out of `output`.
    pub event_output: Option<StreamMemberIr>,
    /// The auth schemes the clients may call it with, in order of preference (never empty;
    /// `[Anonymous]` for an operation called without authentication).
    pub auth: Vec<AuthSchemeIr>,
    /// Whether its event streams go over HTTP/2 (`lower::event_stream` decides).
    pub http2: Http2,
}

/// Whether an operation's request goes over HTTP/2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Http2 {
    /// HTTP/1.1, as every other request.
    #[default]
    No,
    /// HTTP/2 when the client speaks it (the async one, with the runtime's `http2`), else
    /// HTTP/1.1, which the service also takes.
    Preferred,
    /// HTTP/2 only: the service takes nothing else.
    Required,
}

/// How the clients authenticate a request: one of the schemes an operation offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthSchemeIr {
    /// `aws.auth#sigv4`: signed with AWS credentials.
    SigV4,
    /// `smithy.api#httpBearerAuth`: `Authorization: Bearer <token>`.
    Bearer,
    /// `smithy.api#httpApiKeyAuth`: the key in a header (after `scheme`, when given) or a
    /// query parameter.
    ApiKey { name: String, in_query: bool, scheme: Option<String> },
    /// `smithy.api#httpBasicAuth`: `Authorization: Basic <base64(user:password)>`.
    Basic,
    /// No authentication: `@optionalAuth`, `@auth([])`, or a service with no auth scheme.
    Anonymous,
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

    /// Whether the input or the output streams its payload (a blob or events).
    pub fn is_streaming(&self) -> bool {
        self.streams_input() || self.streams_output()
    }

    /// Whether the request body is sent as it is given: a streaming blob or an event stream.
    pub fn streams_input(&self) -> bool {
        self.streaming_input().is_some() || self.event_input.is_some()
    }

    /// Whether the response body is read as it arrives: a streaming blob or an event stream.
    pub fn streams_output(&self) -> bool {
        self.streaming_output().is_some() || self.event_output.is_some()
    }
}

fn streaming_payload(s: &StructIr) -> Option<&MemberIr> {
    s.members.iter().find(|m| matches!(&m.location, Location::Payload(p) if p.streaming))
}

/// The protocol's part of an operation: how its request is framed, how its body is
/// written and read, and how an error response names its error. Shape codecs (the JSON
/// writers and readers of `wire`) are shared by the protocols of one body format.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Framing {
    /// restJson1: the `@http` method and URI, members bound to the URI, headers, status
    /// code or payload by the HTTP binding traits, the rest in a JSON object.
    RestJson,
    /// awsJson1_0 and awsJson1_1: `POST /` with the whole input as a JSON object.
    JsonRpc(JsonRpcFraming),
    /// Smithy RPC v2 CBOR: `POST /service/{service}/operation/{operation}` with the whole
    /// input as a CBOR map, or no body at all for an operation without input.
    Rpcv2Cbor(CborFraming),
}

/// The framing of a Smithy RPC v2 CBOR operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CborFraming {
    /// `/service/{service}/operation/{operation}`, by their shape names.
    pub path: String,
    /// Whether the operation has an input shape (not `smithy.api#Unit`): only then is a
    /// body sent, with its `Content-Type`.
    pub has_input: bool,
}

/// The framing of an awsJson1_0 or awsJson1_1 operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonRpcFraming {
    /// `X-Amz-Target`: `{service}.{operation}`, by their shape names.
    pub target: String,
    /// `application/x-amz-json-1.0` or `application/x-amz-json-1.1`.
    pub content_type: String,
    /// `aws.protocols#awsQueryCompatible`: an error's code is the awsQuery code the
    /// `x-amzn-query-error` header carries, when it carries one.
    pub query_compatible: bool,
}

#[derive(Debug, Clone)]
pub struct OperationErrorIr {
    pub variant: String,
    /// The variant holds the error in a `Box`: the error has members besides its message,
    /// so its size grows with the model. Boxing those keeps every operation error enum (and
    /// the clients' `Result`s that carry it) small whatever the model, since an error of a
    /// message alone has a fixed size, like the enum's `Unhandled` and `InvalidResponse`.
    pub boxed: bool,
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
    /// The type of both tokens: `String`, or a map (checked in lowering).
    pub token_type: TypeRef,
    pub input_token_field: String,
    pub output_token_field: String,
    pub page_size_field: Option<String>,
    pub items_field: Option<String>,
    pub items_type: Option<TypeRef>,
}
