//! The protocol's part of lowering: where each member travels and how each operation is
//! framed. Each protocol the generator speaks has its module; the rest of `lower` asks
//! here and never looks at the protocol itself.

mod aws_json;
mod rest_json;
pub(crate) mod rpcv2_cbor;

use super::http::Binding;
use crate::error::ModelError;
use crate::ir::{Codec, Framing, Location, StructIr, StructRole, TypeRef, UriTemplate};
use crate::load::{Member, Shape};
use crate::resolve::Resolved;
use crate::traits::{Protocol, Traits};

/// What the protocol makes of an operation's request.
pub(crate) struct OperationFraming {
    pub framing: Framing,
    pub method: String,
    pub uri: UriTemplate,
    /// The status code of a successful response.
    pub success_code: u16,
}

/// Where `member` of a structure with `role` travels, and its name there.
pub(crate) fn binding(model: &Resolved, member: &Member<Traits>, role: StructRole) -> Binding {
    match model.protocol.protocol {
        Protocol::RestJson1 => super::http::binding(model, member, role),
        // RPC v2 CBOR puts every member in the body under its own name too.
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 | Protocol::Rpcv2Cbor => aws_json::binding(),
    }
}

/// `ty` with the timestamp format its binding implies where the model gives none.
pub(crate) fn bound_type(model: &Resolved, member: &Member<Traits>, location: &Location, ty: TypeRef) -> TypeRef {
    match model.protocol.protocol {
        Protocol::RestJson1 => super::http::bound_type(model, member, location, ty),
        // Everything is in the JSON body, where the member's own format (or epoch seconds) holds.
        Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => ty,
        // CBOR has one form of timestamp (tag 1), whatever format the model names.
        Protocol::Rpcv2Cbor => ty,
    }
}

/// Whether errors carry the awsQuery code of `x-amzn-query-error`: JSON RPC services with
/// `aws.protocols#awsQueryCompatible` (the trait means nothing to restJson1).
pub(crate) fn query_compatible(model: &Resolved) -> bool {
    let rpc = matches!(model.protocol.protocol, Protocol::AwsJson1_0 | Protocol::AwsJson1_1);
    rpc && model.service_traits.query_compatible
}

/// The framing of the operation `shape`, whose input lowered to `input`.
pub(crate) fn framing(model: &Resolved, shape: &Shape<Traits>, input: &StructIr) -> Result<OperationFraming, ModelError> {
    match model.protocol.protocol {
        Protocol::RestJson1 => rest_json::framing(shape, input),
        Protocol::AwsJson1_0 => Ok(aws_json::framing(model, shape, "1.0")),
        Protocol::AwsJson1_1 => Ok(aws_json::framing(model, shape, "1.1")),
        Protocol::Rpcv2Cbor => Ok(rpcv2_cbor::framing(model, shape)),
    }
}

/// The body format of the protocol.
pub(crate) fn codec(model: &Resolved) -> Codec {
    match model.protocol.protocol {
        Protocol::RestJson1 | Protocol::AwsJson1_0 | Protocol::AwsJson1_1 => Codec::Json,
        Protocol::Rpcv2Cbor => Codec::Cbor,
    }
}
