//! Sample values built from the model itself: for any structure of
//! `model/mpa-2022-07-26.json`, a JSON instance in the crate's serde form (what
//! `serde_json::from_value` turns into the generated type) or in the restJson1 wire form
//! (what the service sends), with every string chosen by a caller's hook.
//!
//! The instance fills in every member (optional ones too), lists with one or two items,
//! maps with one or two entries, one member of each union (the caller chooses which),
//! integers inside their `@range`, enums as their `@enumValue`, and timestamps as RFC 3339
//! (serde form) or as the member's `@timestampFormat` (wire form: `date-time` strings,
//! `epoch-seconds` numbers, `http-date` strings). The wire form leaves out members bound to
//! the URI, query or headers. Next to the value, [`Instance::sites`] lists where each value
//! sits (a JSON pointer) and what the model says about it, so that tests can replace one
//! value with a broken one.
//!
//! [`for_each_operation!`](crate::for_each_operation) lists the 22 operations with their
//! Rust types; [`all_operations`] gives each as an [`AnyOperation`], which drives an
//! operation from JSON and HTTP values without naming its types.

use std::fmt::Debug;
use std::sync::LazyLock;

use mpa::Operation;
use mpa::error::SerializeError;
use mpa::http;
use serde_json::{Map, Value, json};

mod instance;
mod operations;
pub use operations::*;

#[doc(hidden)]
pub mod __rt {
    //! What [`for_each_operation!`](crate::for_each_operation) expands to, reachable from any
    //! crate that invokes it.
    pub use mpa;
}

/// Where the model file is, from this crate's manifest.
pub const MODEL_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../model/mpa-2022-07-26.json");

const SENSITIVE: &str = "smithy.api#sensitive";

/// The timestamp every instance holds: 2024-05-06T07:08:09Z.
pub const TIMESTAMP_RFC3339: &str = "2024-05-06T07:08:09Z";
/// [`TIMESTAMP_RFC3339`] in epoch seconds.
pub const TIMESTAMP_EPOCH_SECONDS: i64 = 1_714_979_289;
/// [`TIMESTAMP_RFC3339`] as an IMF-fixdate.
pub const TIMESTAMP_HTTP_DATE: &str = "Mon, 06 May 2024 07:08:09 GMT";

/// The model, loaded once.
pub fn model() -> &'static Model {
    static MODEL: LazyLock<Model> = LazyLock::new(Model::load);
    &MODEL
}

/// The shapes of the model's JSON AST.
pub struct Model {
    shapes: Map<String, Value>,
}

/// One operation of the model: its name, its input and output structures, and every error
/// it can return (its own and the service's).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OperationShape {
    /// The operation's name, e.g. `ListSessions`.
    pub name: String,
    /// The input structure's shape id, or `smithy.api#Unit`.
    pub input: String,
    /// The output structure's shape id, or `smithy.api#Unit`.
    pub output: String,
    /// Shape ids of the errors.
    pub errors: Vec<String>,
    /// The `@http` method, e.g. `POST`.
    pub method: String,
    /// The `@http` URI pattern, e.g. `/approval-teams/{ApprovalTeamArn}/sessions/?List`.
    pub uri: String,
}

/// Where a member of an input travels, when not in the body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Binding {
    /// `@httpLabel`: the URI path segment `{Member}`.
    Label,
    /// `@httpQuery("name")`.
    Query(String),
    /// `@httpHeader("name")`.
    Header(String),
}

/// Which of the two JSON forms an instance takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Form {
    /// The crate's serde form: every member under its model name, RFC 3339 timestamps.
    Serde,
    /// The restJson1 body: members bound to HTTP left out, `@jsonName` honoured,
    /// timestamps as their `@timestampFormat` says (epoch seconds by default).
    Wire,
}

/// A string about to be chosen, and what the model says about it.
#[derive(Debug, Clone, Copy)]
pub struct StringSite<'a> {
    /// The shape that holds the string: a structure or union, or the list or map whose
    /// element or key it is.
    pub shape: &'a str,
    /// The member of `shape`: a structure or union member's name, or `member`, `key` or
    /// `value` for lists and maps.
    pub member: &'a str,
    /// The string shape targeted.
    pub target: &'a str,
    /// Whether the value is `@sensitive`: the member, its target, or any shape on the way
    /// to it (a sensitive list or map, or its element target) carries the trait.
    pub sensitive: bool,
    /// Whether the string is a map key.
    pub map_key: bool,
    /// Which item of a list or entry of a map (0 elsewhere).
    pub index: usize,
    /// `@length` bounds (in characters), the member's own trait first.
    pub min_length: Option<i64>,
    /// See `min_length`.
    pub max_length: Option<i64>,
    /// `@pattern`, the member's own trait first.
    pub pattern: Option<&'a str>,
    /// JSON pointer of the value (of the map, for a key).
    pub pointer: &'a str,
}

/// What a value of an instance is, in the model's terms.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A string shape.
    String,
    /// An enum (a string on the wire).
    Enum,
    /// A boolean.
    Boolean,
    /// A byte, short, integer or long (or intEnum), of that many bits.
    Integer {
        /// 8, 16, 32 or 64.
        bits: u32,
    },
    /// A float or double.
    Float,
    /// A timestamp written as a JSON string (RFC 3339 or IMF-fixdate).
    TimestampString,
    /// A timestamp written as epoch seconds.
    TimestampNumber,
    /// A structure.
    Structure,
    /// A union.
    Union,
    /// A list.
    List,
    /// A map.
    Map,
}

/// One value of an instance.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Site {
    /// JSON pointer of the value in [`Instance::value`].
    pub pointer: String,
    /// The shape that holds it (structure, union, list or map).
    pub shape: String,
    /// Its member there (`member` or `value` for lists and maps).
    pub member: String,
    /// The shape id of the value.
    pub target: String,
    /// What it is.
    pub kind: Kind,
    /// Whether it is `@sensitive` (see [`StringSite::sensitive`]).
    pub sensitive: bool,
    /// Whether it is a `@required` structure member.
    pub required: bool,
}

/// A built instance: the JSON value and where each of its values sits.
#[derive(Debug, Clone)]
pub struct Instance {
    /// The JSON value.
    pub value: Value,
    /// Every value inside it (not the top-level structure itself), in document order.
    pub sites: Vec<Site>,
}

/// How to build an instance.
pub struct Options<'h> {
    /// Serde or wire form.
    pub form: Form,
    /// Items of each list and entries of each map: 1 or 2.
    pub items: usize,
    /// Which member of each union is set (taken modulo the number of members).
    pub union_member: usize,
    /// Chooses every string value and map key.
    pub string: &'h mut dyn FnMut(&StringSite<'_>) -> String,
}

impl<'h> Options<'h> {
    /// Serde form, two items per list and map, each union's first member.
    pub fn serde(string: &'h mut dyn FnMut(&StringSite<'_>) -> String) -> Self {
        Options {
            form: Form::Serde,
            items: 2,
            union_member: 0,
            string,
        }
    }

    /// Wire form, two items per list and map, each union's first member.
    pub fn wire(string: &'h mut dyn FnMut(&StringSite<'_>) -> String) -> Self {
        Options {
            form: Form::Wire,
            ..Options::serde(string)
        }
    }
}

impl Model {
    /// Reads [`MODEL_PATH`].
    pub fn load() -> Model {
        let text = std::fs::read_to_string(MODEL_PATH)
            .unwrap_or_else(|e| panic!("cannot read {MODEL_PATH}: {e}"));
        let mut ast: Value =
            serde_json::from_str(&text).unwrap_or_else(|e| panic!("{MODEL_PATH} is not JSON: {e}"));
        let Some(Value::Object(shapes)) = ast.get_mut("shapes").map(Value::take) else {
            panic!("{MODEL_PATH} has no `shapes` object");
        };
        Model { shapes }
    }

    /// A shape's JSON AST, if the model defines it (prelude shapes are not in the file).
    pub fn shape(&self, id: &str) -> Option<&Value> {
        self.shapes.get(id)
    }

    /// The shape's type (`structure`, `string`, ...), prelude shapes included.
    pub fn shape_type(&self, id: &str) -> &str {
        if let Some(shape) = self.shape(id) {
            return shape["type"].as_str().unwrap_or_default();
        }
        match id.strip_prefix("smithy.api#") {
            Some("String") => "string",
            Some("Boolean" | "PrimitiveBoolean") => "boolean",
            Some("Byte" | "PrimitiveByte") => "byte",
            Some("Short" | "PrimitiveShort") => "short",
            Some("Integer" | "PrimitiveInteger") => "integer",
            Some("Long" | "PrimitiveLong") => "long",
            Some("Float" | "PrimitiveFloat") => "float",
            Some("Double" | "PrimitiveDouble") => "double",
            Some("Timestamp") => "timestamp",
            Some("Blob") => "blob",
            Some("Document") => "document",
            Some("Unit") => "structure",
            _ => panic!("unknown shape `{id}`"),
        }
    }

    /// Every operation of the model, by name.
    pub fn operations(&self) -> Vec<OperationShape> {
        let service_errors: Vec<String> = self
            .shapes
            .values()
            .filter(|s| s["type"] == "service")
            .flat_map(|s| targets(&s["errors"]))
            .collect();
        let mut operations: Vec<OperationShape> = self
            .shapes
            .iter()
            .filter(|(_, s)| s["type"] == "operation")
            .map(|(id, s)| {
                let unit = || "smithy.api#Unit".to_owned();
                let mut errors = targets(&s["errors"]);
                errors.extend(service_errors.iter().cloned());
                OperationShape {
                    name: local_name(id).to_owned(),
                    input: s["input"]["target"]
                        .as_str()
                        .map_or_else(unit, str::to_owned),
                    output: s["output"]["target"]
                        .as_str()
                        .map_or_else(unit, str::to_owned),
                    errors,
                    method: s["traits"]["smithy.api#http"]["method"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                    uri: s["traits"]["smithy.api#http"]["uri"]
                        .as_str()
                        .unwrap_or_default()
                        .to_owned(),
                }
            })
            .collect();
        operations.sort_by(|a, b| a.name.cmp(&b.name));
        operations
    }

    /// The operation of that name.
    pub fn operation(&self, name: &str) -> OperationShape {
        self.operations()
            .into_iter()
            .find(|o| o.name == name)
            .unwrap_or_else(|| panic!("the model has no operation `{name}`"))
    }

    /// The members of a structure bound to the URI or headers, by member name.
    pub fn http_bindings(&self, structure: &str) -> Vec<(String, Binding)> {
        self.members(structure)
            .into_iter()
            .filter_map(|(name, member)| {
                let traits = member.get("traits")?;
                let binding = if traits.get("smithy.api#httpLabel").is_some() {
                    Binding::Label
                } else if let Some(query) = traits.get("smithy.api#httpQuery") {
                    Binding::Query(query.as_str()?.to_owned())
                } else {
                    Binding::Header(traits.get("smithy.api#httpHeader")?.as_str()?.to_owned())
                };
                Some((name.to_owned(), binding))
            })
            .collect()
    }

    /// The HTTP status an error is sent with: its `@httpError`, else 400 for client errors
    /// and 500 for server errors.
    pub fn error_status(&self, error: &str) -> u16 {
        let traits = &self.shape(error).unwrap_or(&Value::Null)["traits"];
        match traits["smithy.api#httpError"].as_u64() {
            Some(status) => u16::try_from(status).unwrap_or(500),
            None if traits["smithy.api#error"] == "server" => 500,
            None => 400,
        }
    }
}

fn member_target(member: &Value) -> &str {
    member["target"].as_str().unwrap_or("smithy.api#Unit")
}

fn targets(list: &Value) -> Vec<String> {
    list.as_array()
        .map(|l| {
            l.iter()
                .filter_map(|t| t["target"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// `com.amazonaws.mpa#Tags` -> `Tags`.
pub fn local_name(id: &str) -> &str {
    id.rsplit_once('#').map_or(id, |(_, name)| name)
}

fn escape_pointer(key: &str) -> String {
    key.replace('~', "~0").replace('/', "~1")
}

/// A value for `site` that meets its `@pattern` and `@length` and contains `text` where the
/// constraints leave room for it (`text` should be ASCII letters, digits and `-`). Patterns
/// this model uses get a template with a free part for `text`; an unknown pattern panics,
/// naming it, so that a new model gets a template added here.
pub fn conforming(site: &StringSite<'_>, text: &str) -> String {
    let template = match site.pattern {
        None => "{}",
        Some(pattern) => match pattern {
            "^[a-zA-Z0-9._-]+$" | "^[a-zA-Z0-9\\p{P}]*$" => "{}",
            "^\\d{12}$" => "123456789012",
            "^arn:aws(-[^:]+)?:mpa:[a-z0-9-]{1,20}:[0-9]{12}:approval-team/[a-zA-Z0-9._-]+$" => {
                "arn:aws:mpa:us-east-1:123456789012:approval-team/{}"
            }
            "^arn:aws(-[^:]+)?:mpa:[a-z0-9-]{1,20}:[0-9]{12}:session/[a-zA-Z0-9._-]+/[a-zA-Z0-9_-]+$" => {
                "arn:aws:mpa:us-east-1:123456789012:session/team-1/{}"
            }
            "^arn:.+:sso:::instance/(?:sso)?ins-[a-zA-Z0-9-.]{16}$" => {
                "arn:aws-{}:sso:::instance/ins-0123456789abcdef"
            }
            "^arn:.{1,63}:mpa:::aws:policy/[a-zA-Z0-9_\\.-]{1,1023}/[a-zA-Z0-9_\\.-]{1,1023}/(?:[\\d]+|\\$DEFAULT)$" => {
                "arn:aws:mpa:::aws:policy/{}/policy-1/1"
            }
            "^arn:.{1,63}:mpa:::aws:policy/[a-zA-Z0-9_\\.-]{1,1023}/[a-zA-Z0-9_\\.-]{1,1023}$" => {
                "arn:aws:mpa:::aws:policy/{}/policy-1"
            }
            other => panic!(
                "no template for the pattern `{other}` of `{}${}`: add one to `conforming`",
                site.shape, site.member
            ),
        },
    };
    let fixed = template.replace("{}", "").chars().count();
    let max = site
        .max_length
        .map_or(usize::MAX, |m| usize::try_from(m).unwrap_or(0));
    let min = site
        .min_length
        .map_or(0, |m| usize::try_from(m).unwrap_or(0));
    let mut free: String = text.chars().take(max.saturating_sub(fixed)).collect();
    // Patterns that have a free part all accept ASCII letters there.
    while template.contains("{}") && fixed + free.chars().count() < min.min(max) {
        free.push('x');
    }
    template.replace("{}", &free)
}

