//! Errors of the generator, each one naming where in the model it comes from.

use std::fmt;

/// A problem with the input model: what is wrong, in which shape, at which JSON path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ModelError {
    /// JSON path of the offending value, e.g. `shapes["ns#Filter"].members.Value.target`.
    pub path: String,
    /// The shape the value belongs to, when there is one.
    pub shape: Option<String>,
    pub message: String,
}

impl ModelError {
    pub fn at(path: impl Into<String>, shape: Option<&str>, message: impl Into<String>) -> Self {
        ModelError { path: path.into(), shape: shape.map(str::to_owned), message: message.into() }
    }
}

impl fmt::Display for ModelError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.message)?;
        if let Some(shape) = &self.shape {
            write!(f, "\n  shape: {shape}")?;
        }
        write!(f, "\n  at: {}", self.path)
    }
}

impl std::error::Error for ModelError {}

/// Anything that stops a run.
#[derive(Debug)]
pub enum Error {
    /// The model could not be read or is not one the generator can use.
    Model(ModelError),
    /// Reading the model or writing the output failed.
    Io { path: std::path::PathBuf, source: std::io::Error },
    /// The generator produced code that does not parse: a bug in the generator.
    Internal(String),
    /// Usage errors: an unknown operation name, and the like.
    Usage(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Model(e) => write!(f, "{e}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Internal(msg) => write!(f, "internal generator error: {msg}"),
            Error::Usage(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<ModelError> for Error {
    fn from(e: ModelError) -> Self {
        Error::Model(e)
    }
}
