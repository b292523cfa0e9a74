//! Smithy RPC v2 CBOR: every request is `POST /service/{service}/operation/{operation}`, the
//! whole input as a CBOR map; outputs and errors are CBOR maps too. As with the JSON RPC
//! protocols, the HTTP binding traits and `@jsonName` mean nothing here.

use super::OperationFraming;
use crate::error::ModelError;
use crate::ir::{CborFraming, Framing, UriSegment, UriTemplate};
use crate::load::{Member, Shape, ShapeKind};
use crate::resolve::{Resolved, UNIT};
use crate::traits::{Protocol, Traits};

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

/// The error for a member targeting a document. The protocol's spec gives documents no CBOR
/// form ("Document types are not currently supported in this protocol", Shape serialization),
/// and Smithy's `rpcv2Cbor.NoDocuments` validator fails a model that has one unless it is
/// suppressed. There is nothing to send such a member as, so the run stops, saying where the
/// document is and which other protocol of the service would carry it.
pub(crate) fn no_documents(model: &Resolved, member: &Member<Traits>, document: &str) -> ModelError {
    let others: Vec<&str> = crate::resolve::protocol::PREFERENCE
        .iter()
        .filter(|p| **p != Protocol::Rpcv2Cbor && model.service_traits.protocols.iter().any(|o| o == p.shape_id()))
        .map(|p| p.name())
        .collect();
    let advice = match others.first() {
        Some(other) => format!("the service also offers {}: generate with `--protocol {other}`", others.join(", ")),
        None => "the service offers no other protocol: leave the operations that reach it out with `--operation`".to_owned(),
    };
    ModelError::at(
        format!("{}.target", member.path),
        Some(document),
        format!(
            "member `{}` targets the document `{document}`, which Smithy RPC v2 CBOR cannot carry (its spec gives documents no CBOR form, and Smithy's validator `rpcv2Cbor.NoDocuments` rejects them); {advice}",
            member.name
        ),
    )
}
