//! Event streams: each `@streaming` union of the generated operations becomes an
//! [`EventStreamIr`], its events (the union's members that are not errors) and its modeled
//! errors; the union in `crate::types` keeps the events only, and the operation's input or
//! output gives its stream member to the operation.
//!
//! Runs on the lowered shapes: the event structures already have their `@eventHeader` members
//! bound to headers and their `@eventPayload` member to the payload (`lower::http`), so their
//! JSON readers read the rest.

use super::shape_name;
use crate::error::{ModelError, Unsupported};
use crate::ir::{Http2, 
    EventHeaderIr, EventIr, EventPayloadIr, EventShapeIr, EventStreamIr, ExceptionIr, Location, NamedKind, NamedRef,
    OperationIr, Presence, StreamMemberIr, StructIr, TypeIr, TypeRef, WireUse,
};
use crate::load::ShapeKind;
use crate::resolve::{Resolved, UNIT};

/// Lowers the event streams among `types`, and takes each operation's stream member out of
/// its input or output.
pub(crate) fn lower(
    model: &Resolved,
    types: &mut [TypeIr],
    errors: &[StructIr],
    ops: &mut [OperationIr],
) -> Result<Vec<EventStreamIr>, ModelError> {
    let structs: Vec<StructIr> = types
        .iter()
        .filter_map(|t| match t {
            TypeIr::Struct(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    let mut streams = Vec::new();
    for ty in types.iter_mut() {
        let TypeIr::Union(union) = ty else { continue };
        let shape = model.shape(&union.shape_id);
        if !shape.traits.streaming {
            continue;
        }
        let ShapeKind::Union { members } = &shape.kind else { continue };
        // The RPC protocols carry the members outside the stream in `initial-request` and
        // `initial-response` messages, which are not built: the operations that reach the
        // stream are left out, and named, rather than generated wrong.
        let protocol = model.protocol.protocol;
        if protocol != crate::traits::Protocol::RestJson1 {
            return Err(ModelError::unsupported(
                &shape.path,
                Some(&union.shape_id),
                Unsupported::EventStream,
                format!("event streams with {} (initial-request and initial-response messages) are not supported yet", protocol.name()),
            ));
        }
        let mut events = Vec::new();
        let mut exceptions = Vec::new();
        for (member, variant) in members.iter().zip(&union.variants) {
            let target = model.shape(&member.target);
            if target.traits.error.is_some() {
                let error = errors.iter().find(|e| e.shape_id == member.target).ok_or_else(|| {
                    ModelError::at(&member.path, Some(&union.shape_id), format!("the error `{}` is not lowered", member.target))
                })?;
                exceptions.push(ExceptionIr {
                    exception_type: member.name.clone(),
                    variant: variant.rust_name.clone(),
                    rust_path: error.rust_path.clone(),
                    wire_module: error.wire_module.clone(),
                });
                continue;
            }
            let event_shape = if member.target == UNIT {
                None
            } else {
                let Some(s) = structs.iter().find(|s| s.shape_id == member.target) else {
                    return Err(ModelError::unsupported(
                        format!("{}.target", member.path),
                        Some(&union.shape_id),
                        Unsupported::EventStream,
                        format!("the event `{}` is not a structure; events of other shapes are not supported", member.name),
                    ));
                };
                Some(event_shape(s, matches!(variant.ty, Some(TypeRef::Boxed(_))))?)
            };
            events.push(EventIr {
                event_type: member.name.clone(),
                variant: variant.rust_name.clone(),
                // Variants are unique, and so are their snake-case names.
                reader: format!("read_{}", crate::names::unraw(&crate::names::snake(&variant.rust_name))),
                shape: event_shape,
            });
        }
        let exception_names: Vec<&str> = exceptions.iter().map(|e| e.variant.as_str()).collect();
        union.variants.retain(|v| !exception_names.contains(&v.rust_name.as_str()));
        // Events are read from messages, never as JSON objects of the union.
        union.wire_use = WireUse::default();
        streams.push(EventStreamIr {
            shape_id: union.shape_id.clone(),
            union_path: union.rust_path.clone(),
            union_name: union.rust_name.clone(),
            module_path: format!("crate::event_streams::{}", union.module),
            module: union.module.clone(),
            error_name: format!("{}Error", union.rust_name),
            events,
            exceptions,
            read: false,
            write: false,
        });
    }
    // An event with an `@eventPayload` member is built from its message, never read as a
    // JSON object, unless something else holds it.
    let payload_events: Vec<String> = streams
        .iter()
        .flat_map(|s| &s.events)
        .filter_map(|e| e.shape.as_ref().filter(|shape| shape.payload.is_some()))
        .map(|shape| shape.rust_path.clone())
        .collect();
    for path in payload_events {
        if !held_elsewhere(types, errors, ops, &path) {
            for ty in types.iter_mut() {
                if let TypeIr::Struct(s) = ty
                    && s.rust_path == path
                {
                    s.wire_use.read = false;
                }
            }
        }
    }
    for op in ops.iter_mut() {
        let union_paths: Vec<String> = streams.iter().map(|s| s.union_path.clone()).collect();
        let stream_of = |m: &crate::ir::MemberIr| match &m.ty {
            TypeRef::Named(NamedRef { kind: NamedKind::Union, rust_path, .. }) => union_paths.iter().position(|p| p == rust_path),
            _ => None,
        };
        if let Some(index) = op.input.members.iter().position(|m| stream_of(m).is_some()) {
            let member = op.input.members.remove(index);
            let stream = &mut streams[stream_of(&member).unwrap_or_default()];
            stream.write = true;
            op.event_input = Some(StreamMemberIr {
                model_name: member.model_name,
                stream: stream.shape_id.clone(),
                module_path: stream.module_path.clone(),
                error_name: stream.error_name.clone(),
                union_path: stream.union_path.clone(),
            });
        }
        let Some(index) = op.output.members.iter().position(|m| stream_of(m).is_some()) else { continue };
        let member = op.output.members.remove(index);
        let stream = &mut streams[stream_of(&member).unwrap_or_default()];
        stream.read = true;
        op.event_output = Some(StreamMemberIr {
            model_name: member.model_name,
            stream: stream.shape_id.clone(),
            module_path: stream.module_path.clone(),
            error_name: stream.error_name.clone(),
            union_path: stream.union_path.clone(),
        });
    }
    streams.retain(|s| s.read || s.write);
    let versions = model.service_traits.event_stream_http.get(model.protocol.protocol.shape_id());
    for op in ops.iter_mut() {
        op.http2 = http2_use(versions.map(Vec::as_slice), op.event_input.is_some(), op.event_output.is_some());
    }
    // An event sent with members outside its headers and payload writes them as its JSON
    // payload.
    let written_bodies: Vec<String> = streams
        .iter()
        .filter(|s| s.write)
        .flat_map(|s| &s.events)
        .filter_map(|e| e.shape.as_ref().filter(|shape| shape.body))
        .map(|shape| shape.rust_path.clone())
        .collect();
    for ty in types.iter_mut() {
        if let TypeIr::Struct(s) = ty
            && written_bodies.contains(&s.rust_path)
        {
            s.wire_use.write = true;
        }
    }
    streams.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(streams)
}

/// Whether an operation's event streams go over HTTP/2, from the versions the protocol
/// trait gives them (`eventStreamHttp`, in order of preference): when HTTP/1.1 is not among
/// them; and for an input stream when HTTP/2 comes first (a duplex conversation is what
/// services offer HTTP/2 for, and some take it over nothing else whatever the model lists).
/// An output stream alone stays on HTTP/1.1 when the service allows it.
fn http2_use(versions: Option<&[String]>, input_stream: bool, output_stream: bool) -> Http2 {
    let Some(versions) = versions.filter(|_| input_stream || output_stream) else { return Http2::No };
    let offers = |v: &str| versions.iter().any(|x| x == v);
    match (offers("h2"), offers("http/1.1")) {
        (true, false) => Http2::Required,
        (true, true) if input_stream && versions.first().is_some_and(|v| v == "h2") => Http2::Preferred,
        _ => Http2::No,
    }
}

fn event_shape(s: &StructIr, boxed: bool) -> Result<EventShapeIr, ModelError> {
    let mut headers = Vec::new();
    let mut payload = None;
    for m in &s.members {
        match &m.location {
            Location::Header { .. } => {
                if !header_type(&m.ty) {
                    return Err(ModelError::unsupported(
                        &s.shape_id,
                        Some(&s.shape_id),
                        Unsupported::EventStream,
                        format!("the event header `{}` of `{}` has a type no header holds", m.model_name, shape_name(&s.shape_id)),
                    ));
                }
                headers.push(EventHeaderIr {
                    field: m.field.clone(),
                    name: m.wire_name.clone(),
                    ty: m.ty.clone(),
                    optional: m.presence == Presence::Optional,
                });
            }
            Location::Payload(p) => {
                payload = Some(EventPayloadIr {
                    field: m.field.clone(),
                    kind: p.kind,
                    ty: m.ty.clone(),
                    optional: m.presence == Presence::Optional,
                    content_type: p.content_type.clone(),
                });
            }
            _ => {}
        }
    }
    if payload.is_some() && s.members.iter().any(|m| m.location == Location::Body) {
        return Err(ModelError::at(
            &s.shape_id,
            Some(&s.shape_id),
            format!("the event `{}` has an @eventPayload member, so its other members must be @eventHeader", shape_name(&s.shape_id)),
        ));
    }
    let body = s.members.iter().any(|m| m.location == Location::Body);
    Ok(EventShapeIr { rust_path: s.rust_path.clone(), wire_module: s.wire_module.clone(), headers, payload, boxed, body })
}

/// Types a message header holds: booleans, integers up to 64 bits, blobs, strings (and
/// string enums), timestamps.
fn header_type(ty: &TypeRef) -> bool {
    matches!(
        ty,
        TypeRef::Bool
            | TypeRef::Byte
            | TypeRef::Short
            | TypeRef::Integer
            | TypeRef::Long
            | TypeRef::Blob
            | TypeRef::String
            | TypeRef::Timestamp(_)
            | TypeRef::Named(NamedRef { kind: NamedKind::Enum, .. })
    )
}

/// Whether some structure, union (other than an event stream's), error, input or output
/// holds the type at `path`.
fn held_elsewhere(types: &[TypeIr], errors: &[StructIr], ops: &[OperationIr], path: &str) -> bool {
    fn names(ty: &TypeRef, path: &str) -> bool {
        match ty {
            TypeRef::Named(n) => n.rust_path == path,
            TypeRef::List(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) | TypeRef::Boxed(inner) => names(inner, path),
            _ => false,
        }
    }
    let in_members = |s: &StructIr| s.members.iter().any(|m| names(&m.ty, path));
    let in_types = types.iter().any(|t| match t {
        TypeIr::Struct(s) => in_members(s),
        // The event streams' unions have no JSON reader.
        TypeIr::Union(u) => u.wire_use != WireUse::default() && u.variants.iter().filter_map(|v| v.ty.as_ref()).any(|t| names(t, path)),
        TypeIr::Enum(_) => false,
    });
    in_types || errors.iter().any(in_members) || ops.iter().any(|o| in_members(&o.input) || in_members(&o.output))
}

#[cfg(test)]
mod tests {
    use super::http2_use;
    use crate::ir::{CrateIr, Http2, TypeIr};

    /// A restJson1 service sending a stream of three events: headers only, headers and body
    /// members, a structure payload.
    const MODEL: &str = r#"{
        "smithy": "2.0",
        "shapes": {
            "ns#Service": {
                "type": "service", "version": "1",
                "operations": [{"target": "ns#Send"}],
                "traits": {"aws.protocols#restJson1": {}}
            },
            "ns#Send": {
                "type": "operation",
                "input": {"target": "ns#SendInput"},
                "output": {"target": "smithy.api#Unit"},
                "traits": {"smithy.api#http": {"method": "POST", "uri": "/send"}}
            },
            "ns#SendInput": {
                "type": "structure",
                "members": {"stream": {"target": "ns#Events", "traits": {"smithy.api#httpPayload": {}}}},
                "traits": {"smithy.api#input": {}}
            },
            "ns#Events": {
                "type": "union",
                "members": {
                    "headers": {"target": "ns#HeadersOnly"},
                    "body": {"target": "ns#WithBody"},
                    "payload": {"target": "ns#WithPayload"}
                },
                "traits": {"smithy.api#streaming": {}}
            },
            "ns#HeadersOnly": {
                "type": "structure",
                "members": {"id": {"target": "smithy.api#String", "traits": {"smithy.api#eventHeader": {}}}}
            },
            "ns#WithBody": {
                "type": "structure",
                "members": {
                    "id": {"target": "smithy.api#String", "traits": {"smithy.api#eventHeader": {}}},
                    "inner": {"target": "ns#Inner"}
                }
            },
            "ns#WithPayload": {
                "type": "structure",
                "members": {"part": {"target": "ns#Part", "traits": {"smithy.api#eventPayload": {}}}}
            },
            "ns#Inner": {"type": "structure", "members": {"n": {"target": "smithy.api#Integer"}}},
            "ns#Part": {"type": "structure", "members": {"text": {"target": "smithy.api#String"}}}
        }
    }"#;

    fn lowered() -> CrateIr {
        lowered_from(MODEL).expect("the model lowers")
    }

    fn lowered_from(model: &str) -> Result<CrateIr, crate::Error> {
        let options = crate::Options {
            package: "send".to_owned(),
            crate_version: "0.0.0".to_owned(),
            model_display_name: "send.json".to_owned(),
            selection: crate::Selection::default(),
            runtime: crate::Runtime::Path(String::new()),
        };
        crate::lower_model(model, &options)
    }

    #[test]
    fn a_protocol_that_takes_event_streams_over_http2_only_marks_the_operation() {
        let model = MODEL.replace(r#""aws.protocols#restJson1": {}"#, r#""aws.protocols#restJson1": {"http": ["http/1.1"], "eventStreamHttp": ["h2"]}"#);
        let ir = lowered_from(&model).expect("the model lowers");
        assert_eq!(ir.operations[0].http2, Http2::Required);
        let model = MODEL.replace(r#""aws.protocols#restJson1": {}"#, r#""aws.protocols#restJson1": {"http": ["h2", "http/1.1"]}"#);
        assert_eq!(lowered_from(&model).expect("the model lowers").operations[0].http2, Http2::Preferred, "`http` stands in for `eventStreamHttp`");
        assert_eq!(lowered().operations[0].http2, Http2::No);
        let model = MODEL.replace(r#""aws.protocols#restJson1": {}"#, r#""aws.protocols#restJson1": {"eventStreamHttp": "h2"}"#);
        let error = lowered_from(&model).expect_err("not a list");
        assert!(error.to_string().contains("eventStreamHttp"), "{error}");
    }

    #[test]
    fn an_event_stream_with_an_rpc_protocol_leaves_its_operation_out_saying_why() {
        let model = MODEL.replace(r#""aws.protocols#restJson1": {}"#, r#""aws.protocols#awsJson1_0": {}"#);
        let ir = lowered_from(&model).expect("the service lowers without the operation");
        assert!(ir.operations.is_empty(), "{:?}", ir.operations.iter().map(|o| &o.rust_name).collect::<Vec<_>>());
        let reasons: Vec<String> = ir.unsupported.iter().map(|(op, e)| format!("{op}: {e}")).collect();
        assert!(reasons.iter().any(|r| r.contains("Send") && r.contains("awsJson1_0") && r.contains("initial-request")), "{reasons:?}");
    }

    fn writes(ir: &CrateIr, name: &str) -> bool {
        ir.types
            .iter()
            .find_map(|t| match t {
                TypeIr::Struct(s) if s.rust_name == name => Some(s.wire_use.write),
                _ => None,
            })
            .unwrap_or_else(|| panic!("no structure `{name}`"))
    }

    #[test]
    fn an_input_stream_is_written_and_its_json_gets_writers() {
        let ir = lowered();
        let [stream] = ir.event_streams.as_slice() else { panic!("one stream: {:?}", ir.event_streams) };
        assert!(stream.write && !stream.read, "{stream:?}");
        let op = &ir.operations[0];
        assert_eq!(op.event_input.as_ref().map(|s| s.model_name.as_str()), Some("stream"));
        let bodies: Vec<(&str, bool)> =
            stream.events.iter().map(|e| (e.event_type.as_str(), e.shape.as_ref().is_some_and(|s| s.body))).collect();
        assert_eq!(bodies, [("headers", false), ("body", true), ("payload", false)]);
        // The event with body members writes them, and so do the structures the events hold;
        // the events written from their headers or payload alone have no JSON writer.
        assert!(writes(&ir, "WithBody"));
        assert!(writes(&ir, "Inner"));
        assert!(writes(&ir, "Part"));
        assert!(!writes(&ir, "HeadersOnly"));
        assert!(!writes(&ir, "WithPayload"));
    }

    #[test]
    fn event_streams_take_http2_when_the_protocol_needs_or_prefers_it_for_input() {
        let list = |items: &[&str]| items.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
        let h2_first = list(&["h2", "http/1.1"]);
        let h1_first = list(&["http/1.1", "h2"]);
        let h2_only = list(&["h2"]);
        let h1_only = list(&["http/1.1"]);
        // (versions, input stream, output stream) -> use
        let cases = [
            (Some(&h2_only), true, true, Http2::Required),
            (Some(&h2_only), false, true, Http2::Required),
            (Some(&h2_first), true, true, Http2::Preferred),
            (Some(&h2_first), true, false, Http2::Preferred),
            (Some(&h2_first), false, true, Http2::No),
            (Some(&h1_first), true, true, Http2::No),
            (Some(&h1_only), true, true, Http2::No),
            (None, true, true, Http2::No),
            (Some(&h2_only), false, false, Http2::No),
        ];
        for (versions, input, output, expected) in cases {
            assert_eq!(http2_use(versions.map(Vec::as_slice), input, output), expected, "{versions:?} input {input} output {output}");
        }
    }
}
