//! The example service written in Smithy IDL (`tests/fixtures/idl/tasks/*.smithy`, generated
//! as `golden-tasks`), through both clients against the loopback server: a task's whole
//! lifecycle (create, read, list across pages with the paginator, update, delete), a modeled
//! error read as its typed variant, the union of a task's schedule both ways, the bearer
//! token on every request, and neither a SigV4 signature nor a region anywhere.
//!
//! Configuration is explicit: each client reads an environment of exactly the variables the
//! case gives it (`Env::from_pairs`), never the process's.

use golden_tasks::client::{Env, Error};
use golden_tasks::operation::get_task::GetTaskError;
use golden_tasks::operation::update_task::UpdateTaskError;
use golden_tasks::types::{Schedule, TaskStatus, TaskSummary};
use mpa_tests::loopback::{Keys, Recorded, Reply, Server};
use serde_json::{Value, json};

const TOKEN: &str = "tasks-t0ken";

/// Nothing configured but what the case gives: no region, no AWS credentials.
fn env(pairs: &[(&str, &str)]) -> Env {
    let mut all = vec![("AWS_EC2_METADATA_DISABLED".to_owned(), "true".to_owned())];
    all.extend(pairs.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())));
    Env::from_pairs(all)
}

fn task(id: &str, title: &str, status: &str, schedule: Value) -> Value {
    json!({ "taskId": id, "title": title, "status": status, "schedule": schedule })
}

fn respond(status: u16, body: &Value) -> Reply {
    Reply::json(status, &body.to_string())
}

/// A modeled error: its name in `x-amzn-errortype`, its members in the body.
fn error(status: u16, code: &str, body: &Value) -> Reply {
    let mut reply = respond(status, body);
    if let Reply::Respond { headers, .. } = &mut reply {
        headers.push(("x-amzn-errortype".into(), code.into()));
    }
    reply
}

/// What the server answers, in order, to the calls of a lifecycle.
fn lifecycle_replies() -> Vec<Reply> {
    let report = task("t-1", "Write the report", "open", json!({ "everyDays": 7 }));
    vec![
        // CreateTask
        respond(201, &json!({ "task": report })),
        // GetTask
        respond(200, &json!({ "task": report })),
        // ListTasks: two pages
        respond(
            200,
            &json!({ "tasks": [report, task("t-2", "Water the plants", "open", json!({ "at": 1_798_761_600 }))], "nextToken": "page-2" }),
        ),
        respond(200, &json!({ "tasks": [task("t-3", "Book the train", "open", json!({ "everyDays": 30 }))] })),
        // UpdateTask
        respond(200, &json!({ "task": task("t-1", "Write the report", "done", json!({ "everyDays": 7 })) })),
        // DeleteTask
        Reply::Respond { status: 204, headers: Vec::new(), body: String::new() },
        // GetTask of the deleted task
        error(404, "NotFoundError", &json!({ "message": "no task t-1", "taskId": "t-1" })),
    ]
}

/// What a lifecycle's calls brought back, whichever client made them.
#[derive(Debug)]
struct Seen {
    created: TaskSummary,
    read: TaskSummary,
    listed: Vec<TaskSummary>,
    updated: TaskSummary,
    missing: Error<GetTaskError>,
}

fn body(request: &Recorded) -> Value {
    serde_json::from_slice(&request.body).unwrap_or_else(|e| panic!("{e}: {:?}", String::from_utf8_lossy(&request.body)))
}

/// The requests and results of a lifecycle, for either client.
fn assert_lifecycle(seen: &Seen, requests: &[Recorded]) {
    assert_eq!(seen.created.task_id(), "t-1");
    assert_eq!(seen.created.schedule(), Some(&Schedule::EveryDays(7)));
    assert_eq!(seen.read.title(), "Write the report");
    assert_eq!(seen.read.status(), &TaskStatus::Open);
    let ids: Vec<&str> = seen.listed.iter().map(TaskSummary::task_id).collect();
    assert_eq!(ids, ["t-1", "t-2", "t-3"]);
    let at = seen.listed[1].schedule().and_then(Schedule::as_at).expect("t-2 is due at a time");
    assert_eq!(at.unix_timestamp(), 1_798_761_600);
    assert_eq!(seen.updated.status(), &TaskStatus::Done);
    match &seen.missing {
        Error::Service(GetTaskError::NotFoundError(e)) => {
            assert_eq!(e.message(), "no task t-1");
            assert_eq!(e.task_id(), Some("t-1"));
        }
        other => panic!("expected the modeled NotFoundError, got {other:?}"),
    }

    let lines: Vec<(&str, &str)> = requests.iter().map(|r| (r.method.as_str(), r.target.as_str())).collect();
    assert_eq!(
        lines,
        [
            ("POST", "/tasks"),
            ("GET", "/tasks/t-1"),
            ("GET", "/tasks?status=open&maxResults=2"),
            ("GET", "/tasks?status=open&maxResults=2&nextToken=page-2"),
            ("PUT", "/tasks/t-1"),
            ("DELETE", "/tasks/t-1"),
            ("GET", "/tasks/t-1"),
        ]
    );
    for request in requests {
        assert_eq!(request.header("authorization"), Some("Bearer tasks-t0ken"), "{request:?}");
        assert!(request.header("x-amz-date").is_none() && request.header("x-amz-content-sha256").is_none(), "{request:?}");
        assert!(request.header("x-amz-security-token").is_none(), "{request:?}");
    }
    let created = body(&requests[0]);
    assert_eq!(created["title"], "Write the report");
    assert_eq!(created["schedule"], json!({ "everyDays": 7 }));
    let updated = body(&requests[4]);
    assert_eq!(updated["status"], "done");
    assert_eq!(updated.get("taskId"), None, "the label is in the path, not the body: {updated}");
    assert_eq!(requests[4].header("if-match"), Some("v1"));
}

#[test]
fn lifecycle_on_the_blocking_client() {
    let server = Server::start(lifecycle_replies(), Keys::test());
    let client = golden_tasks::blocking::Client::builder()
        .env(env(&[]))
        .endpoint_url(server.url())
        .bearer_token(TOKEN)
        .max_attempts(1)
        .build()
        .expect("a client with no region");

    let created = client
        .create_task()
        .title("Write the report")
        .schedule(Schedule::EveryDays(7))
        .send()
        .expect("create")
        .task()
        .clone();
    let read = client.get_task().task_id("t-1").send().expect("get").task().clone();
    let listed = client
        .list_tasks()
        .status(TaskStatus::Open)
        .into_paginator()
        .page_size(2)
        .items()
        .collect::<Result<Vec<_>, _>>()
        .expect("list");
    let updated =
        client.update_task().task_id("t-1").status(TaskStatus::Done).if_match("v1").send().expect("update").task().clone();
    client.delete_task().task_id("t-1").send().expect("delete");
    let missing = client.get_task().task_id("t-1").send().expect_err("the task is deleted");

    assert_lifecycle(&Seen { created, read, listed, updated, missing }, &server.requests());
}

#[test]
fn lifecycle_on_the_async_client() {
    let server = Server::start(lifecycle_replies(), Keys::test());
    let client = golden_tasks::Client::builder()
        .env(env(&[]))
        .endpoint_url(server.url())
        .bearer_token(TOKEN)
        .max_attempts(1)
        .build()
        .expect("a client with no region");
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();

    let seen = runtime.block_on(async {
        let created = client
            .create_task()
            .title("Write the report")
            .schedule(Schedule::EveryDays(7))
            .send()
            .await
            .expect("create")
            .task()
            .clone();
        let read = client.get_task().task_id("t-1").send().await.expect("get").task().clone();
        let mut items = client.list_tasks().status(TaskStatus::Open).into_paginator().page_size(2).items();
        let mut listed = Vec::new();
        while let Some(item) = items.next().await {
            listed.push(item.expect("list"));
        }
        let updated = client
            .update_task()
            .task_id("t-1")
            .status(TaskStatus::Done)
            .if_match("v1")
            .send()
            .await
            .expect("update")
            .task()
            .clone();
        client.delete_task().task_id("t-1").send().await.expect("delete");
        let missing = client.get_task().task_id("t-1").send().await.expect_err("the task is deleted");
        Seen { created, read, listed, updated, missing }
    });

    assert_lifecycle(&seen, &server.requests());
}

#[test]
fn conflict_is_its_typed_variant_and_the_service_error_is_every_operations() {
    let replies = vec![
        error(409, "ConflictError", &json!({ "message": "the task changed" })),
        error(400, "ValidationError", &json!({ "message": "title too long", "field": "title" })),
    ];
    let server = Server::start(replies, Keys::test());
    let client = golden_tasks::blocking::Client::builder()
        .env(env(&[]))
        .endpoint_url(server.url())
        .bearer_token(TOKEN)
        .max_attempts(1)
        .build()
        .unwrap();

    let conflict = client.update_task().task_id("t-1").if_match("v0").send().expect_err("a conflict");
    assert!(
        matches!(&conflict, Error::Service(UpdateTaskError::ConflictError(e)) if e.message() == "the task changed"),
        "{conflict:?}"
    );
    let invalid = client.update_task().task_id("t-1").title("x").send().expect_err("invalid");
    match &invalid {
        Error::Service(UpdateTaskError::ValidationError(e)) => assert_eq!(e.field(), Some("title")),
        other => panic!("expected the service's ValidationError, got {other:?}"),
    }
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn endpoint_comes_from_the_packages_variable_and_not_from_aws_endpoint_url() {
    let server = Server::start(vec![respond(200, &json!({ "tasks": [] }))], Keys::test());
    // AWS's variable points nowhere that answers: the crate must not read it.
    let nowhere = format!("http://127.0.0.1:{}", mpa_tests::loopback::closed_port());
    let environment = env(&[("GOLDEN_TASKS_ENDPOINT_URL", &server.url()), ("AWS_ENDPOINT_URL", &nowhere)]);
    let client = golden_tasks::blocking::Client::builder().env(environment).bearer_token(TOKEN).max_attempts(1).build().unwrap();

    let output = client.list_tasks().send().expect("listed through GOLDEN_TASKS_ENDPOINT_URL");
    assert!(output.tasks().is_empty());
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].target, "/tasks");
    assert_eq!(requests[0].header("authorization"), Some("Bearer tasks-t0ken"));
}

#[test]
fn the_token_comes_from_the_packages_variable_when_the_builder_has_none() {
    let server = Server::start(vec![respond(200, &json!({ "tasks": [] })), respond(200, &json!({ "tasks": [] }))], Keys::test());
    let environment = env(&[("GOLDEN_TASKS_ENDPOINT_URL", &server.url()), ("GOLDEN_TASKS_BEARER_TOKEN", "from-the-env")]);
    let client = golden_tasks::blocking::Client::builder().env(environment.clone()).max_attempts(1).build().unwrap();
    client.list_tasks().send().expect("listed with the variable's token");
    // The builder's token wins over the variable.
    let client = golden_tasks::blocking::Client::builder().env(environment).bearer_token(TOKEN).max_attempts(1).build().unwrap();
    client.list_tasks().send().expect("listed with the builder's token");

    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert_eq!(requests[0].header("authorization"), Some("Bearer from-the-env"));
    assert_eq!(requests[1].header("authorization"), Some("Bearer tasks-t0ken"));
    let shown = format!("{:?}", golden_tasks::blocking::Client::builder().env(env(&[("GOLDEN_TASKS_BEARER_TOKEN", "from-the-env")])));
    assert!(!shown.contains("from-the-env"), "{shown}");
}

#[test]
fn without_a_token_the_call_fails_unsent_with_the_auth_error() {
    let server = Server::start(vec![respond(200, &json!({ "tasks": [] }))], Keys::test());
    let client = golden_tasks::blocking::Client::builder().env(env(&[])).endpoint_url(server.url()).max_attempts(1).build().unwrap();

    let error = client.list_tasks().send().expect_err("no bearer token");
    assert!(matches!(error, Error::Auth(_)), "{error:?}");
    assert!(server.requests().is_empty());
}

#[test]
fn the_token_never_shows_in_debug() {
    let client = golden_tasks::blocking::Client::builder()
        .env(env(&[]))
        .endpoint_url("http://127.0.0.1:9")
        .bearer_token(TOKEN)
        .build()
        .unwrap();
    let shown = format!("{client:?}");
    assert!(!shown.contains(TOKEN), "{shown}");
}
