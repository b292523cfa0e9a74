//! The practical limit: the same page read by `serde_json::from_slice` into plain
//! `#[derive(Deserialize)]` structs of the same shape. Timestamps are parsed into
//! `time::OffsetDateTime` (as the generated crate does), enums are kept as `String`.

use serde::Deserialize;
use time::OffsetDateTime;

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Page {
    #[serde(default)]
    pub next_token: Option<String>,
    #[serde(default)]
    pub sessions: Option<Vec<Session>>,
}

#[derive(Debug, Deserialize)]
#[serde(rename_all = "PascalCase")]
pub struct Session {
    #[serde(default)]
    pub session_arn: Option<String>,
    #[serde(default)]
    pub approval_team_name: Option<String>,
    #[serde(default)]
    pub approval_team_arn: Option<String>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub initiation_time: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub expiration_time: Option<OffsetDateTime>,
    #[serde(default, with = "time::serde::rfc3339::option")]
    pub completion_time: Option<OffsetDateTime>,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub action_name: Option<String>,
    #[serde(default)]
    pub protected_resource_arn: Option<String>,
    #[serde(default)]
    pub requester_service_principal: Option<String>,
    #[serde(default)]
    pub requester_principal_arn: Option<String>,
    #[serde(default)]
    pub requester_region: Option<String>,
    #[serde(default)]
    pub requester_account_id: Option<String>,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub status_code: Option<String>,
    #[serde(default)]
    pub status_message: Option<String>,
    #[serde(default)]
    pub action_completion_strategy: Option<String>,
    #[serde(default)]
    pub additional_security_requirements: Option<Vec<String>>,
}

/// Reads a page.
pub fn parse(body: &[u8]) -> Result<Page, serde_json::Error> {
    serde_json::from_slice(body)
}
