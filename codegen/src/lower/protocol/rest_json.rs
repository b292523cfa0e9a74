//! restJson1: the `@http` trait gives each operation its method, URI template and status
//! code; members bind to the URI, headers, status code or payload (see `lower::http`), the
//! rest travel in a JSON object.

use super::OperationFraming;
use crate::error::ModelError;
use crate::ir::{Framing, Location, StructIr, UriSegment, UriTemplate};
use crate::load::Shape;
use crate::traits::Traits;

/// The `@http` method, URI and code of the operation `shape`.
pub(super) fn framing(shape: &Shape<Traits>, input: &StructIr) -> Result<OperationFraming, ModelError> {
    let http = shape.traits.http.as_ref().ok_or_else(|| {
        ModelError::at(format!("{}.traits", shape.path), Some(&shape.id), "restJson1 operations need the @http trait")
    })?;
    let uri_path = format!("{}.traits[\"smithy.api#http\"].uri", shape.path);
    let uri = parse_uri(&http.uri, input, &uri_path, &shape.id)?;
    Ok(OperationFraming { framing: Framing::RestJson, method: http.method.to_ascii_uppercase(), uri, success_code: http.code })
}

/// Parses `/approval-teams/{ApprovalTeamArn}/sessions/?List` into literal and label segments
/// and constant query pairs, checking every label against the input's `@httpLabel` members.
fn parse_uri(template: &str, input: &StructIr, path: &str, shape: &str) -> Result<UriTemplate, ModelError> {
    let err = |message: String| ModelError::at(path, Some(shape), message);
    if !template.starts_with('/') {
        return Err(err(format!("the URI `{template}` does not start with `/`")));
    }
    let (path_part, query_part) = match template.split_once('?') {
        Some((p, q)) => (p, Some(q)),
        None => (template, None),
    };
    let mut segments = Vec::new();
    let mut literal = String::new();
    let mut used_labels = Vec::new();
    let mut rest = path_part;
    while let Some(open) = rest.find('{') {
        literal.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let close = after.find('}').ok_or_else(|| err(format!("unclosed `{{` in the URI `{template}`")))?;
        let raw = &after[..close];
        let (name, greedy) = match raw.strip_suffix('+') {
            Some(n) => (n, true),
            None => (raw, false),
        };
        let member = input
            .members
            .iter()
            .find(|m| m.model_name == name)
            .ok_or_else(|| err(format!("the URI label `{{{raw}}}` names no member of the input")))?;
        if !matches!(member.location, Location::Label { .. }) {
            return Err(err(format!("the URI label `{{{raw}}}` names the member `{name}`, which lacks @httpLabel")));
        }
        // Smithy requires labels to be @required; one that is also @clientOptional is an
        // `Option` like any other, checked when the request is built.
        if !member.required_in_model {
            return Err(err(format!("the URI label member `{name}` must be @required")));
        }
        if !literal.is_empty() {
            segments.push(UriSegment::Literal(std::mem::take(&mut literal)));
        }
        segments.push(UriSegment::Label { field: member.field.clone(), model_name: name.to_owned(), greedy });
        used_labels.push(name.to_owned());
        rest = &after[close + 1..];
    }
    literal.push_str(rest);
    if literal.contains('}') {
        return Err(err(format!("stray `}}` in the URI `{template}`")));
    }
    if !literal.is_empty() {
        segments.push(UriSegment::Literal(literal));
    }
    for m in &input.members {
        if matches!(m.location, Location::Label { .. }) && !used_labels.contains(&m.model_name) {
            return Err(err(format!("the @httpLabel member `{}` has no label in the URI `{template}`", m.model_name)));
        }
    }
    let query = query_part
        .into_iter()
        .flat_map(|q| q.split('&'))
        .filter(|pair| !pair.is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((k, v)) => (k.to_owned(), Some(v.to_owned())),
            None => (pair.to_owned(), None),
        })
        .collect();
    Ok(UriTemplate { path: segments, query })
}
