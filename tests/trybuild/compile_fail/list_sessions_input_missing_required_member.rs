// Promise: a `ListSessionsInput` cannot be built without its required member
// `approval_team_arn`. Leaving it out is a compile error at `build()`, not a request that
// fails at run time, and the error says which setter to call.
use mpa::operation::list_sessions::ListSessionsInput;

fn main() {
    let _input = ListSessionsInput::builder().max_results(10).build();
}
