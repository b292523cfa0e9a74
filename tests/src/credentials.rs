//! Helpers of the credentials scenarios: a fresh directory for the shared files, a call of
//! `ListSessions` with either client configured from explicit variables only, and the
//! answers of STS and IAM Identity Center as the services write them.

use crate::loopback::{Keys, Reply, Server};
use mpa::client::{Env, credentials::MfaTokenProvider};
use mpa::operation::list_sessions::ListSessionsInput;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Which client a scenario runs with.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Blocking,
    Async,
}

pub const BOTH: [Kind; 2] = [Kind::Blocking, Kind::Async];

/// A new empty directory under the system's temporary directory.
pub fn temp_dir(label: &str) -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("mpa-{label}-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Variables of a scenario: `HOME` and the shared files in `dir`, the region, instance
/// metadata off, and `extra`.
pub fn vars(dir: &std::path::Path, extra: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut vars = vec![
        ("HOME".to_owned(), dir.display().to_string()),
        ("AWS_CONFIG_FILE".to_owned(), dir.join("config").display().to_string()),
        ("AWS_SHARED_CREDENTIALS_FILE".to_owned(), dir.join("credentials").display().to_string()),
        ("AWS_REGION".to_owned(), "us-east-1".to_owned()),
        ("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned()),
    ];
    for (name, value) in extra {
        vars.retain(|(n, _)| n != name);
        vars.push((name.to_string(), value.to_string()));
    }
    vars
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

/// Calls `ListSessions` on a fresh server expecting `keys`, with a `kind` client configured
/// from `vars` (plus the server's URL as `AWS_ENDPOINT_URL_MPA`); the server, or the error's
/// text.
pub fn call(kind: Kind, vars: &[(String, String)], keys: &Keys, mfa: Option<MfaTokenProvider>) -> Result<Server, String> {
    let server = Server::start(vec![Reply::json(200, r#"{"Sessions":[]}"#)], keys.clone());
    let mut vars = vars.to_vec();
    vars.push(("AWS_ENDPOINT_URL_MPA".into(), server.url()));
    let env = Env::from_pairs(vars);
    match kind {
        Kind::Blocking => {
            let mut builder = mpa::blocking::Client::builder().env(env);
            if let Some(mfa) = mfa {
                builder = builder.mfa_token_provider(mfa);
            }
            let client = builder.build().map_err(|e| e.to_string())?;
            client.list_sessions().from_input(input()).send().map_err(|e| e.to_string())?;
        }
        Kind::Async => {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async {
                let mut builder = mpa::Client::builder().env(env);
                if let Some(mfa) = mfa {
                    builder = builder.mfa_token_provider(mfa);
                }
                let client = builder.build().map_err(|e| e.to_string())?;
                client.list_sessions().from_input(input()).send().await.map_err(|e| e.to_string())?;
                Ok::<(), String>(())
            })?;
        }
    }
    Ok(server)
}

/// Asserts that the server's one request was signed with `keys`.
pub fn assert_signed_with(server: &Server, keys: &Keys) {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "one request");
    assert_eq!(crate::loopback::verify(&requests[0], keys), Ok(()));
    let authorization = requests[0].header("authorization").unwrap();
    assert!(authorization.contains(&format!("Credential={}/", keys.access_key_id)), "{authorization}");
}

/// Keys of temporary credentials, as the service under test should see them.
pub fn temporary_keys(id: &str) -> Keys {
    Keys {
        access_key_id: id.into(),
        secret_access_key: format!("{id}/secret"),
        session_token: Some(format!("{id}-token")),
        ..Keys::test()
    }
}

/// STS's answer to `AssumeRole` (or `AssumeRoleWithWebIdentity`, `action`) with the
/// credentials of `keys`, expiring at `expiration` (RFC 3339).
pub fn sts_answer(action: &str, keys: &Keys, expiration: &str) -> Reply {
    let body = format!(
        "<{action}Response xmlns=\"https://sts.amazonaws.com/doc/2011-06-15/\">\n  <{action}Result>\n    <Credentials>\n      \
         <AccessKeyId>{}</AccessKeyId>\n      <SecretAccessKey>{}</SecretAccessKey>\n      <SessionToken>{}</SessionToken>\n      \
         <Expiration>{expiration}</Expiration>\n    </Credentials>\n  </{action}Result>\n</{action}Response>\n",
        keys.access_key_id,
        keys.secret_access_key,
        keys.session_token.as_deref().unwrap_or_default()
    );
    Reply::Respond { status: 200, headers: vec![("content-type".into(), "text/xml".into())], body }
}

/// A time `seconds` from now, RFC 3339 (negative: in the past).
pub fn rfc3339_in(seconds: i64) -> String {
    let at = time::OffsetDateTime::now_utc() + time::Duration::seconds(seconds);
    at.replace_nanosecond(0).unwrap().format(&time::format_description::well_known::Rfc3339).unwrap()
}

/// The decoded `name=value` pairs of a form body.
pub fn form(body: &[u8]) -> Vec<(String, String)> {
    let text = String::from_utf8_lossy(body);
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .map(|(k, v)| (decode(k), decode(v)))
        .collect()
}

fn decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && i + 2 < bytes.len()
            && let Ok(byte) = u8::from_str_radix(&text[i + 1..i + 3], 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(if bytes[i] == b'+' { b' ' } else { bytes[i] });
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of `name` in a form body.
pub fn form_value(body: &[u8], name: &str) -> Option<String> {
    form(body).into_iter().find(|(k, _)| k == name).map(|(_, v)| v)
}
