//! Serde (feature `serde`) for timestamps: RFC 3339 text wherever an `OffsetDateTime`
//! stands, alone or inside `Option`s, `Vec`s and `BTreeMap`s at any depth. Structure
//! members and union members whose type holds a timestamp name this module in
//! `#[serde(with = ...)]`; without it, `time`'s own serde form (a tuple of numbers) would
//! apply inside lists, maps and unions, where the `time::serde::rfc3339` helpers, made for
//! one value or one `Option`, do not reach.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;
use time::OffsetDateTime;

/// A timestamp, or a list, map or `Option` of values of this trait: serde reads and
/// writes every timestamp in it as RFC 3339 text.
pub trait Rfc3339: Sized {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error>;
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// `#[serde(with = "crate::rt::serde_time")]`: writes `value`.
pub fn serialize<T: Rfc3339, S: Serializer>(value: &T, serializer: S) -> Result<S::Ok, S::Error> {
    value.write(serializer)
}

/// `#[serde(with = "crate::rt::serde_time")]`: reads a value.
pub fn deserialize<'de, T: Rfc3339, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    T::read(deserializer)
}

/// An element or entry being written: serde's collection helpers need `Serialize` items.
struct Out<'a, T>(&'a T);

impl<T: Rfc3339> Serialize for Out<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.write(serializer)
    }
}

/// An element or entry being read, for the same reason.
struct In<T>(T);

impl<'de, T: Rfc3339> Deserialize<'de> for In<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        T::read(deserializer).map(In)
    }
}

impl Rfc3339 for OffsetDateTime {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        time::serde::rfc3339::serialize(self, serializer)
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        time::serde::rfc3339::deserialize(deserializer)
    }
}

/// An optional member, or an entry of a `@sparse` list or map (`null` when absent).
impl<T: Rfc3339> Rfc3339 for Option<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Some(value) => serializer.serialize_some(&Out(value)),
            None => serializer.serialize_none(),
        }
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Option::<In<T>>::deserialize(deserializer)?.map(|value| value.0))
    }
}

impl<T: Rfc3339> Rfc3339 for Vec<T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.iter().map(Out))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Ok(Vec::<In<T>>::deserialize(deserializer)?.into_iter().map(|value| value.0).collect())
    }
}

impl<T: Rfc3339> Rfc3339 for BTreeMap<String, T> {
    fn write<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_map(self.iter().map(|(key, value)| (key, Out(value))))
    }

    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let entries = BTreeMap::<String, In<T>>::deserialize(deserializer)?;
        Ok(entries.into_iter().map(|(key, value)| (key, value.0)).collect())
    }
}
