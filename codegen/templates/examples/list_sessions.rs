//! Lists the approval sessions of a team, following every page.
//!
//! ```sh
//! cargo run -p mpa --features blocking --example list_sessions -- <approval-team-arn> [--json]
//! ```
//!
//! Credentials, region and endpoint come from the environment and the shared config files,
//! as for the AWS CLI (`AWS_PROFILE`, `AWS_REGION`, ...).

use mpa::operation::list_sessions::{ListSessions, ListSessionsError, ListSessionsInput};
use mpa::paginate::PaginationError;
use mpa::types::ListSessionsResponseSession;
use std::process::ExitCode;

fn main() -> ExitCode {
    run(std::env::args().skip(1))
}

/// The whole program but for where its arguments come from.
pub fn run(args: impl Iterator<Item = String>) -> ExitCode {
    let mut arn = None;
    let mut json = false;
    for arg in args {
        match arg.as_str() {
            "--json" => json = true,
            "-h" | "--help" => {
                println!("usage: list_sessions <approval-team-arn> [--json]");
                return ExitCode::SUCCESS;
            }
            _ if arn.is_none() => arn = Some(arg),
            _ => return usage(&format!("unexpected argument `{arg}`")),
        }
    }
    let Some(arn) = arn else { return usage("missing the approval team ARN") };

    let client = match mpa::blocking::Client::from_env() {
        Ok(client) => client,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let input = ListSessionsInput::builder().approval_team_arn(arn).build();
    let mut sessions = Vec::new();
    for item in ListSessions::paginate(input, &client).items() {
        match item {
            Ok(session) => sessions.push(session),
            Err(e) => {
                report(&e);
                return ExitCode::FAILURE;
            }
        }
    }
    if json {
        print_json(&sessions);
    } else {
        print_table(&sessions);
    }
    ExitCode::SUCCESS
}

fn usage(problem: &str) -> ExitCode {
    eprintln!("error: {problem}\nusage: list_sessions <approval-team-arn> [--json]");
    ExitCode::from(2)
}

/// The error's code, message and request id, whatever stopped the listing.
fn report(error: &PaginationError<ListSessionsError, mpa::client::Error<std::convert::Infallible>>) {
    match error {
        PaginationError::Service(e) => {
            eprintln!("error: {}", e.code());
            if let Some(message) = e.message() {
                eprintln!("message: {message}");
            }
            if let Some(id) = e.request_id() {
                eprintln!("request id: {id}");
            }
        }
        other => eprintln!("error: {other}"),
    }
}

/// The columns of the table, each with how to read it from a session.
type Column = (&'static str, fn(&ListSessionsResponseSession) -> String);

const COLUMNS: &[Column] = &[
    ("SESSION", |s| s.session_arn().unwrap_or("-").rsplit('/').next().unwrap_or("-").to_owned()),
    ("STATUS", |s| s.status().map_or("-", |v| v.as_str()).to_owned()),
    ("ACTION", |s| s.action_name().unwrap_or("-").to_owned()),
    ("INITIATED", |s| s.initiation_time().map_or_else(|| "-".to_owned(), |t| t.date().to_string())),
    ("REQUESTER", |s| s.requester_principal_arn().or(s.requester_service_principal()).unwrap_or("-").to_owned()),
];

fn print_table(sessions: &[ListSessionsResponseSession]) {
    let rows: Vec<Vec<String>> = sessions.iter().map(|s| COLUMNS.iter().map(|(_, read)| read(s)).collect()).collect();
    let widths: Vec<usize> = COLUMNS
        .iter()
        .enumerate()
        .map(|(i, (title, _))| rows.iter().map(|r| r[i].chars().count()).chain([title.len()]).max().unwrap_or(0))
        .collect();
    let line = |cells: Vec<&str>| {
        let padded: Vec<String> = cells.iter().zip(&widths).map(|(c, w)| format!("{c:<w$}")).collect();
        println!("{}", padded.join("  ").trim_end());
    };
    line(COLUMNS.iter().map(|(title, _)| *title).collect());
    for row in &rows {
        line(row.iter().map(String::as_str).collect());
    }
    println!("{} session(s)", sessions.len());
}

fn print_json(sessions: &[ListSessionsResponseSession]) {
    let objects: Vec<String> = sessions
        .iter()
        .map(|s| {
            let time = |t: Option<mpa::time::OffsetDateTime>| {
                t.and_then(|t| t.format(&mpa::time::format_description::well_known::Rfc3339).ok())
            };
            let fields = [
                ("SessionArn", s.session_arn().map(str::to_owned)),
                ("Status", s.status().map(|v| v.as_str().to_owned())),
                ("ActionName", s.action_name().map(str::to_owned)),
                ("InitiationTime", time(s.initiation_time())),
                ("ExpirationTime", time(s.expiration_time())),
                ("RequesterPrincipalArn", s.requester_principal_arn().map(str::to_owned)),
                ("Description", s.description().map(str::to_owned)),
            ];
            let members: Vec<String> =
                fields.iter().filter_map(|(k, v)| Some(format!("{}:{}", quote(k), quote(v.as_deref()?)))).collect();
            format!("{{{}}}", members.join(","))
        })
        .collect();
    println!("[{}]", objects.join(","));
}

/// A JSON string literal.
fn quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if u32::from(c) < 0x20 => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
