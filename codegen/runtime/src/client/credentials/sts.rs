//! AWS STS's `AssumeRole` (signed with the source credentials) and
//! `AssumeRoleWithWebIdentity` (unsigned): the query protocol, a form-encoded `POST` whose
//! answer is XML.

use super::services::{HelperService, Helpers};
use super::Credentials;
use crate::client::sigv4::{self, SigningParams};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use std::time::SystemTime;

/// What a role is assumed with. `Debug` leaves out the MFA code.
#[derive(Clone, Default)]
pub(crate) struct RoleRequest {
    pub role_arn: String,
    pub session_name: Option<String>,
    pub external_id: Option<String>,
    pub duration_seconds: Option<u32>,
    /// `mfa_serial` and the code the user's token provider gave for it.
    pub mfa: Option<(String, String)>,
}

impl std::fmt::Debug for RoleRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("RoleRequest")
            .field("role_arn", &self.role_arn)
            .field("session_name", &self.session_name)
            .field("external_id", &self.external_id)
            .field("duration_seconds", &self.duration_seconds)
            .field("mfa_serial", &self.mfa.as_ref().map(|(serial, _)| serial))
            .finish()
    }
}

/// `AssumeRole` in `region`, signed with `source`.
pub(crate) fn assume_role(helpers: &Helpers, region: &str, role: &RoleRequest, source: &Credentials, label: &'static str) -> Result<Credentials, String> {
    let mut form = vec![("Action", "AssumeRole".to_owned()), ("Version", "2011-06-15".to_owned())];
    form.push(("RoleArn", role.role_arn.clone()));
    form.push(("RoleSessionName", role.session_name.clone().unwrap_or_else(default_session_name)));
    if let Some(id) = &role.external_id {
        form.push(("ExternalId", id.clone()));
    }
    if let Some(seconds) = role.duration_seconds {
        form.push(("DurationSeconds", seconds.to_string()));
    }
    if let Some((serial, code)) = &role.mfa {
        form.push(("SerialNumber", serial.clone()));
        form.push(("TokenCode", code.clone()));
    }
    let mut request = post(helpers, region, &form)?;
    let params = SigningParams { service: "sts", region, time: time::OffsetDateTime::now_utc() };
    sigv4::sign(&mut request, source, &params).map_err(|e| e.to_string())?;
    let body = helpers.call(HelperService::Sts, request)?;
    credentials_of(&body, label)
}

/// `AssumeRoleWithWebIdentity` in `region` with this token (unsigned: the token is the
/// proof).
pub(crate) fn assume_role_with_web_identity(helpers: &Helpers, region: &str, role: &RoleRequest, token: &str) -> Result<Credentials, String> {
    let form = vec![
        ("Action", "AssumeRoleWithWebIdentity".to_owned()),
        ("Version", "2011-06-15".to_owned()),
        ("RoleArn", role.role_arn.clone()),
        ("RoleSessionName", role.session_name.clone().unwrap_or_else(default_session_name)),
        ("WebIdentityToken", token.to_owned()),
    ];
    let mut form = form;
    if let Some(seconds) = role.duration_seconds {
        form.push(("DurationSeconds", seconds.to_string()));
    }
    let request = post(helpers, region, &form)?;
    let body = helpers.call(HelperService::Sts, request)?;
    credentials_of(&body, "web identity")
}

/// The session name when none is configured: the SDKs' practice of a name with the time.
fn default_session_name() -> String {
    let now = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).map_or(0, |d| d.as_millis());
    format!("smithy-rt-{now}")
}

/// Form encoding: everything but unreserved characters percent-encoded.
const FORM: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

fn post(helpers: &Helpers, region: &str, form: &[(&str, String)]) -> Result<http::Request<Vec<u8>>, String> {
    let body = form
        .iter()
        .map(|(name, value)| format!("{name}={}", utf8_percent_encode(value, FORM)))
        .collect::<Vec<_>>()
        .join("&");
    let endpoint = helpers.endpoint(HelperService::Sts, region);
    http::Request::post(format!("{endpoint}/"))
        .header("content-type", "application/x-www-form-urlencoded; charset=utf-8")
        .header("content-length", body.len())
        .body(body.into_bytes())
        .map_err(|e| format!("the STS endpoint `{endpoint}` is not a URL: {e}"))
}

/// The credentials of an `AssumeRole*Response`.
fn credentials_of(body: &[u8], label: &'static str) -> Result<Credentials, String> {
    let text = std::str::from_utf8(body).map_err(|_| "AWS STS answered with a body that is not UTF-8".to_owned())?;
    let block = element(text, "Credentials").ok_or("AWS STS answered without <Credentials>")?;
    let field = |name: &str| xml_text(block, name).ok_or_else(|| format!("AWS STS answered without <{name}>"));
    let (id, secret, token) = (field("AccessKeyId")?, field("SecretAccessKey")?, field("SessionToken")?);
    let expiration = field("Expiration")?;
    let expires = time::OffsetDateTime::parse(&expiration, &time::format_description::well_known::Rfc3339)
        .map_err(|_| format!("AWS STS answered an <Expiration> that is not an RFC 3339 time: {expiration}"))?;
    Ok(Credentials::new(id, secret, Some(token)).expiring(SystemTime::from(expires)).with_source(label))
}

/// The raw content of the first `<name>...</name>` element (tags without attributes or
/// namespace prefixes, as AWS's query services write them; `<name xmlns=..>` too).
fn element<'a>(text: &'a str, name: &str) -> Option<&'a str> {
    let open = format!("<{name}");
    let mut from = 0;
    while let Some(at) = text[from..].find(&open).map(|i| i + from) {
        let rest = &text[at + open.len()..];
        // `<Credentials>` or `<Credentials xmlns="...">`, not `<CredentialsX>`.
        if rest.starts_with('>') || rest.starts_with(char::is_whitespace) {
            let start = at + open.len() + rest.find('>')? + 1;
            let end = text[start..].find(&format!("</{name}>"))? + start;
            return Some(&text[start..end]);
        }
        from = at + open.len();
    }
    None
}

/// The text of the first `<name>` element, entities decoded.
pub(crate) fn xml_text(text: &str, name: &str) -> Option<String> {
    element(text, name).map(decode_entities)
}

/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and character references; anything else is
/// kept as written.
fn decode_entities(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let decoded = rest.find(';').and_then(|end| {
            let entity = &rest[1..end];
            let c = match entity {
                "amp" => '&',
                "lt" => '<',
                "gt" => '>',
                "quot" => '"',
                "apos" => '\'',
                _ => {
                    let code = match entity.strip_prefix("#x").or_else(|| entity.strip_prefix("#X")) {
                        Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                        None => entity.strip_prefix('#')?.parse().ok()?,
                    };
                    char::from_u32(code)?
                }
            };
            Some((c, end))
        });
        match decoded {
            Some((c, end)) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_credentials_of_an_answer() {
        let body = r#"<AssumeRoleResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/">
  <AssumeRoleResult>
    <AssumedRoleUser><Arn>arn:aws:sts::123456789012:assumed-role/r/s</Arn></AssumedRoleUser>
    <Credentials>
      <AccessKeyId>ASIAEXAMPLE</AccessKeyId>
      <SecretAccessKey>se&amp;cret&#x2F;key</SecretAccessKey>
      <SessionToken>to&lt;ken</SessionToken>
      <Expiration>2030-01-02T03:04:05Z</Expiration>
    </Credentials>
  </AssumeRoleResult>
</AssumeRoleResponse>"#;
        let credentials = credentials_of(body.as_bytes(), "assumed role").unwrap();
        assert_eq!(credentials.access_key_id(), "ASIAEXAMPLE");
        assert_eq!(credentials.secret_access_key(), "se&cret/key");
        assert_eq!(credentials.session_token(), Some("to<ken"));
        // 2030-01-02T03:04:05Z
        let expected = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445);
        assert_eq!(credentials.expires(), Some(expected));
    }

    #[test]
    fn an_answer_without_credentials_is_an_error() {
        let error = credentials_of(b"<AssumeRoleResponse></AssumeRoleResponse>", "assumed role").unwrap_err();
        assert!(error.contains("<Credentials>"), "{error}");
        let error = credentials_of(b"<Credentials><AccessKeyId>A</AccessKeyId></Credentials>", "x").unwrap_err();
        assert!(error.contains("<SecretAccessKey>"), "{error}");
    }

    #[test]
    fn elements_match_whole_names_and_unknown_entities_stay() {
        let text = "<CodeName>no</CodeName><Code>Access&Denied &bogus; &#65;</Code>";
        assert_eq!(xml_text(text, "Code").as_deref(), Some("Access&Denied &bogus; A"));
        assert_eq!(xml_text(text, "Missing"), None);
    }
}
