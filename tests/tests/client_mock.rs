//! Mock clients (feature `test-util`): rules answer calls of both clients, through plain
//! calls and paginators, in sequence, with typed outputs, modeled errors, raw HTTP responses
//! and transport errors; requests are recorded; a call no rule answers fails naming its
//! operation. Nothing is sent: the mock clients have no network.

use mpa::client::mock::{Mock, Rule};
use mpa::client::{Error, TransportError, TransportErrorKind};
use mpa::error::ValidationException;
use mpa::http;
use mpa::operation::get_session::GetSession;
use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput, ListSessionsOutput};
use mpa::types::ListSessionsResponseSession;

const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";
const OTHER_TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-2";

fn input(team: &str) -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn(team).build()
}

fn page(arns: &[&str], next: Option<&str>) -> ListSessionsOutput {
    let mut output = ListSessionsOutput::builder();
    for arn in arns {
        output = output.sessions(ListSessionsResponseSession::builder().session_arn(*arn).build());
    }
    if let Some(next) = next {
        output = output.next_token(next);
    }
    output.build()
}

fn arns(output: &ListSessionsOutput) -> Vec<&str> {
    output.sessions().iter().filter_map(|s| s.session_arn()).collect()
}

fn blocking(mock: &Mock) -> mpa::blocking::Client {
    mpa::blocking::Client::from_mock(mock.clone()).expect("mock client")
}

fn unanswered<E: std::fmt::Debug>(result: Result<ListSessionsOutput, Error<E>>) -> String {
    match result {
        Err(Error::Transport(e)) if e.kind() == TransportErrorKind::Other => e.to_string(),
        other => panic!("expected the mock's error, got {other:?}"),
    }
}

#[test]
fn once_then_unmatched_names_the_operation() {
    let mock = Mock::new().rule(Rule::<ListSessions>::new().output(|| page(&["s-1"], None)));
    let client = blocking(&mock);
    let output = client.call::<ListSessions>(&input(TEAM)).expect("first call");
    assert_eq!(arns(&output), ["s-1"]);
    let message = unanswered(client.call::<ListSessions>(&input(TEAM)));
    assert!(message.contains("`ListSessions`") && message.contains("call 2"), "{message}");
    assert_eq!(mock.rules_left(), 0);
}

#[test]
fn a_call_of_an_operation_without_rules_says_so() {
    let mock = Mock::new().rule(Rule::<ListSessions>::new().always().output(|| page(&[], None)));
    let get = mpa::operation::get_session::GetSessionInput::builder().session_arn("arn:aws:mpa:us-east-1:123456789012:session/team-1/s-1").build();
    match blocking(&mock).call::<GetSession>(&get) {
        Err(Error::Transport(e)) => {
            let message = e.to_string();
            assert!(message.contains("`GetSession`") && message.contains("no rule for it"), "{message}");
        }
        other => panic!("expected the mock's error, got {other:?}"),
    }
}

#[test]
fn times_always_and_sequence() {
    let mock = Mock::new()
        .rule(Rule::<ListSessions>::new().times(2).output(|| page(&["first"], None)))
        .rule(Rule::<ListSessions>::new().output(|| page(&["second"], None)))
        .rule(Rule::<ListSessions>::new().always().output(|| page(&["always"], None)));
    let client = blocking(&mock);
    let answers: Vec<String> =
        (0..5).map(|_| arns(&client.call::<ListSessions>(&input(TEAM)).expect("answer"))[0].to_owned()).collect();
    assert_eq!(answers, ["first", "first", "second", "always", "always"]);
    assert_eq!(mock.rules_left(), 1);
}

#[test]
fn a_predicate_picks_the_rule_by_input() {
    let mock = Mock::new()
        .rule(Rule::<ListSessions>::new().always().when(|i| i.approval_team_arn() == OTHER_TEAM).output(|| page(&["other"], None)))
        .rule(Rule::<ListSessions>::new().always().output(|| page(&["default"], None)));
    let client = blocking(&mock);
    assert_eq!(arns(&client.call::<ListSessions>(&input(TEAM)).unwrap()), ["default"]);
    assert_eq!(arns(&client.call::<ListSessions>(&input(OTHER_TEAM)).unwrap()), ["other"]);
}

#[test]
fn a_modeled_error() {
    let mock = Mock::new().rule(
        Rule::<ListSessions>::new()
            .error(|| ListSessionsError::ValidationException(ValidationException::builder().message("no such team").build())),
    );
    match blocking(&mock).call::<ListSessions>(&input(TEAM)) {
        Err(Error::Service(ListSessionsError::ValidationException(e))) => assert_eq!(e.message(), "no such team"),
        other => panic!("expected the modeled error, got {other:?}"),
    }
}

fn raw(status: u16, headers: &[(&str, &str)], body: &str) -> http::Response<Vec<u8>> {
    let mut response = http::Response::builder().status(status);
    for (name, value) in headers {
        response = response.header(*name, *value);
    }
    response.body(body.as_bytes().to_vec()).unwrap()
}

#[test]
fn raw_http_responses_go_through_the_parser() {
    let mock = Mock::new()
        .rule(Rule::<ListSessions>::new().http_response(|| {
            raw(200, &[("x-amzn-requestid", "req-1")], r#"{"Sessions":[{"SessionArn":"s-raw"}],"NextToken":"t"}"#)
        }))
        .rule(Rule::<ListSessions>::new().http_response(|| {
            raw(404, &[("x-amzn-errortype", "ResourceNotFoundException"), ("x-amzn-requestid", "req-2")], r#"{"message":"gone"}"#)
        }))
        .rule(Rule::<ListSessions>::new().http_response(|| raw(200, &[], "{not json")));
    let client = blocking(&mock);
    let output = client.call::<ListSessions>(&input(TEAM)).expect("parsed output");
    assert_eq!((arns(&output), output.next_token(), output.request_id()), (vec!["s-raw"], Some("t"), Some("req-1")));
    match client.call::<ListSessions>(&input(TEAM)) {
        Err(Error::Service(ListSessionsError::ResourceNotFoundException(e))) => {
            assert_eq!((e.message(), e.request_id()), ("gone", Some("req-2")));
        }
        other => panic!("expected the parsed error, got {other:?}"),
    }
    match client.call::<ListSessions>(&input(TEAM)) {
        Err(Error::Service(ListSessionsError::InvalidResponse(_))) => {}
        other => panic!("expected an invalid response, got {other:?}"),
    }
}

#[test]
fn a_transport_error() {
    let mock = Mock::new().rule(Rule::<ListSessions>::new().transport_error(|| TransportError::connect("refused")));
    match blocking(&mock).call::<ListSessions>(&input(TEAM)) {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Connect),
        other => panic!("expected the transport error, got {other:?}"),
    }
}

#[test]
fn requests_are_recorded_typed_and_serialized() {
    let mock = Mock::new().rule(Rule::<ListSessions>::new().output(|| page(&[], None)));
    let client = blocking(&mock);
    client.call::<ListSessions>(&input(TEAM)).expect("answered");
    let _ = client.call::<ListSessions>(&input(OTHER_TEAM));
    let requests = mock.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.operation() == "ListSessions"));
    assert_eq!(requests[0].input::<ListSessions>().map(|i| i.approval_team_arn()), Some(TEAM));
    // The unanswered call has its HTTP request only.
    assert!(requests[1].input::<ListSessions>().is_none());
    let http = requests[1].http();
    assert_eq!(http.method(), "POST");
    let uri = http.uri().to_string();
    assert!(uri.starts_with("https://mpa.us-east-1.api.aws/approval-teams/arn%3Aaws%3Ampa"), "{uri}");
    assert!(uri.contains("team-2"), "{uri}");
    // Unsigned: a mock never signs.
    assert!(http.headers().get("authorization").is_none());
}

#[test]
fn an_invalid_input_fails_as_with_a_real_client_and_is_not_recorded() {
    let mock = Mock::new().rule(Rule::<ListSessions>::new().always().output(|| page(&[], None)));
    let client = blocking(&mock);
    let invalid = ListSessionsInput::builder().approval_team_arn("not an arn").build();
    assert!(matches!(client.call::<ListSessions>(&invalid), Err(Error::Serialize(_))));
    assert!(mock.requests().is_empty());
}

#[test]
fn blocking_paginators_are_answered() {
    let mock = Mock::new()
        .rule(Rule::<ListSessions>::new().when(|i| i.next_token().is_none()).output(|| page(&["s-1", "s-2"], Some("t1"))))
        .rule(Rule::<ListSessions>::new().when(|i| i.next_token() == Some("t1")).output(|| page(&["s-3"], None)));
    let client = blocking(&mock);
    let items: Vec<String> = client
        .paginate::<ListSessions>(input(TEAM))
        .items()
        .map(|item| item.expect("item").session_arn().unwrap().to_owned())
        .collect();
    assert_eq!(items, ["s-1", "s-2", "s-3"]);
    let tokens: Vec<Option<String>> =
        mock.requests().iter().map(|r| r.input::<ListSessions>().unwrap().next_token().map(str::to_owned)).collect();
    assert_eq!(tokens, [None, Some("t1".to_owned())]);
    // The paginator of the operation, over the client, goes the same way.
    let mock = Mock::new().rule(Rule::<ListSessions>::new().output(|| page(&["only"], None)));
    let client = blocking(&mock);
    let pages: Vec<_> = ListSessions::paginate(input(TEAM), &client).collect();
    assert_eq!(pages.len(), 1);
    assert_eq!(arns(pages[0].as_ref().expect("page")), ["only"]);
}

#[test]
fn a_paginator_reports_a_mocked_error_as_an_item() {
    let mock = Mock::new()
        .rule(Rule::<ListSessions>::new().output(|| page(&["s-1"], Some("t1"))))
        .rule(Rule::<ListSessions>::new().transport_error(|| TransportError::timeout("slow")));
    let items: Vec<_> = blocking(&mock).paginate::<ListSessions>(input(TEAM)).items().collect();
    assert_eq!(items.len(), 2);
    assert!(items[0].is_ok());
    match &items[1] {
        Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Timeout),
        other => panic!("expected the transport error, got {other:?}"),
    }
}

mod async_client {
    use super::*;

    fn run<F: std::future::Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime").block_on(future)
    }

    fn client(mock: &Mock) -> mpa::Client {
        mpa::Client::from_mock(mock.clone()).expect("mock client")
    }

    #[test]
    fn rules_answer_in_sequence_with_every_kind_of_answer() {
        let mock = Mock::new()
            .rule(Rule::<ListSessions>::new().when(|i| i.approval_team_arn() == OTHER_TEAM).times(2).output(|| page(&["other"], None)))
            .rule(Rule::<ListSessions>::new().output(|| page(&["typed"], None)))
            .rule(Rule::<ListSessions>::new().error(|| {
                ListSessionsError::ValidationException(ValidationException::builder().message("bad").build())
            }))
            .rule(Rule::<ListSessions>::new().http_response(|| raw(200, &[], r#"{"Sessions":[{"SessionArn":"raw"}]}"#)))
            .rule(Rule::<ListSessions>::new().transport_error(|| TransportError::io("reset")));
        let client = client(&mock);
        run(async {
            assert_eq!(arns(&client.call::<ListSessions>(&input(TEAM)).await.unwrap()), ["typed"]);
            assert_eq!(arns(&client.call::<ListSessions>(&input(OTHER_TEAM)).await.unwrap()), ["other"]);
            assert_eq!(arns(&client.call::<ListSessions>(&input(OTHER_TEAM)).await.unwrap()), ["other"]);
            match client.call::<ListSessions>(&input(TEAM)).await {
                Err(Error::Service(ListSessionsError::ValidationException(e))) => assert_eq!(e.message(), "bad"),
                other => panic!("expected the modeled error, got {other:?}"),
            }
            assert_eq!(arns(&client.call::<ListSessions>(&input(TEAM)).await.unwrap()), ["raw"]);
            match client.call::<ListSessions>(&input(TEAM)).await {
                Err(Error::Transport(e)) => assert_eq!(e.kind(), TransportErrorKind::Io),
                other => panic!("expected the transport error, got {other:?}"),
            }
            let message = unanswered(client.call::<ListSessions>(&input(OTHER_TEAM)).await);
            assert!(message.contains("`ListSessions`") && message.contains("call 7"), "{message}");
        });
        let requests = mock.requests();
        assert_eq!(requests.len(), 7);
        let teams: Vec<&str> = requests[..6].iter().map(|r| r.input::<ListSessions>().unwrap().approval_team_arn()).collect();
        assert_eq!(teams, [TEAM, OTHER_TEAM, OTHER_TEAM, TEAM, TEAM, TEAM]);
        assert!(requests[6].http().uri().to_string().contains("team-2"));
    }

    #[test]
    fn always_answers_every_call() {
        let mock = Mock::new().rule(Rule::<ListSessions>::new().always().output(|| page(&["a"], None)));
        let client = client(&mock);
        run(async {
            for _ in 0..3 {
                assert_eq!(arns(&client.call::<ListSessions>(&input(TEAM)).await.unwrap()), ["a"]);
            }
        });
        assert_eq!((mock.requests().len(), mock.rules_left()), (3, 1));
    }

    #[test]
    fn paginators_are_answered() {
        let mock = Mock::new()
            .rule(Rule::<ListSessions>::new().when(|i| i.next_token().is_none()).output(|| page(&["s-1"], Some("t1"))))
            .rule(Rule::<ListSessions>::new().when(|i| i.next_token() == Some("t1")).output(|| page(&["s-2", "s-3"], None)));
        let client = client(&mock);
        let items = run(async {
            let mut items = client.paginate::<ListSessions>(input(TEAM)).items();
            let mut arns = Vec::new();
            // Bounded: three items and the end.
            for _ in 0..4 {
                match items.next().await {
                    Some(item) => arns.push(item.expect("item").session_arn().unwrap().to_owned()),
                    None => break,
                }
            }
            arns
        });
        assert_eq!(items, ["s-1", "s-2", "s-3"]);
        assert_eq!(mock.requests().len(), 2);
    }
}
