// Promise: setters of optional members take the plain value, not an `Option`:
// `max_results(10)`, never `max_results(Some(10))`. Not calling the setter is how a member is
// left unset.
use mpa::operation::list_sessions::ListSessionsInput;

fn main() {
    let _input = ListSessionsInput::builder()
        .approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/team-1")
        .max_results(Some(10))
        .build();
}
