//! `credential_process`: a command that prints a credentials document on standard output.

use super::{Credentials, CredentialsError, ProvideCredentials};
use std::process::{Command, Stdio};

/// Runs a command (through the shell, as the AWS CLI does) and reads the JSON it prints:
/// `{"Version": 1, "AccessKeyId": ..., "SecretAccessKey": ..., "SessionToken": ...,
/// "Expiration": "2026-01-01T00:00:00Z"}`.
#[derive(Debug, Clone)]
pub struct ProcessProvider {
    command: String,
}

impl ProcessProvider {
    /// A provider running `command`.
    pub fn new(command: impl Into<String>) -> Self {
        ProcessProvider { command: command.into() }
    }
}

impl ProvideCredentials for ProcessProvider {
    fn provide_credentials(&self) -> Result<Credentials, CredentialsError> {
        const SOURCE: &str = "credential_process";
        let mut command = if cfg!(windows) {
            let mut c = Command::new("cmd.exe");
            c.arg("/C").arg(&self.command);
            c
        } else {
            let mut c = Command::new("sh");
            c.arg("-c").arg(&self.command);
            c
        };
        let output = command
            .stdin(Stdio::null())
            .stderr(Stdio::inherit())
            .output()
            .map_err(|e| CredentialsError::failed(SOURCE, format!("could not run `{}`: {e}", self.command)))?;
        if !output.status.success() {
            return Err(CredentialsError::failed(SOURCE, format!("`{}` failed ({})", self.command, output.status)));
        }
        check_version(&output.stdout).map_err(|why| CredentialsError::failed(SOURCE, why))?;
        super::parse_json(&output.stdout, SOURCE).map_err(|why| CredentialsError::failed(SOURCE, why))
    }
}

/// The document's `Version` must be 1 (the only version defined).
fn check_version(body: &[u8]) -> Result<(), String> {
    let mut reader = crate::rt::json::Reader::new(body);
    let mut version = None;
    let mut read = || -> crate::rt::json::Result<()> {
        reader.begin_object()?;
        while let Some(key) = reader.next_key()? {
            if key == "Version" {
                version = Some(reader.i64()?);
            } else {
                reader.skip_value()?;
            }
        }
        Ok(())
    };
    read().map_err(|e| format!("the output is not a JSON credentials document: {e}"))?;
    match version {
        Some(1) => Ok(()),
        Some(v) => Err(format!("the output has `Version` {v}; only 1 is supported")),
        None => Err("the output has no `Version` (it must be 1)".into()),
    }
}
