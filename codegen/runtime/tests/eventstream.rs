//! The event stream codec: frames written by hand from the specification, each error a
//! malformed frame gives, and round trips of any message split anywhere. The CRCs of the
//! hand-made frames come from other implementations (Python's `zlib.crc32`, crc32fast).

use proptest::prelude::*;
use smithy_rt::eventstream::{
    DecodeError, Decoder, EncodeError, Header, HeaderValue, MAX_HEADERS_LEN, MAX_MESSAGE_LEN, MAX_PAYLOAD_LEN, Message,
};

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).unwrap()).collect()
}

/// Decodes a whole stream given in one chunk.
fn decode_all(bytes: &[u8]) -> Result<Vec<Message>, DecodeError> {
    let mut decoder = Decoder::new();
    let messages = decoder.messages(bytes).collect::<Result<Vec<_>, _>>()?;
    decoder.finish()?;
    Ok(messages)
}

/// A frame around `headers` (already encoded) and `payload`, with CRCs by crc32fast, so
/// that a test can put anything in the headers and have the decoder reach them.
fn frame(headers: &[u8], payload: &[u8]) -> Vec<u8> {
    let total = 16 + headers.len() + payload.len();
    let mut out = Vec::new();
    out.extend_from_slice(&(total as u32).to_be_bytes());
    out.extend_from_slice(&(headers.len() as u32).to_be_bytes());
    out.extend_from_slice(&crc32fast::hash(&out).to_be_bytes());
    out.extend_from_slice(headers);
    out.extend_from_slice(payload);
    out.extend_from_slice(&crc32fast::hash(&out).to_be_bytes());
    out
}

/// A prelude with the given lengths and a correct CRC.
fn prelude(total: u32, headers: u32) -> Vec<u8> {
    let mut out = [total.to_be_bytes(), headers.to_be_bytes()].concat();
    out.extend_from_slice(&crc32fast::hash(&out).to_be_bytes());
    out
}

fn string(name: &str, value: &str) -> Header {
    Header { name: name.to_owned(), value: HeaderValue::String(value.to_owned()) }
}

// python3 -c "import zlib,struct; p=b'{\"foo\":\"bar\"}'; pre=struct.pack('>II',16+len(p),0);
//   b=pre+struct.pack('>I',zlib.crc32(pre))+p; print((b+struct.pack('>I',zlib.crc32(b))).hex())"
const NO_HEADERS: &str = "0000001d00000000fd528c5a7b22666f6f223a22626172227d3e9c25b4";

// Every header type, in this order: b true, f false, y byte -2, s short 258, i int -1,
// l long 1, B bytes de ad, :event-type string "chunk", t timestamp 1700000000000,
// u uuid 00112233-4455-6677-8899-aabbccddeeff; payload "hi". Written with Python's
// struct.pack and zlib.crc32 as for NO_HEADERS: total 108, headers 90, prelude CRC
// 0xb25efdcf, message CRC 0xeff751c0.
const ALL_TYPES: &str = "0000006c0000005ab25efdcf016200016601017902fe0173030102016904ffffffff016c05000000000000\
                         00010142060002dead0b3a6576656e742d747970650700056368756e6b0174080000018bcfe568000175\
                         0900112233445566778899aabbccddeeff6869eff751c0";

fn all_types() -> Message {
    let header = |name: &str, value| Header { name: name.to_owned(), value };
    Message {
        headers: vec![
            header("b", HeaderValue::Bool(true)),
            header("f", HeaderValue::Bool(false)),
            header("y", HeaderValue::Byte(-2)),
            header("s", HeaderValue::Short(258)),
            header("i", HeaderValue::Int(-1)),
            header("l", HeaderValue::Long(1)),
            header("B", HeaderValue::Bytes(vec![0xde, 0xad])),
            string(":event-type", "chunk"),
            header("t", HeaderValue::Timestamp(1_700_000_000_000)),
            header("u", HeaderValue::Uuid(hex("00112233445566778899aabbccddeeff").try_into().unwrap())),
        ],
        payload: b"hi".to_vec(),
    }
}

#[test]
fn known_frames_decode_and_encode_to_their_exact_bytes() {
    let no_headers = Message::new(*br#"{"foo":"bar"}"#);
    let empty = Message::default();
    // The empty message: total 16, no headers; zlib.crc32 gives 0x05c248eb for the prelude,
    // 0x7d98c8ff for the message.
    let empty_bytes = "000000100000000005c248eb7d98c8ff";
    for (bytes, message) in [(NO_HEADERS, no_headers), (ALL_TYPES, all_types()), (empty_bytes, empty)] {
        let bytes = hex(bytes);
        assert_eq!(decode_all(&bytes), Ok(vec![message.clone()]));
        assert_eq!(message.to_frame().unwrap(), bytes);
    }
}

#[test]
fn the_empty_frame_has_the_crcs_of_other_implementations() {
    assert_eq!(Message::default().to_frame().unwrap(), frame(&[], &[]));
    assert_eq!(crc32fast::hash(&hex("0000001000000000")), 0x05c2_48eb);
}

#[test]
fn several_frames_in_one_chunk_come_out_in_order() {
    let mut stream = hex(NO_HEADERS);
    stream.extend(hex(ALL_TYPES));
    stream.extend(hex(NO_HEADERS));
    let messages = decode_all(&stream).unwrap();
    assert_eq!(messages.len(), 3);
    assert_eq!(messages[1], all_types());
    assert_eq!(messages[0], messages[2]);
}

#[test]
fn a_frame_split_at_every_position_decodes_once() {
    let bytes = hex(ALL_TYPES);
    for at in 0..=bytes.len() {
        let mut decoder = Decoder::new();
        let (first, second) = bytes.split_at(at);
        let mut messages: Vec<_> = decoder.messages(first).collect::<Result<_, _>>().unwrap();
        assert_eq!(decoder.buffered_len(), if at == bytes.len() { 0 } else { at }, "split at {at}");
        messages.extend(decoder.messages(second).collect::<Result<Vec<_>, _>>().unwrap());
        assert_eq!(messages, vec![all_types()], "split at {at}");
        assert_eq!(decoder.finish(), Ok(()));
    }
}

#[test]
fn byte_by_byte_the_decoder_holds_one_frame_at_most() {
    let one = hex(ALL_TYPES);
    let stream = [one.clone(), one.clone()].concat();
    let mut decoder = Decoder::new();
    let mut messages = 0;
    for byte in &stream {
        messages += decoder.messages(std::slice::from_ref(byte)).map(Result::unwrap).count();
        assert!(decoder.buffered_len() < one.len());
    }
    assert_eq!(messages, 2);
}

#[test]
fn a_stream_ending_inside_a_frame_is_truncated() {
    let bytes = hex(NO_HEADERS);
    let mut decoder = Decoder::new();
    assert_eq!(decoder.messages(&bytes[..5]).count(), 0);
    assert_eq!(decoder.finish(), Err(DecodeError::Truncated { received: 5, total_len: None }));
    assert_eq!(decoder.messages(&bytes[5..20]).count(), 0);
    assert_eq!(decoder.finish(), Err(DecodeError::Truncated { received: 20, total_len: Some(29) }));
}

/// The first error decoding `bytes` in one chunk.
fn error_of(bytes: &[u8]) -> DecodeError {
    decode_all(bytes).expect_err("a malformed frame")
}

#[test]
fn each_malformed_frame_gives_its_error() {
    let good = hex(ALL_TYPES);

    let mut bad_prelude = good.clone();
    bad_prelude[3] ^= 1;
    assert!(matches!(error_of(&bad_prelude), DecodeError::PreludeChecksum { expected: 0xb25e_fdcf, .. }));

    let mut bad_message = good.clone();
    bad_message[100] ^= 0x80;
    assert!(matches!(error_of(&bad_message), DecodeError::MessageChecksum { expected: 0xeff7_51c0, .. }));
    let mut bad_crc = good.clone();
    *bad_crc.last_mut().unwrap() ^= 1;
    assert_eq!(error_of(&bad_crc), DecodeError::MessageChecksum { expected: 0xeff7_51c1, computed: 0xeff7_51c0 });

    assert_eq!(error_of(&prelude(15, 0)), DecodeError::MessageTooShort { total_len: 15 });
    assert_eq!(error_of(&prelude(0, 0)), DecodeError::MessageTooShort { total_len: 0 });
    assert_eq!(error_of(&prelude(20, 5)), DecodeError::HeadersLongerThanMessage { headers_len: 5, total_len: 20 });
    assert_eq!(
        error_of(&prelude(16, u32::MAX)),
        DecodeError::HeadersLongerThanMessage { headers_len: u32::MAX, total_len: 16 }
    );
    assert_eq!(
        error_of(&prelude(u32::MAX, 0)),
        DecodeError::MessageTooLong { total_len: u32::MAX, max: MAX_MESSAGE_LEN }
    );

    // A header cut off at each place it can be: in its name, before its type, in its value.
    assert_eq!(error_of(&frame(b"\x05ab", b"")), DecodeError::TruncatedHeader { offset: 0 });
    assert_eq!(error_of(&frame(b"\x01a\x00\x02ab", b"")), DecodeError::TruncatedHeader { offset: 3 });
    assert_eq!(error_of(&frame(b"\x01a\x04\x00\x00\x01", b"x")), DecodeError::TruncatedHeader { offset: 0 });
    assert_eq!(error_of(&frame(b"\x01a\x07\x00\x05abc", b"")), DecodeError::TruncatedHeader { offset: 0 });
    assert_eq!(error_of(&frame(b"\x01a\x06\x00", b"")), DecodeError::TruncatedHeader { offset: 0 });
    assert_eq!(error_of(&frame(b"\x01a\x09", b"")), DecodeError::TruncatedHeader { offset: 0 });

    assert_eq!(error_of(&frame(b"\x00\x00", b"")), DecodeError::EmptyHeaderName { offset: 0 });
    assert_eq!(error_of(&frame(b"\x01a\x00\x01\xff\x00", b"")), DecodeError::InvalidHeaderName { offset: 3 });
    assert_eq!(
        error_of(&frame(b"\x04type\x0a", b"")),
        DecodeError::UnknownHeaderType { name: "type".into(), code: 10 }
    );
    assert_eq!(
        error_of(&frame(b"\x01s\x07\x00\x02\xc3\x28", b"")),
        DecodeError::InvalidUtf8 { name: "s".into() }
    );
}

#[test]
fn a_hostile_length_is_refused_before_anything_is_buffered() {
    let mut decoder = Decoder::with_max_message_len(1024);
    let mut input: &[u8] = &prelude(1025, 0);
    assert_eq!(decoder.decode(&mut input), Err(DecodeError::MessageTooLong { total_len: 1025, max: 1024 }));
    assert_eq!(decoder.buffered_len(), 0);

    // A length within the limit: the buffer grows with the bytes that come, not with it.
    let mut decoder = Decoder::new();
    let announced = prelude(MAX_MESSAGE_LEN as u32, 0);
    assert_eq!(decoder.messages(&announced).count(), 0);
    assert_eq!(decoder.messages(&[0; 100]).count(), 0);
    assert_eq!(decoder.buffered_len(), 112);
}

#[test]
fn after_an_error_the_decoder_gives_it_again() {
    let mut bad = hex(NO_HEADERS);
    bad[20] ^= 1;
    let mut decoder = Decoder::new();
    let first: Vec<_> = decoder.messages(&bad).collect();
    assert_eq!(first.len(), 1);
    let error = first[0].clone().unwrap_err();
    let mut good: &[u8] = &hex(NO_HEADERS);
    assert_eq!(decoder.decode(&mut good), Err(error.clone()));
    assert_eq!(decoder.finish(), Err(error));
}

#[test]
fn the_encoder_refuses_what_the_format_forbids() {
    let with = |headers: Vec<Header>| Message { headers, payload: Vec::new() }.to_frame();
    assert_eq!(with(vec![string("", "x")]), Err(EncodeError::EmptyHeaderName));
    assert_eq!(with(vec![string(&"n".repeat(256), "x")]), Err(EncodeError::HeaderNameTooLong { len: 256 }));
    assert!(with(vec![string(&"n".repeat(255), "x")]).is_ok());
    assert_eq!(
        with(vec![string("a", "1"), string("b", "2"), string("a", "3")]),
        Err(EncodeError::DuplicateHeader { name: "a".into() })
    );
    assert_eq!(
        with(vec![string("a", &"v".repeat(32_768))]),
        Err(EncodeError::HeaderValueTooLong { name: "a".into(), len: 32_768 })
    );
    let bytes = |n: usize| Header { name: "b".into(), value: HeaderValue::Bytes(vec![0; n]) };
    assert_eq!(with(vec![bytes(32_768)]), Err(EncodeError::HeaderValueTooLong { name: "b".into(), len: 32_768 }));
    assert!(with(vec![bytes(32_767)]).is_ok());
    // Five headers of 32,767 bytes: each allowed, together past 128 KiB.
    let many: Vec<Header> = (0..5)
        .map(|i| Header { name: format!("h{i}"), value: HeaderValue::Bytes(vec![0; 32_767]) })
        .collect();
    assert_eq!(with(many), Err(EncodeError::HeadersTooLong { len: 5 * (1 + 2 + 1 + 2 + 32_767) }));
    const { assert!(5 * 32_767 > MAX_HEADERS_LEN) };

    let mut out = b"kept".to_vec();
    let too_long = Message::new(vec![0; MAX_PAYLOAD_LEN + 1]);
    assert_eq!(too_long.encode(&mut out), Err(EncodeError::PayloadTooLong { len: MAX_PAYLOAD_LEN + 1 }));
    assert_eq!(out, b"kept");
}

#[test]
fn the_largest_message_the_specification_allows_decodes() {
    // Three headers of 32,773 bytes (name "hN", type, length, 32,767 bytes of value) and
    // one of 32,753: exactly 128 KiB.
    let headers: Vec<Header> = [32_767, 32_767, 32_767, 32_747]
        .into_iter()
        .enumerate()
        .map(|(i, len)| Header { name: format!("h{i}"), value: HeaderValue::Bytes(vec![i as u8; len]) })
        .collect();
    let message = Message { headers, payload: vec![7; MAX_PAYLOAD_LEN] };
    let bytes = message.to_frame().unwrap();
    assert_eq!(bytes.len(), MAX_MESSAGE_LEN);
    assert_eq!(decode_all(&bytes).unwrap(), vec![message]);
}

#[test]
fn the_decoder_takes_what_only_the_encoder_refuses() {
    // A string past 32,767 bytes (its u16 length says how long), a repeated name and an
    // empty value: the decoder reads them as they are rather than lose the message.
    let long = "x".repeat(40_000);
    let mut headers = vec![1, b's', 7];
    headers.extend_from_slice(&40_000u16.to_be_bytes());
    headers.extend_from_slice(long.as_bytes());
    headers.extend_from_slice(b"\x01s\x07\x00\x00");
    let decoded = decode_all(&frame(&headers, b"p")).unwrap();
    assert_eq!(decoded, vec![Message { headers: vec![string("s", &long), string("s", "")], payload: b"p".to_vec() }]);
}

#[test]
fn timestamps_are_milliseconds_rounded_toward_the_past() {
    let at = |nanos: i128| time::OffsetDateTime::from_unix_timestamp_nanos(nanos).unwrap();
    assert_eq!(HeaderValue::timestamp(at(1_700_000_000_123_999_999)), HeaderValue::Timestamp(1_700_000_000_123));
    assert_eq!(HeaderValue::timestamp(at(-1)), HeaderValue::Timestamp(-1));
}

// Round trips, and the agreement of this codec with aws-smithy-eventstream's.

fn header_value() -> impl Strategy<Value = HeaderValue> {
    prop_oneof![
        any::<bool>().prop_map(HeaderValue::Bool),
        any::<i8>().prop_map(HeaderValue::Byte),
        any::<i16>().prop_map(HeaderValue::Short),
        any::<i32>().prop_map(HeaderValue::Int),
        any::<i64>().prop_map(HeaderValue::Long),
        proptest::collection::vec(any::<u8>(), 0..40).prop_map(HeaderValue::Bytes),
        "\\PC{0,20}".prop_map(HeaderValue::String),
        any::<i64>().prop_map(HeaderValue::Timestamp),
        any::<[u8; 16]>().prop_map(HeaderValue::Uuid),
    ]
}

fn message() -> impl Strategy<Value = Message> {
    let headers = proptest::collection::btree_map("[a-z:-][\\PC]{0,12}", header_value(), 0..6);
    (headers, proptest::collection::vec(any::<u8>(), 0..64)).prop_map(|(headers, payload)| Message {
        headers: headers.into_iter().map(|(name, value)| Header { name, value }).collect(),
        payload,
    })
}

fn theirs(message: &Message) -> aws_smithy_types::event_stream::Message {
    use aws_smithy_types::event_stream::{Header as TheirHeader, HeaderValue as V};
    let headers = message.headers.iter().map(|h| {
        let value = match &h.value {
            HeaderValue::Bool(b) => V::Bool(*b),
            HeaderValue::Byte(v) => V::Byte(*v),
            HeaderValue::Short(v) => V::Int16(*v),
            HeaderValue::Int(v) => V::Int32(*v),
            HeaderValue::Long(v) => V::Int64(*v),
            HeaderValue::Bytes(b) => V::ByteArray(b.clone().into()),
            HeaderValue::String(s) => V::String(s.clone().into()),
            HeaderValue::Timestamp(ms) => V::Timestamp(aws_smithy_types::DateTime::from_millis(*ms)),
            HeaderValue::Uuid(u) => V::Uuid(u128::from_be_bytes(*u)),
        };
        TheirHeader::new(h.name.clone(), value)
    });
    aws_smithy_types::event_stream::Message::new_from_parts(headers.collect(), message.payload.clone())
}

proptest! {
    #[test]
    fn any_message_round_trips_split_anywhere(message in message()) {
        let bytes = message.to_frame().unwrap();
        prop_assert_eq!(decode_all(&bytes).unwrap(), vec![message.clone()]);
        for at in 0..=bytes.len() {
            let mut decoder = Decoder::new();
            let mut decoded: Vec<Message> = decoder.messages(&bytes[..at]).collect::<Result<_, _>>().unwrap();
            decoded.extend(decoder.messages(&bytes[at..]).map(Result::unwrap));
            prop_assert_eq!(&decoded, &vec![message.clone()], "split at {}", at);
            prop_assert_eq!(decoder.finish(), Ok(()));
        }
    }

    #[test]
    fn a_stream_of_messages_in_any_chunks_decodes_in_order(
        messages in proptest::collection::vec(message(), 0..5),
        chunk in 1usize..50,
    ) {
        let stream: Vec<u8> = messages.iter().flat_map(|m| m.to_frame().unwrap()).collect();
        let mut decoder = Decoder::new();
        let mut decoded = Vec::new();
        for piece in stream.chunks(chunk) {
            decoded.extend(decoder.messages(piece).map(Result::unwrap));
        }
        prop_assert_eq!(decoded, messages);
        prop_assert_eq!(decoder.finish(), Ok(()));
    }

    #[test]
    fn frames_are_byte_for_byte_those_of_aws_smithy_eventstream(message in message()) {
        let mut their_bytes = Vec::new();
        aws_smithy_eventstream::frame::write_message_to(&theirs(&message), &mut their_bytes).unwrap();
        prop_assert_eq!(message.to_frame().unwrap(), their_bytes.clone());
        let read_back = aws_smithy_eventstream::frame::read_message_from(&their_bytes[..]).unwrap();
        prop_assert_eq!(read_back, theirs(&message));
    }

    #[test]
    fn a_mutated_frame_never_panics_and_a_changed_byte_is_caught(
        message in message(),
        at in any::<prop::sample::Index>(),
        flip in 1u8..=255,
    ) {
        let mut bytes = message.to_frame().unwrap();
        let i = at.index(bytes.len());
        bytes[i] ^= flip;
        // CRC-32 catches every error in a burst of at most 32 bits: one changed byte
        // never gets through.
        prop_assert!(decode_all(&bytes).is_err());
    }

    #[test]
    fn any_lengths_behind_a_correct_prelude_crc_never_panic_nor_overbuffer(
        total in prop_oneof![0u32..300, any::<u32>()],
        headers in prop_oneof![0u32..300, any::<u32>()],
        rest in proptest::collection::vec(any::<u8>(), 0..300),
    ) {
        let bytes = [prelude(total, headers), rest].concat();
        let mut decoder = Decoder::new();
        for piece in bytes.chunks(7) {
            let _ = decoder.messages(piece).count();
            prop_assert!(decoder.buffered_len() <= bytes.len());
        }
        prop_assert!(decoder.finish().is_err());
    }

    #[test]
    fn any_bytes_decode_to_messages_or_an_error(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
        let _ = decode_all(&bytes);
    }
}
