//! AWS Signature Version 4 for requests to a non-S3 service.
//!
//! Signing adds `x-amz-date`, `x-amz-security-token` (with temporary credentials) and
//! `authorization` to a request whose URI is absolute (`https://host/path?query`). The body is
//! hashed as it is; the path, already percent-encoded, is encoded once more (the rule for every
//! service but S3), the query is decoded, re-encoded and sorted, header values are trimmed.

// SHA-256 and HMAC come from graviola, the transports' TLS cryptography (rustls-graviola):
// a second crypto library would only add to the build.
use graviola::hashing::hmac::Hmac;
use graviola::hashing::{Hash, HashOutput, Sha256};
use std::borrow::Cow;
use std::sync::Mutex;

use super::credentials::Credentials;

/// Headers left out of the signature: proxies and transports add or change them.
const UNSIGNED_HEADERS: &[&str] = &["authorization", "user-agent", "expect", "x-amzn-trace-id", "transfer-encoding", "connection"];

/// What a signature is for: the service's signing name, the region, the time.
#[derive(Debug, Clone)]
pub struct SigningParams<'a> {
    /// The service's signing name (`mpa`), from the model's `aws.auth#sigv4` trait.
    pub service: &'a str,
    /// The signing region (`us-east-1`).
    pub region: &'a str,
    /// When the request is signed.
    pub time: time::OffsetDateTime,
}

/// Why a request could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SigningError(pub(crate) String);

impl std::fmt::Display for SigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "cannot sign the request: {}", self.0)
    }
}

impl std::error::Error for SigningError {}

/// Signs `request` in place: adds `x-amz-date`, `x-amz-security-token` when the credentials
/// have a session token, and `authorization`. Signing again replaces all three.
pub fn sign(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    sign_with(request, credentials, params, &KeyCache::default())
}

/// [`sign`], taking the signing key from `keys` when it holds the one for this day.
pub(crate) fn sign_with(
    request: &mut http::Request<Vec<u8>>,
    credentials: &Credentials,
    params: &SigningParams<'_>,
    keys: &KeyCache,
) -> Result<(), SigningError> {
    let amz_date = format_amz_date(params.time);
    stamp(request.headers_mut(), &amz_date, credentials, &[])?;
    let canonical = canonical_request(request)?;
    let authorization = authorization(&canonical, &amz_date, credentials, params, keys)?;
    request.headers_mut().insert(http::header::AUTHORIZATION, authorization);
    Ok(())
}

/// The last signing key derived, with what it was derived from. The key depends only on
/// the secret, the day, the region and the service, so a client derives it (four HMACs)
/// once a day rather than on every request. `Debug` shows nothing of the secret.
#[derive(Default)]
pub(crate) struct KeyCache(Mutex<Option<CachedKey>>);

struct CachedKey {
    secret: String,
    date: String,
    region: String,
    service: String,
    /// The signing key, with HMAC's inner and outer blocks already hashed.
    key: Hmac<Sha256>,
}

impl std::fmt::Debug for KeyCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("KeyCache")
    }
}

impl KeyCache {
    /// The signing key of `secret` on `date` (`20150830`) for the region and service.
    pub(crate) fn key(&self, secret: &str, date: &str, params: &SigningParams<'_>) -> Hmac<Sha256> {
        let mut cached = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let same = |c: &&CachedKey| c.date == date && c.region == params.region && c.service == params.service && c.secret == secret;
        if let Some(hit) = cached.as_ref().filter(same) {
            return hit.key.clone();
        }
        let key = Hmac::<Sha256>::new(signing_key(secret, date, params.region, params.service));
        *cached = Some(CachedKey {
            secret: secret.to_owned(),
            date: date.to_owned(),
            region: params.region.to_owned(),
            service: params.service.to_owned(),
            key: key.clone(),
        });
        key
    }
}

/// The `authorization` header of a canonical request signed at `amz_date`.
fn authorization(
    canonical: &CanonicalRequest,
    amz_date: &str,
    credentials: &Credentials,
    params: &SigningParams<'_>,
    keys: &KeyCache,
) -> Result<http::HeaderValue, SigningError> {
    let date = &amz_date[..8];
    let scope = [date, params.region, params.service, "aws4_request"].join("/");
    let canonical_hash = hex(sha256(canonical.text.as_bytes()).as_ref());
    let string_to_sign = ["AWS4-HMAC-SHA256", amz_date, &scope, &canonical_hash].join("\n");
    let key = keys.key(credentials.secret_access_key(), date, params);
    let signature = hex(mac_with(key, string_to_sign.as_bytes()).as_ref());
    let authorization = [
        "AWS4-HMAC-SHA256 Credential=",
        credentials.access_key_id(),
        "/",
        &scope,
        ", SignedHeaders=",
        &canonical.signed_headers,
        ", Signature=",
        &signature,
    ]
    .concat();
    let mut value = header_value(&authorization)?;
    value.set_sensitive(true);
    Ok(value)
}

/// Takes out what an earlier signature added (`also` names more), then stamps the date
/// and, when the credentials have one, the session token.
fn stamp(headers: &mut http::HeaderMap, amz_date: &str, credentials: &Credentials, also: &[&str]) -> Result<(), SigningError> {
    for name in [&http::header::AUTHORIZATION, &X_AMZ_DATE, &X_AMZ_SECURITY_TOKEN] {
        headers.remove(name);
    }
    for name in also {
        headers.remove(*name);
    }
    headers.insert(X_AMZ_DATE, header_value(amz_date)?);
    if let Some(token) = credentials.session_token() {
        let mut value = header_value(token)?;
        value.set_sensitive(true);
        headers.insert(X_AMZ_SECURITY_TOKEN, value);
    }
    Ok(())
}

const X_AMZ_DATE: http::HeaderName = http::HeaderName::from_static("x-amz-date");
const X_AMZ_SECURITY_TOKEN: http::HeaderName = http::HeaderName::from_static("x-amz-security-token");

/// Signs the head of a request whose body is sent as it is read, so is not hashed here:
/// `payload_hash` stands for the body's hash in the canonical request: the body's SHA-256
/// (lower-case hex) when the caller knows it, else `UNSIGNED-PAYLOAD` (or for an input event
/// stream `STREAMING-AWS4-HMAC-SHA256-EVENTS`), which is then also sent as
/// `x-amz-content-sha256` (and signed), so that the service knows the signature leaves the
/// body out. Signing again replaces what an earlier signature added.
#[cfg(feature = "streaming")]
pub fn sign_head(
    head: &mut http::Request<()>,
    payload_hash: &str,
    credentials: &Credentials,
    params: &SigningParams<'_>,
) -> Result<(), SigningError> {
    sign_head_with(head, payload_hash, credentials, params, &KeyCache::default())
}

/// [`sign_head`], taking the signing key from `keys` when it holds the one for this day.
#[cfg(feature = "streaming")]
pub(crate) fn sign_head_with(
    head: &mut http::Request<()>,
    payload_hash: &str,
    credentials: &Credentials,
    params: &SigningParams<'_>,
    keys: &KeyCache,
) -> Result<(), SigningError> {
    let amz_date = format_amz_date(params.time);
    let headers = head.headers_mut();
    stamp(headers, &amz_date, credentials, &["x-amz-content-sha256"])?;
    if payload_hash == super::body::UNSIGNED_PAYLOAD || payload_hash == super::body::STREAMING_EVENTS_PAYLOAD {
        headers.insert("x-amz-content-sha256", header_value(payload_hash)?);
    }
    // The canonical request of the head with an empty body, whose hash (the last line)
    // then gives way to `payload_hash`.
    let mut empty = http::Request::new(Vec::new());
    *empty.method_mut() = head.method().clone();
    *empty.uri_mut() = head.uri().clone();
    *empty.headers_mut() = head.headers().clone();
    let mut canonical = canonical_request(&empty)?;
    let hash_start = canonical.text.rfind('\n').map_or(0, |i| i + 1);
    canonical.text.truncate(hash_start);
    canonical.text.push_str(payload_hash);
    let authorization = authorization(&canonical, &amz_date, credentials, params, keys)?;
    head.headers_mut().insert(http::header::AUTHORIZATION, authorization);
    Ok(())
}

fn header_value(text: &str) -> Result<http::HeaderValue, SigningError> {
    http::HeaderValue::from_str(text).map_err(|_| SigningError("a credential or date holds characters not allowed in a header".into()))
}

/// `20150830T123600Z`.
pub fn format_amz_date(time: time::OffsetDateTime) -> String {
    let t = time.to_offset(time::UtcOffset::UTC);
    let mut out = String::with_capacity(16);
    // A year past 9999 cannot be signed for anyway; its digits past four are dropped.
    push_digits(&mut out, t.year().clamp(0, 9999).unsigned_abs(), 4);
    for (value, width) in [(u8::from(t.month()), 2), (t.day(), 2)] {
        push_digits(&mut out, u32::from(value), width);
    }
    out.push('T');
    for value in [t.hour(), t.minute(), t.second()] {
        push_digits(&mut out, u32::from(value), 2);
    }
    out.push('Z');
    out
}

/// `value` as `width` decimal digits, zero-padded (higher digits dropped).
fn push_digits(out: &mut String, value: u32, width: u32) {
    for place in (0..width).rev() {
        out.push(char::from_digit((value / 10u32.pow(place)) % 10, 10).unwrap_or('0'));
    }
}

/// The canonical request, and the list of headers it signs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CanonicalRequest {
    /// The canonical request's text.
    pub text: String,
    /// `host;x-amz-date`.
    pub signed_headers: String,
}

/// Builds the canonical request of `request` (whose URI must be absolute).
pub fn canonical_request(request: &http::Request<Vec<u8>>) -> Result<CanonicalRequest, SigningError> {
    crypto_supported().map_err(SigningError)?;
    let uri = request.uri();
    let authority = uri.authority().ok_or_else(|| SigningError("the request URI has no host".into()))?;
    let host = host_header(uri.scheme_str(), authority);

    // Names are lower case already (`http` keeps them so); values are borrowed unless
    // trimming or joining repeated headers changes them.
    let mut headers: Vec<(&str, Cow<'_, str>)> = Vec::with_capacity(request.headers().len() + 1);
    headers.push(("host", Cow::Owned(host)));
    for (name, value) in request.headers() {
        let name = name.as_str();
        if name == "host" || UNSIGNED_HEADERS.contains(&name) {
            continue;
        }
        let value = value.to_str().map_err(|_| SigningError(format!("header `{name}` is not visible ASCII")))?;
        let value = trim_value(value);
        match headers.iter_mut().find(|(n, _)| *n == name) {
            Some((_, existing)) => {
                let joined = existing.to_mut();
                joined.push(',');
                joined.push_str(&value);
            }
            None => headers.push((name, value)),
        }
    }
    headers.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut signed_headers = String::with_capacity(headers.len() * 16);
    for (i, (name, _)) in headers.iter().enumerate() {
        if i > 0 {
            signed_headers.push(';');
        }
        signed_headers.push_str(name);
    }

    let mut text = String::with_capacity(256);
    text.push_str(request.method().as_str());
    text.push('\n');
    push_canonical_path(&mut text, uri.path());
    text.push('\n');
    push_canonical_query(&mut text, uri.query().unwrap_or(""));
    text.push('\n');
    for (name, value) in &headers {
        text.push_str(name);
        text.push(':');
        text.push_str(value);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&signed_headers);
    text.push('\n');
    text.push_str(&hex(sha256(request.body()).as_ref()));
    Ok(CanonicalRequest { text, signed_headers })
}

/// `host`, with the port only when it is not the scheme's default.
pub(crate) fn host_header(scheme: Option<&str>, authority: &http::uri::Authority) -> String {
    let host = authority.host();
    match (scheme, authority.port_u16()) {
        (Some("https"), Some(443)) | (Some("http"), Some(80)) | (_, None) => host.to_owned(),
        (_, Some(port)) => format!("{host}:{port}"),
    }
}

/// Leading and trailing spaces removed, inner runs of spaces collapsed to one; borrowed
/// when the value has none of those.
fn trim_value(value: &str) -> Cow<'_, str> {
    let is_space = |c: char| c.is_ascii_whitespace();
    if value.split(' ').all(|word| !word.is_empty() && word.trim_matches(is_space) == word) {
        return Cow::Borrowed(value);
    }
    let mut out = String::with_capacity(value.len());
    for word in value.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word.trim_matches(is_space));
    }
    Cow::Owned(out)
}

/// The path as sent, each byte outside `A-Za-z0-9-._~/` encoded again (`%3A` -> `%253A`).
pub fn canonical_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 16);
    push_canonical_path(&mut out, path);
    out
}

fn push_canonical_path(out: &mut String, path: &str) {
    if path.is_empty() {
        out.push('/');
    }
    push_encoded(out, path.as_bytes(), true);
}

/// Pairs decoded, encoded again the strict way, sorted by key then value; a bare key (`List`)
/// has an empty value (`List=`).
pub fn canonical_query(query: &str) -> String {
    let mut out = String::with_capacity(query.len() + 8);
    push_canonical_query(&mut out, query);
    out
}

fn push_canonical_query(out: &mut String, query: &str) {
    if query.is_empty() {
        return;
    }
    let mut pairs: Vec<(String, String)> = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (encode(&decode(key)), encode(&decode(value)))
        })
        .collect();
    pairs.sort();
    for (i, (key, value)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
}

fn encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len());
    push_encoded(&mut out, bytes, false);
    out
}

/// Appends `bytes` with each one outside `A-Za-z0-9-._~` (and `/`, unless `keep_slash`)
/// written `%XX`; runs of bytes that stay as they are are copied whole.
fn push_encoded(out: &mut String, bytes: &[u8], keep_slash: bool) {
    let mut run = 0;
    for (i, &byte) in bytes.iter().enumerate() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~') || (keep_slash && byte == b'/') {
            continue;
        }
        // The run holds only ASCII, so it is a `str`.
        out.push_str(std::str::from_utf8(&bytes[run..i]).unwrap_or_default());
        out.push('%');
        out.push(char::from(UPPER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(UPPER_HEX[usize::from(byte & 0xF)]));
        run = i + 1;
    }
    out.push_str(std::str::from_utf8(&bytes[run..]).unwrap_or_default());
}

/// Percent-decoding of a query component (`+` stays `+`: only `%XX` is decoded).
fn decode(text: &str) -> Vec<u8> {
    percent_encoding::percent_decode_str(text).collect()
}

/// The signing key: the secret's HMAC chain over the date, region, service and
/// `aws4_request`.
fn signing_key(secret: &str, date: &str, region: &str, service: &str) -> HashOutput {
    let mac = |key: &[u8], data: &str| mac_with(Hmac::<Sha256>::new(key), data.as_bytes());
    let k_date = mac(["AWS4", secret].concat().as_bytes(), date);
    let k_region = mac(k_date.as_ref(), region);
    let k_service = mac(k_region.as_ref(), service);
    mac(k_service.as_ref(), "aws4_request")
}

/// graviola runs only on x86-64 and AArch64 processors with the vector and AES instructions
/// of the last decade; on an older one it would stop the program. Checked before any hashing
/// (and when a transport is built), so such a machine gets an error that says why.
pub(crate) fn crypto_supported() -> Result<(), String> {
    if graviola::util::is_cpu_supported() {
        Ok(())
    } else {
        Err("this processor lacks instructions that the clients' cryptography (graviola) needs: \
             x86-64 with AES, PCLMULQDQ, BMI1, ADX, AVX and AVX2, or AArch64 with AES, SHA-2, PMULL and NEON"
            .to_owned())
    }
}

/// HMAC-SHA256 of `data` under a prepared key (consumed: callers clone a cached one).
pub(crate) fn mac_with(mut key: Hmac<Sha256>, data: &[u8]) -> HashOutput {
    key.update(data);
    key.finish()
}

pub(crate) fn sha256(bytes: &[u8]) -> HashOutput {
    Sha256::hash(bytes)
}

const LOWER_HEX: &[u8; 16] = b"0123456789abcdef";
const UPPER_HEX: &[u8; 16] = b"0123456789ABCDEF";

/// Lower-case hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 2);
    for &byte in bytes {
        out.push(char::from(LOWER_HEX[usize::from(byte >> 4)]));
        out.push(char::from(LOWER_HEX[usize::from(byte & 0xF)]));
    }
    out
}
