//! SigV4 for the messages of input event streams.
//!
//! The request that opens an input stream is signed as any other (its body hash announced
//! as `STREAMING-AWS4-HMAC-SHA256-EVENTS`); its signature is the seed of a chain. Each
//! message is then sent inside an envelope message whose payload is the message's frame
//! and whose headers are `:chunk-signature` (the 32 bytes of the signature) and `:date` (a
//! timestamp, to the second). The signature is the HMAC-SHA256, under the day's signing
//! key, of:
//!
//! ```text
//! AWS4-HMAC-SHA256-PAYLOAD
//! <date and time, 20150830T123600Z>
//! <scope, 20150830/us-east-1/service/aws4_request>
//! <the previous signature, or the seed, in hex>
//! <SHA-256 in hex of the encoded `:date` header>
//! <SHA-256 in hex of the payload>
//! ```
//!
//! The stream ends with an envelope around an empty payload, signed the same way.

use super::encode::write_headers;
use super::message::{Header, HeaderValue, Message};
use super::{EncodeError, MAX_PAYLOAD_LEN};
use crate::client::Credentials;
use crate::client::sigv4::{self, KeyCache, SigningParams};

/// Why a message could not be signed.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum EventSigningError {
    /// The message cannot be encoded, or its frame is too large to be an envelope's payload.
    Encode(EncodeError),
    /// This processor cannot run the cryptography (see `client::sigv4`).
    CryptoUnsupported(String),
}

impl std::fmt::Display for EventSigningError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            EventSigningError::Encode(e) => write!(f, "cannot sign the event stream message: {e}"),
            EventSigningError::CryptoUnsupported(why) => write!(f, "cannot sign the event stream message: {why}"),
        }
    }
}

impl std::error::Error for EventSigningError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            EventSigningError::Encode(e) => Some(e),
            EventSigningError::CryptoUnsupported(_) => None,
        }
    }
}

impl From<EncodeError> for EventSigningError {
    fn from(e: EncodeError) -> Self {
        EventSigningError::Encode(e)
    }
}

/// Signs the messages of one input event stream, each signature chained to the one
/// before, from the seed signature of the request that opened the stream.
///
/// `Debug` shows the scope and the last signature, never the secret key.
#[derive(Debug)]
pub struct EventSigner {
    credentials: Credentials,
    region: String,
    service: String,
    /// The last signature, in hex: the seed until a message is signed.
    previous: String,
    keys: KeyCache,
}

impl EventSigner {
    /// A signer for the stream opened by a request signed with `seed_signature` (the hex
    /// `Signature=` of its `authorization` header, see [`seed_signature`]), with the
    /// credentials, region and service that signed it.
    pub fn new(
        credentials: Credentials,
        region: impl Into<String>,
        service: impl Into<String>,
        seed_signature: impl Into<String>,
    ) -> Result<Self, EventSigningError> {
        sigv4::crypto_supported().map_err(EventSigningError::CryptoUnsupported)?;
        Ok(EventSigner {
            credentials,
            region: region.into(),
            service: service.into(),
            previous: seed_signature.into(),
            keys: KeyCache::default(),
        })
    }

    /// The envelope to send for `message`, signed at `time` (to the second). On an error
    /// the chain is left as it was.
    pub fn sign(&mut self, message: &Message, time: time::OffsetDateTime) -> Result<Message, EventSigningError> {
        let frame = message.to_frame()?;
        if frame.len() > MAX_PAYLOAD_LEN {
            return Err(EncodeError::PayloadTooLong { len: frame.len() }.into());
        }
        Ok(self.envelope(frame, time))
    }

    /// The envelope with an empty payload that ends the stream, signed at `time`.
    pub fn sign_end(&mut self, time: time::OffsetDateTime) -> Message {
        self.envelope(Vec::new(), time)
    }

    /// The last signature given, in hex (the seed before any).
    pub fn last_signature(&self) -> &str {
        &self.previous
    }

    fn envelope(&mut self, payload: Vec<u8>, time: time::OffsetDateTime) -> Message {
        let time = time.to_offset(time::UtcOffset::UTC).replace_nanosecond(0).expect("0 is a valid nanosecond");
        let amz_date = sigv4::format_amz_date(time);
        let date = &amz_date[..8];
        let date_header = Header { name: ":date".to_owned(), value: HeaderValue::timestamp(time) };
        let mut encoded_date = Vec::new();
        write_headers(std::slice::from_ref(&date_header), &mut encoded_date);
        let scope = [date, &self.region, &self.service, "aws4_request"].join("/");
        let string_to_sign = [
            "AWS4-HMAC-SHA256-PAYLOAD",
            &amz_date,
            &scope,
            &self.previous,
            &sigv4::hex(sigv4::sha256(&encoded_date).as_ref()),
            &sigv4::hex(sigv4::sha256(&payload).as_ref()),
        ]
        .join("\n");
        let params = SigningParams { service: &self.service, region: &self.region, time };
        let key = self.keys.key(self.credentials.secret_access_key(), date, &params);
        let signature = sigv4::mac_with(key, string_to_sign.as_bytes());
        self.previous = sigv4::hex(signature.as_ref());
        let chunk_signature = Header { name: ":chunk-signature".to_owned(), value: HeaderValue::Bytes(signature.as_ref().to_vec()) };
        // The signature first, as other SDKs write it: the order means nothing to the
        // service, but the same bytes are easier to compare.
        Message { headers: vec![chunk_signature, date_header], payload }
    }
}

/// The signature (hex) of a request signed with SigV4: the `Signature=` part of its
/// `authorization` header, which seeds the signatures of the stream it opens.
pub fn seed_signature(headers: &http::HeaderMap) -> Option<&str> {
    let authorization = headers.get(http::header::AUTHORIZATION)?.to_str().ok()?;
    authorization.split(", ").find_map(|part| part.trim().strip_prefix("Signature="))
}
