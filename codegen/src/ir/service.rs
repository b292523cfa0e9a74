//! The service as the crate sees it: its identity, the protocol it speaks, and what the
//! clients need to call it.

use super::AuthSchemeIr;

#[derive(Debug, Clone)]
pub struct ServiceIr {
    pub shape_id: String,
    pub title: String,
    pub version: String,
    pub docs: String,
    /// The protocol the crate speaks.
    pub protocol: ProtocolIr,
    /// What the clients need to call the service (feature `client`, `blocking`).
    pub client: ClientIr,
}

/// The protocol the crate speaks, among those the service offers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProtocolIr {
    /// `awsJson1_0`
    pub name: String,
    /// `aws.protocols#awsJson1_0`
    pub shape_id: String,
    /// Protocols the service prefers that the generator does not speak yet, by shape id.
    pub passed_over: Vec<String>,
    /// The format of bodies, which decides the shape codecs of `wire`.
    pub codec: Codec,
}

/// The body format of a protocol, shared by the protocols that use it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Codec {
    Json,
    Cbor,
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
    /// The auth schemes of an operation with no auth trait of its own (and of requests the
    /// clients send untyped), in order of preference; empty when the service offers none the
    /// clients implement.
    pub auth: Vec<AuthSchemeIr>,
    /// The variable a bearer token is read from, which also puts bearer auth first: the AWS
    /// SDKs' `AWS_BEARER_TOKEN_BEDROCK`, for a service signing as `bedrock` that offers
    /// `smithy.api#httpBearerAuth`.
    pub bearer_env: Option<String>,
    /// For a service that is not AWS's (neither `aws.api#service` nor endpoint rules), the
    /// variable its endpoint URL is read from (`MY_SERVICE_ENDPOINT_URL`, from the package
    /// name); `None` for AWS's, which read `AWS_ENDPOINT_URL_<SERVICE>` and the rest.
    pub endpoint_env: Option<String>,
}
