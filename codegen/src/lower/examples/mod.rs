//! The worked example of the generated README and example program (`ir::example`): which
//! operation they call, and every value they use.
//!
//! The operation is the first, by name, of the best kind the model has: one whose values all
//! pass the crate's checks before one whose `@pattern` no value was found for (its examples
//! then turn validation off); a paginated operation with an items member before another
//! paginated one, and both before the rest; a `@readonly` one before one that changes
//! something; one with required input members before one without; then the one with the
//! most input members. Streaming and `@deprecated`
//! operations are not shown (their calls differ, or would warn).

mod cbor;
mod program;
mod strings;
mod values;

use crate::ir::example::{Body, Comparison, ErrorExample, ExampleIr, OutputCheck, PagesExample, Response, Setter, TokenCheck, Value};
use crate::ir::{CrateIr, Location, MemberIr, NamedKind, OperationIr, PayloadKind, Presence, StructIr, TypeRef, UriSegment};
use serde_json::Value as Json;
use std::collections::BTreeSet;
use values::{Inputs, Place, Responses, Types};

/// The request ids of the example responses.
const REQUEST_ID: &str = "4c1f0e7a";
const ERROR_REQUEST_ID: &str = "7c1f";
/// The message of the example error.
const ERROR_MESSAGE: &str = "something went wrong";
/// The page size the examples ask for, when the member's `@range` allows it.
const PAGE_SIZE: i64 = 10;
/// Names the examples' code uses besides the model's types: a type with one of these names
/// is written with its whole path rather than imported.
const TAKEN: &[&str] = &["Box", "Err", "ExitCode", "None", "Ok", "Operation", "Option", "Result", "SerializeOptions", "Some", "String", "Vec"];

/// The example of the best operation to show, if any can be shown.
pub(crate) fn example(ir: &CrateIr) -> Option<ExampleIr> {
    let types = Types::new(ir);
    let mut best: Option<(Rank, ExampleIr)> = None;
    for op in &ir.operations {
        if op.is_streaming() || op.deprecated.is_some() {
            continue;
        }
        let Some(example) = build(ir, &types, op) else { continue };
        let rank = rank(op, &example);
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, example));
        }
    }
    best.map(|(_, example)| example)
}

/// Lower is better: validation kept, pagination with items, `@readonly`, required members,
/// more members.
type Rank = (bool, u8, bool, bool, std::cmp::Reverse<usize>);

fn rank(op: &OperationIr, example: &ExampleIr) -> Rank {
    let paging = match &example.pages {
        Some(p) if p.items.is_some() => 0,
        Some(_) => 1,
        None => 2,
    };
    let members = std::cmp::Reverse(op.input.members.len());
    (!example.unchecked.is_empty(), paging, !op.readonly, example.required_setters == 0, members)
}

pub(super) fn member<'a>(s: &'a StructIr, field: &str) -> Option<&'a MemberIr> {
    s.members.iter().find(|m| m.field == field)
}

fn build(ir: &CrateIr, types: &Types<'_>, op: &OperationIr) -> Option<ExampleIr> {
    let host_labels: Vec<&str> = op
        .host_prefix
        .iter()
        .filter_map(|s| match s {
            UriSegment::Label { field, .. } => Some(field.as_str()),
            UriSegment::Literal(_) => None,
        })
        .collect();
    let mut inputs = Inputs::new(types);
    let mut input = Vec::new();
    let mut labels = Vec::new();
    for m in op.input.members.iter().filter(|m| m.presence == Presence::Required) {
        let value = inputs.member(m, &m.model_name, Place::of(m, &host_labels), 1)?;
        if let Location::Label { greedy } = m.location {
            labels.push((m.field.clone(), label_text(&value, types).map(|t| encode(&t, greedy))));
        }
        input.push(Setter { field: m.field.clone(), set_all: m.set_all.clone(), required: m.presence == crate::ir::Presence::Required, value });
    }
    let required_setters = input.len();
    let pagination = op.pagination.as_ref();
    let page_size_member = pagination.and_then(|p| p.page_size_field.as_deref()).and_then(|f| member(&op.input, f));
    let page_size = page_size_member
        .filter(|m| m.presence != Presence::Required && m.deprecated.is_none())
        .filter(|m| matches!(m.ty, TypeRef::Byte | TypeRef::Short | TypeRef::Integer | TypeRef::Long))
        .and_then(|m| Some((m, values::integer(&m.ty, &m.constraints, PAGE_SIZE)?)));
    if let Some((m, size)) = page_size {
        input.push(Setter { field: m.field.clone(), set_all: m.set_all.clone(), required: m.presence == crate::ir::Presence::Required, value: Value::Number(size.to_string()) });
    }
    // An optional nested structure, built with its members, shows the builders at work.
    let token = pagination.map(|p| p.input_token_field.as_str());
    let showcase = op
        .input
        .members
        .iter()
        .filter(|m| m.is_optional() && m.location == Location::Body && Some(m.field.as_str()) != token)
        .filter(|m| is_structure(m.ty.unboxed()) || matches!(&m.ty, TypeRef::List(inner) if is_structure(inner)))
        .find_map(|m| Some((m, inputs.showcase(m)?)));
    if let Some((m, value)) = showcase {
        input.push(Setter { field: m.field.clone(), set_all: m.set_all.clone(), required: m.presence == crate::ir::Presence::Required, value });
    }
    let path = request_path(op, &labels);

    let responses = Responses { types, cbor: ir.service.protocol.codec == crate::ir::Codec::Cbor };
    let (body, output_check) = output_body(op, &responses, 1, None)?;
    let response = Response { status: op.success_code, request_id: REQUEST_ID.into(), headers: Vec::new(), body };
    let error = error_example(ir, op, &responses);
    let pages = match pagination {
        Some(_) => pages(op, &mut inputs, &responses, page_size.filter(|(m, _)| m.ty == TypeRef::Integer).map(|(_, n)| n)),
        None => None,
    };

    let imports = imports(op, &inputs.named);
    for setter in &mut input {
        shorten(&mut setter.value, &imports);
    }
    let program = program::build(op, types, &input[..required_setters], &inputs.unchecked);
    Some(ExampleIr {
        operation: op.rust_name.clone(),
        operation_module: format!("crate::operation::{}", op.module),
        input_type: op.input.rust_name.clone(),
        error_enum: op.error_enum.clone(),
        client_method: ir.service.client.methods.get(&op.rust_name)?.clone(),
        imports,
        input,
        required_setters,
        unchecked: inputs.unchecked,
        method: op.method.clone(),
        path,
        response,
        output_check,
        error,
        pages,
        program,
    })
}

fn is_structure(ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(n) if n.kind == NamedKind::Struct)
}

/// A label's text, when the example can say it: strings, enums, integers, booleans (floats
/// and timestamps have formats of their own).
fn label_text(value: &Value, types: &Types<'_>) -> Option<String> {
    match value {
        Value::Text(t) => Some(t.clone()),
        Value::Number(t) if !t.contains('.') => Some(t.clone()),
        Value::Bool(b) => Some(b.to_string()),
        Value::Enum { path, variant } => {
            types.enumeration(path)?.variants.iter().find(|v| &v.rust_name == variant).map(|v| v.wire_value.clone())
        }
        _ => None,
    }
}

/// Percent-encoding as the crate writes labels and query strings: every byte outside
/// `A-Za-z0-9-._~` (and `/` in a greedy label) as `%XX`.
fn encode(text: &str, keep_slash: bool) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) || (keep_slash && b == b'/') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The request's path, when every label's text is known.
fn request_path(op: &OperationIr, labels: &[(String, Option<String>)]) -> Option<String> {
    let mut path = String::new();
    for segment in &op.uri.path {
        match segment {
            UriSegment::Literal(text) => path.push_str(text),
            UriSegment::Label { field, .. } => {
                path.push_str(labels.iter().find(|(f, _)| f == field)?.1.as_deref()?);
            }
        }
    }
    Some(path)
}

/// The JSON text of a successful response holding `items` items (when the operation names
/// its items member) and the page `token`, with what the example checks of it.
fn output_body(op: &OperationIr, responses: &Responses<'_, '_>, items: usize, token: Option<&str>) -> Option<(Body, OutputCheck)> {
    let output = &op.output;
    if let Some(payload) = output.members.iter().find(|m| matches!(m.location, Location::Payload(_))) {
        let Location::Payload(p) = &payload.location else { return None };
        let body = match p.kind {
            PayloadKind::Json => responses.value(&payload.ty, &payload.constraints, 0)?.to_string(),
            PayloadKind::Blob | PayloadKind::Text => "example".to_owned(),
        };
        return Some((Body::Text(body), OutputCheck::None));
    }
    let mut object = responses.object(output, values::OPTIONAL_SHOWN, 0)?;
    let pagination = op.pagination.as_ref();
    let mut check = OutputCheck::None;
    if let Some((m, inner)) = items_member(op) {
        let item = item_json(responses, inner)?;
        let first = item_comparison(responses, inner, &item);
        object.insert(m.wire_name.clone(), Json::Array(vec![item; items]));
        check = OutputCheck::Items { accessor: m.field.clone(), count: items, first };
    }
    if let Some(m) = pagination.and_then(|p| member(output, &p.output_token_field)) {
        object.remove(&m.wire_name);
        if let (Some(token), Location::Body) = (token, &m.location) {
            object.insert(m.wire_name.clone(), Json::String(token.to_owned()));
        }
    }
    if check == OutputCheck::None {
        check = output
            .members
            .iter()
            .filter(|m| m.location == Location::Body && object.contains_key(&m.wire_name))
            .find_map(|m| comparison(responses, m, &object[&m.wire_name]))
            .map_or(OutputCheck::None, OutputCheck::Member);
    }
    let body = if responses.cbor {
        Body::Cbor(cbor::structure(responses.types, output, &object, &[])?)
    } else {
        Body::Text(Json::Object(object).to_string())
    };
    Some((body, check))
}

/// The output's items member and the type of its items, when it is a list in the body
/// (the paginators read items from lists only).
pub(super) fn items_member(op: &OperationIr) -> Option<(&MemberIr, &TypeRef)> {
    let m = member(&op.output, op.pagination.as_ref()?.items_field.as_deref()?)?;
    match &m.ty {
        TypeRef::List(inner) if m.location == Location::Body => Some((m, inner)),
        _ => None,
    }
}

/// One item of a page, as JSON.
fn item_json(responses: &Responses<'_, '_>, ty: &TypeRef) -> Option<Json> {
    match ty.unboxed() {
        TypeRef::Named(n) if n.kind == NamedKind::Struct => {
            Some(Json::Object(responses.object(responses.types.structure(&n.rust_path)?, values::OPTIONAL_SHOWN, 0)?))
        }
        TypeRef::Nullable(inner) => item_json(responses, inner),
        other => responses.value(other, &Default::default(), 0),
    }
}

/// What is compared of the first item: the item itself when it is text, else its first
/// member that is text or an enum.
fn item_comparison(responses: &Responses<'_, '_>, ty: &TypeRef, item: &Json) -> Option<Comparison> {
    match (ty, item) {
        (TypeRef::String, Json::String(s)) => Some(Comparison { accessor: String::new(), adapt: String::new(), expected: format!("{s:?}") }),
        (TypeRef::Named(n), Json::Object(object)) if n.kind == NamedKind::Struct => {
            let s = responses.types.structure(&n.rust_path)?;
            s.members.iter().filter(|m| object.contains_key(&m.wire_name)).find_map(|m| comparison(responses, m, &object[&m.wire_name]))
        }
        _ => None,
    }
}

/// `member` compared with the JSON it was given, when it is text or an enum (and its
/// accessor does not warn).
fn comparison(responses: &Responses<'_, '_>, m: &MemberIr, json: &Json) -> Option<Comparison> {
    if m.deprecated.is_some() {
        return None;
    }
    let Json::String(text) = json else { return None };
    let optional = m.is_optional();
    let (adapt, expected) = match &m.ty {
        TypeRef::String => (String::new(), format!("{text:?}")),
        TypeRef::Named(n) if n.kind == NamedKind::Enum && responses.types.enumeration(&n.rust_path).is_some() => {
            (if optional { ".map(|v| v.as_str())" } else { ".as_str()" }.to_owned(), format!("{text:?}"))
        }
        _ => return None,
    };
    let expected = if optional { format!("Some({expected})") } else { expected };
    Some(Comparison { accessor: m.field.clone(), adapt, expected })
}

/// A modeled error of the operation answered to its request: a client error with a message
/// before others.
fn error_example(ir: &CrateIr, op: &OperationIr, responses: &Responses<'_, '_>) -> Option<ErrorExample> {
    let mut candidates: Vec<(&crate::ir::OperationErrorIr, &StructIr)> = op
        .errors
        .iter()
        .filter_map(|e| Some((e, ir.errors.iter().find(|s| s.rust_path == e.rust_path)?)))
        .filter(|(_, s)| s.deprecated.is_none())
        .collect();
    candidates.sort_by_key(|(e, s)| (e.server_fault, s.error.as_ref().is_none_or(|i| i.message_field.is_none())));
    candidates.into_iter().find_map(|(e, s)| {
        let info = s.error.as_ref()?;
        let status = info.http_status.unwrap_or(if info.server_fault { 500 } else { 400 });
        if status < 300 {
            return None;
        }
        // Members the response cannot leave out are given; others read as absent.
        if s.members.iter().any(|m| m.presence == Presence::Required && m.location != Location::Body && !values::is_plain(&m.ty)) {
            return None;
        }
        let mut object = responses.object(s, 0, 0)?;
        let message = info.message_field.as_deref().and_then(|f| member(s, f));
        if let Some(m) = message {
            let key = m.read_keys.first().unwrap_or(&m.wire_name);
            object.remove(&m.wire_name);
            object.insert(key.clone(), Json::String(ERROR_MESSAGE.into()));
        }
        let display = match message {
            Some(_) => format!("{}: {ERROR_MESSAGE} (request id {ERROR_REQUEST_ID})", info.code),
            None => format!("{} (request id {ERROR_REQUEST_ID})", info.code),
        };
        // RPC v2 CBOR names the error in the body only.
        let (headers, body) = if responses.cbor {
            (Vec::new(), Body::Cbor(cbor::structure(responses.types, s, &object, &[("__type", &info.code)])?))
        } else {
            (vec![("x-amzn-errortype".into(), info.code.clone())], Body::Text(Json::Object(object).to_string()))
        };
        Some(ErrorExample {
            variant: e.variant.clone(),
            response: Response { status, request_id: ERROR_REQUEST_ID.into(), headers, body },
            display,
        })
    })
}

/// Two pages chained by a token valid for the input's token member, when the token travels
/// where the example can show it.
fn pages(op: &OperationIr, inputs: &mut Inputs<'_, '_>, responses: &Responses<'_, '_>, page_size: Option<i64>) -> Option<PagesExample> {
    let p = op.pagination.as_ref()?;
    let input_token = member(&op.input, &p.input_token_field)?;
    let output_token = member(&op.output, &p.output_token_field)?;
    let Value::Text(token) = inputs.member(input_token, &input_token.model_name, Place::of(input_token, &[]), 1)? else {
        return None;
    };
    let token_check = match &input_token.location {
        Location::Body if responses.cbor => TokenCheck::CborBody(cbor::text_entry(&input_token.wire_name, &token)),
        Location::Body => TokenCheck::Body(format!("{}:{}", Json::String(input_token.wire_name.clone()), Json::String(token.clone()))),
        Location::Query => TokenCheck::Query(format!("{}={}", encode(&input_token.wire_name, false), encode(&token, false))),
        Location::Header { base64: false } => TokenCheck::Header { name: input_token.wire_name.clone(), value: token.clone() },
        _ => return None,
    };
    let headers = match &output_token.location {
        Location::Body => Vec::new(),
        Location::Header { base64: false } => vec![(output_token.wire_name.clone(), token.clone())],
        _ => return None,
    };
    let items = items_member(op).is_some();
    let (first, _) = output_body(op, responses, 2, Some(&token))?;
    let (second, _) = output_body(op, responses, 1, None)?;
    let page = |body: Body, headers: Vec<(String, String)>| Response { status: op.success_code, request_id: REQUEST_ID.into(), headers, body };
    Some(PagesExample {
        token_member: output_token.model_name.clone(),
        first: page(first, headers),
        second: page(second, Vec::new()),
        token_check,
        page_size,
        items: items.then_some(3),
    })
}

/// The named types to import: those whose name the examples do not already use.
fn imports(op: &OperationIr, named: &BTreeSet<String>) -> Vec<String> {
    let own = [op.rust_name.as_str(), op.input.rust_name.as_str(), op.error_enum.as_str()];
    named
        .iter()
        .filter(|path| {
            let name = path.rsplit("::").next().unwrap_or_default();
            !TAKEN.contains(&name) && !own.contains(&name)
        })
        .cloned()
        .collect()
}

/// Names imported types by their name alone.
fn shorten(value: &mut Value, imports: &[String]) {
    let short = |path: &mut String| {
        if imports.contains(path) {
            *path = path.rsplit("::").next().unwrap_or_default().to_owned();
        }
    };
    match value {
        Value::Enum { path, .. } => short(path),
        Value::Struct { path, setters } => {
            short(path);
            setters.iter_mut().for_each(|s| shorten(&mut s.value, imports));
        }
        Value::Union { path, value, .. } => {
            short(path);
            if let Some(v) = value {
                shorten(v, imports);
            }
        }
        Value::List(items) => items.iter_mut().for_each(|v| shorten(v, imports)),
        Value::Map(entries) => entries.iter_mut().for_each(|(_, v)| shorten(v, imports)),
        Value::Some(inner) => shorten(inner, imports),
        _ => {}
    }
}
