//! Waiters of real models (amp, glacier, neptune-graph) against a loopback server:
//! success after retries, failure acceptors, `errorType` acceptors, unexpected errors, the
//! timeout, and the `booleanEquals` expressions with `!=` and `&&` of neptune-graph. Delays are
//! set to a millisecond so the waits are short; every wait is bounded by its `max_wait` and
//! by the server's scripted replies. (lambda's waiters are generated, linted and tested by
//! `cargo xtask check-models --only lambda`: its client methods' large error enums keep it out
//! of this workspace's lints.)

use mpa_tests::loopback::{Keys, Reply, Server};
use std::time::Duration;

const TINY: Duration = Duration::from_millis(1);
const LONG_WAIT: Duration = Duration::from_secs(20);

fn keys(signing_name: &str) -> Keys {
    Keys { service: signing_name.into(), ..Keys::test() }
}

macro_rules! client {
    ($krate:ident :: $kind:ident, $server:expr, $keys:expr) => {{
        let keys: &Keys = $keys;
        $krate::$kind::Client::builder()
            .env($krate::client::Env::from_pairs::<&str, &str>([]))
            .region(keys.region.clone())
            .credentials($krate::client::Credentials::new(&keys.access_key_id, &keys.secret_access_key, keys.session_token.clone()))
            .endpoint_url($server.url())
            .initial_backoff(TINY)
            .build()
            .expect("client")
    }};
}

fn not_found() -> Reply {
    Reply::error(404, "ResourceNotFoundException", "no such thing")
}

#[test]
fn glacier_vault_exists_retries_on_not_found_until_the_vault_answers() {
    let keys = keys("glacier");
    let vault = Reply::json(200, r#"{"VaultName":"v","NumberOfArchives":3}"#);
    let server = Server::start(vec![not_found(), not_found(), vault], keys.clone());
    let client = client!(golden_waiters_glacier::blocking, server, &keys);
    let done = client.wait_until_vault_exists().account_id("-").vault_name("v").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect("exists");
    assert_eq!(done.attempts(), 3);
    assert_eq!(done.output().and_then(|o| o.vault_name()), Some("v"));
    let requests = server.requests();
    assert_eq!(requests.len(), 3);
    assert!(requests.iter().all(|r| r.target == "/-/vaults/v" && r.signature.is_ok()), "{requests:?}");
}

#[tokio::test]
async fn glacier_vault_not_exists_ends_in_success_on_the_awaited_error() {
    let keys = keys("glacier");
    let server = Server::start(vec![Reply::json(200, r#"{"VaultName":"v"}"#), not_found()], keys.clone());
    let client = client!(golden_waiters_glacier::client, server, &keys);
    let done = client.wait_until_vault_not_exists().account_id("-").vault_name("v").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).await.expect("gone");
    assert_eq!(done.attempts(), 2);
    let error = done.into_result().expect_err("the awaited error");
    assert_eq!(error.service_error().map(|e| e.code()), Some("ResourceNotFoundException"));
}

// neptune-graph's endpoint rules need `ApiType`, which its operations set through
// `staticContextParams`, which the generated clients do not pass yet: its acceptors are checked
// on parsed responses, through the function the waiter calls after each call.
mod neptune {
    use golden_waiters_neptune_graph::client::Error;
    use golden_waiters_neptune_graph::http;
    use golden_waiters_neptune_graph::operation::get_export_task::{GetExportTask, GetExportTaskInput};
    use golden_waiters_neptune_graph::operation::get_graph::{GetGraph, GetGraphInput};
    use golden_waiters_neptune_graph::waiters::{AcceptorState, export_task_cancelled, graph_deleted};
    use golden_waiters_neptune_graph::Operation;

    fn response(status: u16, body: &str) -> http::Response<Vec<u8>> {
        let mut response = http::Response::builder().status(status).header("content-type", "application/json");
        if status == 404 {
            response = response.header("x-amzn-errortype", "ResourceNotFoundException");
        }
        response.body(body.as_bytes().to_vec()).expect("response")
    }

    fn graph_deleted(status: u16, body: &str) -> Option<AcceptorState> {
        let result = GetGraph::parse_response(&response(status, body)).map_err(Error::Service);
        graph_deleted::acceptor_state(&GetGraphInput::builder().graph_identifier("g-1").build(), &result)
    }

    #[test]
    fn graph_deleted_fails_on_any_status_but_deleting_and_succeeds_on_not_found() {
        let graph = |status: &str| format!(r#"{{"id":"g-1","name":"g","arn":"arn:g"{status}}}"#);
        // `status != 'DELETING'` is false: no acceptor matches, the waiter retries.
        assert_eq!(graph_deleted(200, &graph(r#","status":"DELETING""#)), None);
        // True for another status, and for none at all (null).
        assert_eq!(graph_deleted(200, &graph(r#","status":"AVAILABLE""#)), Some(AcceptorState::Failure));
        assert_eq!(graph_deleted(200, &graph("")), Some(AcceptorState::Failure));
        assert_eq!(graph_deleted(404, r#"{"message":"gone"}"#), Some(AcceptorState::Success));
        // Another error: no acceptor, the waiter stops on it.
        assert_eq!(graph_deleted(400, r#"{"message":"bad"}"#), None);
    }

    fn export_task_cancelled(status: &str) -> Option<AcceptorState> {
        let body = format!(
            r#"{{"graphId":"g-1","roleArn":"arn:r","taskId":"t-1","status":"{status}","format":"PARQUET","destination":"s3://b","kmsKeyIdentifier":"arn:k"}}"#
        );
        let result = GetExportTask::parse_response(&response(200, &body)).map_err(Error::Service);
        export_task_cancelled::acceptor_state(&GetExportTaskInput::builder().task_identifier("t-1").build(), &result)
    }

    #[test]
    fn export_task_cancelled_reads_a_conjunction_of_inequalities() {
        // `status != 'CANCELLING' && status != 'CANCELLED'` with booleanEquals true: a failure.
        assert_eq!(export_task_cancelled("EXPORTING"), Some(AcceptorState::Failure));
        assert_eq!(export_task_cancelled("CANCELLING"), None);
        assert_eq!(export_task_cancelled("CANCELLED"), Some(AcceptorState::Success));
    }
}

fn scraper(status: &str) -> Reply {
    let body = format!(
        r#"{{"scraper":{{"scraperId":"s-1","arn":"arn:s","roleArn":"arn:r","status":{{"statusCode":"{status}"}},"createdAt":1700000000,"lastModifiedAt":1700000000,"scrapeConfiguration":{{"configurationBlob":"e30="}},"source":{{"eksConfiguration":{{"clusterArn":"arn:c","subnetIds":["s"]}}}},"destination":{{"ampConfiguration":{{"workspaceArn":"arn:w"}}}}}}}}"#
    );
    Reply::json(200, &body)
}

#[test]
fn amp_scraper_active_follows_a_nested_path() {
    let keys = keys("aps");
    // CREATING matches no acceptor of ScraperActive: the waiter retries.
    let server = Server::start(vec![scraper("CREATING"), scraper("ACTIVE")], keys.clone());
    let client = client!(golden_waiters_amp::blocking, server, &keys);
    let done = client.wait_until_scraper_active().scraper_id("s-1").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect("active");
    assert_eq!(done.attempts(), 2);
    let server = Server::start(vec![scraper("CREATION_FAILED")], keys.clone());
    let client = client!(golden_waiters_amp::blocking, server, &keys);
    let error = client.wait_until_scraper_active().scraper_id("s-1").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect_err("failed");
    assert!(matches!(error, golden_waiters_amp::waiters::WaiterError::FailureState(_)), "{error:?}");
}

// The comparators and expressions the AWS models above do not use, on the `kinds` fixture's
// waiters: projections, filters, `length`, `contains`, indexes from either end, `||`, `!`,
// numbers, `allStringEquals`, `anyStringEquals`, `inputOutput` and `success: false`.
mod kinds {
    use super::{Keys, Reply, Server, TINY, LONG_WAIT};
    use golden_kinds::client::Error;
    use golden_kinds::http;
    use golden_kinds::operation::put_ml_values::{PutMlValues, PutMlValuesInput};
    use golden_kinds::types::Values;
    use golden_kinds::waiters::{AcceptorState, children_all_a, counted, echoed};
    use golden_kinds::Operation;

    fn parsed(status: u16, body: &str) -> Result<golden_kinds::operation::put_ml_values::PutMlValuesOutput, Error<golden_kinds::operation::put_ml_values::PutMlValuesError>> {
        let mut response = http::Response::builder().status(status).header("content-type", "application/json");
        if status == 400 {
            response = response.header("x-amzn-errortype", "ValidationError");
        }
        PutMlValues::parse_response(&response.body(body.as_bytes().to_vec()).expect("response")).map_err(Error::Service)
    }

    fn input(renamed: &str) -> PutMlValuesInput {
        PutMlValuesInput::builder().values(Values::builder().renamed(renamed).build()).build()
    }

    fn children(labels: &[&str]) -> String {
        let children: Vec<String> = labels.iter().map(|l| format!(r#"{{"label":"{l}"}}"#)).collect();
        format!(r#"{{"Values":{{"tree":{{"children":[{}]}}}}}}"#, children.join(","))
    }

    #[test]
    fn all_and_any_string_equals_over_a_projection_and_a_filtered_length() {
        let state = |body: &str| children_all_a::acceptor_state(&input("r"), &parsed(200, body));
        assert_eq!(state(&children(&["a", "a"])), Some(AcceptorState::Success));
        assert_eq!(state(&children(&["a", "b"])), Some(AcceptorState::Retry));
        assert_eq!(state(&children(&["b"])), None);
        // `allStringEquals` needs a non-empty list; no tree at all is null, not a list.
        assert_eq!(state(&children(&[])), None);
        assert_eq!(state(r#"{"Values":{}}"#), None);
        // `length(children[?label == 'x']) > 0` comes first: a failure.
        assert_eq!(state(&children(&["a", "x"])), Some(AcceptorState::Failure));
        // `success: false` matches any error.
        let error = children_all_a::acceptor_state(&input("r"), &parsed(400, r#"{"message":"no"}"#));
        assert_eq!(error, Some(AcceptorState::Failure));
    }

    #[test]
    fn input_output_compares_the_request_with_the_response() {
        let body = r#"{"Values":{"wire_name":"same"}}"#;
        assert_eq!(echoed::acceptor_state(&input("same"), &parsed(200, body)), Some(AcceptorState::Success));
        assert_eq!(echoed::acceptor_state(&input("other"), &parsed(200, body)), None);
        let error = echoed::acceptor_state(&input("same"), &parsed(400, r#"{"message":"no"}"#));
        assert_eq!(error, Some(AcceptorState::Failure));
    }

    #[test]
    fn numbers_indexes_and_boolean_operators() {
        let state = |body: &str| counted::acceptor_state(&input("r"), &parsed(200, body));
        let body = |count: i64, steps: i32, left: &str, labels: &str| {
            format!(r#"{{"Values":{{"count":{count},"steps":{steps},"tree":{{"left":{{"label":"{left}"}},"children":[{labels}]}}}}}}"#)
        };
        let labels = r#"{"label":"z"},{"label":"b"}"#;
        // count >= 3 and the boxed left child's label equals the last child's.
        assert_eq!(state(&body(3, 1, "b", labels)), Some(AcceptorState::Success));
        // count too small: the first acceptor fails; `b` is there and steps >= 0, so the
        // failure does not match; the first child is `z`: the third acceptor's success.
        assert_eq!(state(&body(2, 1, "b", labels)), Some(AcceptorState::Success));
        // No `b` among the labels: `!contains(...)` is true.
        assert_eq!(state(&body(2, 1, "b", r#"{"label":"y"}"#)), Some(AcceptorState::Failure));
        // steps < 0 through `||`.
        assert_eq!(state(&body(2, -1, "q", r#"{"label":"y"},{"label":"b"}"#)), Some(AcceptorState::Failure));
        assert_eq!(state(&body(2, 1, "q", r#"{"label":"y"},{"label":"b"}"#)), None);
    }

    #[test]
    fn the_fluent_wait_requires_the_operations_required_members_and_uses_them() {
        let keys = Keys { service: "kinds".into(), ..Keys::test() };
        let server = Server::start(vec![Reply::json(200, r#"{"Values":{"wire_name":"x"}}"#), Reply::json(200, r#"{"Values":{"wire_name":"r"}}"#)], keys.clone());
        let client = client!(golden_kinds::blocking, server, &keys);
        // `.values(..)` is required: without it `wait` does not exist (the builder's bounds).
        let done = client.wait_until_echoed().values(Values::builder().renamed("r").build()).min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect("echoed");
        assert_eq!(done.attempts(), 2);
        let requests = server.requests();
        assert!(requests.iter().all(|r| String::from_utf8_lossy(&r.body).contains(r#""wire_name":"r""#)), "{requests:?}");
    }
}

#[test]
fn amp_an_error_no_acceptor_expects_ends_the_wait() {
    let keys = keys("aps");
    let server = Server::start(vec![scraper("CREATING"), Reply::error(400, "ValidationException", "bad id")], keys.clone());
    let client = client!(golden_waiters_amp::blocking, server, &keys);
    let error = client.wait_until_scraper_active().scraper_id("s-1").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect_err("unexpected");
    let golden_waiters_amp::waiters::WaiterError::Operation { attempts, error: cause } = &error else { panic!("{error:?}") };
    assert_eq!(*attempts, 2);
    assert_eq!(cause.service_error().map(|e| e.code()), Some("ValidationException"));
    assert!(error.to_string().contains("failed unexpectedly (call 2)"), "{error}");
}

#[test]
fn amp_the_wait_times_out_when_the_state_never_comes() {
    let keys = keys("aps");
    // More replies than the wait can use: it ends on its time, not on the server's script.
    let server = Server::start((0..200).map(|_| scraper("CREATING")).collect(), keys.clone());
    let client = client!(golden_waiters_amp::blocking, server, &keys);
    let delay = Duration::from_millis(10);
    let error = client.wait_until_scraper_active().scraper_id("s-1").min_delay(delay).max_delay(delay).wait(Duration::from_millis(200)).expect_err("timeout");
    let golden_waiters_amp::waiters::WaiterError::TimedOut { attempts, last } = &error else { panic!("{error:?}") };
    assert!((1..=20).contains(attempts), "{attempts} calls in 200 ms, 10 ms apart");
    let status = (**last).as_ref().ok().map(|o| o.scraper().status().status_code().as_str().to_owned());
    assert_eq!(status.as_deref(), Some("CREATING"));
    assert_eq!(server.requests().len(), *attempts as usize);
}
