/// A value the model did not know when this crate was generated.
///
/// Enums keep such values instead of failing, so that a newer service can still be read.
/// Build one with the enum's `From<&str>` (which picks a known variant when there is one),
/// and read it back with `as_str()`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UnknownValue(String);

impl UnknownValue {
    /// The value, which no variant of its enum has (the enum's `From<&str>` decides).
    #[doc(hidden)]
    pub fn new(value: String) -> Self {
        UnknownValue(value)
    }

    /// The raw value as the service sent it.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for UnknownValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<UnknownValue> for String {
    fn from(value: UnknownValue) -> String {
        value.0
    }
}
