//! The shared config (`~/.aws/config`) and credentials (`~/.aws/credentials`) files.
//!
//! Sections are `[default]`, `[profile name]`, `[sso-session name]` and `[services name]` in
//! the config file and `[name]` in the credentials file, whose keys win. Lines starting with `#` or `;` are
//! comments; an indented `key = value` under `key =` is a sub-property (`mpa.endpoint_url`).

use super::env::Env;
use std::collections::BTreeMap;
use std::path::PathBuf;

/// The keys of one section, lower-case.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Section {
    values: BTreeMap<String, String>,
}

/// Only the keys: values may be secrets (`aws_secret_access_key`).
impl std::fmt::Debug for Section {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.values.keys()).finish()
    }
}

impl Section {
    /// A key's value (`region`, `mpa.endpoint_url` for a sub-property).
    pub fn get(&self, key: &str) -> Option<&str> {
        self.values.get(key).map(String::as_str).filter(|v| !v.is_empty())
    }
}

/// Every profile and services section of both files.
#[derive(Debug, Clone, Default)]
pub struct Profiles {
    profiles: BTreeMap<String, Section>,
    services: BTreeMap<String, Section>,
    sso_sessions: BTreeMap<String, Section>,
    files: Vec<PathBuf>,
}

impl Profiles {
    /// Reads the files `AWS_CONFIG_FILE` and `AWS_SHARED_CREDENTIALS_FILE` name, or those in
    /// `~/.aws/`. A missing file is no error; one that cannot be read is.
    pub fn load(env: &Env) -> Result<Self, String> {
        let home = env.home().map(PathBuf::from);
        let default = |name: &str| home.as_ref().map(|h| h.join(".aws").join(name));
        let path = |var: &str, name: &str| env.get(var).map(|p| expand_home(p, home.as_ref())).or_else(|| default(name));
        let mut profiles = Profiles::default();
        if let Some(config) = path("AWS_CONFIG_FILE", "config") {
            profiles.read(config, true)?;
        }
        if let Some(credentials) = path("AWS_SHARED_CREDENTIALS_FILE", "credentials") {
            profiles.read(credentials, false)?;
        }
        Ok(profiles)
    }

    fn read(&mut self, path: PathBuf, is_config: bool) -> Result<(), String> {
        match std::fs::read_to_string(&path) {
            Ok(text) => self.parse(&text, is_config),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(format!("cannot read {}: {e}", path.display())),
        }
        self.files.push(path);
        Ok(())
    }

    /// Adds the sections of one file's text.
    pub fn parse(&mut self, text: &str, is_config: bool) {
        let mut current: Option<&mut Section> = None;
        let mut parent: Option<String> = None;
        for line in text.lines() {
            let trimmed = line.trim();
            if trimmed.is_empty() || trimmed.starts_with(['#', ';']) {
                continue;
            }
            if let Some(header) = trimmed.strip_prefix('[') {
                let name = strip_comment(header).trim_end().trim_end_matches(']').trim();
                parent = None;
                current = self.section(name, is_config);
                continue;
            }
            let Some(section) = current.as_deref_mut() else { continue };
            let Some((key, value)) = trimmed.split_once('=') else { continue };
            let key = key.trim().to_ascii_lowercase();
            let value = strip_comment(value).trim().to_owned();
            let indented = line.starts_with([' ', '\t']);
            match (&parent, indented) {
                (Some(parent), true) => {
                    section.values.insert(format!("{parent}.{key}"), value);
                }
                _ => {
                    parent = value.is_empty().then(|| key.clone());
                    section.values.insert(key, value);
                }
            }
        }
    }

    fn section(&mut self, header: &str, is_config: bool) -> Option<&mut Section> {
        let words: Vec<&str> = header.split_whitespace().collect();
        let (map, name) = match (is_config, words.as_slice()) {
            (true, ["default"]) | (true, ["profile", "default"]) => (&mut self.profiles, "default"),
            (true, ["profile", name]) => (&mut self.profiles, *name),
            (true, ["services", name]) => (&mut self.services, *name),
            (true, ["sso-session", name]) => (&mut self.sso_sessions, *name),
            (false, [name]) => (&mut self.profiles, *name),
            // Anything else: not read.
            _ => return None,
        };
        Some(map.entry(name.to_owned()).or_default())
    }

    /// A profile, by name.
    pub fn profile(&self, name: &str) -> Option<&Section> {
        self.profiles.get(name)
    }

    /// A `[services name]` section.
    pub fn services(&self, name: &str) -> Option<&Section> {
        self.services.get(name)
    }

    /// An `[sso-session name]` section.
    pub fn sso_session(&self, name: &str) -> Option<&Section> {
        self.sso_sessions.get(name)
    }

    /// The files read, for error messages.
    pub(crate) fn describe_files(&self) -> String {
        if self.files.is_empty() {
            return "the shared config files (none found)".into();
        }
        self.files.iter().map(|f| f.display().to_string()).collect::<Vec<_>>().join(" or ")
    }
}

/// A value's trailing ` # comment` or ` ; comment`.
fn strip_comment(value: &str) -> &str {
    let cut = value
        .char_indices()
        .find(|&(i, c)| matches!(c, '#' | ';') && i > 0 && value[..i].ends_with([' ', '\t']))
        .map(|(i, _)| i);
    cut.map_or(value, |i| &value[..i])
}

fn expand_home(path: &str, home: Option<&PathBuf>) -> PathBuf {
    match (path.strip_prefix("~/"), home) {
        (Some(rest), Some(home)) => home.join(rest),
        _ => PathBuf::from(path),
    }
}
