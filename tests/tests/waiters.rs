//! Waiters of real models (amp, glacier, lambda, neptune-graph) against a loopback server:
//! success after retries, failure acceptors, `errorType` acceptors, unexpected errors, the
//! timeout, and the `booleanEquals` expressions with `!=` and `&&` of neptune-graph. Delays are
//! set to a millisecond so the waits are short; every wait is bounded by its `max_wait` and
//! by the server's scripted replies.

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

fn function(state: &str) -> Reply {
    Reply::json(200, &format!(r#"{{"FunctionName":"f","State":"{state}"}}"#))
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

#[test]
fn lambda_function_active_retries_on_pending_and_stops_on_failed() {
    let keys = keys("lambda");
    let server = Server::start(vec![function("Pending"), function("Pending"), function("Active")], keys.clone());
    let client = client!(golden_waiters_lambda::blocking, server, &keys);
    let waiter = || client.wait_until_function_active().function_name("f").min_delay(TINY).max_delay(TINY);
    let done = waiter().wait(LONG_WAIT).expect("active");
    assert_eq!(done.attempts(), 3);

    let server = Server::start(vec![function("Pending"), function("Failed")], keys.clone());
    let client = client!(golden_waiters_lambda::blocking, server, &keys);
    let failed = client.wait_until_function_active().function_name("f").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect_err("failed");
    let golden_waiters_lambda::waiters::WaiterError::FailureState(last) = &failed else { panic!("{failed:?}") };
    assert_eq!(last.attempts(), 2);
    assert_eq!(last.output().and_then(|o| o.state()).map(|s| s.as_str()), Some("Failed"));
    assert!(failed.to_string().contains("failure state after 2 calls"), "{failed}");
}

#[test]
fn lambda_an_error_no_acceptor_expects_ends_the_wait() {
    let keys = keys("lambda");
    let server = Server::start(vec![function("Pending"), Reply::error(400, "InvalidParameterValueException", "bad name")], keys.clone());
    let client = client!(golden_waiters_lambda::blocking, server, &keys);
    let error = client.wait_until_function_updated().function_name("f").min_delay(TINY).max_delay(TINY).wait(LONG_WAIT).expect_err("unexpected");
    let golden_waiters_lambda::waiters::WaiterError::Operation { attempts, error: cause } = &error else { panic!("{error:?}") };
    assert_eq!(*attempts, 2);
    assert_eq!(cause.service_error().map(|e| e.code()), Some("InvalidParameterValueException"));
}

#[test]
fn lambda_the_wait_times_out_when_the_state_never_comes() {
    let keys = keys("lambda");
    // More replies than the wait can use: it ends on its time, not on the server's script.
    let server = Server::start((0..200).map(|_| function("Pending")).collect(), keys.clone());
    let client = client!(golden_waiters_lambda::blocking, server, &keys);
    let delay = Duration::from_millis(10);
    let error = client.wait_until_published_version_active().function_name("f").min_delay(delay).max_delay(delay).wait(Duration::from_millis(200)).expect_err("timeout");
    let golden_waiters_lambda::waiters::WaiterError::TimedOut { attempts, last } = &error else { panic!("{error:?}") };
    assert!((1..=20).contains(attempts), "{attempts} calls in 200 ms, 10 ms apart");
    assert_eq!((**last).as_ref().ok().and_then(|o| o.state()).map(|s| s.as_str()), Some("Pending"));
    assert_eq!(server.requests().len(), *attempts as usize);
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
