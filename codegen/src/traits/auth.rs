//! The auth scheme traits a service applies, typed.

/// The value of an auth scheme trait the generator reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthSchemeTrait {
    /// `smithy.api#httpApiKeyAuth`.
    ApiKey(ApiKeyAuth),
    /// A scheme whose value the clients need nothing of (`aws.auth#sigv4`'s name is
    /// `sigv4_name`), or that the generator does not implement.
    Plain,
}

/// `smithy.api#httpApiKeyAuth`: where the key goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiKeyAuth {
    /// The header or query parameter name.
    pub name: String,
    /// `query` (else `header`).
    pub in_query: bool,
    /// The scheme before the key in a header (`ApiKey` gives `Authorization: ApiKey KEY`).
    pub scheme: Option<String>,
}

/// The auth scheme traits (those marked `@authDefinition` in Smithy's prelude and AWS's
/// traits): applied to a service, they are the schemes it supports.
pub const AUTH_SCHEME_TRAITS: &[&str] = &[
    "aws.auth#sigv4",
    "aws.auth#sigv4a",
    "smithy.api#httpApiKeyAuth",
    "smithy.api#httpBasicAuth",
    "smithy.api#httpBearerAuth",
    "smithy.api#httpDigestAuth",
];
