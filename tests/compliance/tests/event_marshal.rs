//! `Marshal` on the restJson1 suite's `EventStream` union beyond the suite's cases: an event
//! marshalled, framed and read back by the stream's `Receiver` is the same event, and what
//! cannot be sent (an unknown event, an unknown member of a payload union) is a typed error.

use restjson::event_streams::{HeaderValue, Marshal, MarshalError, Message, Receiver};
use restjson::types::{EventStream, HeadersAndImplicitPayloadEvent, HeadersEvent, PayloadUnion, StringPayloadEvent};

/// Reads the one event in `frame`.
fn read_back(frame: &[u8]) -> EventStream {
    let mut input = frame;
    let mut receiver = Receiver::<EventStream>::new();
    let event = receiver.read(&mut input).expect("the event reads").expect("the event is whole");
    receiver.finish().expect("the stream ends after the frame");
    event
}

fn event_frame(event_type: &str, content_type: &str, payload: &[u8]) -> Vec<u8> {
    Message::new(payload)
        .with_header(":message-type", HeaderValue::String("event".to_owned()))
        .with_header(":event-type", HeaderValue::String(event_type.to_owned()))
        .with_header(":content-type", HeaderValue::String(content_type.to_owned()))
        .to_frame()
        .expect("the message encodes")
}

#[test]
fn events_read_back_as_they_were_marshalled() {
    let events = [
        EventStream::Headers(
            HeadersEvent::builder()
                .boolean_header(false)
                .byte_header(-3)
                .short_header(-300)
                .int_header(70_000)
                .long_header(-5_000_000_000)
                .blob_header(restjson::primitives::Blob::new(vec![0, 255]))
                .string_header("h\u{e9}")
                .build(),
        ),
        EventStream::StringPayload(StringPayloadEvent::builder().payload("text, not JSON").build()),
        EventStream::HeadersAndImplicitPayload(HeadersAndImplicitPayloadEvent::builder().header("a").payload("b").build()),
    ];
    for event in events {
        let frame = event.marshal().expect("the event marshals").to_frame().expect("the message encodes");
        assert_eq!(read_back(&frame), event);
    }
}

#[test]
fn an_event_read_without_being_known_is_not_sent() {
    let unknown = read_back(&event_frame("newEvent", "application/json", b"{}"));
    assert!(matches!(unknown, EventStream::Unknown(_)), "{unknown:?}");
    assert_eq!(unknown.marshal(), Err(MarshalError::UnknownEvent("newEvent".to_owned())));
}

#[test]
fn a_payload_union_member_read_without_being_known_is_not_sent() {
    let event = read_back(&event_frame("unionPayload", "application/json", b"{\"newMember\":1}"));
    let EventStream::UnionPayload(payload) = &event else { panic!("not a union payload: {event:?}") };
    assert!(matches!(payload.payload(), Some(PayloadUnion::Unknown(_))), "{payload:?}");
    let error = event.marshal().expect_err("an unknown union member cannot be written");
    assert!(matches!(error, MarshalError::Invalid(_)), "{error:?}");
}
