//! From the typed events of an input stream to messages, sans-IO.
//!
//! A generated crate implements [`Marshal`] for each input stream's union: each event
//! becomes a message with `:message-type: event`, `:event-type` naming the union's member,
//! `:content-type` when it has a payload, its `@eventHeader` members as typed headers and
//! its payload (the `@eventPayload` member, or the other members as a JSON object).
//! [`Message::to_frame`] then writes its frame; signing and sending it is the transport's.

use super::message::{HeaderValue, Message};
use crate::error::ValidationError;

/// An input stream's union, whose events become messages.
pub trait Marshal {
    /// The message carrying this event.
    fn marshal(&self) -> Result<Message, MarshalError>;
}

/// Why an event could not become a message.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum MarshalError {
    /// A member of the union this version of the crate does not know (read from a
    /// response): its content is not known, so it cannot be sent.
    UnknownEvent(String),
    /// The event breaks a constraint of the model (checked as for a request's input).
    Invalid(ValidationError),
    /// An error of the stream that is none of the model's errors (a malformed stream, say):
    /// only modeled errors can be sent.
    Unmodeled,
}

impl MarshalError {
    /// An event of the member `name`, which this crate does not know.
    pub fn unknown_event(name: impl Into<String>) -> Self {
        MarshalError::UnknownEvent(name.into())
    }
}

impl std::fmt::Display for MarshalError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            MarshalError::UnknownEvent(name) => write!(f, "the event `{name}` is unknown to this crate and cannot be sent"),
            MarshalError::Invalid(e) => write!(f, "the event is not valid: {e}"),
            MarshalError::Unmodeled => f.write_str("the error is none of the stream's modeled errors, so it cannot be sent"),
        }
    }
}

impl std::error::Error for MarshalError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            MarshalError::UnknownEvent(_) | MarshalError::Unmodeled => None,
            MarshalError::Invalid(e) => Some(e),
        }
    }
}

impl From<ValidationError> for MarshalError {
    fn from(e: ValidationError) -> Self {
        MarshalError::Invalid(e)
    }
}

/// The message of an event of type `event_type`, its headers so far `:message-type` and
/// `:event-type`, with no payload.
pub fn event_message(event_type: &str) -> Message {
    Message::new(Vec::new())
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(":event-type", HeaderValue::String(event_type.to_owned()))
}

/// The message of a modeled error of the stream, `exception_type` naming the union's member:
/// `:message-type: exception`, `:exception-type`, and the error as a JSON payload.
pub fn exception_message(exception_type: &str, json: Vec<u8>) -> Message {
    let message = Message::new(Vec::new())
        .with_header(":message-type", HeaderValue::String("exception".to_owned()))
        .with_header(":exception-type", HeaderValue::String(exception_type.to_owned()));
    with_payload(message, "application/json", json)
}

/// `message` with the payload `payload` and its `:content-type`, written after the headers
/// it has.
pub fn with_payload(mut message: Message, content_type: &str, payload: Vec<u8>) -> Message {
    message.payload = payload;
    message.with_header(":content-type", HeaderValue::String(content_type.to_owned()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eventstream::{Decoder, Kind};

    #[test]
    fn an_event_message_names_its_type_and_reads_back() {
        let message = with_payload(event_message("chunk"), "application/json", b"{\"a\":1}".to_vec())
            .with_header("n", HeaderValue::Int(7));
        assert!(matches!(Kind::of(&message), Ok(Kind::Event("chunk"))));
        assert_eq!(message.header(":content-type").and_then(HeaderValue::as_str), Some("application/json"));
        let names: Vec<&str> = message.headers.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(names, [":message-type", ":event-type", ":content-type", "n"]);
        let frame = message.to_frame().expect("the message encodes");
        let mut decoder = Decoder::new();
        let mut input: &[u8] = &frame;
        let decoded = decoder.decode(&mut input).expect("the frame decodes").expect("the frame is whole");
        assert_eq!(decoded, message);
    }

    #[test]
    fn an_unknown_event_is_named_in_its_error() {
        let error = MarshalError::unknown_event("newEvent");
        assert_eq!(error, MarshalError::UnknownEvent("newEvent".to_owned()));
        assert!(error.to_string().contains("`newEvent`"));
    }
}
