//! What endpoint resolution returns: the [`Endpoint`] (URL, headers, properties) or a
//! [`ResolveError`] with the rule set's message.

use ::std::collections::BTreeMap;
use ::std::string::String;
use ::std::vec::Vec;

/// A resolved endpoint: where to send the request, with the headers and properties (such as
/// the signing settings in `authSchemes`) the rule set attaches to it.
#[derive(Debug, Clone, PartialEq)]
pub struct Endpoint {
    url: String,
    headers: BTreeMap<String, Vec<String>>,
    properties: BTreeMap<String, Value>,
}

impl Endpoint {
    /// The endpoint's URL, e.g. `https://mpa.us-east-1.api.aws`.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// Headers to send with every request to this endpoint, by name.
    pub fn headers(&self) -> &BTreeMap<String, Vec<String>> {
        &self.headers
    }

    /// The endpoint's properties, by name (`authSchemes`, ...).
    pub fn properties(&self) -> &BTreeMap<String, Value> {
        &self.properties
    }

    /// The entries of the `authSchemes` property, in the rule set's order of preference.
    pub fn auth_schemes(&self) -> impl ::std::iter::Iterator<Item = AuthScheme<'_>> {
        let schemes = match self.properties.get("authSchemes") {
            Some(Value::Array(items)) => items.as_slice(),
            _ => &[],
        };
        schemes.iter().filter_map(|scheme| match scheme {
            Value::Map(entries) => Some(AuthScheme { entries }),
            _ => None,
        })
    }

    /// The SigV4 entry of `authSchemes` (`name` is `sigv4`), when the rule set gives one.
    pub fn sigv4(&self) -> ::std::option::Option<AuthScheme<'_>> {
        self.auth_schemes().find(|scheme| scheme.name() == Some("sigv4"))
    }

    #[doc(hidden)]
    pub fn builder(url: String) -> EndpointBuilder {
        EndpointBuilder { endpoint: Endpoint { url, headers: BTreeMap::new(), properties: BTreeMap::new() } }
    }
}

impl ::std::fmt::Display for Endpoint {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.url)
    }
}

/// Builds an [`Endpoint`] (compiled rules do).
#[doc(hidden)]
pub struct EndpointBuilder {
    endpoint: Endpoint,
}

impl EndpointBuilder {
    #[doc(hidden)]
    pub fn header(mut self, name: &str, value: String) -> Self {
        self.endpoint.headers.entry(name.to_owned()).or_default().push(value);
        self
    }

    #[doc(hidden)]
    pub fn property(mut self, name: &str, value: Value) -> Self {
        self.endpoint.properties.insert(name.to_owned(), value);
        self
    }

    #[doc(hidden)]
    pub fn build(self) -> Endpoint {
        self.endpoint
    }
}

/// One entry of an endpoint's `authSchemes` property: the scheme's name and its signing
/// settings.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AuthScheme<'a> {
    entries: &'a BTreeMap<String, Value>,
}

impl<'a> AuthScheme<'a> {
    /// The scheme's name (`sigv4`, `sigv4a`, ...).
    pub fn name(&self) -> ::std::option::Option<&'a str> {
        self.string("name")
    }

    /// The name to sign with (`signingName`), when it differs from the service's.
    pub fn signing_name(&self) -> ::std::option::Option<&'a str> {
        self.string("signingName")
    }

    /// The region to sign for (`signingRegion`).
    pub fn signing_region(&self) -> ::std::option::Option<&'a str> {
        self.string("signingRegion")
    }

    /// The regions a SigV4a signature covers (`signingRegionSet`).
    pub fn signing_region_set(&self) -> Vec<&'a str> {
        match self.entries.get("signingRegionSet") {
            Some(Value::Array(items)) => items.iter().filter_map(Value::as_str).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the path is signed as it is, not encoded a second time
    /// (`disableDoubleEncoding`; false when absent).
    pub fn disable_double_encoding(&self) -> bool {
        self.entries.get("disableDoubleEncoding").and_then(Value::as_bool).unwrap_or(false)
    }

    /// Any setting of the scheme, by name.
    pub fn get(&self, key: &str) -> ::std::option::Option<&'a Value> {
        self.entries.get(key)
    }

    fn string(&self, key: &str) -> ::std::option::Option<&'a str> {
        self.entries.get(key).and_then(Value::as_str)
    }
}

/// A value of an endpoint property: strings, booleans, and arrays and maps of them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A string.
    String(String),
    /// A boolean.
    Bool(bool),
    /// An array.
    Array(Vec<Value>),
    /// A map, sorted by key.
    Map(BTreeMap<String, Value>),
}

impl Value {
    /// The string, if this is one.
    pub fn as_str(&self) -> ::std::option::Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> ::std::option::Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The items, if this is an array.
    pub fn as_array(&self) -> ::std::option::Option<&[Value]> {
        match self {
            Value::Array(items) => Some(items),
            _ => None,
        }
    }

    /// The entries, if this is a map.
    pub fn as_map(&self) -> ::std::option::Option<&BTreeMap<String, Value>> {
        match self {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    /// A map from entries.
    #[doc(hidden)]
    pub fn map<const N: usize>(entries: [(&str, Value); N]) -> Value {
        Value::Map(entries.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
    }
}

impl ::std::convert::From<&str> for Value {
    fn from(value: &str) -> Self {
        Value::String(value.to_owned())
    }
}

impl ::std::convert::From<String> for Value {
    fn from(value: String) -> Self {
        Value::String(value)
    }
}

impl ::std::convert::From<bool> for Value {
    fn from(value: bool) -> Self {
        Value::Bool(value)
    }
}

/// Why no endpoint could be resolved. `Display` shows the rule set's own message (e.g.
/// `Invalid Configuration: Missing Region`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolveError {
    kind: ResolveErrorKind,
    message: String,
}

/// What kind of [`ResolveError`] this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ResolveErrorKind {
    /// An error rule of the rule set matched the parameters.
    Rule,
    /// A parameter the rule set requires was not set.
    MissingParameter,
    /// A parameter's value is refused before the rules run (a region that is not a host
    /// label).
    InvalidParameter,
    /// No rule matched the parameters.
    NoRuleMatched,
}

impl ResolveError {
    /// The error's message.
    pub fn message(&self) -> &str {
        &self.message
    }

    /// What kind of error this is.
    pub fn kind(&self) -> ResolveErrorKind {
        self.kind
    }

    #[doc(hidden)]
    pub fn rule(message: String) -> Self {
        ResolveError { kind: ResolveErrorKind::Rule, message }
    }

    #[doc(hidden)]
    pub fn missing(parameter: &str) -> Self {
        ResolveError {
            kind: ResolveErrorKind::MissingParameter,
            message: format!("the endpoint parameter `{parameter}` is required but was not set"),
        }
    }

    #[doc(hidden)]
    pub fn invalid_region(parameter: &str, value: &str) -> Self {
        ResolveError {
            kind: ResolveErrorKind::InvalidParameter,
            message: format!(
                "invalid region {value:?} (endpoint parameter `{parameter}`): a region must be a valid host label (letters, digits and hyphens)"
            ),
        }
    }

    #[doc(hidden)]
    pub fn no_rule_matched() -> Self {
        ResolveError {
            kind: ResolveErrorKind::NoRuleMatched,
            message: "no endpoint rule matched the parameters".to_owned(),
        }
    }
}

impl ::std::fmt::Display for ResolveError {
    fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl ::std::error::Error for ResolveError {}
