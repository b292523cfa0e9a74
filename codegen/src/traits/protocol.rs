//! The protocols the generator speaks, by their traits.

/// A protocol the generator speaks, named by its trait.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    RestJson1,
    AwsJson1_0,
    AwsJson1_1,
    Rpcv2Cbor,
}

impl Protocol {
    /// Every protocol the generator speaks.
    pub const ALL: [Protocol; 4] = [Protocol::RestJson1, Protocol::AwsJson1_0, Protocol::AwsJson1_1, Protocol::Rpcv2Cbor];

    /// The protocol trait's shape id (`aws.protocols#awsJson1_0`).
    pub fn shape_id(self) -> &'static str {
        match self {
            Protocol::RestJson1 => "aws.protocols#restJson1",
            Protocol::AwsJson1_0 => "aws.protocols#awsJson1_0",
            Protocol::AwsJson1_1 => "aws.protocols#awsJson1_1",
            Protocol::Rpcv2Cbor => "smithy.protocols#rpcv2Cbor",
        }
    }

    /// The trait's name without its namespace (`awsJson1_0`), as `--protocol` takes it.
    pub fn name(self) -> &'static str {
        self.shape_id().split_once('#').map_or("", |(_, name)| name)
    }
}

impl super::TraitAt<'_> {
    /// A protocol trait's `eventStreamHttp` (else its `http`): the HTTP versions, in order of
    /// preference, such as `["h2", "http/1.1"]`. `None` when it names none.
    pub(super) fn event_stream_http(&self, value: &serde_json::Value) -> Result<Option<Vec<String>>, crate::error::ModelError> {
        let Some(settings) = value.as_object() else { return Ok(None) };
        for key in ["eventStreamHttp", "http"] {
            let Some(list) = self.field(settings, key) else { continue };
            let at = self.sub(key);
            let items = list.as_array().ok_or_else(|| at.wrong("a list of HTTP versions", list))?;
            let versions = items.iter().map(|v| at.string(v)).collect::<Result<Vec<_>, _>>()?;
            if !versions.is_empty() {
                return Ok(Some(versions));
            }
        }
        Ok(None)
    }
}
