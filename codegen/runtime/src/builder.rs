//! Building blocks of the generated builders.
//!
//! Every structure has a builder. A builder has one type parameter per required member;
//! it starts as [`Missing`] and becomes the member's type when the member is set, and
//! `build()` exists only once every such parameter is set. Leaving out a required member
//! is therefore a compile error, not a run-time one.

/// The state of a required builder member that has not been set yet.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Missing;

/// Implemented by the value of a required member once it is set.
#[diagnostic::on_unimplemented(
    message = "a required member of this builder is not set",
    label = "a required member is still `Missing` here",
    note = "the bound below names the missing member (`Member: Required<..>`): call its setter before `build()`"
)]
pub trait Required<T> {
    /// The member's value.
    fn into_value(self) -> T;
}

impl<T> Required<T> for T {
    fn into_value(self) -> T {
        self
    }
}

/// A list member, set or not: appenders start a new list from [`Missing`].
pub trait ListSoFar<T> {
    /// The items appended so far.
    fn into_items(self) -> Vec<T>;
}

impl<T> ListSoFar<T> for Missing {
    fn into_items(self) -> Vec<T> {
        Vec::new()
    }
}

impl<T> ListSoFar<T> for Vec<T> {
    fn into_items(self) -> Vec<T> {
        self
    }
}

/// A map member, set or not: inserters start a new map from [`Missing`].
pub trait MapSoFar<V> {
    /// The entries inserted so far.
    fn into_entries(self) -> std::collections::BTreeMap<String, V>;
}

impl<V> MapSoFar<V> for Missing {
    fn into_entries(self) -> std::collections::BTreeMap<String, V> {
        std::collections::BTreeMap::new()
    }
}

impl<V> MapSoFar<V> for std::collections::BTreeMap<String, V> {
    fn into_entries(self) -> std::collections::BTreeMap<String, V> {
        self
    }
}
