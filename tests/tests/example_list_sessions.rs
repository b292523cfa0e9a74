//! The `list_sessions` example (generated from the model: the README's worked operation),
//! run as a user runs it: configuration from the environment only, against the loopback
//! server. Each case runs the example in a child process (this test
//! binary, re-run on one test) with exactly the variables it sets.

use mpa_tests::loopback::{Keys, Reply, Server};
use std::process::{Command, ExitCode};

// The example's own source; its `main` only forwards `std::env::args()` to `run`.
#[allow(dead_code)]
#[path = "../../generated/examples/list_sessions.rs"]
mod list_sessions;

const CHILD: &str = "MPA_EXAMPLE_CHILD";
const ARGS: &str = "MPA_EXAMPLE_ARGS";
const TEAM: &str = "arn:aws:mpa:us-east-1:123456789012:approval-team/team-1";

/// Runs the example with `args` in a child process whose environment is only `vars`.
fn run_example(args: &[&str], server: &Server, keys: &Keys) -> std::process::Output {
    let home = std::env::temp_dir().join(format!("mpa-example-{}-{}", std::process::id(), args.len()));
    std::fs::create_dir_all(&home).unwrap();
    Command::new(std::env::current_exe().unwrap())
        .args(["--exact", "child", "--ignored", "--nocapture", "--test-threads=1", "--quiet"])
        .env_clear()
        .env(CHILD, "1")
        .env(ARGS, args.join("\n"))
        .env("HOME", &home)
        .env("AWS_ENDPOINT_URL", server.url())
        .env("AWS_REGION", &keys.region)
        .env("AWS_ACCESS_KEY_ID", &keys.access_key_id)
        .env("AWS_SECRET_ACCESS_KEY", &keys.secret_access_key)
        .env("AWS_MAX_ATTEMPTS", "1")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .output()
        .expect("run the child")
}

/// The child: runs the example and exits with 0 when it succeeded, 1 when it did not.
#[test]
#[ignore = "run by the other tests in a child process, with the environment they set"]
fn child() {
    let args = std::env::var(ARGS).expect("run by the other tests in a child process, not directly");
    let args: Vec<String> = args.split('\n').filter(|a| !a.is_empty()).map(str::to_owned).collect();
    let code = list_sessions::run(args.into_iter());
    std::process::exit(if code == ExitCode::SUCCESS { 0 } else { 1 });
}

fn page(sessions: &[(&str, &str)], next: Option<&str>) -> Reply {
    let items: Vec<String> = sessions
        .iter()
        .map(|(id, status)| {
            format!(
                r#"{{"SessionArn":"arn:aws:mpa:us-east-1:123456789012:session/team-1/{id}","Status":"{status}","ActionName":"StartBackupJob","InitiationTime":"2026-03-05T10:15:30Z"}}"#
            )
        })
        .collect();
    let next = next.map(|n| format!(r#","NextToken":"{n}""#)).unwrap_or_default();
    Reply::json(200, &format!(r#"{{"Sessions":[{}]{next}}}"#, items.join(",")))
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn lists_every_page_as_a_table() {
    let keys = Keys::test();
    let replies = vec![page(&[("s-1", "PENDING"), ("s-2", "APPROVED")], Some("p2")), page(&[("s-3", "CANCELLED")], None)];
    let server = Server::start(replies, keys.clone());
    let output = run_example(&[TEAM], &server, &keys);
    let stdout = text(&output.stdout);
    assert!(output.status.success(), "{stdout}{}", text(&output.stderr));

    let lines: Vec<&str> = stdout.lines().filter(|l| !l.trim().is_empty()).collect();
    let header = lines.iter().position(|l| l.starts_with("SESSION_ARN")).expect("a table header");
    let columns: Vec<&str> = lines[header].split_whitespace().collect();
    assert_eq!(columns, ["SESSION_ARN", "APPROVAL_TEAM_NAME", "INITIATION_TIME", "STATUS", "STATUS_CODE"]);
    let rows: Vec<Vec<&str>> = lines[header + 1..header + 4].iter().map(|l| l.split_whitespace().collect()).collect();
    let arn = "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-1";
    assert_eq!(rows[0], [arn, "-", "2026-03-05T10:15:30Z", "PENDING", "-"]);
    assert!(rows[2][0].ends_with("/s-3") && rows[2][3] == "CANCELLED", "{:?}", rows[2]);
    // Columns line up: each starts where its title does.
    let at = lines[header].find("STATUS ").unwrap();
    assert_eq!(&lines[header + 1][at..at + 7], "PENDING");
    assert_eq!(lines[header + 4], "Sessions: 3");

    // Two signed requests; the second carries the first page's token.
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.signature == Ok(())), "{requests:?}");
    assert!(!text(&requests[0].body).contains("NextToken"));
    assert!(text(&requests[1].body).contains(r#""NextToken":"p2""#), "{}", text(&requests[1].body));
}

#[test]
fn prints_json_with_the_flag() {
    let keys = Keys::test();
    let server = Server::start(vec![page(&[("s-1", "PENDING")], None)], keys.clone());
    let output = run_example(&[TEAM, "--json"], &server, &keys);
    assert!(output.status.success(), "{}", text(&output.stderr));
    let line = text(&output.stdout).lines().find(|l| l.starts_with('[')).expect("a JSON line").to_owned();
    let value: serde_json::Value = serde_json::from_str(&line).expect("valid JSON");
    assert_eq!(value[0]["SessionArn"], "arn:aws:mpa:us-east-1:123456789012:session/team-1/s-1");
    assert_eq!(value[0]["Status"], "PENDING");
    assert_eq!(value[0]["InitiationTime"], "2026-03-05T10:15:30Z");
    assert_eq!(value[0]["ActionName"], "StartBackupJob");
    assert!(value[0].get("Description").is_none(), "members not set are left out: {line}");
}

#[test]
fn a_service_error_prints_code_message_and_request_id() {
    let keys = Keys::test();
    let server = Server::start(vec![Reply::error(400, "ValidationException", "team not found")], keys.clone());
    let output = run_example(&[TEAM], &server, &keys);
    assert!(!output.status.success());
    let stderr = text(&output.stderr);
    assert!(stderr.contains("error: ValidationException"), "{stderr}");
    assert!(stderr.contains("message: team not found"), "{stderr}");
    assert!(stderr.contains("request id: req-400"), "{stderr}");
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn a_missing_argument_is_a_usage_error() {
    let keys = Keys::test();
    let server = Server::start(vec![], keys.clone());
    let output = run_example(&[], &server, &keys);
    assert!(!output.status.success());
    assert!(text(&output.stderr).contains("missing <approval-team-arn>"), "{}", text(&output.stderr));
    assert!(server.requests().is_empty());
}
