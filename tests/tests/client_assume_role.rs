//! Assumed roles and web identity, end to end with both clients: a loopback STS checks what
//! it receives (the form, and `AssumeRole`'s signature by the independent signer with the
//! source credentials), and the service's loopback server checks that the call is signed
//! with the credentials STS gave. Every scenario passes its own variables and files.

use mpa::client::Env;
use mpa::client::credentials::MfaTokenProvider;
use mpa::operation::list_sessions::ListSessionsInput;
use mpa_tests::credentials::{BOTH, Kind, assert_signed_with, call, form_value, rfc3339_in, sts_answer, temp_dir, temporary_keys, vars};
use mpa_tests::loopback::{Keys, Reply, Server, verify};

const PAGE: &str = r#"{"Sessions":[]}"#;

/// The keys of a profile in the shared credentials file.
fn static_keys(id: &str) -> Keys {
    Keys { access_key_id: id.into(), secret_access_key: format!("{id}/static"), session_token: None, ..Keys::test() }
}

fn sts_keys(keys: &Keys) -> Keys {
    Keys { service: "sts".into(), ..keys.clone() }
}

fn credentials_section(name: &str, keys: &Keys) -> String {
    format!("[{name}]\naws_access_key_id = {}\naws_secret_access_key = {}\n", keys.access_key_id, keys.secret_access_key)
}

#[test]
fn a_role_from_a_source_profile() {
    for kind in BOTH {
        let dir = temp_dir("role");
        let base = static_keys("AKIDBASE");
        let role = temporary_keys("ASIAROLE");
        let sts = Server::start(vec![sts_answer("AssumeRole", &role, &rfc3339_in(3600))], sts_keys(&base));
        std::fs::write(
            dir.join("config"),
            "[profile dev]\nrole_arn = arn:aws:iam::123456789012:role/Dev\nsource_profile = base\nrole_session_name = dev-session\n\
             external_id = ext-1\nduration_seconds = 1800\n",
        )
        .unwrap();
        std::fs::write(dir.join("credentials"), credentials_section("base", &base)).unwrap();
        let vars = vars(&dir, &[("AWS_PROFILE", "dev"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
        let server = call(kind, &vars, &role, None).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_signed_with(&server, &role);
        let requests = sts.requests();
        assert_eq!(requests.len(), 1, "{kind:?}");
        let request = &requests[0];
        assert_eq!((request.method.as_str(), request.target.as_str()), ("POST", "/"));
        assert_eq!(verify(request, &sts_keys(&base)), Ok(()), "{kind:?}: signed with the source profile's keys");
        assert!(request.header("authorization").unwrap().contains("/us-east-1/sts/aws4_request"));
        let body = &request.body;
        assert_eq!(form_value(body, "Action").as_deref(), Some("AssumeRole"));
        assert_eq!(form_value(body, "Version").as_deref(), Some("2011-06-15"));
        assert_eq!(form_value(body, "RoleArn").as_deref(), Some("arn:aws:iam::123456789012:role/Dev"));
        assert_eq!(form_value(body, "RoleSessionName").as_deref(), Some("dev-session"));
        assert_eq!(form_value(body, "ExternalId").as_deref(), Some("ext-1"));
        assert_eq!(form_value(body, "DurationSeconds").as_deref(), Some("1800"));
        assert_eq!(request.header("content-type"), Some("application/x-www-form-urlencoded; charset=utf-8"));
    }
}

#[test]
fn a_chain_of_two_roles_assumes_the_inner_one_first() {
    for kind in BOTH {
        let dir = temp_dir("chain");
        let base = static_keys("AKIDROOT");
        let (inner, outer) = (temporary_keys("ASIAINNER"), temporary_keys("ASIAOUTER"));
        let expires = rfc3339_in(3600);
        let sts = Server::start(vec![sts_answer("AssumeRole", &inner, &expires), sts_answer("AssumeRole", &outer, &expires)], Keys::test());
        std::fs::write(
            dir.join("config"),
            "[profile outer]\nrole_arn = arn:aws:iam::111111111111:role/Outer\nsource_profile = inner\n\
             [profile inner]\nrole_arn = arn:aws:iam::222222222222:role/Inner\nsource_profile = root\n",
        )
        .unwrap();
        std::fs::write(dir.join("credentials"), credentials_section("root", &base)).unwrap();
        let vars = vars(&dir, &[("AWS_PROFILE", "outer"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
        let server = call(kind, &vars, &outer, None).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_signed_with(&server, &outer);
        let requests = sts.requests();
        assert_eq!(requests.len(), 2, "{kind:?}");
        assert_eq!(form_value(&requests[0].body, "RoleArn").as_deref(), Some("arn:aws:iam::222222222222:role/Inner"));
        assert_eq!(verify(&requests[0], &sts_keys(&base)), Ok(()), "the inner role with the root keys");
        assert_eq!(form_value(&requests[1].body, "RoleArn").as_deref(), Some("arn:aws:iam::111111111111:role/Outer"));
        assert_eq!(verify(&requests[1], &sts_keys(&inner)), Ok(()), "the outer role with the inner role's credentials");
    }
}

#[test]
fn a_loop_of_source_profiles_is_an_error_naming_them() {
    for kind in BOTH {
        let dir = temp_dir("loop");
        std::fs::write(
            dir.join("config"),
            "[profile a]\nrole_arn = arn:aws:iam::1:role/A\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/B\nsource_profile = a\n",
        )
        .unwrap();
        let sts = Server::start(vec![], Keys::test());
        let vars = vars(&dir, &[("AWS_PROFILE", "a"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
        let error = call(kind, &vars, &Keys::test(), None).err().expect("a loop");
        assert!(error.contains("a -> b -> a") && error.contains("loop"), "{kind:?}: {error}");
        assert!(sts.requests().is_empty(), "nothing assumed");
    }
}

#[test]
fn a_profile_can_be_its_own_source_with_static_keys() {
    let dir = temp_dir("self");
    let own = static_keys("AKIDSELF");
    let role = temporary_keys("ASIASELF");
    let sts = Server::start(vec![sts_answer("AssumeRole", &role, &rfc3339_in(3600))], sts_keys(&own));
    std::fs::write(dir.join("config"), "[profile me]\nrole_arn = arn:aws:iam::1:role/Me\nsource_profile = me\n").unwrap();
    std::fs::write(dir.join("credentials"), credentials_section("me", &own)).unwrap();
    let vars = vars(&dir, &[("AWS_PROFILE", "me"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
    let server = call(Kind::Blocking, &vars, &role, None).expect("call");
    assert_signed_with(&server, &role);
    assert_eq!(verify(&sts.requests()[0], &sts_keys(&own)), Ok(()));
}

#[test]
fn a_role_from_the_environment_as_credential_source_at_a_configured_sts_endpoint() {
    let dir = temp_dir("source");
    let env_keys = static_keys("AKIDFROMENV");
    let role = temporary_keys("ASIAENVROLE");
    let sts = Server::start(vec![sts_answer("AssumeRole", &role, &rfc3339_in(3600))], sts_keys(&env_keys));
    // STS's endpoint from the profile's `[services]` section this time.
    std::fs::write(
        dir.join("config"),
        format!(
            "[profile ci]\nrole_arn = arn:aws:iam::1:role/Ci\ncredential_source = Environment\nservices = local\n\
             [services local]\nsts =\n  endpoint_url = {}\n",
            sts.url()
        ),
    )
    .unwrap();
    let vars = vars(
        &dir,
        &[
            ("AWS_PROFILE", "ci"),
            ("AWS_ACCESS_KEY_ID", &env_keys.access_key_id),
            ("AWS_SECRET_ACCESS_KEY", &env_keys.secret_access_key),
        ],
    );
    let server = call(Kind::Async, &vars, &role, None).expect("call");
    assert_signed_with(&server, &role);
    assert_eq!(verify(&sts.requests()[0], &sts_keys(&env_keys)), Ok(()));
}

#[test]
fn mfa_serial_needs_a_token_provider() {
    let dir = temp_dir("mfa");
    let base = static_keys("AKIDMFA");
    let role = temporary_keys("ASIAMFA");
    let sts = Server::start(vec![sts_answer("AssumeRole", &role, &rfc3339_in(3600))], sts_keys(&base));
    std::fs::write(
        dir.join("config"),
        "[profile admin]\nrole_arn = arn:aws:iam::1:role/Admin\nsource_profile = base\nmfa_serial = arn:aws:iam::1:mfa/me\n",
    )
    .unwrap();
    std::fs::write(dir.join("credentials"), credentials_section("base", &base)).unwrap();
    let vars = vars(&dir, &[("AWS_PROFILE", "admin"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
    let error = call(Kind::Blocking, &vars, &role, None).err().expect("no token provider");
    assert!(error.contains("mfa_serial") && error.contains("mfa_token_provider") && error.contains("profile `admin`"), "{error}");
    assert!(sts.requests().is_empty());

    let provider = MfaTokenProvider::new(|serial| if serial == "arn:aws:iam::1:mfa/me" { Ok("123456".into()) } else { Err("unknown".into()) });
    let server = call(Kind::Blocking, &vars, &role, Some(provider)).expect("call");
    assert_signed_with(&server, &role);
    let body = &sts.requests()[0].body;
    assert_eq!(form_value(body, "SerialNumber").as_deref(), Some("arn:aws:iam::1:mfa/me"));
    assert_eq!(form_value(body, "TokenCode").as_deref(), Some("123456"));
}

fn input() -> ListSessionsInput {
    ListSessionsInput::builder().approval_team_arn("arn:aws:mpa:us-east-1:123456789012:approval-team/t").build()
}

/// Calls `ListSessions` `calls` times with one client of `kind` configured from `vars`,
/// running `between` after each call; every call's error, if any.
fn calls_with_one_client(kind: Kind, vars: Vec<(String, String)>, calls: usize, between: impl Fn(usize)) -> Result<(), String> {
    let env = Env::from_pairs(vars);
    match kind {
        Kind::Blocking => {
            let client = mpa::blocking::Client::builder().env(env).build().map_err(|e| e.to_string())?;
            for i in 0..calls {
                client.list_sessions().from_input(input()).send().map_err(|e| e.to_string())?;
                between(i);
            }
        }
        Kind::Async => {
            let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
            runtime.block_on(async {
                let client = mpa::Client::builder().env(env).build().map_err(|e| e.to_string())?;
                for i in 0..calls {
                    client.list_sessions().from_input(input()).send().await.map_err(|e| e.to_string())?;
                    between(i);
                }
                Ok::<(), String>(())
            })?;
        }
    }
    Ok(())
}

#[test]
fn web_identity_reads_the_token_file_again_on_every_refresh() {
    for kind in BOTH {
        let dir = temp_dir("web");
        let token_file = dir.join("token");
        std::fs::write(&token_file, "first-token\n").unwrap();
        // Credentials inside the refresh window: the client's next call refreshes them.
        let (first, second) = (temporary_keys("ASIAWEB1"), temporary_keys("ASIAWEB2"));
        let sts = Server::start(
            vec![
                sts_answer("AssumeRoleWithWebIdentity", &first, &rfc3339_in(120)),
                sts_answer("AssumeRoleWithWebIdentity", &second, &rfc3339_in(120)),
            ],
            Keys::test(),
        );
        let service = Server::start(vec![Reply::json(200, PAGE), Reply::json(200, PAGE)], first.clone());
        let vars = vars(
            &dir,
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", token_file.to_str().unwrap()),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Pod"),
                ("AWS_ROLE_SESSION_NAME", "pod-1"),
                ("AWS_ENDPOINT_URL_STS", &sts.url()),
                ("AWS_ENDPOINT_URL_MPA", &service.url()),
            ],
        );
        // Kubernetes rotates the token between the two calls.
        let rotate = |_| std::fs::write(&token_file, "second-token\n").unwrap();
        calls_with_one_client(kind, vars, 2, rotate).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        let requests = sts.requests();
        assert_eq!(requests.len(), 2, "{kind:?}: one refresh per call");
        for (request, token) in requests.iter().zip(["first-token", "second-token"]) {
            assert_eq!(form_value(&request.body, "Action").as_deref(), Some("AssumeRoleWithWebIdentity"));
            assert_eq!(form_value(&request.body, "WebIdentityToken").as_deref(), Some(token), "{kind:?}");
            assert_eq!(form_value(&request.body, "RoleSessionName").as_deref(), Some("pod-1"));
            assert_eq!(form_value(&request.body, "RoleArn").as_deref(), Some("arn:aws:iam::1:role/Pod"));
            assert_eq!(request.header("authorization"), None, "unsigned: the token is the proof");
        }
        let calls = service.requests();
        assert_eq!(verify(&calls[0], &first), Ok(()), "{kind:?}");
        assert_eq!(verify(&calls[1], &second), Ok(()), "{kind:?}: signed with the refreshed credentials");
    }
}

#[test]
fn concurrent_calls_share_one_refresh() {
    const CALLS: usize = 8;
    for kind in BOTH {
        let dir = temp_dir("shared-refresh");
        std::fs::write(dir.join("token"), "t").unwrap();
        let role = temporary_keys("ASIASHARED");
        // One answer: a second refresh would get a 500 and fail its call.
        let sts = Server::start(vec![sts_answer("AssumeRoleWithWebIdentity", &role, &rfc3339_in(3600))], Keys::test());
        let service = Server::start(vec![Reply::json(200, PAGE); CALLS], role.clone());
        let env = Env::from_pairs(vars(
            &dir,
            &[
                ("AWS_WEB_IDENTITY_TOKEN_FILE", dir.join("token").to_str().unwrap()),
                ("AWS_ROLE_ARN", "arn:aws:iam::1:role/Shared"),
                ("AWS_ENDPOINT_URL_STS", &sts.url()),
                ("AWS_ENDPOINT_URL_MPA", &service.url()),
            ],
        ));
        match kind {
            Kind::Blocking => {
                let client = mpa::blocking::Client::builder().env(env).build().unwrap();
                std::thread::scope(|scope| {
                    let calls: Vec<_> = (0..CALLS).map(|_| scope.spawn(|| client.list_sessions().from_input(input()).send().map(|_| ()))).collect();
                    for call in calls {
                        call.join().unwrap().expect("call");
                    }
                });
            }
            Kind::Async => {
                let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().unwrap();
                runtime.block_on(async {
                    let client = mpa::Client::builder().env(env).build().unwrap();
                    let tasks: Vec<_> = (0..CALLS)
                        .map(|_| {
                            let client = client.clone();
                            tokio::spawn(async move { client.list_sessions().from_input(input()).send().await.map(|_| ()) })
                        })
                        .collect();
                    for task in tasks {
                        task.await.unwrap().expect("call");
                    }
                });
            }
        }
        assert_eq!(sts.requests().len(), 1, "{kind:?}: one refresh for all calls");
        let calls = service.requests();
        assert_eq!(calls.len(), CALLS);
        assert!(calls.iter().all(|c| verify(c, &role).is_ok()), "{kind:?}");
    }
}

#[test]
fn web_identity_without_a_role_names_the_missing_variable() {
    let dir = temp_dir("web-norole");
    std::fs::write(dir.join("token"), "t").unwrap();
    let vars = vars(&dir, &[("AWS_WEB_IDENTITY_TOKEN_FILE", dir.join("token").to_str().unwrap())]);
    let error = call(Kind::Blocking, &vars, &Keys::test(), None).err().expect("an error");
    assert!(error.contains("AWS_ROLE_ARN"), "{error}");
}

#[test]
fn sts_errors_are_reported_with_their_code() {
    let dir = temp_dir("denied");
    let body = "<ErrorResponse><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>not authorized to assume</Message></Error></ErrorResponse>";
    let denied = Reply::Respond { status: 403, headers: vec![], body: body.into() };
    let sts = Server::start(vec![denied], Keys::test());
    std::fs::write(dir.join("config"), "[profile dev]\nrole_arn = arn:aws:iam::1:role/Dev\nsource_profile = base\n").unwrap();
    std::fs::write(dir.join("credentials"), credentials_section("base", &static_keys("AKIDSECRETLESS"))).unwrap();
    let vars = vars(&dir, &[("AWS_PROFILE", "dev"), ("AWS_ENDPOINT_URL_STS", &sts.url())]);
    let error = call(Kind::Blocking, &vars, &Keys::test(), None).err().expect("denied");
    assert!(error.contains("AccessDenied") && error.contains("not authorized to assume") && error.contains("arn:aws:iam::1:role/Dev"), "{error}");
    assert!(!error.contains("AKIDSECRETLESS/static"), "no secret in the message: {error}");
}

#[test]
fn a_role_from_container_credentials_as_credential_source() {
    for kind in BOTH {
        let dir = temp_dir("ecs-source");
        let container = temporary_keys("ASIACONTAINER");
        let document = format!(
            r#"{{"AccessKeyId":"{}","SecretAccessKey":"{}","Token":"{}","Expiration":"{}"}}"#,
            container.access_key_id,
            container.secret_access_key,
            container.session_token.as_deref().unwrap(),
            rfc3339_in(3600)
        );
        let metadata = Server::start(vec![Reply::json(200, &document)], Keys::test());
        let role = temporary_keys("ASIATASKROLE");
        let sts = Server::start(vec![sts_answer("AssumeRole", &role, &rfc3339_in(3600))], sts_keys(&container));
        std::fs::write(dir.join("config"), "[profile task]\nrole_arn = arn:aws:iam::1:role/Task\ncredential_source = EcsContainer\n").unwrap();
        let full_uri = format!("{}/creds", metadata.url());
        let vars = vars(
            &dir,
            &[("AWS_PROFILE", "task"), ("AWS_ENDPOINT_URL_STS", &sts.url()), ("AWS_CONTAINER_CREDENTIALS_FULL_URI", &full_uri)],
        );
        let server = call(kind, &vars, &role, None).unwrap_or_else(|e| panic!("{kind:?}: {e}"));
        assert_signed_with(&server, &role);
        assert_eq!(verify(&sts.requests()[0], &sts_keys(&container)), Ok(()), "{kind:?}: signed with the container's credentials");
        assert_eq!(metadata.requests()[0].target, "/creds");
    }
}
