//! Errors shared by every operation: building requests, reading responses, and the
//! metadata of a response. A generated crate re-exports this module as
//! `crate::error::common`, and its errors from `crate::error` too, except where the model
//! has an error of the same name.

use std::fmt;

pub use crate::rt::json::JsonError;

/// Why a request could not be built from an input.
#[derive(Debug)]
pub struct SerializeError {
    kind: SerializeErrorKind,
}

#[derive(Debug)]
enum SerializeErrorKind {
    EmptyLabel { member: &'static str },
    UnsetLabel { member: &'static str },
    InvalidHostLabel { member: &'static str },
    UnsetHostLabel { member: &'static str },
    UnsupportedChecksum { algorithm: String },
    EventStreamInput { member: &'static str },
    DecimalExponent { member: &'static str },
    Invalid(ValidationError),
    Http(http::Error),
}

impl SerializeError {
    /// A URI label member was empty, which would change the request's path.
    #[doc(hidden)]
    pub fn empty_label(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::EmptyLabel { member } }
    }

    /// A URI label member the model marks `@required` and `@clientOptional` (an `Option`
    /// here) was not set: the request has no path without it.
    #[doc(hidden)]
    pub fn unset_label(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::UnsetLabel { member } }
    }

    /// A `@hostLabel` member that is an `Option` here (`@clientOptional`) was not set: the
    /// request has no host without it.
    #[doc(hidden)]
    pub fn unset_host_label(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::UnsetHostLabel { member } }
    }

    /// A `@hostLabel` member was not a valid host label (letters, digits and `-`, 1 to 63
    /// characters, not starting or ending with `-`).
    #[doc(hidden)]
    pub fn invalid_host_label(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::InvalidHostLabel { member } }
    }

    /// The caller picked a checksum algorithm this crate cannot compute.
    #[doc(hidden)]
    pub fn unsupported_checksum(algorithm: &str) -> Self {
        SerializeError { kind: SerializeErrorKind::UnsupportedChecksum { algorithm: algorithm.to_owned() } }
    }

    /// The operation sends an event stream (the input member `member`): the request is its
    /// head (`StreamingInput::serialize_request_head`) with the events as its body, which the
    /// clients' method of the operation sends; it has no whole-body form.
    #[doc(hidden)]
    pub fn event_stream_input(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::EventStreamInput { member } }
    }

    /// A `bigDecimal` member's exponent is beyond what the body format can hold (CBOR's
    /// decimal fractions hold exponents from -2^64 to 2^64 - 1).
    #[doc(hidden)]
    pub fn decimal_exponent_out_of_range(member: &'static str) -> Self {
        SerializeError { kind: SerializeErrorKind::DecimalExponent { member } }
    }

    #[doc(hidden)]
    pub fn http(error: http::Error) -> Self {
        SerializeError { kind: SerializeErrorKind::Http(error) }
    }

    #[doc(hidden)]
    pub fn invalid(error: ValidationError) -> Self {
        SerializeError { kind: SerializeErrorKind::Invalid(error) }
    }

    /// The input member at fault, when one is (a path such as `Filters[3].Value` for a
    /// failed constraint).
    pub fn member(&self) -> Option<&str> {
        match &self.kind {
            SerializeErrorKind::EmptyLabel { member }
            | SerializeErrorKind::UnsetLabel { member }
            | SerializeErrorKind::InvalidHostLabel { member }
            | SerializeErrorKind::UnsetHostLabel { member }
            | SerializeErrorKind::EventStreamInput { member }
            | SerializeErrorKind::DecimalExponent { member } => Some(member),
            SerializeErrorKind::Invalid(e) => Some(e.path()),
            SerializeErrorKind::Http(_) | SerializeErrorKind::UnsupportedChecksum { .. } => None,
        }
    }

    /// The constraint the input broke, when that is why the request was not built.
    pub fn validation(&self) -> Option<&ValidationError> {
        match &self.kind {
            SerializeErrorKind::Invalid(e) => Some(e),
            _ => None,
        }
    }
}

impl fmt::Display for SerializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            SerializeErrorKind::EmptyLabel { member } => {
                write!(f, "cannot build the request: `{member}` is bound to the URI path and must not be empty")
            }
            SerializeErrorKind::UnsetLabel { member } => {
                write!(f, "cannot build the request: `{member}` is bound to the URI path and must be set")
            }
            SerializeErrorKind::UnsetHostLabel { member } => {
                write!(f, "cannot build the request: `{member}` is part of the host name and must be set")
            }
            SerializeErrorKind::InvalidHostLabel { member } => write!(
                f,
                "cannot build the request: `{member}` is part of the host name and must be a valid host label (letters, digits and `-`, 1 to 63 characters, not starting or ending with `-`)"
            ),
            SerializeErrorKind::UnsupportedChecksum { algorithm } => write!(
                f,
                "cannot build the request: the checksum algorithm `{algorithm}` is not supported (CRC32, CRC32C, CRC64NVME, SHA1 and SHA256 are)"
            ),
            SerializeErrorKind::EventStreamInput { member } => write!(
                f,
                "cannot build the request whole: `{member}` is an input event stream, sent as the request body by the client's method of the operation with its events (the head alone: `StreamingInput::serialize_request_head`)"
            ),
            SerializeErrorKind::DecimalExponent { member } => write!(
                f,
                "cannot build the request: `{member}` is a decimal whose exponent CBOR cannot hold (a decimal fraction's exponent lies between -2^64 and 2^64 - 1)"
            ),
            SerializeErrorKind::Invalid(e) => write!(f, "cannot build the request: {e}"),
            SerializeErrorKind::Http(e) => write!(f, "cannot build the request: {e}"),
        }
    }
}

impl std::error::Error for SerializeError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            SerializeErrorKind::Http(e) => Some(e),
            SerializeErrorKind::Invalid(e) => Some(e),
            SerializeErrorKind::EmptyLabel { .. }
            | SerializeErrorKind::UnsetLabel { .. }
            | SerializeErrorKind::InvalidHostLabel { .. }
            | SerializeErrorKind::UnsetHostLabel { .. }
            | SerializeErrorKind::UnsupportedChecksum { .. }
            | SerializeErrorKind::EventStreamInput { .. }
            | SerializeErrorKind::DecimalExponent { .. } => None,
        }
    }
}

/// An input that breaks one of the model's constraints (`@length`, `@range`, `@pattern`).
/// It names the member and the constraint, never the value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidationError {
    path: String,
    constraint: String,
}

impl ValidationError {
    #[doc(hidden)]
    pub fn new(path: String, constraint: String) -> Self {
        ValidationError { path, constraint }
    }

    /// Where in the input: `Filters[3].Value`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// Which constraint, and by how much: `@length: 300 characters, must be at most 256`.
    pub fn constraint(&self) -> &str {
        &self.constraint
    }
}

impl fmt::Display for ValidationError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` breaks {}", self.path, self.constraint)
    }
}

impl std::error::Error for ValidationError {}

/// What every error response carries besides its modeled members.
///
/// Kept to a status and one pointer: every error enum holds it in each variant, and results
/// carrying large errors are costly to move.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct ErrorMetadata {
    pub(crate) status: u16,
    ids: Option<Box<ResponseIds>>,
}

/// The identifiers of an error response, out of line (see [`ErrorMetadata`]).
#[derive(Clone, Default, PartialEq, Eq)]
struct ResponseIds {
    request_id: Option<String>,
    query_code: Option<String>,
}

impl ErrorMetadata {
    #[doc(hidden)]
    pub fn new(status: u16, request_id: Option<String>) -> Self {
        let ids = request_id.map(|request_id| Box::new(ResponseIds { request_id: Some(request_id), query_code: None }));
        ErrorMetadata { status, ids }
    }

    /// The metadata with the awsQuery code of an awsQuery-compatible service's response.
    #[doc(hidden)]
    pub fn with_query_code(mut self, query_code: Option<String>) -> Self {
        if query_code.is_some() {
            self.ids.get_or_insert_with(Default::default).query_code = query_code;
        }
        self
    }

    /// The awsQuery error code (`AWS.SimpleQueueService.NonExistentQueue`) that a service
    /// compatible with its former awsQuery protocol sent in `x-amzn-query-error`.
    pub fn query_code(&self) -> Option<&str> {
        self.ids.as_ref()?.query_code.as_deref()
    }

    /// The HTTP status of the response (0 for errors built by hand).
    pub fn status(&self) -> u16 {
        self.status
    }

    /// The request id the service sent (`x-amzn-requestid`).
    pub fn request_id(&self) -> Option<&str> {
        self.ids.as_ref()?.request_id.as_deref()
    }

    /// The request id, for the output that carries it.
    #[doc(hidden)]
    pub fn into_request_id(self) -> Option<String> {
        self.ids.and_then(|ids| ids.request_id)
    }
}

impl std::fmt::Debug for ErrorMetadata {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mut s = f.debug_struct("ErrorMetadata");
        s.field("status", &self.status).field("request_id", &self.request_id());
        if let Some(code) = self.query_code() {
            s.field("query_code", &code);
        }
        s.finish()
    }
}

/// An error response whose code the model does not know (or that has no code at all, as a
/// proxy's HTML 502 page): everything the response said is kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnhandledError {
    code: String,
    message: Option<String>,
    meta: ErrorMetadata,
}

impl UnhandledError {
    #[doc(hidden)]
    pub fn from_parts(parts: crate::rt::http::ErrorParts) -> Self {
        UnhandledError {
            // With no code at all, the status is the most specific thing there is to match on.
            code: parts.code.unwrap_or_else(|| parts.status.to_string()),
            message: parts.message,
            meta: ErrorMetadata::new(parts.status, parts.request_id),
        }
    }

    /// The error code the service sent, or the HTTP status when it sent none.
    pub fn code(&self) -> &str {
        &self.code
    }

    /// The message the service sent.
    pub fn message(&self) -> Option<&str> {
        self.message.as_deref()
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The request id the service sent.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }
}

impl fmt::Display for UnhandledError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_error(f, &self.code, self.message(), self.request_id())
    }
}

impl std::error::Error for UnhandledError {}

/// A response that could not be read: a success whose body is not the JSON (or CBOR) the
/// model describes, or a modeled error whose body is broken.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvalidResponse {
    code: Option<String>,
    meta: ErrorMetadata,
    source: BodyError,
}

/// What was wrong with a body, in the format the protocol reads.
///
/// Boxed: every operation's error enum holds an `InvalidResponse`, and a second kind of body
/// error must not make them all larger (the clients' `Error` of each call holds one).
#[derive(Debug, Clone, PartialEq, Eq)]
enum BodyError {
    Json(Box<JsonError>),
    #[cfg(feature = "cbor")]
    Cbor(Box<crate::rt::cbor::CborError>),
}

impl InvalidResponse {
    #[doc(hidden)]
    pub fn new(code: Option<String>, meta: ErrorMetadata, source: JsonError) -> Self {
        InvalidResponse { code, meta, source: BodyError::Json(Box::new(source)) }
    }

    #[doc(hidden)]
    #[cfg(feature = "cbor")]
    pub fn from_cbor(code: Option<String>, meta: ErrorMetadata, source: crate::rt::cbor::CborError) -> Self {
        InvalidResponse { code, meta, source: BodyError::Cbor(Box::new(source)) }
    }

    /// The error code the service sent, or `InvalidResponse` for an unreadable success.
    pub fn code(&self) -> &str {
        self.code.as_deref().unwrap_or("InvalidResponse")
    }

    /// The HTTP status.
    pub fn status(&self) -> u16 {
        self.meta.status
    }

    /// The request id the service sent.
    pub fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    /// What was wrong with a JSON body (`None` when the body was CBOR).
    pub fn json_error(&self) -> Option<&JsonError> {
        match &self.source {
            BodyError::Json(e) => Some(e.as_ref()),
            #[cfg(feature = "cbor")]
            BodyError::Cbor(_) => None,
        }
    }

    /// What was wrong with a CBOR body (`None` when the body was JSON).
    #[cfg(feature = "cbor")]
    pub fn cbor_error(&self) -> Option<&crate::rt::cbor::CborError> {
        match &self.source {
            BodyError::Cbor(e) => Some(e.as_ref()),
            BodyError::Json(_) => None,
        }
    }

    fn source_error(&self) -> &(dyn std::error::Error + 'static) {
        match &self.source {
            BodyError::Json(e) => e.as_ref(),
            #[cfg(feature = "cbor")]
            BodyError::Cbor(e) => e.as_ref(),
        }
    }
}

impl fmt::Display for InvalidResponse {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let message = format!("the HTTP {} response could not be read: {}", self.meta.status, self.source_error());
        write_error(f, self.code(), Some(&message), self.request_id())
    }
}

impl std::error::Error for InvalidResponse {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(self.source_error())
    }
}

/// `Code: message (request id …)`, the one format of every error's `Display`.
#[doc(hidden)]
pub fn write_error(
    f: &mut fmt::Formatter<'_>,
    code: &str,
    message: Option<&str>,
    request_id: Option<&str>,
) -> fmt::Result {
    f.write_str(code)?;
    if let Some(message) = message.filter(|m| !m.is_empty()) {
        write!(f, ": {message}")?;
    }
    if let Some(id) = request_id {
        write!(f, " (request id {id})")?;
    }
    Ok(())
}

/// Whether retrying may succeed: the model says so (`@retryable`), the service is
/// throttling, or the failure is on the server's side (5xx).
#[doc(hidden)]
pub fn is_retryable(modeled_retryable: bool, code: &str, status: u16) -> bool {
    modeled_retryable
        || status == 429
        || status >= 500
        || matches!(code, "ThrottlingException" | "Throttling" | "TooManyRequestsException" | "RequestLimitExceeded")
}

/// What every error of an operation can tell, whichever kind it is: the operation error
/// enums delegate to it, so each of their methods is one line.
pub trait ServiceError: std::error::Error + 'static {
    /// The error code: the modeled error's name, or the code the service sent.
    fn code(&self) -> &str;
    /// The message, if the service sent a non-empty one.
    fn message(&self) -> Option<&str>;
    /// The request id the service sent.
    fn request_id(&self) -> Option<&str>;
    /// Whether the same request may succeed later.
    fn is_retryable(&self) -> bool;
}

impl ServiceError for UnhandledError {
    fn code(&self) -> &str {
        &self.code
    }

    fn message(&self) -> Option<&str> {
        self.message.as_deref().filter(|m| !m.is_empty())
    }

    fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    fn is_retryable(&self) -> bool {
        is_retryable(false, &self.code, self.meta.status)
    }
}

impl ServiceError for InvalidResponse {
    fn code(&self) -> &str {
        InvalidResponse::code(self)
    }

    fn message(&self) -> Option<&str> {
        None
    }

    fn request_id(&self) -> Option<&str> {
        self.meta.request_id()
    }

    fn is_retryable(&self) -> bool {
        is_retryable(false, self.code(), self.meta.status)
    }
}
