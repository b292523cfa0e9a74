//! Event streams: the `@streaming` unions of operation inputs and outputs, with what each
//! event carries in the headers and payload of its message.

use super::{PayloadKind, TypeRef};

/// One `@streaming` union, its events and its modeled errors. Its code lives in
/// `module_path` (`crate::event_streams::event_stream`): the error enum, and how messages
/// become events.
#[derive(Debug, Clone)]
pub struct EventStreamIr {
    pub shape_id: String,
    /// The union of events in `crate::types`, without the modeled errors (`crate::types::EventStream`).
    pub union_path: String,
    pub union_name: String,
    /// File stem under `src/event_streams/`.
    pub module: String,
    /// `crate::event_streams::event_stream`
    pub module_path: String,
    /// The stream's error enum in `module_path` (`EventStreamError`).
    pub error_name: String,
    /// The events, in model order.
    pub events: Vec<EventIr>,
    /// The modeled errors (members targeting `@error` structures), in model order.
    pub exceptions: Vec<ExceptionIr>,
    /// Some output reads the stream.
    pub read: bool,
}

/// A member of the union that is an event: its `:event-type` is the member's name.
#[derive(Debug, Clone)]
pub struct EventIr {
    pub event_type: String,
    /// The union's variant.
    pub variant: String,
    /// The function of the stream's module that reads it from its message (`read_headers`).
    pub reader: String,
    /// `None` for a member targeting `smithy.api#Unit`.
    pub shape: Option<EventShapeIr>,
}

/// How an event's structure maps to a message.
#[derive(Debug, Clone)]
pub struct EventShapeIr {
    /// `crate::types::HeadersEvent`
    pub rust_path: String,
    /// The structure's JSON code (`crate::wire::headers_event`), whose reader reads the body
    /// members and leaves the others unset.
    pub wire_module: String,
    pub headers: Vec<EventHeaderIr>,
    /// The `@eventPayload` member; without one, the members that are not headers are the
    /// payload's JSON object.
    pub payload: Option<EventPayloadIr>,
    /// The structure is boxed in the union (it holds itself).
    pub boxed: bool,
}

/// An `@eventHeader` member.
#[derive(Debug, Clone)]
pub struct EventHeaderIr {
    pub field: String,
    /// The header's name: the member's name.
    pub name: String,
    pub ty: TypeRef,
    pub optional: bool,
}

/// The `@eventPayload` member.
#[derive(Debug, Clone)]
pub struct EventPayloadIr {
    pub field: String,
    pub kind: PayloadKind,
    pub ty: TypeRef,
    pub optional: bool,
    /// `:content-type` of the message.
    pub content_type: String,
}

/// A modeled error of the stream: its `:exception-type` is the member's name.
#[derive(Debug, Clone)]
pub struct ExceptionIr {
    pub exception_type: String,
    /// The error enum's variant.
    pub variant: String,
    /// `crate::error::ErrorEvent`
    pub rust_path: String,
    /// Where its `read_error` is (`crate::wire::error_event`).
    pub wire_module: String,
}

/// The stream member of an operation's input or output: taken out of the structure, which
/// keeps the members bound to the HTTP request or response.
#[derive(Debug, Clone)]
pub struct StreamMemberIr {
    pub model_name: String,
    /// The stream, by the shape id of its union (see `CrateIr::event_streams`).
    pub stream: String,
    /// `crate::event_streams::event_stream`, and its error enum.
    pub module_path: String,
    pub error_name: String,
    /// The union of events (`crate::types::EventStream`).
    pub union_path: String,
}
