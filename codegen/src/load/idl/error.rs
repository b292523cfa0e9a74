//! Errors of the IDL reader: the file, line and column, and the line itself with a caret.

use std::fmt;

/// A file that could not be read as Smithy IDL, or as part of the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IdlError {
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

impl IdlError {
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
        IdlError { file: file.to_owned(), line, column, message: message.into(), snippet }
    }

    /// An error of the file as a whole (or of the model, naming the file).
    pub fn whole(file: &str, message: impl Into<String>) -> Self {
        IdlError { file: file.to_owned(), line: 0, column: 0, message: message.into(), snippet: String::new() }
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

impl fmt::Display for IdlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.location(), self.message)?;
        if !self.snippet.is_empty() {
            write!(f, "\n{}", self.snippet)?;
        }
        Ok(())
    }
}

impl std::error::Error for IdlError {}
