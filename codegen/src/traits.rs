//! Typed access to the Smithy traits the generator uses.
//!
//! Traits arrive as raw JSON (see `load`); this module turns the ones we act on into typed
//! values once, with an error naming the JSON path when a value has the wrong form. Traits
//! the generator does not use are ignored (AWS models carry many, e.g. `aws.iam#*`).

use crate::error::ModelError;
use crate::load::{RawTraits, json_type_name};
use serde_json::Value;

mod auth;
mod protocol;

pub use auth::{AUTH_SCHEME_TRAITS, ApiKeyAuth, AuthSchemeTrait};
pub use protocol::Protocol;

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Traits {
    pub documentation: Option<String>,
    pub required: bool,
    pub default: Option<Value>,
    pub client_optional: bool,
    /// `@addedDefault`: the `@default` came after the member was published.
    pub added_default: bool,
    pub sensitive: bool,
    pub enum_value: Option<EnumValue>,
    /// IDL 1.0 `@enum` on a string shape.
    pub legacy_enum: Option<Vec<LegacyEnumEntry>>,
    pub http: Option<Http>,
    pub http_label: bool,
    pub http_query: Option<String>,
    pub http_query_params: bool,
    pub http_header: Option<String>,
    pub http_prefix_headers: Option<String>,
    pub http_payload: bool,
    /// `@eventHeader`: in an event of a stream, the member travels as a message header.
    pub event_header: bool,
    /// `@eventPayload`: in an event of a stream, the member is the whole message payload.
    pub event_payload: bool,
    pub http_response_code: bool,
    pub http_error: Option<u16>,
    /// `@mediaType` on a blob or string shape.
    pub media_type: Option<String>,
    pub host_label: bool,
    /// `@httpChecksumRequired` on an operation: requests carry `Content-MD5`.
    pub http_checksum_required: bool,
    /// `aws.protocols#httpChecksum` on an operation (its request side).
    pub http_checksum: Option<HttpChecksum>,
    /// `@requestCompression` on an operation: the encodings, in order of preference.
    pub request_compression: Option<Vec<String>>,
    /// `@endpoint(hostPrefix: ...)` on an operation.
    pub host_prefix: Option<String>,
    pub error: Option<ErrorFault>,
    pub retryable: bool,
    pub timestamp_format: Option<TimestampFormat>,
    pub json_name: Option<String>,
    pub idempotency_token: bool,
    pub paginated: Option<Paginated>,
    /// `@readonly` on an operation: it changes nothing.
    pub readonly: bool,
    /// `smithy.waiters#waitable` on an operation, as JSON (read by `lower::waiters`).
    pub waitable: Option<Value>,
    /// `smithy.test#smokeTests` on an operation, as JSON (read by `lower::smoke`).
    pub smoke_tests: Option<Value>,
    pub length: Option<Bounds>,
    pub range: Option<RangeBounds>,
    pub pattern: Option<String>,
    pub input: bool,
    pub output: bool,
    /// `@deprecated`, as the note `#[deprecated]` shows (its message and `since`).
    pub deprecated: Option<String>,
    pub sparse: bool,
    pub streaming: bool,
    /// `@requiresLength`: a streaming blob whose length must be known before it is sent.
    pub requires_length: bool,
    pub unique_items: bool,
    pub title: Option<String>,
    /// `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests`, as JSON (read by
    /// `crate::endpoint`).
    pub endpoint_rule_set: Option<Value>,
    pub endpoint_tests: Option<Value>,
    /// `aws.auth#sigv4`: the service's signing name.
    pub sigv4_name: Option<String>,
    /// `aws.api#service`: the `sdkId` (names `AWS_ENDPOINT_URL_<ID>` and config sections).
    pub sdk_id: Option<String>,
    /// The protocol traits the service carries, by shape id, sorted.
    pub protocols: Vec<String>,
    /// The HTTP versions each protocol trait says its event streams take, in order of
    /// preference (`eventStreamHttp`, else `http`), by the trait's shape id; absent when the
    /// trait names none.
    pub event_stream_http: std::collections::BTreeMap<String, Vec<String>>,
    /// `aws.protocols#awsQueryCompatible`: error codes come from `x-amzn-query-error`.
    pub query_compatible: bool,
    /// `aws.api#service` is applied: the service is AWS's.
    pub aws_service: bool,
    /// The auth scheme traits applied (on a service), by trait id, sorted by it (as
    /// Smithy's `ServiceIndex` orders them): `aws.auth#sigv4`, `smithy.api#httpBearerAuth`, ...
    pub auth_schemes: Vec<(String, AuthSchemeTrait)>,
    /// `smithy.api#auth`: the scheme ids, in order of preference.
    pub auth: Option<Vec<String>>,
    /// `@optionalAuth` on an operation: it is called without authentication.
    pub optional_auth: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EnumValue {
    String(String),
    Int(i64),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LegacyEnumEntry {
    pub value: String,
    pub name: Option<String>,
    pub documentation: Option<String>,
    /// `deprecated: true` on the entry.
    pub deprecated: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Http {
    pub method: String,
    pub uri: String,
    pub code: u16,
}

/// The request side of `aws.protocols#httpChecksum`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct HttpChecksum {
    /// The input member (an enum of algorithm names) by which the caller picks a checksum.
    pub request_algorithm_member: Option<String>,
    /// Whether every request must carry a checksum.
    pub request_checksum_required: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ErrorFault {
    Client,
    Server,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum TimestampFormat {
    DateTime,
    EpochSeconds,
    HttpDate,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paginated {
    pub input_token: Option<String>,
    pub output_token: Option<String>,
    pub items: Option<String>,
    pub page_size: Option<String>,
}

/// `@length` bounds (integers), or `@range` bounds as an integer type sees them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Bounds {
    pub min: Option<i64>,
    pub max: Option<i64>,
}

/// `@range` bounds, which may be fractional: each kept as the model's number text
/// (`0.5`, `-10`, `1e3`), so that no bound is rounded before the emitter knows the type.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RangeBounds {
    pub min: Option<String>,
    pub max: Option<String>,
}

impl RangeBounds {
    /// The bounds for an integer type: a fractional minimum rounds up and a fractional
    /// maximum down (an integer meets `min: 0.5` exactly when it meets `min: 1`). Bounds
    /// beyond `i64` saturate.
    pub fn integer(&self) -> Bounds {
        let parse = |text: &Option<String>, round: fn(f64) -> f64| {
            text.as_ref().map(|t| match t.parse::<i64>() {
                Ok(v) => v,
                // `as` saturates: a bound beyond i64 lets every i64 through on that side.
                Err(_) => round(t.parse::<f64>().unwrap_or(0.0)) as i64,
            })
        };
        Bounds { min: parse(&self.min, f64::ceil), max: parse(&self.max, f64::floor) }
    }

    /// The bounds as floats, for float, double and big-number types.
    pub fn float(&self) -> (Option<f64>, Option<f64>) {
        let parse = |text: &Option<String>| text.as_ref().and_then(|t| t.parse::<f64>().ok());
        (parse(&self.min), parse(&self.max))
    }
}

const PROTOCOL_TRAITS: &[&str] = &[
    "aws.protocols#restJson1",
    "aws.protocols#awsJson1_0",
    "aws.protocols#awsJson1_1",
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
    "smithy.protocols#rpcv2Cbor",
];

/// Reads the traits of one shape or member; `path` is the JSON path of its `traits` object.
pub fn parse(raw: &RawTraits, path: &str, shape: &str) -> Result<Traits, ModelError> {
    let mut t = Traits::default();
    for (id, value) in raw {
        let at = TraitAt { path: format!("{path}.traits[{}]", quote(id)), shape };
        match id.as_str() {
            "smithy.api#documentation" => t.documentation = Some(at.string(value)?),
            "smithy.api#required" => t.required = true,
            "smithy.api#default" => t.default = Some(value.clone()),
            "smithy.api#clientOptional" => t.client_optional = true,
            "smithy.api#addedDefault" => t.added_default = true,
            "smithy.api#sensitive" => t.sensitive = true,
            "smithy.api#enumValue" => {
                t.enum_value = Some(match value {
                    Value::String(s) => EnumValue::String(s.clone()),
                    Value::Number(n) => EnumValue::Int(n.as_i64().ok_or_else(|| at.error("expected an integer"))?),
                    other => return Err(at.wrong("a string or an integer", other)),
                })
            }
            "smithy.api#enum" => t.legacy_enum = Some(at.legacy_enum(value)?),
            "smithy.api#http" => t.http = Some(at.http(value)?),
            "smithy.api#httpLabel" => t.http_label = true,
            "smithy.api#httpQuery" => t.http_query = Some(at.string(value)?),
            "smithy.api#httpQueryParams" => t.http_query_params = true,
            "smithy.api#httpHeader" => t.http_header = Some(at.string(value)?),
            "smithy.api#httpPrefixHeaders" => t.http_prefix_headers = Some(at.string(value)?),
            "smithy.api#httpPayload" => t.http_payload = true,
            "smithy.api#eventHeader" => t.event_header = true,
            "smithy.api#eventPayload" => t.event_payload = true,
            "smithy.api#httpResponseCode" => t.http_response_code = true,
            "smithy.api#httpError" => t.http_error = Some(at.status_code(value)?),
            "smithy.api#mediaType" => t.media_type = Some(at.string(value)?),
            "smithy.api#hostLabel" => t.host_label = true,
            "smithy.api#httpChecksumRequired" => t.http_checksum_required = true,
            "aws.protocols#httpChecksum" => t.http_checksum = Some(at.http_checksum(value)?),
            "smithy.api#requestCompression" => {
                let obj = at.object(value)?;
                let list = at.field(obj, "encodings").ok_or_else(|| at.sub("encodings").error("missing"))?;
                let items = list.as_array().ok_or_else(|| at.sub("encodings").wrong("a list of strings", list))?;
                let encodings = items.iter().map(|e| at.sub("encodings").string(e)).collect::<Result<_, _>>()?;
                t.request_compression = Some(encodings);
            }
            "smithy.api#endpoint" => {
                let obj = at.object(value)?;
                let prefix = at.field(obj, "hostPrefix").ok_or_else(|| at.error("@endpoint needs a hostPrefix"))?;
                t.host_prefix = Some(at.string(prefix)?);
            }
            "smithy.api#error" => {
                t.error = Some(match at.string(value)?.as_str() {
                    "client" => ErrorFault::Client,
                    "server" => ErrorFault::Server,
                    other => return Err(at.error(format!("expected \"client\" or \"server\", found \"{other}\""))),
                })
            }
            "smithy.api#retryable" => t.retryable = true,
            "smithy.api#timestampFormat" => {
                t.timestamp_format = Some(match at.string(value)?.as_str() {
                    "date-time" => TimestampFormat::DateTime,
                    "epoch-seconds" => TimestampFormat::EpochSeconds,
                    "http-date" => TimestampFormat::HttpDate,
                    other => return Err(at.error(format!("unknown timestamp format \"{other}\""))),
                })
            }
            "smithy.api#jsonName" => t.json_name = Some(at.string(value)?),
            "smithy.api#idempotencyToken" => t.idempotency_token = true,
            "smithy.api#paginated" => t.paginated = Some(at.paginated(value)?),
            "smithy.api#readonly" => t.readonly = true,
            "smithy.waiters#waitable" => t.waitable = Some(value.clone()),
            "smithy.test#smokeTests" => t.smoke_tests = Some(value.clone()),
            "smithy.api#length" => t.length = Some(at.bounds(value)?),
            "smithy.api#range" => t.range = Some(at.range(value)?),
            "smithy.api#pattern" => t.pattern = Some(at.string(value)?),
            "smithy.api#input" => t.input = true,
            "smithy.api#output" => t.output = true,
            "smithy.api#deprecated" => t.deprecated = Some(at.deprecated(value)?),
            "smithy.api#sparse" => t.sparse = true,
            "smithy.api#streaming" => t.streaming = true,
            "smithy.api#requiresLength" => t.requires_length = true,
            "smithy.api#uniqueItems" => t.unique_items = true,
            "smithy.api#title" => t.title = Some(at.string(value)?),
            "aws.protocols#awsQueryCompatible" => t.query_compatible = true,
            "smithy.rules#endpointRuleSet" => t.endpoint_rule_set = Some(value.clone()),
            "smithy.rules#endpointTests" => t.endpoint_tests = Some(value.clone()),
            "aws.auth#sigv4" => {
                let obj = at.object(value)?;
                t.sigv4_name = Some(at.string_field(obj, "name")?.ok_or_else(|| at.sub("name").error("missing"))?);
                t.auth_schemes.push((id.clone(), AuthSchemeTrait::Plain));
            }
            "smithy.api#httpApiKeyAuth" => t.auth_schemes.push((id.clone(), AuthSchemeTrait::ApiKey(at.api_key_auth(value)?))),
            other if AUTH_SCHEME_TRAITS.contains(&other) => t.auth_schemes.push((id.clone(), AuthSchemeTrait::Plain)),
            "smithy.api#auth" => {
                let items = value.as_array().ok_or_else(|| at.wrong("a list of shape ids", value))?;
                t.auth = Some(items.iter().map(|i| at.string(i)).collect::<Result<_, _>>()?);
            }
            "smithy.api#optionalAuth" => t.optional_auth = true,
            "aws.api#service" => {
                t.aws_service = true;
                t.sdk_id = at.string_field(at.object(value)?, "sdkId")?;
            }
            other if PROTOCOL_TRAITS.contains(&other) => {
                t.protocols.push(other.to_owned());
                if let Some(versions) = at.event_stream_http(value)? {
                    t.event_stream_http.insert(other.to_owned(), versions);
                }
            }
            _ => {}
        }
    }
    t.auth_schemes.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(t)
}

/// Whether `s` is an HTTP token (RFC 9110): what a header name or an auth scheme is made of.
fn is_token(s: &str) -> bool {
    !s.is_empty() && s.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_owned())
}

/// Where a trait value sits, for error messages.
struct TraitAt<'a> {
    path: String,
    shape: &'a str,
}

impl TraitAt<'_> {
    fn error(&self, message: impl Into<String>) -> ModelError {
        ModelError::at(&self.path, Some(self.shape), message)
    }

    fn wrong(&self, expected: &str, found: &Value) -> ModelError {
        self.error(format!("expected {expected}, found {}", json_type_name(found)))
    }

    fn string(&self, value: &Value) -> Result<String, ModelError> {
        value.as_str().map(str::to_owned).ok_or_else(|| self.wrong("a string", value))
    }

    fn object<'v>(&self, value: &'v Value) -> Result<&'v serde_json::Map<String, Value>, ModelError> {
        value.as_object().ok_or_else(|| self.wrong("an object", value))
    }

    fn field<'v>(&self, obj: &'v serde_json::Map<String, Value>, key: &str) -> Option<&'v Value> {
        obj.get(key)
    }

    fn string_field(&self, obj: &serde_json::Map<String, Value>, key: &str) -> Result<Option<String>, ModelError> {
        match self.field(obj, key) {
            None => Ok(None),
            Some(v) => v
                .as_str()
                .map(|s| Some(s.to_owned()))
                .ok_or_else(|| self.sub(key).wrong("a string", v)),
        }
    }

    fn sub(&self, key: &str) -> TraitAt<'_> {
        TraitAt { path: format!("{}.{key}", self.path), shape: self.shape }
    }

    fn status_code(&self, value: &Value) -> Result<u16, ModelError> {
        match value.as_u64() {
            Some(code) if (100..=999).contains(&code) => Ok(code as u16),
            Some(code) => Err(self.error(format!("HTTP status {code} is out of range"))),
            None => Err(self.wrong("an integer HTTP status", value)),
        }
    }

    fn http(&self, value: &Value) -> Result<Http, ModelError> {
        let obj = self.object(value)?;
        let method = self.string_field(obj, "method")?.ok_or_else(|| self.sub("method").error("missing"))?;
        let uri = self.string_field(obj, "uri")?.ok_or_else(|| self.sub("uri").error("missing"))?;
        let code = match obj.get("code") {
            Some(v) => self.sub("code").status_code(v)?,
            None => 200,
        };
        Ok(Http { method, uri, code })
    }

    fn http_checksum(&self, value: &Value) -> Result<HttpChecksum, ModelError> {
        let obj = self.object(value)?;
        let required = match obj.get("requestChecksumRequired") {
            None => false,
            Some(v) => v.as_bool().ok_or_else(|| self.sub("requestChecksumRequired").wrong("a boolean", v))?,
        };
        Ok(HttpChecksum {
            request_algorithm_member: self.string_field(obj, "requestAlgorithmMember")?,
            request_checksum_required: required,
        })
    }

    fn api_key_auth(&self, value: &Value) -> Result<ApiKeyAuth, ModelError> {
        let obj = self.object(value)?;
        let name = self.string_field(obj, "name")?.ok_or_else(|| self.sub("name").error("missing"))?;
        let in_query = match self.string_field(obj, "in")?.as_deref() {
            Some("header") => false,
            Some("query") => true,
            Some(other) => return Err(self.sub("in").error(format!("expected \"header\" or \"query\", found \"{other}\""))),
            None => return Err(self.sub("in").error("missing")),
        };
        if name.is_empty() {
            return Err(self.sub("name").error("an API key's header or query parameter needs a name"));
        }
        if !in_query && !is_token(&name) {
            return Err(self.sub("name").error(format!("`{name}` is not an HTTP header name")));
        }
        let scheme = self.string_field(obj, "scheme")?;
        if let Some(scheme) = &scheme
            && !is_token(scheme)
        {
            return Err(self.sub("scheme").error(format!("`{scheme}` is not an HTTP auth scheme name")));
        }
        Ok(ApiKeyAuth { name, in_query, scheme })
    }

    fn paginated(&self, value: &Value) -> Result<Paginated, ModelError> {
        let obj = self.object(value)?;
        Ok(Paginated {
            input_token: self.string_field(obj, "inputToken")?,
            output_token: self.string_field(obj, "outputToken")?,
            items: self.string_field(obj, "items")?,
            page_size: self.string_field(obj, "pageSize")?,
        })
    }

    fn bounds(&self, value: &Value) -> Result<Bounds, ModelError> {
        let obj = self.object(value)?;
        let bound = |key: &str| -> Result<Option<i64>, ModelError> {
            match obj.get(key) {
                None => Ok(None),
                Some(v) => v.as_i64().map(Some).ok_or_else(|| {
                    self.sub(key).error(format!(
                        "expected an integer bound, found {} (fractional bounds are not supported)",
                        json_type_name(v)
                    ))
                }),
            }
        };
        Ok(Bounds { min: bound("min")?, max: bound("max")? })
    }

    fn deprecated(&self, value: &Value) -> Result<String, ModelError> {
        let obj = self.object(value)?;
        let message = self.string_field(obj, "message")?;
        let since = self.string_field(obj, "since")?;
        Ok(match (message, since) {
            (Some(m), Some(s)) => format!("{m} (deprecated since {s})"),
            (Some(m), None) => m,
            (None, Some(s)) => format!("deprecated since {s}"),
            (None, None) => "deprecated in the model".to_owned(),
        })
    }

    fn range(&self, value: &Value) -> Result<RangeBounds, ModelError> {
        let obj = self.object(value)?;
        let bound = |key: &str| -> Result<Option<String>, ModelError> {
            match obj.get(key) {
                None => Ok(None),
                Some(Value::Number(n)) if n.as_f64().is_some_and(f64::is_finite) => Ok(Some(n.to_string())),
                Some(v) => Err(self.sub(key).wrong("a number", v)),
            }
        };
        let bounds = RangeBounds { min: bound("min")?, max: bound("max")? };
        if let (Some(min), Some(max)) = bounds.float()
            && min > max
        {
            return Err(self.error(format!("the minimum {min} is above the maximum {max}")));
        }
        Ok(bounds)
    }

    fn legacy_enum(&self, value: &Value) -> Result<Vec<LegacyEnumEntry>, ModelError> {
        let Value::Array(items) = value else { return Err(self.wrong("an array", value)) };
        items
            .iter()
            .enumerate()
            .map(|(i, item)| {
                let at = self.sub(&format!("[{i}]"));
                let obj = at.object(item)?;
                Ok(LegacyEnumEntry {
                    value: at.string_field(obj, "value")?.ok_or_else(|| at.sub("value").error("missing"))?,
                    name: at.string_field(obj, "name")?,
                    documentation: at.string_field(obj, "documentation")?,
                    deprecated: obj.get("deprecated").and_then(Value::as_bool).unwrap_or(false),
                })
            })
            .collect()
    }
}
