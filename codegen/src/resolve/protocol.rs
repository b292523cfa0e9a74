//! Which protocol the generated crate speaks, among those the service offers.
//!
//! The order of preference is the one smithy-rs and most AWS SDKs follow: Smithy RPC v2 CBOR
//! first, then awsJson1_0, awsJson1_1 and restJson1. `--protocol` picks another protocol the
//! service offers (a JSON protocol, say, for a service that offers CBOR beside it).

use crate::error::{ModelError, Unsupported};
use crate::load::Shape;
use crate::traits::{Protocol, Traits};

/// Protocols the generator knows of but does not speak.
const NOT_SPOKEN: &[&str] = &[
    "aws.protocols#awsQuery",
    "aws.protocols#ec2Query",
    "aws.protocols#restXml",
];

/// The spoken protocols in order of preference.
pub(crate) const PREFERENCE: [Protocol; 4] = [Protocol::Rpcv2Cbor, Protocol::AwsJson1_0, Protocol::AwsJson1_1, Protocol::RestJson1];

/// The protocol chosen for a service.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub protocol: Protocol,
    /// Offered protocols preferred to the chosen one that the generator does not speak yet,
    /// by shape id. Every protocol preferred to a JSON one is spoken now, so this stays empty;
    /// it is kept for the next protocol that is offered before it is spoken.
    pub passed_over: Vec<String>,
}

/// Picks the protocol of `service`: `requested` (a name such as `awsJson1_0`, or the
/// trait's shape id) when given, else the most preferred one the generator speaks.
pub fn choose(service: &Shape<Traits>, requested: Option<&str>) -> Result<Choice, ModelError> {
    let offered = &service.traits.protocols;
    let path = format!("{}.traits", service.path);
    let spoken: Vec<Protocol> = PREFERENCE.into_iter().filter(|p| offered.iter().any(|o| o == p.shape_id())).collect();
    if let Some(name) = requested {
        let offered_names = || offered.iter().map(|o| short(o)).collect::<Vec<_>>().join(", ");
        let Some(protocol) = Protocol::ALL.into_iter().find(|p| p.name() == name || p.shape_id() == name) else {
            let known = NOT_SPOKEN.iter().any(|id| *id == name || short(id) == name);
            let why = if known { "is not supported by the generator yet" } else { "is not a protocol the generator knows" };
            let names: Vec<&str> = Protocol::ALL.iter().map(|p| p.name()).collect();
            return Err(ModelError::at(
                path,
                Some(&service.id),
                format!("the protocol `{name}` {why} (supported: {})", names.join(", ")),
            ));
        };
        if !spoken.contains(&protocol) {
            return Err(ModelError::at(
                path,
                Some(&service.id),
                format!("the service does not offer the protocol `{name}` (it offers: {})", none_if_empty(offered_names())),
            ));
        }
        return Ok(Choice { protocol, passed_over: Vec::new() });
    }
    let Some(&protocol) = spoken.first() else {
        let found = none_if_empty(offered.join(", "));
        let names: Vec<&str> = Protocol::ALL.iter().map(|p| p.shape_id()).collect();
        return Err(ModelError::unsupported(
            path,
            Some(&service.id),
            Unsupported::Protocol,
            format!("the service's protocols are not supported: only {} are (found: {found})", names.join(", ")),
        ));
    };
    Ok(Choice { protocol, passed_over: Vec::new() })
}

fn short(id: &str) -> &str {
    id.split_once('#').map_or(id, |(_, name)| name)
}

fn none_if_empty(list: String) -> String {
    if list.is_empty() { "none".to_owned() } else { list }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ShapeKind;

    fn service(protocols: &[&str]) -> Shape<Traits> {
        let traits = Traits { protocols: protocols.iter().map(|p| (*p).to_owned()).collect(), ..Traits::default() };
        Shape {
            id: "ns#Svc".to_owned(),
            kind: ShapeKind::Service(Default::default()),
            traits,
            mixins: Vec::new(),
            path: "$.shapes[\"ns#Svc\"]".to_owned(),
        }
    }

    #[test]
    fn prefers_cbor_then_json_rpc() {
        let s = service(&["aws.protocols#awsJson1_1", "aws.protocols#restJson1", "smithy.protocols#rpcv2Cbor"]);
        let choice = choose(&s, None).unwrap();
        assert_eq!(choice, Choice { protocol: Protocol::Rpcv2Cbor, passed_over: Vec::new() });
        assert_eq!(choose(&s, Some("awsJson1_1")).unwrap().protocol, Protocol::AwsJson1_1);
        let s = service(&["aws.protocols#awsJson1_1", "aws.protocols#restJson1"]);
        assert_eq!(choose(&s, None).unwrap().protocol, Protocol::AwsJson1_1);
        let s = service(&["aws.protocols#awsJson1_0", "aws.protocols#awsJson1_1"]);
        assert_eq!(choose(&s, None).unwrap().protocol, Protocol::AwsJson1_0);
        let s = service(&["aws.protocols#restJson1"]);
        assert_eq!(choose(&s, None).unwrap(), Choice { protocol: Protocol::RestJson1, passed_over: Vec::new() });
    }

    #[test]
    fn requested_protocol_by_name_or_id() {
        let s = service(&["aws.protocols#awsJson1_0", "aws.protocols#restJson1"]);
        assert_eq!(choose(&s, Some("restJson1")).unwrap().protocol, Protocol::RestJson1);
        assert_eq!(choose(&s, Some("aws.protocols#restJson1")).unwrap().protocol, Protocol::RestJson1);
        let e = choose(&s, Some("awsJson1_1")).unwrap_err();
        assert!(e.message.contains("does not offer the protocol `awsJson1_1`"), "{e}");
        assert!(e.message.contains("awsJson1_0, restJson1"), "{e}");
        let e = choose(&s, Some("rpcv2Cbor")).unwrap_err();
        assert!(e.message.contains("does not offer the protocol `rpcv2Cbor`"), "{e}");
        let e = choose(&s, Some("awsQuery")).unwrap_err();
        assert!(e.message.contains("not supported by the generator yet"), "{e}");
        let e = choose(&s, Some("soap")).unwrap_err();
        assert!(e.message.contains("not a protocol the generator knows"), "{e}");
    }

    #[test]
    fn unsupported_protocols_are_named() {
        let s = service(&["aws.protocols#awsQuery", "aws.protocols#restXml"]);
        let e = choose(&s, None).unwrap_err();
        assert_eq!(e.unsupported, Some(Unsupported::Protocol));
        assert!(e.message.contains("found: aws.protocols#awsQuery, aws.protocols#restXml"), "{e}");
        assert_eq!(e.shape.as_deref(), Some("ns#Svc"));
        let e = choose(&service(&[]), None).unwrap_err();
        assert!(e.message.contains("found: none"), "{e}");
    }
}
