use super::*;

static KEY_IN_QUERY: AuthScheme = AuthScheme::ApiKey { name: "api key", location: ApiKeyLocation::Query, scheme: None };
static KEY_IN_HEADER: AuthScheme = AuthScheme::ApiKey { name: "X-Api-Key", location: ApiKeyLocation::Header, scheme: Some("ApiKey") };

static SERVICE: ServiceAuth = ServiceAuth {
    default: &[AuthScheme::SigV4, AuthScheme::Bearer],
    operations: &[("Open", &[AuthScheme::Anonymous]), ("Keyed", &[KEY_IN_HEADER, AuthScheme::Basic])],
    bearer_env: Some("AWS_BEARER_TOKEN_BEDROCK"),
};

fn auth(identities: &Identities, env: &[(&str, &str)]) -> ClientAuth {
    ClientAuth::new(&SERVICE, identities, &Env::from_pairs(env.iter().copied()))
}

fn extensions(operation: Option<&'static str>) -> http::Extensions {
    let mut extensions = http::Extensions::new();
    if let Some(operation) = operation {
        extensions.insert(OperationName(operation));
    }
    extensions
}

#[test]
fn an_operations_own_schemes_win_over_the_services() {
    let auth = auth(&Identities::default(), &[]);
    assert_eq!(auth.schemes(&extensions(None)), [AuthScheme::SigV4, AuthScheme::Bearer]);
    assert_eq!(auth.schemes(&extensions(Some("Other"))), [AuthScheme::SigV4, AuthScheme::Bearer]);
    assert_eq!(auth.schemes(&extensions(Some("Open"))), [AuthScheme::Anonymous]);
    assert_eq!(auth.schemes(&extensions(Some("Keyed"))), [KEY_IN_HEADER, AuthScheme::Basic]);
}

#[test]
fn the_bearer_variable_puts_bearer_first_and_gives_the_token_unless_the_builder_has_one() {
    let env = [("AWS_BEARER_TOKEN_BEDROCK", "from-env")];
    let from_env = auth(&Identities::default(), &env);
    assert_eq!(from_env.schemes(&extensions(None)), [AuthScheme::Bearer, AuthScheme::SigV4]);
    let mut search = from_env.search(&[AuthScheme::Bearer]);
    let Some((AuthScheme::Bearer, Step::Token(provider))) = search.next() else { panic!("a token") };
    assert_eq!(provider.provide_token().unwrap().token(), "from-env");

    let identities = Identities { bearer: Some(Arc::new(Token::new("from-code"))), ..Identities::default() };
    let both = auth(&identities, &env);
    assert_eq!(both.schemes(&extensions(None)), [AuthScheme::Bearer, AuthScheme::SigV4]);
    let mut search = both.search(&[AuthScheme::Bearer]);
    let Some((_, Step::Token(provider))) = search.next() else { panic!("a token") };
    assert_eq!(provider.provide_token().unwrap().token(), "from-code");

    // Empty is unset, as for every variable.
    let empty = auth(&Identities::default(), &[("AWS_BEARER_TOKEN_BEDROCK", "")]);
    assert_eq!(empty.schemes(&extensions(None)), [AuthScheme::SigV4, AuthScheme::Bearer]);
}

#[test]
fn the_search_passes_over_schemes_without_an_identity_and_names_them_all() {
    let auth = auth(&Identities::default(), &[]);
    let schemes = [AuthScheme::Bearer, KEY_IN_HEADER, AuthScheme::Basic, AuthScheme::SigV4];
    let mut search = auth.search(&schemes);
    let Some((AuthScheme::SigV4, Step::Credentials)) = search.next() else { panic!("sigv4 is tried last") };
    search.no_credentials(CredentialsError::not_found("environment", "AWS_ACCESS_KEY_ID is not set")).unwrap();
    assert!(search.next().is_none());
    let Error::Auth(error) = search.exhausted() else { panic!("an auth error") };
    let tried: Vec<&str> = error.tried().map(|(scheme, _)| scheme).collect();
    assert_eq!(tried, ["smithy.api#httpBearerAuth", "smithy.api#httpApiKeyAuth", "smithy.api#httpBasicAuth", "aws.auth#sigv4"]);
    let text = error.to_string();
    assert!(text.contains("bearer_token") && text.contains("AWS_BEARER_TOKEN_BEDROCK") && text.contains("AWS_ACCESS_KEY_ID"), "{text}");
    assert!(!error.is_failure());
}

#[test]
fn sigv4_alone_keeps_the_credentials_error_and_a_failing_source_stops_the_search() {
    let auth = auth(&Identities::default(), &[]);
    let mut search = auth.search(&[AuthScheme::SigV4]);
    search.next();
    search.no_credentials(CredentialsError::not_found("environment", "unset")).unwrap();
    assert!(search.next().is_none());
    assert!(matches!(search.exhausted(), Error::Credentials(_)));

    let mut search = auth.search(&[AuthScheme::SigV4, AuthScheme::Anonymous]);
    search.next();
    let failed = search.no_credentials(CredentialsError::failed("process", "exited 1"));
    assert!(matches!(failed, Err(Error::Credentials(e)) if e.is_failure()));
}

#[test]
fn anonymous_needs_nothing_and_changes_nothing() {
    let auth = auth(&Identities::default(), &[]);
    let mut search = auth.search(&[AuthScheme::Anonymous]);
    let Some((AuthScheme::Anonymous, Step::Ready(identity))) = search.next() else { panic!("anonymous") };
    let chosen = Chosen { scheme: AuthScheme::Anonymous, identity };
    let (mut headers, mut uri) = (http::HeaderMap::new(), http::Uri::from_static("/a?b=c"));
    chosen.apply(&mut headers, &mut uri).unwrap();
    assert!(headers.is_empty());
    assert_eq!(uri, "/a?b=c");
}

fn applied(scheme: AuthScheme, identity: Identity, uri: &'static str) -> (http::HeaderMap, http::Uri) {
    let (mut headers, mut uri) = (http::HeaderMap::new(), http::Uri::from_static(uri));
    Chosen { scheme, identity }.apply(&mut headers, &mut uri).expect("applied");
    (headers, uri)
}

#[test]
fn each_scheme_puts_its_secret_where_the_model_says() {
    let (headers, _) = applied(AuthScheme::Bearer, Identity::Token(Token::new("t0k")), "/");
    assert_eq!(headers["authorization"], "Bearer t0k");
    assert!(headers["authorization"].is_sensitive());
    let (headers, _) = applied(KEY_IN_HEADER, Identity::Token(Token::new("k3y")), "/");
    assert_eq!(headers["x-api-key"], "ApiKey k3y");
    let plain = AuthScheme::ApiKey { name: "X-Api-Key", location: ApiKeyLocation::Header, scheme: None };
    assert_eq!(applied(plain, Identity::Token(Token::new("k3y")), "/").0["x-api-key"], "k3y");
    let (headers, _) = applied(AuthScheme::Basic, Identity::Login(Login::new("Aladdin", "open sesame")), "/");
    assert_eq!(headers["authorization"], "Basic QWxhZGRpbjpvcGVuIHNlc2FtZQ==");
    for (before, after) in [
        ("/p", "/p?api%20key=a%2Fb%26c"),
        ("/p?x=1", "/p?x=1&api%20key=a%2Fb%26c"),
        ("/p?", "/p?api%20key=a%2Fb%26c"),
        ("https://h.example/p?x", "https://h.example/p?x&api%20key=a%2Fb%26c"),
    ] {
        let (headers, uri) = applied(KEY_IN_QUERY, Identity::Token(Token::new("a/b&c")), before);
        assert!(headers.is_empty());
        assert_eq!(uri.to_string(), after);
    }
}

#[test]
fn a_secret_http_cannot_carry_is_an_error_that_does_not_show_it() {
    let (mut headers, mut uri) = (http::HeaderMap::new(), http::Uri::from_static("/"));
    let chosen = Chosen { scheme: AuthScheme::Bearer, identity: Identity::Token(Token::new("bad\nsecret")) };
    let error = chosen.apply(&mut headers, &mut uri).expect_err("a newline");
    assert!(error.is_failure());
    assert!(!error.to_string().contains("secret") && !format!("{error:?}").contains("secret"), "{error}");
}

#[derive(Debug)]
struct Counting(std::sync::atomic::AtomicU32, Duration);

impl ProvideToken for Counting {
    fn provide_token(&self) -> Result<Token, TokenError> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Ok(Token::new(format!("token-{n}")).expiring(std::time::SystemTime::now() + self.1))
    }
}

use std::time::Duration;

#[test]
fn the_cache_keeps_a_token_until_shortly_before_it_expires() {
    let lasting = TokenCache::new(Arc::new(Counting(Default::default(), Duration::from_secs(3600))));
    assert!(lasting.cached().is_none());
    assert_eq!(lasting.provide_token().unwrap().token(), "token-0");
    assert_eq!(lasting.provide_token().unwrap().token(), "token-0");
    assert_eq!(lasting.cached().unwrap().token(), "token-0");
    let short = TokenCache::new(Arc::new(Counting(Default::default(), Duration::from_secs(60))));
    assert_eq!(short.provide_token().unwrap().token(), "token-0");
    assert_eq!(short.provide_token().unwrap().token(), "token-1", "refreshed within five minutes of its expiry");
}

#[test]
fn debug_shows_no_secret() {
    let identities = Identities {
        bearer: Some(Arc::new(TokenCache::new(Arc::new(Token::new("bearer-secret"))))),
        api_key: Some(Arc::new(Token::new("key-secret"))),
        basic: Some(Login::new("user", "password-secret")),
    };
    let auth = auth(&identities, &[("AWS_BEARER_TOKEN_BEDROCK", "env-secret")]);
    identities.bearer.as_ref().unwrap().provide_token().unwrap();
    let shown = format!("{identities:?} {auth:?} {:?}", Identity::Token(Token::new("token-secret")));
    assert!(!shown.contains("secret"), "{shown}");
    assert!(shown.contains("user"), "{shown}");
}
