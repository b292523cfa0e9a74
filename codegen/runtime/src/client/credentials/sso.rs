//! IAM Identity Center (SSO): the role credentials of a profile signed in with
//! `aws sso login`.
//!
//! The profile names an `[sso-session NAME]` section (`sso_start_url`, `sso_region`) with
//! `sso_session`, or carries `sso_start_url` and `sso_region` itself (the legacy form); with
//! `sso_account_id` and `sso_role_name` in both. The CLI's cached token is read, refreshed
//! when it is about to expire and the cache holds what refreshing takes (a refresh token and
//! an unexpired client registration), and exchanged for the role's credentials
//! (`GetRoleCredentials`).

use super::services::{HelperService, Helpers};
use super::sso_cache::{CachedToken, cache_file};
use super::Credentials;
use crate::client::profile::{Profiles, Section};
use std::path::PathBuf;
use std::time::{Duration, SystemTime};

/// How long before its expiry a token is refreshed.
const REFRESH_BEFORE: Duration = Duration::from_secs(5 * 60);

/// Where a profile's IAM Identity Center sign-in is.
#[derive(Debug, Clone)]
pub(crate) struct SsoSettings {
    start_url: String,
    region: String,
    account_id: String,
    role_name: String,
    /// The session name (`sso_session`); None for a legacy profile.
    session: Option<String>,
    /// The profile, for messages.
    profile: String,
}

impl SsoSettings {
    /// The profile's SSO settings; None when it has none; an error naming what is missing
    /// or contradictory.
    pub(crate) fn of(name: &str, profile: &Section, profiles: &Profiles) -> Result<Option<SsoSettings>, String> {
        let own = |key: &str| profile.get(key).map(str::to_owned);
        let (start_url, region, session) = match profile.get("sso_session") {
            Some(session) => {
                let section = profiles
                    .sso_session(session)
                    .ok_or_else(|| format!("names sso_session `{session}`, but {} has no [sso-session {session}] section", profiles.describe_files()))?;
                let key = |key: &str| {
                    let value = section.get(key).ok_or_else(|| format!("its [sso-session {session}] section has no `{key}`"))?;
                    // The profile may repeat a session setting, but not contradict it.
                    match profile.get(key) {
                        Some(mine) if mine != value => Err(format!("its `{key}` ({mine}) differs from the one of [sso-session {session}] ({value})")),
                        _ => Ok(value.to_owned()),
                    }
                };
                (key("sso_start_url")?, key("sso_region")?, Some(session.to_owned()))
            }
            None => match (own("sso_start_url"), own("sso_region")) {
                (None, None) if own("sso_account_id").is_none() && own("sso_role_name").is_none() => return Ok(None),
                (Some(url), Some(region)) => (url, region, None),
                _ => return Err("has only some of sso_start_url and sso_region (or neither, with sso_account_id or sso_role_name)".into()),
            },
        };
        let account_id = own("sso_account_id").ok_or("uses IAM Identity Center but has no `sso_account_id`")?;
        let role_name = own("sso_role_name").ok_or("uses IAM Identity Center but has no `sso_role_name`")?;
        Ok(Some(SsoSettings { start_url, region, account_id, role_name, session, profile: name.to_owned() }))
    }

    /// The command that signs in again.
    fn login_command(&self) -> String {
        match &self.session {
            Some(session) => format!("aws sso login --sso-session {session}"),
            None => format!("aws sso login --profile {}", self.profile),
        }
    }
}

/// The role credentials of `settings`, with the token cached under `home`.
pub(crate) fn role_credentials(settings: &SsoSettings, home: Option<&str>, helpers: &Helpers) -> Result<Credentials, String> {
    let home = home.ok_or("no home directory (HOME or USERPROFILE) to find the IAM Identity Center token cache in")?;
    let key = settings.session.as_deref().unwrap_or(&settings.start_url);
    let path = cache_file(PathBuf::from(home).as_path(), key);
    let token = access_token(settings, &path, helpers, SystemTime::now())?;
    let endpoint = helpers.endpoint(HelperService::Sso, &settings.region);
    let query = format!(
        "account_id={}&role_name={}",
        percent_encoding::utf8_percent_encode(&settings.account_id, percent_encoding::NON_ALPHANUMERIC),
        percent_encoding::utf8_percent_encode(&settings.role_name, percent_encoding::NON_ALPHANUMERIC)
    );
    let mut bearer = http::HeaderValue::from_str(&token).map_err(|_| format!("the cached token in {} is not a header value", path.display()))?;
    bearer.set_sensitive(true);
    let request = http::Request::get(format!("{endpoint}/federation/credentials?{query}"))
        .header("x-amz-sso_bearer_token", bearer)
        .body(Vec::new())
        .map_err(|e| format!("the IAM Identity Center endpoint `{endpoint}` is not a URL: {e}"))?;
    let body = helpers.call(HelperService::Sso, request)?;
    parse_role_credentials(&body)
}

/// A token that is valid now: the cached one, refreshed first when it is about to expire
/// and can be.
fn access_token(settings: &SsoSettings, path: &std::path::Path, helpers: &Helpers, now: SystemTime) -> Result<String, String> {
    let login = || settings.login_command();
    let text = match std::fs::read(path) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("no cached IAM Identity Center token ({} does not exist): run `{}`", path.display(), login()));
        }
        Err(e) => return Err(format!("cannot read the IAM Identity Center token {}: {e}", path.display())),
    };
    let in_file = |why: String| format!("the IAM Identity Center token {}: {why}", path.display());
    let mut token = CachedToken::parse(&text).map_err(in_file)?;
    let access = token.string("accessToken").ok_or_else(|| in_file("it has no `accessToken`".into()))?;
    let expires = token.time("expiresAt").map_err(in_file)?.ok_or_else(|| in_file("it has no `expiresAt`".into()))?;
    if now + REFRESH_BEFORE < expires {
        return Ok(access);
    }
    let still_valid = now < expires;
    match refresh(settings, &mut token, helpers, now) {
        Ok(Some(refreshed)) => {
            token.write_to(path)?;
            Ok(refreshed)
        }
        // About to expire but still valid: used as it is.
        _ if still_valid => Ok(access),
        Ok(None) => Err(format!("the IAM Identity Center token {} has expired and cannot be refreshed: run `{}`", path.display(), login())),
        Err(why) => Err(format!("the IAM Identity Center token {} has expired and refreshing it failed ({why}): run `{}`", path.display(), login())),
    }
}

/// Refreshes the token with OIDC `CreateToken` (grant `refresh_token`) when the cache holds
/// a refresh token and an unexpired client registration: the new access token, with the
/// cache's fields updated; None when it cannot be refreshed.
fn refresh(settings: &SsoSettings, token: &mut CachedToken, helpers: &Helpers, now: SystemTime) -> Result<Option<String>, String> {
    let (Some(refresh_token), Some(client_id), Some(client_secret)) = (token.string("refreshToken"), token.string("clientId"), token.string("clientSecret"))
    else {
        return Ok(None);
    };
    match token.time("registrationExpiresAt")? {
        Some(registration) if now < registration => {}
        _ => return Ok(None),
    }
    let mut writer = crate::rt::json_write::Writer::new();
    writer.begin_object();
    for (key, value) in [("clientId", &client_id), ("clientSecret", &client_secret), ("grantType", &"refresh_token".to_owned()), ("refreshToken", &refresh_token)] {
        writer.key(key);
        writer.string(value);
    }
    writer.end_object();
    let body = writer.finish();
    let endpoint = helpers.endpoint(HelperService::SsoOidc, &settings.region);
    let request = http::Request::post(format!("{endpoint}/token"))
        .header("content-type", "application/json")
        .header("content-length", body.len())
        .body(body)
        .map_err(|e| format!("the IAM Identity Center OIDC endpoint `{endpoint}` is not a URL: {e}"))?;
    let answer = helpers.call(HelperService::SsoOidc, request)?;
    let (access, expires_in, new_refresh) = parse_create_token(&answer)?;
    token.set_string("accessToken", &access);
    token.set_time("expiresAt", now + Duration::from_secs(expires_in));
    if let Some(new_refresh) = new_refresh {
        token.set_string("refreshToken", &new_refresh);
    }
    Ok(Some(access))
}

/// `CreateToken`'s answer: the access token, its lifetime in seconds, a new refresh token.
fn parse_create_token(body: &[u8]) -> Result<(String, u64, Option<String>), String> {
    let mut reader = crate::rt::json::Reader::new(body);
    let (mut access, mut expires_in, mut refresh) = (None, None, None);
    let mut read = || -> crate::rt::json::Result<()> {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            match &*key {
                "accessToken" => access = reader.string_or_skip()?.map(|v| v.into_owned()),
                "refreshToken" => refresh = reader.string_or_skip()?.map(|v| v.into_owned()),
                "expiresIn" => expires_in = Some(reader.i64()?),
                _ => reader.skip_value()?,
            }
        }
        reader.finish()
    };
    read().map_err(|e| format!("IAM Identity Center OIDC answered with JSON it cannot read: {e}"))?;
    let access = access.ok_or("IAM Identity Center OIDC answered without an accessToken")?;
    let expires_in = expires_in.filter(|s| *s > 0).ok_or("IAM Identity Center OIDC answered without a positive expiresIn")?;
    Ok((access, expires_in as u64, refresh))
}

/// `GetRoleCredentials`'s answer (`roleCredentials`, its expiration in epoch milliseconds).
fn parse_role_credentials(body: &[u8]) -> Result<Credentials, String> {
    let mut reader = crate::rt::json::Reader::new(body);
    let (mut id, mut secret, mut token, mut expiration) = (None, None, None, None);
    let mut read = || -> crate::rt::json::Result<()> {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            if key != "roleCredentials" {
                reader.skip_value()?;
                continue;
            }
            reader.begin_object()?;
            while let Some(key) = reader.next_key()? {
                match &*key {
                    "accessKeyId" => id = reader.string_or_skip()?.map(|v| v.into_owned()),
                    "secretAccessKey" => secret = reader.string_or_skip()?.map(|v| v.into_owned()),
                    "sessionToken" => token = reader.string_or_skip()?.map(|v| v.into_owned()),
                    "expiration" => expiration = Some(reader.i64()?),
                    _ => reader.skip_value()?,
                }
            }
        }
        reader.finish()
    };
    read().map_err(|e| format!("the IAM Identity Center portal answered with JSON it cannot read: {e}"))?;
    let (Some(id), Some(secret)) = (id, secret) else {
        return Err("the IAM Identity Center portal answered without roleCredentials".into());
    };
    let mut credentials = Credentials::new(id, secret, token).with_source("IAM Identity Center");
    if let Some(millis) = expiration.filter(|m| *m > 0) {
        credentials = credentials.expiring(SystemTime::UNIX_EPOCH + Duration::from_millis(millis as u64));
    }
    Ok(credentials)
}

/// The `error` and `error_description` of an OIDC error answer.
pub(crate) fn oidc_error(body: &[u8]) -> (Option<String>, Option<String>) {
    let mut reader = crate::rt::json::Reader::new(body);
    let (mut error, mut description) = (None, None);
    let mut read = || -> crate::rt::json::Result<()> {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            match &*key {
                "error" => error = reader.string_or_skip()?.map(|v| v.into_owned()),
                "error_description" => description = reader.string_or_skip()?.map(|v| v.into_owned()),
                _ => reader.skip_value()?,
            }
        }
        Ok(())
    };
    let _ = read();
    (error, description)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profiles(text: &str) -> Profiles {
        let mut profiles = Profiles::default();
        profiles.parse(text, true);
        profiles
    }

    #[test]
    fn session_and_legacy_profiles_are_read() {
        let files = profiles(
            "[profile dev]\nsso_session = corp\nsso_account_id = 111122223333\nsso_role_name = Dev\n\
             [sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = eu-west-1\nsso_registration_scopes = sso:account:access\n\
             [profile old]\nsso_start_url = https://old.awsapps.com/start\nsso_region = us-east-1\nsso_account_id = 1\nsso_role_name = R\n\
             [profile plain]\nregion = us-east-1\n",
        );
        let dev = SsoSettings::of("dev", files.profile("dev").unwrap(), &files).unwrap().unwrap();
        assert_eq!((dev.start_url.as_str(), dev.region.as_str(), dev.session.as_deref()), ("https://corp.awsapps.com/start", "eu-west-1", Some("corp")));
        assert_eq!(dev.login_command(), "aws sso login --sso-session corp");
        let old = SsoSettings::of("old", files.profile("old").unwrap(), &files).unwrap().unwrap();
        assert_eq!(old.session, None);
        assert_eq!(old.login_command(), "aws sso login --profile old");
        assert!(SsoSettings::of("plain", files.profile("plain").unwrap(), &files).unwrap().is_none());
    }

    #[test]
    fn missing_or_contradictory_settings_are_named() {
        let files = profiles(
            "[profile a]\nsso_session = nope\nsso_account_id = 1\nsso_role_name = R\n\
             [profile b]\nsso_session = s\nsso_region = us-west-2\nsso_account_id = 1\nsso_role_name = R\n\
             [profile c]\nsso_session = s\nsso_role_name = R\n\
             [sso-session s]\nsso_start_url = https://s/start\nsso_region = eu-west-1\n",
        );
        let error = |name: &str| SsoSettings::of(name, files.profile(name).unwrap(), &files).unwrap_err();
        assert!(error("a").contains("[sso-session nope]"), "{}", error("a"));
        assert!(error("b").contains("sso_region") && error("b").contains("us-west-2"), "{}", error("b"));
        assert!(error("c").contains("sso_account_id"), "{}", error("c"));
    }

    #[test]
    fn answers_are_read() {
        let credentials = parse_role_credentials(
            br#"{"roleCredentials":{"accessKeyId":"ASIA","secretAccessKey":"s","sessionToken":"t","expiration":1893553445000}}"#,
        )
        .unwrap();
        assert_eq!((credentials.access_key_id(), credentials.session_token()), ("ASIA", Some("t")));
        assert_eq!(credentials.expires(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_893_553_445)));
        assert!(parse_role_credentials(b"{}").is_err());
        let (access, expires_in, refresh) = parse_create_token(br#"{"accessToken":"a","expiresIn":3600,"tokenType":"Bearer"}"#).unwrap();
        assert_eq!((access.as_str(), expires_in, refresh), ("a", 3600, None));
        assert!(parse_create_token(br#"{"accessToken":"a","expiresIn":0}"#).is_err());
        assert_eq!(oidc_error(br#"{"error":"invalid_grant","error_description":"gone"}"#), (Some("invalid_grant".into()), Some("gone".into())));
    }
}
