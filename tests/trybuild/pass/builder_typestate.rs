// Promise: builders track required members in their type. `ListSessionsInput::builder()` starts
// as `ListSessionsInputBuilder<Missing>` and becomes `ListSessionsInputBuilder<String>` once
// `approval_team_arn` is set, in any order relative to the other setters; optional members take
// plain values; a list member has an appender (`filters(f)`) and a replacer
// (`set_filters(iter)`); builders of structures with no required member build right away.
#![deny(warnings)]

use mpa::builder::Missing;
use mpa::operation::list_sessions::{ListSessionsInput, ListSessionsInputBuilder};
use mpa::types::{Filter, FilterField, Operator};

fn filter(field: FilterField, operator: Operator, value: &str) -> Filter {
    Filter::builder()
        .field_name(field)
        .operator(operator)
        .value(value)
        .build()
}

fn main() {
    // The required member, set through its setter, changes the builder's type.
    let start: ListSessionsInputBuilder<Missing> = ListSessionsInput::builder();
    let ready: ListSessionsInputBuilder<String> = start.approval_team_arn("team-arn");
    let input = ready.build();
    assert_eq!(input.approval_team_arn(), "team-arn");
    assert_eq!(input.max_results(), None);
    assert_eq!(input.next_token(), None);
    assert!(input.filters().is_empty());

    // Optional members take plain values and may come before the required one; setting the
    // required member again replaces it.
    let input = ListSessionsInput::builder()
        .max_results(10)
        .next_token(String::from("page-2"))
        .approval_team_arn("first")
        .approval_team_arn(String::from("second"))
        .build();
    assert_eq!(input.approval_team_arn(), "second");
    assert_eq!(input.max_results(), Some(10));
    assert_eq!(input.next_token(), Some("page-2"));

    // `filters(f)` appends one item; `set_filters(iter)` replaces the whole list.
    let by_action = filter(FilterField::ActionName, Operator::Equals, "StartBackupJob");
    let by_status = filter(FilterField::SessionStatus, Operator::NotEquals, "CANCELLED");
    let since = filter(
        FilterField::InitiationTime,
        Operator::GreaterThan,
        "2026-03-01T00:00:00Z",
    );

    let appended = ListSessionsInput::builder()
        .approval_team_arn("team-arn")
        .filters(by_action.clone())
        .filters(by_status.clone())
        .build();
    assert_eq!(appended.filters(), [by_action.clone(), by_status.clone()]);

    let replaced = ListSessionsInput::builder()
        .filters(by_action.clone())
        .set_filters(Some(vec![by_status.clone(), since.clone()]))
        .approval_team_arn("team-arn")
        .build();
    assert_eq!(replaced.filters(), [by_status.clone(), since.clone()]);

    let extended = ListSessionsInput::builder()
        .approval_team_arn("team-arn")
        .set_filters(Some(vec![by_action.clone()]))
        .filters(since.clone())
        .build();
    assert_eq!(extended.filters(), [by_action.clone(), since.clone()]);

    // `set_` with `None` leaves an optional member absent again.
    let cleared = ListSessionsInput::builder()
        .approval_team_arn("team-arn")
        .filters(by_action.clone())
        .set_filters(None)
        .max_results(5)
        .set_max_results(None)
        .build();
    assert_eq!(cleared.filters(), []);
    assert_eq!(cleared.max_results(), None);

    // A structure with no required member builds at once; enum setters accept wire strings.
    let empty = Filter::builder().build();
    assert_eq!(empty.field_name(), None);
    assert_eq!(empty.operator(), None);
    assert_eq!(empty.value(), None);
    let from_strings = Filter::builder()
        .field_name("ActionName")
        .operator("EQ")
        .value("StartBackupJob")
        .build();
    assert_eq!(from_strings, by_action);
    assert_eq!(from_strings.field_name(), Some(&FilterField::ActionName));
    assert_eq!(from_strings.operator(), Some(&Operator::Equals));
    assert_eq!(from_strings.value(), Some("StartBackupJob"));
}
