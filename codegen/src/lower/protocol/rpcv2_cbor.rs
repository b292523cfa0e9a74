//! Smithy RPC v2 CBOR: every request is `POST /service/{service}/operation/{operation}`, the
//! whole input as a CBOR map; outputs and errors are CBOR maps too. As with the JSON RPC
//! protocols, the HTTP binding traits and `@jsonName` mean nothing here.

use super::OperationFraming;
use crate::ir::{CborFraming, Framing, UriSegment, UriTemplate};
use crate::load::{Shape, ShapeKind};
use crate::resolve::{Resolved, UNIT};
use crate::traits::Traits;

/// The path names the service and operation by their shape names, without namespace.
pub(super) fn framing(model: &Resolved, shape: &Shape<Traits>) -> OperationFraming {
    let name = |id: &str| id.split_once('#').map_or(id, |(_, name)| name).to_owned();
    let path = format!("/service/{}/operation/{}", name(&model.service_id), name(&shape.id));
    // The spec: a request of an operation without input has no body (and no Content-Type).
    let has_input = match &shape.kind {
        ShapeKind::Operation(op) => op.input.as_deref().is_some_and(|input| input != UNIT),
        _ => false,
    };
    OperationFraming {
        framing: Framing::Rpcv2Cbor(CborFraming { path: path.clone(), has_input }),
        method: "POST".to_owned(),
        uri: UriTemplate { path: vec![UriSegment::Literal(path)], query: Vec::new() },
        success_code: 200,
    }
}
