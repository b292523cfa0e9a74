//! Which auth schemes each operation offers, in order of preference, decided once here.
//!
//! An operation's schemes are those of its `smithy.api#auth` trait, else the service's,
//! else every auth scheme trait applied to the service, ordered by shape id (as Smithy's
//! `ServiceIndex` gives them). `@optionalAuth` and `@auth([])` make an operation called
//! without authentication. A scheme the clients do not implement (`aws.auth#sigv4a`,
//! `smithy.api#httpDigestAuth`, one the generator does not know) is left out when another
//! is offered, and leaves the operation out (`Unsupported::AuthScheme`) when it is the only
//! one. A service of AWS's (`aws.api#service` or endpoint rules) with no auth scheme trait
//! at all is signed with SigV4, as the clients always did; any other such service is called
//! without authentication.

use crate::error::{ModelError, Unsupported};
use crate::ir::AuthSchemeIr;
use crate::load::ShapeKind;
use crate::resolve::Resolved;
use crate::traits::{AUTH_SCHEME_TRAITS, AuthSchemeTrait};

/// The AWS SDKs read a bearer token from `AWS_BEARER_TOKEN_<SIGNING NAME>` for the services
/// whose SigV4 signing name is one of these (and that offer `smithy.api#httpBearerAuth`).
const BEARER_ENV_SIGNING_NAMES: &[&str] = &["bedrock"];

/// The schemes of operation `id`, in order of preference: never empty.
pub(crate) fn operation_schemes(model: &Resolved, id: &str) -> Result<Vec<AuthSchemeIr>, ModelError> {
    let shape = model.shape(id);
    if shape.traits.optional_auth {
        return Ok(vec![AuthSchemeIr::Anonymous]);
    }
    match &shape.traits.auth {
        Some(ids) => listed(model, ids, &format!("{}.traits[\"smithy.api#auth\"]", shape.path), id),
        None => service_schemes(model),
    }
}

/// The schemes of an operation with no auth trait of its own: the service's `@auth`, else
/// every auth scheme trait of the service.
pub(crate) fn service_schemes(model: &Resolved) -> Result<Vec<AuthSchemeIr>, ModelError> {
    let traits = &model.service_traits;
    let service = model.shape(&model.service_id);
    if let Some(ids) = &traits.auth {
        return listed(model, ids, &format!("{}.traits[\"smithy.api#auth\"]", service.path), &model.service_id);
    }
    if traits.auth_schemes.is_empty() {
        let aws = traits.aws_service || traits.endpoint_rule_set.is_some();
        return Ok(vec![if aws { AuthSchemeIr::SigV4 } else { AuthSchemeIr::Anonymous }]);
    }
    let ids: Vec<String> = traits.auth_schemes.iter().map(|(id, _)| id.clone()).collect();
    listed(model, &ids, &format!("{}.traits", service.path), &model.service_id)
}

/// The variable a bearer token is read from for this service, if the AWS SDKs read one.
pub(crate) fn bearer_env(model: &Resolved) -> Option<String> {
    let traits = &model.service_traits;
    let signing_name = traits.sigv4_name.as_deref()?;
    let offers_bearer = traits.auth_schemes.iter().any(|(id, _)| id == "smithy.api#httpBearerAuth");
    (offers_bearer && BEARER_ENV_SIGNING_NAMES.contains(&signing_name))
        .then(|| format!("AWS_BEARER_TOKEN_{}", signing_name.to_ascii_uppercase().replace('-', "_")))
}

/// Whether the service is not AWS's: neither `aws.api#service` nor endpoint rules.
pub(crate) fn is_foreign(model: &Resolved) -> bool {
    let traits = &model.service_traits;
    !traits.aws_service && traits.endpoint_rule_set.is_none()
}

/// The schemes of an `@auth` list (or of the service's scheme traits), at `path` of `shape`.
fn listed(model: &Resolved, ids: &[String], path: &str, shape: &str) -> Result<Vec<AuthSchemeIr>, ModelError> {
    if ids.is_empty() {
        return Ok(vec![AuthSchemeIr::Anonymous]);
    }
    let applied = &model.service_traits.auth_schemes;
    let mut schemes = Vec::new();
    let mut left_out = Vec::new();
    for id in ids {
        let value = applied.iter().find(|(applied, _)| applied == id).map(|(_, value)| value);
        let scheme = match (id.as_str(), value) {
            (_, None) if AUTH_SCHEME_TRAITS.contains(&id.as_str()) => {
                return Err(ModelError::at(
                    path,
                    Some(shape),
                    format!("`{id}` is listed in @auth but not applied to the service `{}`", model.service_id),
                ));
            }
            ("aws.auth#sigv4", Some(_)) => AuthSchemeIr::SigV4,
            ("smithy.api#httpBearerAuth", Some(_)) => AuthSchemeIr::Bearer,
            ("smithy.api#httpBasicAuth", Some(_)) => AuthSchemeIr::Basic,
            (_, Some(AuthSchemeTrait::ApiKey(key))) => {
                AuthSchemeIr::ApiKey { name: key.name.clone(), in_query: key.in_query, scheme: key.scheme.clone() }
            }
            // sigv4a, digest, and schemes the generator does not know.
            _ => {
                left_out.push(id.as_str());
                continue;
            }
        };
        if !schemes.contains(&scheme) {
            schemes.push(scheme);
        }
    }
    if schemes.is_empty() {
        let names: Vec<String> = left_out.iter().map(|id| format!("`{id}`")).collect();
        let what = if matches!(model.shape(shape).kind, ShapeKind::Operation(_)) { "the operation" } else { "the service" };
        return Err(ModelError::unsupported(
            path,
            Some(shape),
            Unsupported::AuthScheme,
            format!(
                "{what} offers only the auth scheme{} {}, which the clients do not implement (they implement aws.auth#sigv4, smithy.api#httpBearerAuth, smithy.api#httpApiKeyAuth, smithy.api#httpBasicAuth and calls without auth)",
                if names.len() == 1 { "" } else { "s" },
                names.join(", "),
            ),
        ));
    }
    Ok(schemes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ir::AuthSchemeIr::*;

    fn model(service_traits: &str, op_traits: &str) -> Resolved {
        let json = format!(
            r#"{{"smithy": "2.0", "shapes": {{
                "ex#S": {{"type": "service", "version": "1", "operations": [{{"target": "ex#Op"}}],
                    "traits": {{"aws.protocols#restJson1": {{}} {service_traits}}}}},
                "ex#Op": {{"type": "operation", "traits": {{"smithy.api#http": {{"method": "GET", "uri": "/"}} {op_traits}}}}}
            }}}}"#
        );
        let raw = crate::load::json::load(&json).expect("model parses");
        crate::resolve::resolve(raw).expect("model resolves")
    }

    const KEY: &str = r#""smithy.api#httpApiKeyAuth": {"name": "X-Key", "in": "header", "scheme": "ApiKey"}"#;

    #[test]
    fn the_operations_auth_wins_then_the_services_then_every_scheme_by_shape_id() {
        let m = model(&format!(r#", "smithy.api#httpBearerAuth": {{}}, "aws.auth#sigv4": {{"name": "s"}}, {KEY}"#), "");
        let key = ApiKey { name: "X-Key".into(), in_query: false, scheme: Some("ApiKey".into()) };
        assert_eq!(operation_schemes(&m, "ex#Op").unwrap(), vec![SigV4, key.clone(), Bearer]);
        let m = model(
            &format!(r#", "smithy.api#httpBearerAuth": {{}}, {KEY}, "smithy.api#auth": ["smithy.api#httpBearerAuth"]"#),
            r#", "smithy.api#auth": ["smithy.api#httpApiKeyAuth", "smithy.api#httpBearerAuth"]"#,
        );
        assert_eq!(operation_schemes(&m, "ex#Op").unwrap(), vec![key, Bearer]);
        assert_eq!(service_schemes(&m).unwrap(), vec![Bearer]);
    }

    #[test]
    fn optional_auth_and_an_empty_auth_list_call_without_auth() {
        let m = model(r#", "smithy.api#httpBearerAuth": {}"#, r#", "smithy.api#optionalAuth": {}"#);
        assert_eq!(operation_schemes(&m, "ex#Op").unwrap(), vec![Anonymous]);
        let m = model(r#", "smithy.api#httpBearerAuth": {}"#, r#", "smithy.api#auth": []"#);
        assert_eq!(operation_schemes(&m, "ex#Op").unwrap(), vec![Anonymous]);
    }

    #[test]
    fn a_service_without_schemes_is_signed_when_it_is_aws_and_called_without_auth_when_not() {
        assert_eq!(operation_schemes(&model("", ""), "ex#Op").unwrap(), vec![Anonymous]);
        let aws = model(r#", "aws.api#service": {"sdkId": "S"}"#, "");
        assert_eq!(operation_schemes(&aws, "ex#Op").unwrap(), vec![SigV4]);
        assert!(is_foreign(&model("", "")) && !is_foreign(&aws));
    }

    #[test]
    fn sigv4a_alone_is_unsupported_and_beside_another_scheme_left_out() {
        let m = model(r#", "aws.auth#sigv4a": {"name": "s"}"#, "");
        let e = operation_schemes(&m, "ex#Op").expect_err("sigv4a alone");
        assert_eq!(e.unsupported, Some(Unsupported::AuthScheme));
        assert!(e.message.contains("`aws.auth#sigv4a`"), "{}", e.message);
        let m = model(r#", "aws.auth#sigv4a": {"name": "s"}, "aws.auth#sigv4": {"name": "s"}, "smithy.api#auth": ["aws.auth#sigv4a", "aws.auth#sigv4"]"#, "");
        assert_eq!(operation_schemes(&m, "ex#Op").unwrap(), vec![SigV4]);
    }

    #[test]
    fn a_listed_scheme_the_service_lacks_is_an_error() {
        let m = model(r#", "smithy.api#httpBearerAuth": {}"#, r#", "smithy.api#auth": ["smithy.api#httpBasicAuth"]"#);
        let e = operation_schemes(&m, "ex#Op").expect_err("basic is not applied");
        assert!(e.unsupported.is_none() && e.message.contains("not applied"), "{e}");
    }

    #[test]
    fn bedrock_reads_its_bearer_token_variable() {
        let m = model(r#", "aws.auth#sigv4": {"name": "bedrock"}, "smithy.api#httpBearerAuth": {}"#, "");
        assert_eq!(bearer_env(&m).as_deref(), Some("AWS_BEARER_TOKEN_BEDROCK"));
        assert_eq!(bearer_env(&model(r#", "aws.auth#sigv4": {"name": "bedrock"}"#, "")), None);
        assert_eq!(bearer_env(&model(r#", "aws.auth#sigv4": {"name": "s"}, "smithy.api#httpBearerAuth": {}"#, "")), None);
    }
}
