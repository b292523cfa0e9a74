//! Paginators follow the model's `@paginated` tokens over a caller-supplied transport:
//! pages and items in order, the token sent back where the model binds it (body or query),
//! the page size mapped to `MaxResults`, an error instead of a loop on a repeated token, and
//! transport and service errors passed through.

use mpa::http::{Request, Response};
use mpa::operation::list_approval_teams::{ListApprovalTeams, ListApprovalTeamsInput};
use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput};
use mpa::paginate::PaginationError;
use std::cell::RefCell;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

/// A transport answering from a script of (status, body) and recording every request.
struct Script {
    replies: Vec<(u16, String)>,
    seen: RefCell<Vec<Request<Vec<u8>>>>,
}

impl Script {
    fn new(replies: &[(u16, &str)]) -> Self {
        Script { replies: replies.iter().rev().map(|(s, b)| (*s, (*b).to_owned())).collect(), seen: RefCell::new(Vec::new()) }
    }

    fn transport(&mut self) -> impl FnMut(Request<Vec<u8>>) -> Result<Response<Vec<u8>>, String> + '_ {
        |request| {
            self.seen.borrow_mut().push(request);
            let (status, body) = self.replies.pop().ok_or("asked for one page too many")?;
            Ok(Response::builder().status(status).body(body.into_bytes()).expect("a response"))
        }
    }

    fn bodies(&self) -> Vec<serde_json::Value> {
        self.seen.borrow().iter().map(|r| serde_json::from_slice(r.body()).expect("a JSON body")).collect()
    }
}

fn session_page(arns: &[&str], token: Option<&str>) -> String {
    let sessions: Vec<_> = arns.iter().map(|a| serde_json::json!({ "SessionArn": a })).collect();
    let mut page = serde_json::json!({ "Sessions": sessions });
    if let Some(t) = token {
        page["NextToken"] = t.into();
    }
    page.to_string()
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(TEAM).build()
}

#[test]
fn items_of_every_page_in_order_following_the_body_token() {
    let mut script = Script::new(&[
        (200, &session_page(&["s-1", "s-2"], Some("t/1+="))),
        (200, &session_page(&[], Some("t2"))),
        (200, &session_page(&["s-3"], None)),
    ]);
    let items: Vec<String> = ListSessions::paginate(input(), script.transport())
        .page_size(2)
        .items()
        .map(|s| s.expect("no error").session_arn().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(items, ["s-1", "s-2", "s-3"]);
    let bodies = script.bodies();
    assert_eq!(bodies.len(), 3, "one request per page, none after the last");
    assert_eq!(bodies[0], serde_json::json!({ "MaxResults": 2 }), "the first page has no token");
    assert_eq!(bodies[1], serde_json::json!({ "MaxResults": 2, "NextToken": "t/1+=" }));
    assert_eq!(bodies[2], serde_json::json!({ "MaxResults": 2, "NextToken": "t2" }));
}

#[test]
fn query_bound_tokens_are_sent_in_the_query() {
    let pages = [
        (200, r#"{"ApprovalTeams":[{"Name":"a"}],"NextToken":"n/2"}"#),
        (200, r#"{"ApprovalTeams":[{"Name":"b"}]}"#),
    ];
    let mut script = Script::new(&pages);
    let names: Vec<String> = ListApprovalTeams::paginate(ListApprovalTeamsInput::builder().build(), script.transport())
        .page_size(5)
        .items()
        .map(|t| t.expect("no error").name().unwrap_or_default().to_owned())
        .collect();
    assert_eq!(names, ["a", "b"]);
    let uris: Vec<String> = script.seen.borrow().iter().map(|r| r.uri().to_string()).collect();
    assert_eq!(uris, ["/approval-teams/?List&MaxResults=5", "/approval-teams/?List&MaxResults=5&NextToken=n%2F2"]);
}

#[test]
fn a_repeated_token_is_an_error_not_a_loop() {
    let mut script = Script::new(&[
        (200, &session_page(&["s-1"], Some("same"))),
        (200, &session_page(&["s-2"], Some("same"))),
        (200, &session_page(&["never asked for"], None)),
    ]);
    let pages: Vec<_> = ListSessions::paginate(input(), script.transport()).collect();
    assert_eq!(pages.len(), 3, "two pages, then the error, then the end");
    assert!(pages[0].is_ok() && pages[1].is_ok());
    match &pages[2] {
        Err(PaginationError::RepeatedToken(token)) => assert_eq!(token, "same"),
        other => panic!("expected a repeated-token error, got {other:?}"),
    }
    assert_eq!(script.bodies().len(), 2, "no request follows the repeated token");
}

#[test]
fn an_empty_token_ends_the_listing() {
    let mut script = Script::new(&[(200, &session_page(&["s-1"], Some("")))]);
    assert_eq!(ListSessions::paginate(input(), script.transport()).count(), 1);
}

#[test]
fn transport_and_service_errors_stop_the_listing() {
    let mut script = Script::new(&[]);
    let mut pages = ListSessions::paginate(input(), script.transport());
    match pages.next() {
        Some(Err(PaginationError::Transport(e))) => assert_eq!(e, "asked for one page too many"),
        other => panic!("expected a transport error, got {other:?}"),
    }
    assert!(pages.next().is_none(), "nothing after an error");

    let mut script = Script::new(&[
        (200, &session_page(&["s-1"], Some("t"))),
        (429, r#"{"__type":"ThrottlingException","message":"slow down"}"#),
    ]);
    let results: Vec<_> = ListSessions::paginate(input(), script.transport()).items().collect();
    assert_eq!(results.len(), 2);
    match &results[1] {
        Err(PaginationError::Service(ListSessionsError::ThrottlingException(e))) => {
            assert_eq!(e.message(), "slow down");
        }
        other => panic!("expected the service's error, got {other:?}"),
    }
}

#[test]
fn an_invalid_input_is_refused_before_anything_is_sent() {
    let mut script = Script::new(&[(200, "{}")]);
    let first = ListSessions::paginate(input(), script.transport()).page_size(500).next();
    match first {
        Some(Err(PaginationError::Serialize(e))) => assert_eq!(e.member(), Some("MaxResults")),
        other => panic!("expected a serialize error, got {other:?}"),
    }
    assert!(script.seen.borrow().is_empty());
}
