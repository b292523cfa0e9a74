//! The IAM Identity Center token cache the AWS CLI writes on `aws sso login`:
//! `~/.aws/sso/cache/<sha1 hex of the session name or start URL>.json`. A refreshed token is
//! written back in place (a temporary file renamed over it), every field the reader does not
//! know kept as it was, so that the CLI and the other SDKs see the new token.

use crate::rt::json::Reader;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

/// The cache file of a session name (`sso_session`) or, for a legacy profile, a start URL.
pub(crate) fn cache_file(home: &Path, key: &str) -> PathBuf {
    use sha1::Digest;
    let digest = sha1::Sha1::digest(key.as_bytes());
    home.join(".aws").join("sso").join("cache").join(format!("{}.json", crate::client::sigv4::hex(&digest)))
}

/// A cached token: its fields, each value as the JSON text it was written as.
#[derive(Clone)]
pub(crate) struct CachedToken {
    fields: Vec<(String, String)>,
}

/// Only the names of the fields: the values are secrets.
impl std::fmt::Debug for CachedToken {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.fields.iter().map(|(k, _)| k)).finish()
    }
}

impl CachedToken {
    /// Reads a cache file's text. The reader's errors quote no input.
    pub(crate) fn parse(text: &[u8]) -> Result<CachedToken, String> {
        let mut reader = Reader::new(text);
        let mut fields = Vec::new();
        let mut read = || -> crate::rt::json::Result<()> {
            reader.begin_object()?;
            while let Some(key) = reader.next_key()? {
                let key = key.into_owned();
                let start = reader.offset();
                reader.skip_value()?;
                let raw = String::from_utf8_lossy(&text[start..reader.offset()]).trim().to_owned();
                fields.push((key, raw));
            }
            reader.finish()
        };
        read().map_err(|e| format!("it is not valid JSON: {e}"))?;
        Ok(CachedToken { fields })
    }

    /// A string field (`accessToken`, `refreshToken`, ...).
    pub(crate) fn string(&self, name: &str) -> Option<String> {
        let (_, raw) = self.fields.iter().find(|(k, _)| k == name)?;
        Reader::new(raw.as_bytes()).string().ok().map(|s| s.into_owned()).filter(|s| !s.is_empty())
    }

    /// A time field (`expiresAt`, `registrationExpiresAt`): RFC 3339.
    pub(crate) fn time(&self, name: &str) -> Result<Option<SystemTime>, String> {
        let Some(value) = self.string(name) else { return Ok(None) };
        let at = time::OffsetDateTime::parse(&value, &time::format_description::well_known::Rfc3339)
            .map_err(|_| format!("its `{name}` is not an RFC 3339 time: {value}"))?;
        Ok(Some(SystemTime::from(at)))
    }

    /// Sets a string field, keeping its place if it had one.
    pub(crate) fn set_string(&mut self, name: &str, value: &str) {
        let mut writer = crate::rt::json_write::Writer::new();
        writer.string(value);
        let raw = String::from_utf8(writer.finish()).unwrap_or_default();
        match self.fields.iter_mut().find(|(k, _)| k == name) {
            Some((_, slot)) => *slot = raw,
            None => self.fields.push((name.to_owned(), raw)),
        }
    }

    /// Sets a time field, as the CLI writes it (`2026-12-07T03:04:05Z`).
    pub(crate) fn set_time(&mut self, name: &str, value: SystemTime) {
        let at = time::OffsetDateTime::from(value).replace_nanosecond(0).unwrap_or_else(|_| time::OffsetDateTime::from(value));
        self.set_string(name, &crate::rt::json_write::format_date_time(&at));
    }

    /// The JSON text, fields in their order, values as read or set.
    pub(crate) fn to_json(&self) -> String {
        let mut out = String::from("{");
        for (i, (key, raw)) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            let mut writer = crate::rt::json_write::Writer::new();
            writer.string(key);
            out.push_str(&String::from_utf8_lossy(&writer.finish()));
            out.push(':');
            out.push_str(raw);
        }
        out.push('}');
        out
    }

    /// Writes the token to `path` at once for any reader: a temporary file beside it, then
    /// renamed over it.
    pub(crate) fn write_to(&self, path: &Path) -> Result<(), String> {
        use std::sync::atomic::{AtomicU32, Ordering};
        static NEXT: AtomicU32 = AtomicU32::new(0);
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("token.json");
        let temporary = path.with_file_name(format!(".{name}.{}.{}.tmp", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
        let written = std::fs::write(&temporary, self.to_json()).and_then(|()| std::fs::rename(&temporary, path));
        written.map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            format!("cannot write the refreshed token to {}: {e}", path.display())
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_file_is_named_by_the_sha1_of_its_key() {
        // SHA-1 of "my-sso-session" and of a start URL, as `sha1sum` prints them.
        let home = Path::new("/home/u");
        let file = cache_file(home, "my-sso-session");
        assert_eq!(file, home.join(".aws/sso/cache/b755b5ec73400c04400e978208d8559ad1f39053.json"));
        let url = cache_file(home, "https://d-abc123.awsapps.com/start");
        assert_eq!(url, home.join(".aws/sso/cache/40a89917e3175433e361b710a9d43528d7f1890a.json"));
    }

    #[test]
    fn fields_it_does_not_know_are_kept_when_it_writes_back() {
        let text = br#"{"startUrl": "https://x/start", "accessToken":"old", "nested": {"a": [1, 2.5, null]}, "expiresAt":"2026-01-01T00:00:00Z"}"#;
        let mut token = CachedToken::parse(text).unwrap();
        assert_eq!(token.string("accessToken").as_deref(), Some("old"));
        token.set_string("accessToken", "new\"one");
        token.set_time("expiresAt", SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_893_553_445));
        token.set_string("refreshToken", "r");
        assert_eq!(
            token.to_json(),
            r#"{"startUrl":"https://x/start","accessToken":"new\"one","nested":{"a": [1, 2.5, null]},"expiresAt":"2030-01-02T03:04:05Z","refreshToken":"r"}"#
        );
        let again = CachedToken::parse(token.to_json().as_bytes()).unwrap();
        assert_eq!(again.string("accessToken").as_deref(), Some("new\"one"));
        assert!(format!("{again:?}").contains("accessToken") && !format!("{again:?}").contains("new"));
    }

    #[test]
    fn a_broken_file_is_an_error() {
        assert!(CachedToken::parse(b"{\"accessToken\": ").unwrap_err().contains("not valid JSON"));
        let token = CachedToken::parse(br#"{"expiresAt":"yesterday"}"#).unwrap();
        assert!(token.time("expiresAt").unwrap_err().contains("expiresAt"));
    }
}
