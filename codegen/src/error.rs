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
    /// Set when the model is valid but asks for something the generator cannot do yet: an
    /// operation that needs it is left out (unless it was asked for by name), where any
    /// other error stops the run.
    pub unsupported: Option<Unsupported>,
}

/// What the generator does not support yet, as the reason an operation is left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Unsupported {
    /// `@streaming` unions: event streams.
    EventStream,
    /// An HTTP binding of a target type the protocol's bindings do not cover.
    Binding,
    /// Lists and maps nested deeper than the generator's limit.
    DeepNesting,
    /// A list or map that holds itself with no structure or union between.
    CollectionCycle,
    /// A member targeting a shape kind that has no Rust type here.
    MemberTarget,
    /// The service's protocol.
    Protocol,
    /// An operation whose Rust name would shadow a name of Rust's prelude.
    PreludeName,
    /// An operation whose only auth schemes are ones the clients do not implement
    /// (`aws.auth#sigv4a`, `smithy.api#httpDigestAuth`, schemes the generator does not know).
    AuthScheme,
}

impl ModelError {
    pub fn at(path: impl Into<String>, shape: Option<&str>, message: impl Into<String>) -> Self {
        ModelError { path: path.into(), shape: shape.map(str::to_owned), message: message.into(), unsupported: None }
    }

    /// A valid model asking for what the generator does not support yet (`reason`).
    pub fn unsupported(path: impl Into<String>, shape: Option<&str>, reason: Unsupported, message: impl Into<String>) -> Self {
        ModelError { unsupported: Some(reason), ..ModelError::at(path, shape, message) }
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
    /// A model's file (IDL, or one of several) could not be read: file, line and column.
    Source(SourceError),
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
            Error::Source(e) => write!(f, "{e}"),
            Error::Io { path, source } => write!(f, "{}: {source}", path.display()),
            Error::Internal(msg) => write!(f, "internal generator error: {msg}"),
            Error::Usage(msg) => write!(f, "{msg}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<SourceError> for Error {
    fn from(e: SourceError) -> Self {
        Error::Source(e)
    }
}

impl From<ModelError> for Error {
    fn from(e: ModelError) -> Self {
        Error::Model(e)
    }
}

/// A file that could not be read as Smithy IDL, or as part of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceError {
    /// The file's name as given to the reader.
    pub file: String,
    /// 1-based line, 0 when the error belongs to no one place of the file.
    pub line: usize,
    /// 1-based column, counted in characters.
    pub column: usize,
    pub message: String,
    /// The offending line and a caret under the column (empty without a place).
    pub snippet: String,
}

impl SourceError {
    /// An error at byte `offset` of `text` (clamped to the text).
    pub fn at(file: &str, text: &str, offset: usize, message: impl Into<String>) -> Self {
        let mut offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        let before = &text[..offset];
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
        let line = before.matches('\n').count() + 1;
        let column = text[line_start..offset].chars().count() + 1;
        let source_line = text[line_start..line_end].trim_end_matches('\r');
        // Tabs are kept so that the caret lines up under them in a terminal.
        let pad: String = text[line_start..offset].chars().map(|c| if c == '\t' { '\t' } else { ' ' }).collect();
        let snippet = format!("{line:>5} | {source_line}\n      | {pad}^");
        SourceError { file: file.to_owned(), line, column, message: message.into(), snippet }
    }

    /// An error of the file as a whole (or of the model, naming the file).
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        SourceError { file: file.to_owned(), line: 0, column: 0, message: message.into(), snippet: String::new() }
    }

    /// `file:line:column` (or just the file).
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.file.clone()
        } else {
            format!("{}:{}:{}", self.file, self.line, self.column)
        }
    }
}

impl fmt::Display for SourceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if !self.snippet.is_empty() {
            write!(f, "\n{}", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for SourceError {}
