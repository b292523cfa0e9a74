// Promise: `mpa::types::Filter` cannot be built with a struct literal: its fields are private
// and the struct is `#[non_exhaustive]`, so members can be added without breaking callers.
// Filters are built with `Filter::builder()`.
use mpa::types::{Filter, FilterField, Operator};

fn main() {
    let _filter = Filter {
        field_name: Some(FilterField::ActionName),
        operator: Some(Operator::Equals),
        value: Some("StartBackupJob".to_owned()),
    };
}
