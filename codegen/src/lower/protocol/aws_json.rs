//! awsJson1_0 and awsJson1_1: every request is `POST /` naming its operation in
//! `X-Amz-Target`, with the whole input as a JSON object; outputs and errors are JSON
//! objects too. The HTTP binding traits and `@jsonName` mean nothing here.

use super::super::http::Binding;
use super::OperationFraming;
use crate::ir::{Framing, JsonRpcFraming, Location, UriSegment, UriTemplate};
use crate::load::Shape;
use crate::resolve::Resolved;
use crate::traits::Traits;

/// Every member travels in the JSON object under its own name.
pub(super) fn binding() -> Binding {
    Binding { location: Location::Body, wire_name: None }
}

/// `POST /`, `X-Amz-Target: {service}.{operation}` and the version's `Content-Type`.
pub(super) fn framing(model: &Resolved, shape: &Shape<Traits>, version: &str) -> OperationFraming {
    let name = |id: &str| id.split_once('#').map_or(id, |(_, name)| name).to_owned();
    let target = format!("{}.{}", name(&model.service_id), name(&shape.id));
    OperationFraming {
        framing: Framing::JsonRpc(JsonRpcFraming {
            target,
            content_type: format!("application/x-amz-json-{version}"),
            query_compatible: super::query_compatible(model),
        }),
        method: "POST".to_owned(),
        uri: UriTemplate { path: vec![UriSegment::Literal("/".to_owned())], query: Vec::new() },
        success_code: 200,
    }
}
