//! Every operation of the model behind one object-safe trait, driven from JSON and HTTP
//! values without naming its types.

use super::*;

/// What an operation made of a response, in text.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// The output, `{:?}`.
    Output {
        /// `{:?}` of the output.
        debug: String,
    },
    /// The error.
    Error {
        /// The error enum's variant, e.g. `ValidationException`, `Unhandled` or
        /// `InvalidResponse` (from its `Debug`).
        variant: String,
        /// `{}` of the error.
        display: String,
        /// `{:?}` of the error.
        debug: String,
        /// `{}` of each error down its `source()` chain.
        sources: Vec<String>,
    },
}

impl Parsed {
    /// The error's variant, None for an output.
    pub fn variant(&self) -> Option<&str> {
        match self {
            Parsed::Output { .. } => None,
            Parsed::Error { variant, .. } => Some(variant),
        }
    }

    /// Every text the result formats to.
    pub fn texts(&self) -> Vec<&str> {
        match self {
            Parsed::Output { debug } => vec![debug],
            Parsed::Error {
                display,
                debug,
                sources,
                ..
            } => {
                let mut texts = vec![display.as_str(), debug.as_str()];
                texts.extend(sources.iter().map(String::as_str));
                texts
            }
        }
    }
}

/// An input built from JSON and what serializing it gave.
#[derive(Debug)]
pub struct Serialized {
    /// `{:?}` of the input.
    pub input_debug: String,
    /// The request, or why it could not be built.
    pub request: Result<http::Request<Vec<u8>>, SerializeError>,
}

/// An operation driven through JSON and HTTP values, whatever its types.
pub trait AnyOperation: Send + Sync {
    /// The operation's name in the model (`Operation::NAME`).
    fn name(&self) -> &'static str;
    /// Builds the input from its serde form and serializes it.
    fn serialize_json(
        &self,
        input: Value,
        options: mpa::SerializeOptions,
    ) -> Result<Serialized, String>;
    /// `{:?}` of the output built from its serde form.
    fn output_debug_from_json(&self, output: Value) -> Result<String, String>;
    /// Reads a response.
    fn parse(&self, response: &http::Response<Vec<u8>>) -> Parsed;
}

/// [`AnyOperation`] for `O`: its serde readers are given as functions, so that the
/// types are named where they are concrete.
pub struct Erased<O: Operation> {
    input_from_json: fn(Value) -> serde_json::Result<O::Input>,
    output_from_json: fn(Value) -> serde_json::Result<O::Output>,
}

impl<O: Operation> Erased<O>
where
    O: 'static,
    O::Input: Debug,
    O::Output: Debug,
    O::Error: Debug + 'static,
{
    /// The operation, boxed.
    pub fn boxed(
        input_from_json: fn(Value) -> serde_json::Result<O::Input>,
        output_from_json: fn(Value) -> serde_json::Result<O::Output>,
    ) -> Box<dyn AnyOperation> {
        Box::new(Erased::<O> {
            input_from_json,
            output_from_json,
        })
    }
}

impl<O: Operation> AnyOperation for Erased<O>
where
    O: 'static,
    O::Input: Debug,
    O::Output: Debug,
    O::Error: Debug + 'static,
{
    fn name(&self) -> &'static str {
        O::NAME
    }

    fn serialize_json(
        &self,
        input: Value,
        options: mpa::SerializeOptions,
    ) -> Result<Serialized, String> {
        let input =
            (self.input_from_json)(input).map_err(|e| format!("{}: input: {e}", O::NAME))?;
        Ok(Serialized {
            input_debug: format!("{input:?}"),
            request: O::serialize_request_with(&input, options),
        })
    }

    fn output_debug_from_json(&self, output: Value) -> Result<String, String> {
        let output =
            (self.output_from_json)(output).map_err(|e| format!("{}: output: {e}", O::NAME))?;
        Ok(format!("{output:?}"))
    }

    fn parse(&self, response: &http::Response<Vec<u8>>) -> Parsed {
        match O::parse_response(response) {
            Ok(output) => Parsed::Output {
                debug: format!("{output:?}"),
            },
            Err(error) => {
                let debug = format!("{error:?}");
                let variant = debug
                    .split(['(', ' ', '{'])
                    .next()
                    .unwrap_or_default()
                    .to_owned();
                let mut sources = Vec::new();
                let mut source = std::error::Error::source(&error);
                while let Some(e) = source {
                    sources.push(e.to_string());
                    sources.push(format!("{e:?}"));
                    source = e.source();
                }
                Parsed::Error {
                    variant,
                    display: error.to_string(),
                    debug,
                    sources,
                }
            }
        }
    }
}

/// Calls `$callback! { $( $module::{$Op, $Input, $Output} ),* }` with all 22 operations,
/// as `mpa::operation::<module>::{Op, OpInput, OpOutput}`.
#[macro_export]
macro_rules! for_each_operation {
    ($callback:ident) => {
        $callback! {
            cancel_session::{CancelSession, CancelSessionInput, CancelSessionOutput},
            create_approval_team::{CreateApprovalTeam, CreateApprovalTeamInput, CreateApprovalTeamOutput},
            create_identity_source::{CreateIdentitySource, CreateIdentitySourceInput, CreateIdentitySourceOutput},
            delete_identity_source::{DeleteIdentitySource, DeleteIdentitySourceInput, DeleteIdentitySourceOutput},
            delete_inactive_approval_team_version::{
                DeleteInactiveApprovalTeamVersion,
                DeleteInactiveApprovalTeamVersionInput,
                DeleteInactiveApprovalTeamVersionOutput
            },
            get_approval_team::{GetApprovalTeam, GetApprovalTeamInput, GetApprovalTeamOutput},
            get_identity_source::{GetIdentitySource, GetIdentitySourceInput, GetIdentitySourceOutput},
            get_policy_version::{GetPolicyVersion, GetPolicyVersionInput, GetPolicyVersionOutput},
            get_resource_policy::{GetResourcePolicy, GetResourcePolicyInput, GetResourcePolicyOutput},
            get_session::{GetSession, GetSessionInput, GetSessionOutput},
            list_approval_teams::{ListApprovalTeams, ListApprovalTeamsInput, ListApprovalTeamsOutput},
            list_identity_sources::{ListIdentitySources, ListIdentitySourcesInput, ListIdentitySourcesOutput},
            list_policies::{ListPolicies, ListPoliciesInput, ListPoliciesOutput},
            list_policy_versions::{ListPolicyVersions, ListPolicyVersionsInput, ListPolicyVersionsOutput},
            list_resource_policies::{ListResourcePolicies, ListResourcePoliciesInput, ListResourcePoliciesOutput},
            list_sessions::{ListSessions, ListSessionsInput, ListSessionsOutput},
            list_tags_for_resource::{ListTagsForResource, ListTagsForResourceInput, ListTagsForResourceOutput},
            start_active_approval_team_deletion::{
                StartActiveApprovalTeamDeletion,
                StartActiveApprovalTeamDeletionInput,
                StartActiveApprovalTeamDeletionOutput
            },
            start_approval_team_baseline::{
                StartApprovalTeamBaseline,
                StartApprovalTeamBaselineInput,
                StartApprovalTeamBaselineOutput
            },
            tag_resource::{TagResource, TagResourceInput, TagResourceOutput},
            untag_resource::{UntagResource, UntagResourceInput, UntagResourceOutput},
            update_approval_team::{UpdateApprovalTeam, UpdateApprovalTeamInput, UpdateApprovalTeamOutput},
        }
    };
}

macro_rules! erased_operations {
    ($($module:ident::{$op:ident, $input:ident, $output:ident}),* $(,)?) => {
        vec![$({
            use __rt::mpa::operation::$module::{$op, $input, $output};
            Erased::<$op>::boxed(
                serde_json::from_value::<$input>,
                serde_json::from_value::<$output>,
            )
        }),*]
    };
}

/// Every operation, in the order of [`for_each_operation!`](crate::for_each_operation)
/// (by name).
pub fn all_operations() -> &'static [Box<dyn AnyOperation>] {
    static ALL: LazyLock<Vec<Box<dyn AnyOperation>>> =
        LazyLock::new(|| for_each_operation!(erased_operations));
    &ALL
}

/// The operation named `name`.
pub fn operation(name: &str) -> &'static dyn AnyOperation {
    all_operations()
        .iter()
        .find(|o| o.name() == name)
        .map(Box::as_ref)
        .unwrap_or_else(|| panic!("no operation `{name}`"))
}

/// The body of a response with `status`, a request id, and `x-amzn-errortype` when
/// `error_code` is given.
pub fn response(status: u16, error_code: Option<&str>, body: Vec<u8>) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder()
        .status(status)
        .header("content-type", "application/json")
        .header("x-amzn-requestid", "req-0001");
    if let Some(code) = error_code {
        builder = builder.header("x-amzn-errortype", code);
    }
    builder.body(body).expect("a valid response")
}
