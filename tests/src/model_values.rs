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

/// Where a value is being built: who holds it and what the path to it says.
struct Ctx<'a> {
    shape: &'a str,
    member: &'a str,
    traits: Option<&'a Value>,
    sensitive: bool,
    required: bool,
    index: usize,
    pointer: String,
    depth: usize,
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

    /// An instance of the structure (or union) `shape`.
    pub fn instance(&self, shape: &str, options: &mut Options<'_>) -> Instance {
        let mut sites = Vec::new();
        let ctx = Ctx {
            shape: "",
            member: "",
            traits: None,
            sensitive: false,
            required: false,
            index: 0,
            pointer: String::new(),
            depth: 0,
        };
        let value = self.value(shape, &ctx, options, &mut sites);
        // The top-level structure is the document, not a site in it.
        sites.retain(|s| !s.pointer.is_empty());
        Instance { value, sites }
    }

    /// A trait of a member, else of its target.
    fn constraint<'a>(
        &'a self,
        traits: Option<&'a Value>,
        target: &str,
        name: &str,
    ) -> Option<&'a Value> {
        traits
            .and_then(|t| t.get(name))
            .or_else(|| self.shape(target)?.get("traits")?.get(name))
    }

    fn is_sensitive(&self, traits: Option<&Value>, target: &str) -> bool {
        self.constraint(traits, target, SENSITIVE).is_some()
    }

    fn value(
        &self,
        target: &str,
        ctx: &Ctx<'_>,
        options: &mut Options<'_>,
        sites: &mut Vec<Site>,
    ) -> Value {
        assert!(
            ctx.depth < 32,
            "shape `{target}` nests too deep (a recursive shape?)"
        );
        let sensitive = ctx.sensitive || self.is_sensitive(ctx.traits, target);
        let shape_type = self.shape_type(target).to_owned();
        let mut site = |kind| {
            sites.push(Site {
                pointer: ctx.pointer.clone(),
                shape: ctx.shape.to_owned(),
                member: ctx.member.to_owned(),
                target: target.to_owned(),
                kind,
                sensitive,
                required: ctx.required,
            });
        };
        match shape_type.as_str() {
            "string" => {
                site(Kind::String);
                Value::String(self.string(target, ctx, false, sensitive, options))
            }
            "enum" => {
                site(Kind::Enum);
                let values = self.enum_values(target);
                values[ctx.index % values.len()].clone()
            }
            "intEnum" => {
                site(Kind::Integer { bits: 32 });
                let values = self.enum_values(target);
                values[ctx.index % values.len()].clone()
            }
            "boolean" => {
                site(Kind::Boolean);
                Value::Bool(true)
            }
            "byte" | "short" | "integer" | "long" => {
                let bits = match shape_type.as_str() {
                    "byte" => 8,
                    "short" => 16,
                    "integer" => 32,
                    _ => 64,
                };
                site(Kind::Integer { bits });
                let range = self.constraint(ctx.traits, target, "smithy.api#range");
                let bound = |name| range.and_then(|r| r.get(name)).and_then(Value::as_i64);
                let mut value = 7;
                if let Some(max) = bound("max") {
                    value = value.min(max);
                }
                if let Some(min) = bound("min") {
                    value = value.max(min);
                }
                json!(value)
            }
            "float" | "double" => {
                site(Kind::Float);
                json!(1.5)
            }
            "timestamp" => {
                let format = self
                    .constraint(ctx.traits, target, "smithy.api#timestampFormat")
                    .and_then(Value::as_str);
                match (options.form, format) {
                    (Form::Serde, _) | (Form::Wire, Some("date-time")) => {
                        site(Kind::TimestampString);
                        json!(TIMESTAMP_RFC3339)
                    }
                    (Form::Wire, Some("http-date")) => {
                        site(Kind::TimestampString);
                        json!(TIMESTAMP_HTTP_DATE)
                    }
                    (Form::Wire, _) => {
                        site(Kind::TimestampNumber);
                        json!(TIMESTAMP_EPOCH_SECONDS)
                    }
                }
            }
            "structure" => {
                site(Kind::Structure);
                self.structure(target, ctx, sensitive, options, sites)
            }
            "union" => {
                site(Kind::Union);
                let members = self.members(target);
                assert!(!members.is_empty(), "union `{target}` has no members");
                let (name, member) = members[options.union_member % members.len()];
                let key = self.json_name(name, member, options.form);
                let child = Ctx {
                    shape: target,
                    member: name,
                    traits: member.get("traits"),
                    sensitive,
                    required: false,
                    index: 0,
                    pointer: format!("{}/{}", ctx.pointer, escape_pointer(&key)),
                    depth: ctx.depth + 1,
                };
                let value = self.value(member_target(member), &child, options, sites);
                json!({ key: value })
            }
            "list" | "set" => {
                site(Kind::List);
                let member = &self.shapes[target]["member"];
                let items = (0..options.items)
                    .map(|index| {
                        let child = Ctx {
                            shape: target,
                            member: "member",
                            traits: member.get("traits"),
                            sensitive,
                            required: false,
                            index,
                            pointer: format!("{}/{index}", ctx.pointer),
                            depth: ctx.depth + 1,
                        };
                        self.value(member_target(member), &child, options, sites)
                    })
                    .collect();
                Value::Array(items)
            }
            "map" => {
                site(Kind::Map);
                let (key_member, value_member) =
                    (&self.shapes[target]["key"], &self.shapes[target]["value"]);
                let mut map = Map::new();
                for index in 0..options.items {
                    let key_target = member_target(key_member);
                    let key_ctx = Ctx {
                        shape: target,
                        member: "key",
                        traits: key_member.get("traits"),
                        sensitive: sensitive
                            || self.is_sensitive(key_member.get("traits"), key_target),
                        required: false,
                        index,
                        pointer: ctx.pointer.clone(),
                        depth: ctx.depth + 1,
                    };
                    let key = match self.shape_type(key_target) {
                        "enum" => {
                            let values = self.enum_values(key_target);
                            values[index % values.len()]
                                .as_str()
                                .unwrap_or_default()
                                .to_owned()
                        }
                        _ => self.string(key_target, &key_ctx, true, key_ctx.sensitive, options),
                    };
                    let child = Ctx {
                        shape: target,
                        member: "value",
                        traits: value_member.get("traits"),
                        sensitive,
                        required: false,
                        index,
                        pointer: format!("{}/{}", ctx.pointer, escape_pointer(&key)),
                        depth: ctx.depth + 1,
                    };
                    let value = self.value(member_target(value_member), &child, options, sites);
                    map.insert(key, value);
                }
                Value::Object(map)
            }
            other => panic!("no sample value for `{target}`, a {other}"),
        }
    }

    fn structure(
        &self,
        target: &str,
        ctx: &Ctx<'_>,
        sensitive: bool,
        options: &mut Options<'_>,
        sites: &mut Vec<Site>,
    ) -> Value {
        let mut object = Map::new();
        for (name, member) in self.members(target) {
            let traits = member.get("traits");
            if options.form == Form::Wire {
                let bound = [
                    "smithy.api#httpLabel",
                    "smithy.api#httpQuery",
                    "smithy.api#httpQueryParams",
                    "smithy.api#httpHeader",
                    "smithy.api#httpPrefixHeaders",
                    "smithy.api#httpResponseCode",
                ];
                if bound
                    .iter()
                    .any(|t| traits.and_then(|x| x.get(*t)).is_some())
                {
                    continue;
                }
                assert!(
                    traits
                        .and_then(|x| x.get("smithy.api#httpPayload"))
                        .is_none(),
                    "`{target}${name}` is an @httpPayload: not a JSON body member"
                );
            }
            let key = self.json_name(name, member, options.form);
            let child = Ctx {
                shape: target,
                member: name,
                traits,
                sensitive,
                required: traits.and_then(|t| t.get("smithy.api#required")).is_some(),
                index: 0,
                pointer: format!("{}/{}", ctx.pointer, escape_pointer(&key)),
                depth: ctx.depth + 1,
            };
            let value = self.value(member_target(member), &child, options, sites);
            object.insert(key, value);
        }
        Value::Object(object)
    }

    fn string(
        &self,
        target: &str,
        ctx: &Ctx<'_>,
        map_key: bool,
        sensitive: bool,
        options: &mut Options<'_>,
    ) -> String {
        let length = self.constraint(ctx.traits, target, "smithy.api#length");
        let bound = |name| length.and_then(|l| l.get(name)).and_then(Value::as_i64);
        let site = StringSite {
            shape: ctx.shape,
            member: ctx.member,
            target,
            sensitive,
            map_key,
            index: ctx.index,
            min_length: bound("min"),
            max_length: bound("max"),
            pattern: self
                .constraint(ctx.traits, target, "smithy.api#pattern")
                .and_then(Value::as_str),
            pointer: &ctx.pointer,
        };
        (options.string)(&site)
    }

    /// Members of a structure or union, in model order (`smithy.api#Unit` has none).
    fn members(&self, target: &str) -> Vec<(&str, &Value)> {
        self.shape(target)
            .and_then(|s| s.get("members"))
            .and_then(Value::as_object)
            .map(|m| m.iter().map(|(k, v)| (k.as_str(), v)).collect())
            .unwrap_or_default()
    }

    fn enum_values(&self, target: &str) -> Vec<Value> {
        let values: Vec<Value> = self
            .members(target)
            .into_iter()
            .map(|(name, member)| {
                member
                    .get("traits")
                    .and_then(|t| t.get("smithy.api#enumValue"))
                    .cloned()
                    .unwrap_or_else(|| json!(name))
            })
            .collect();
        assert!(!values.is_empty(), "enum `{target}` has no values");
        values
    }

    fn json_name(&self, name: &str, member: &Value, form: Form) -> String {
        let json_name = member
            .get("traits")
            .and_then(|t| t.get("smithy.api#jsonName"))
            .and_then(Value::as_str);
        match (form, json_name) {
            (Form::Wire, Some(json_name)) => json_name.to_owned(),
            _ => name.to_owned(),
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
