//! HTTP bindings of members (restJson1): where each member of an operation's input, output
//! or error travels, under which wire name, and the timestamp format the binding implies.
//!
//! Bindings only mean something on the top-level members of inputs, outputs and errors;
//! members of nested structures always travel in the JSON body.

use crate::error::ModelError;
use crate::ir::{
    BodyRules, ChecksumIr, Location, NamedKind, NamedRef, Payload, PayloadKind, StructIr, StructRole, TypeRef,
    UriSegment,
};
use crate::load::{Member, Shape, ShapeKind, SimpleType};
use crate::resolve::Resolved;
use crate::traits::{TimestampFormat, Traits};

/// Where a member travels, and its name there.
pub(crate) struct Binding {
    pub location: Location,
    /// JSON key, query key, header name or header prefix; `None` keeps the member's name.
    pub wire_name: Option<String>,
}

/// The binding of `member` in a structure with `role`.
pub(crate) fn binding(model: &Resolved, member: &Member<Traits>, role: StructRole) -> Binding {
    let t = &member.traits;
    let body = Binding { location: Location::Body, wire_name: t.json_name.clone() };
    let bound = |location: Location, name: Option<&String>| Binding { location, wire_name: name.cloned() };
    match role {
        // An event of a stream: its headers and payload are the message's (see
        // `lower::event_stream`); elsewhere the traits mean nothing.
        StructRole::Plain if t.event_header => bound(Location::Header { base64: false }, None),
        StructRole::Plain if t.event_payload => bound(Location::Payload(payload(model, member)), None),
        StructRole::Plain => body,
        StructRole::Input if t.http_label => bound(Location::Label { greedy: false }, None),
        StructRole::Input if t.http_query.is_some() => bound(Location::Query, t.http_query.as_ref()),
        StructRole::Input if t.http_query_params => bound(Location::QueryParams, None),
        StructRole::Output if t.http_response_code => bound(Location::ResponseCode, None),
        _ if t.http_header.is_some() => {
            let base64 = is_media_type_string(model, member);
            bound(Location::Header { base64 }, t.http_header.as_ref())
        }
        _ if t.http_prefix_headers.is_some() => {
            let prefix = t.http_prefix_headers.as_ref().map(|p| p.to_ascii_lowercase());
            Binding { location: Location::PrefixHeaders, wire_name: prefix }
        }
        _ if t.http_payload => bound(Location::Payload(payload(model, member)), None),
        _ => body,
    }
}

/// A string with `@mediaType`: in a header, its value travels base64-encoded.
fn is_media_type_string(model: &Resolved, member: &Member<Traits>) -> bool {
    let target = model.shape(&member.target);
    matches!(target.kind, ShapeKind::Simple(SimpleType::String)) && target.traits.media_type.is_some()
}

/// The payload kind and `Content-Type` of an `@httpPayload` member.
fn payload(model: &Resolved, member: &Member<Traits>) -> Payload {
    let target = model.shape(&member.target);
    let media = target.traits.media_type.clone();
    let (kind, default) = match &target.kind {
        ShapeKind::Simple(SimpleType::Blob) => (PayloadKind::Blob, "application/octet-stream"),
        ShapeKind::Simple(SimpleType::String) | ShapeKind::Enum { .. } => (PayloadKind::Text, "text/plain"),
        _ => (PayloadKind::Json, "application/json"),
    };
    let content_type = match kind {
        // A structure, union or document payload is always JSON, whatever else is declared.
        PayloadKind::Json => default.to_owned(),
        _ => media.unwrap_or_else(|| default.to_owned()),
    };
    let streaming = kind == PayloadKind::Blob && target.traits.streaming;
    let requires_length = streaming && target.traits.requires_length;
    Payload { kind, content_type, streaming, requires_length }
}

/// `ty` with the timestamp format the binding implies where the model gives none: HTTP
/// dates in headers, RFC 3339 date-times in URIs and query strings, epoch seconds in JSON.
pub(crate) fn bound_type(model: &Resolved, member: &Member<Traits>, location: &Location, ty: TypeRef) -> TypeRef {
    let format = match location {
        Location::Header { .. } | Location::PrefixHeaders => TimestampFormat::HttpDate,
        Location::Label { .. } | Location::Query | Location::QueryParams => TimestampFormat::DateTime,
        _ => return ty,
    };
    retime(model, member, ty, format)
}

fn retime(model: &Resolved, member: &Member<Traits>, ty: TypeRef, format: TimestampFormat) -> TypeRef {
    let target = model.shape(&member.target);
    match (ty, &target.kind) {
        (TypeRef::Timestamp(own), _) => {
            let explicit = member.traits.timestamp_format.is_some() || target.traits.timestamp_format.is_some();
            TypeRef::Timestamp(if explicit { own } else { format })
        }
        (TypeRef::List(inner), ShapeKind::List { member: item } | ShapeKind::Set { member: item }) => {
            TypeRef::List(Box::new(retime(model, item, *inner, format)))
        }
        (TypeRef::Map(inner), ShapeKind::Map { value, .. }) => TypeRef::Map(Box::new(retime(model, value, *inner, format))),
        (ty, _) => ty,
    }
}

/// Parses `@endpoint(hostPrefix: "{Foo}.data.")` into literals and labels, each label
/// naming a string member of the input marked `@hostLabel` and `@required`.
pub(crate) fn host_prefix(template: &str, input: &StructIr, path: &str, shape: &str) -> Result<Vec<UriSegment>, ModelError> {
    let err = |message: String| ModelError::at(path, Some(shape), message);
    let mut segments = Vec::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        if open > 0 {
            segments.push(UriSegment::Literal(rest[..open].to_owned()));
        }
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| err(format!("unclosed `{{` in the host prefix `{template}`")))?;
        let name = &after[..close];
        let member = input
            .members
            .iter()
            .find(|m| m.model_name == name)
            .ok_or_else(|| err(format!("the host label `{{{name}}}` names no member of the input")))?;
        // As for URI labels, a @clientOptional one is an `Option` checked at request time.
        if member.ty != TypeRef::String || !member.required_in_model {
            return Err(err(format!("the host label member `{name}` must be a @required string")));
        }
        segments.push(UriSegment::Label { field: member.field.clone(), model_name: name.to_owned(), greedy: false });
        rest = &after[close + 1..];
    }
    if rest.contains('}') {
        return Err(err(format!("stray `}}` in the host prefix `{template}`")));
    }
    if !rest.is_empty() {
        segments.push(UriSegment::Literal(rest.to_owned()));
    }
    Ok(segments)
}

/// What the request body of the operation `shape` goes through: `@requestCompression`
/// (gzip is the one encoding the crate knows; a list without it leaves bodies as they are),
/// `@httpChecksumRequired` and the request side of `aws.protocols#httpChecksum`.
pub(crate) fn body_rules(shape: &Shape<Traits>, input: &StructIr) -> Result<BodyRules, ModelError> {
    let t = &shape.traits;
    let gzip = t.request_compression.as_ref().is_some_and(|encodings| encodings.iter().any(|e| e == "gzip"));
    let checksum = match &t.http_checksum {
        Some(c) if c.request_algorithm_member.is_some() || c.request_checksum_required => {
            let path = format!("{}.traits[\"aws.protocols#httpChecksum\"].requestAlgorithmMember", shape.path);
            let member = match &c.request_algorithm_member {
                None => None,
                Some(name) => {
                    let err = |message: String| ModelError::at(&path, Some(&shape.id), message);
                    let m = input
                        .members
                        .iter()
                        .find(|m| &m.model_name == name)
                        .ok_or_else(|| err(format!("the checksum algorithm member `{name}` is not a member of the input")))?;
                    let is_text = matches!(m.ty, TypeRef::String | TypeRef::Named(NamedRef { kind: NamedKind::Enum, .. }));
                    if !is_text {
                        return Err(err(format!("the checksum algorithm member `{name}` must be a string or an enum")));
                    }
                    Some(m)
                }
            };
            Some(ChecksumIr {
                algorithm_field: member.map(|m| m.field.clone()),
                algorithm_optional: member.is_some_and(|m| m.is_optional()),
                algorithm_enum: member.is_some_and(|m| matches!(m.ty, TypeRef::Named(_))),
                algorithm_header: member
                    .filter(|m| matches!(m.location, Location::Header { .. }))
                    .map(|m| m.wire_name.clone()),
                required: c.request_checksum_required,
            })
        }
        _ => None,
    };
    Ok(BodyRules { gzip, content_md5: t.http_checksum_required, checksum })
}
