//! The environment variables configuration is read from, captured once.

use std::collections::BTreeMap;
use std::sync::Arc;

/// A snapshot of the variables the client reads (`AWS_*`, the proxy variables
/// `HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY` in either case, the endpoint URLs
/// of services that are not AWS's, `*_ENDPOINT_URL`, and the home directory).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Env {
    vars: Arc<BTreeMap<String, String>>,
}

impl Env {
    /// The process's environment, now.
    pub fn from_process() -> Self {
        let vars = std::env::vars_os()
            .filter_map(|(k, v)| Some((k.into_string().ok()?, v.into_string().ok()?)))
            .filter(|(k, _)| {
                k.starts_with("AWS_")
                    || k.ends_with("_ENDPOINT_URL")
                    || matches!(k.as_str(), "HOME" | "USERPROFILE")
                    || super::proxy::ENV_VARS.contains(&k.as_str())
            })
            .collect();
        Env { vars: Arc::new(vars) }
    }

    /// Exactly these variables (and nothing from the process).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        Env { vars: Arc::new(pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect()) }
    }

    /// A variable's value; an empty value counts as unset.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.vars.get(name).map(String::as_str).filter(|v| !v.is_empty())
    }

    /// The home directory, where `~/.aws/` is.
    pub(crate) fn home(&self) -> Option<&str> {
        self.get("HOME").or_else(|| self.get("USERPROFILE"))
    }
}

/// Only the names: values may be secrets.
impl std::fmt::Debug for Env {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_set().entries(self.vars.keys()).finish()
    }
}
