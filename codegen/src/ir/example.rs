//! The worked example of one operation: the generated README's code blocks (run as
//! doctests) and the crate's example program are printed from it.
//!
//! Every value is decided in `lower::examples` from the model's types and constraints, so
//! that the request passes the crate's own checks and the recorded-style responses read back;
//! emitters only print. Paths of the generated crate's items start with `crate::` (the
//! emitter writes the crate's name instead).

/// The operation the examples call, with every value they use.
#[derive(Debug, Clone, PartialEq)]
pub struct ExampleIr {
    /// `ListSessions`: the operation, its input and its error enum, in `operation_module`.
    pub operation: String,
    /// `crate::operation::list_sessions`.
    pub operation_module: String,
    pub input_type: String,
    pub error_enum: String,
    /// The clients' method (`list_sessions`).
    pub client_method: String,
    /// Types the values name, brought in by `use` (`crate::types::Filter`); a type whose
    /// name the examples already use is named by its whole path instead.
    pub imports: Vec<String>,
    /// The input's builder calls: the required members (nested structures with theirs),
    /// then the page size when the operation has one, then an optional nested structure
    /// with its members when one can be shown.
    pub input: Vec<Setter>,
    /// How many of `input` are the required members (the paginator and the program's
    /// example set only those).
    pub required_setters: usize,
    /// Members whose `@pattern` no value was found for: when not empty, the examples turn
    /// validation off (`SerializeOptions::validate(false)`) and say so.
    pub unchecked: Vec<String>,
    /// The request's method, and its path when every label is text the example knows.
    pub method: String,
    pub path: Option<String>,
    /// A successful response, as the service would send it.
    pub response: Response,
    /// What the parsed output is checked against.
    pub output_check: OutputCheck,
    /// A modeled error of the operation, as a response, when it has one that can be shown.
    pub error: Option<ErrorExample>,
    /// Two pages chained by a token, when the operation is paginated.
    pub pages: Option<PagesExample>,
    /// The example program.
    pub program: ProgramIr,
}

/// One call on a builder: `.field(value)`; a list appends each item (`.field(item)`), a map
/// inserts each entry (`.field(key, value)`); an empty one is set whole (`.set_all(..)`,
/// which for an optional member takes an `Option`).
#[derive(Debug, Clone, PartialEq)]
pub struct Setter {
    pub field: String,
    pub set_all: String,
    /// Whether the member is required (its `set_all` takes the items, not an `Option`).
    pub required: bool,
    pub value: Value,
}

/// A Rust value, as the builders and constructors take it.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A `String` member (a `&str` where a setter takes `impl Into<String>`).
    Text(String),
    Bool(bool),
    /// An integer or float, written so that Rust and JSON read the same number (`10`, `1.0`).
    Number(String),
    /// A `BigInteger` or `BigDecimal` (`path`), from an integer.
    Big { path: String, value: i64 },
    /// A `Blob` holding these bytes (text).
    Blob { path: String, text: String },
    /// A `Document` holding this string.
    Document { path: String, text: String },
    /// A timestamp, as seconds since the Unix epoch.
    Timestamp(i64),
    /// An enum or intEnum variant: `path::variant`.
    Enum { path: String, variant: String },
    /// A structure built with its builder.
    Struct { path: String, setters: Vec<Setter> },
    /// A union member: `path::variant(value)`, `Box`ed when `boxed`; no value for a unit member.
    Union { path: String, variant: String, value: Option<Box<Value>>, boxed: bool },
    List(Vec<Value>),
    Map(Vec<(String, Value)>),
    /// An element of a `@sparse` collection: `Some(value)`.
    Some(Box<Value>),
}

/// A response: status, headers (the request id first) and body (JSON, or the payload's text).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub request_id: String,
    pub headers: Vec<(String, String)>,
    pub body: Body,
}

/// A response body: text (JSON, or a payload's text), or CBOR bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Body {
    Text(String),
    Cbor(Vec<u8>),
}

/// What the example asserts of the parsed output, besides its request id.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OutputCheck {
    /// The items member holds `count` items, the first with `first` (when some member of it
    /// can be compared).
    Items { accessor: String, count: usize, first: Option<Comparison> },
    /// A member of the output.
    Member(Comparison),
    /// Nothing but the request id.
    None,
}

/// `<value>.accessor()` compared with `expected` (a Rust expression), after `adapt`
/// (`.map(|v| v.as_str())` for an optional enum, `.as_str()` for a required one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comparison {
    /// Empty when the value itself is compared (an item that is a string).
    pub accessor: String,
    pub adapt: String,
    pub expected: String,
}

/// A modeled error answered to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorExample {
    /// The variant of the operation's error enum.
    pub variant: String,
    pub response: Response,
    /// What the error displays.
    pub display: String,
}

/// The paginator over a stand-in transport: two pages, the first with the token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PagesExample {
    /// The output's token member, by model name (for the prose).
    pub token_member: String,
    pub first: Response,
    pub second: Response,
    /// How the second request is seen to carry the token.
    pub token_check: TokenCheck,
    /// The paginator's `page_size`, when the operation has an integer page size.
    pub page_size: Option<i64>,
    /// The items over both pages, when the operation names its items member.
    pub items: Option<usize>,
}

/// Where the next request carries the page token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TokenCheck {
    /// The body contains this text (the member as JSON).
    Body(String),
    /// The body contains these bytes (the member as a CBOR map entry).
    CborBody(Vec<u8>),
    /// The query contains this pair, encoded.
    Query(String),
    /// The header has this value.
    Header { name: String, value: String },
}

/// The example program, `examples/<name>.rs`, run with `--features blocking`.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramIr {
    /// File stem and `--example` name: the operation's module (`list_sessions`).
    pub name: String,
    /// Command-line arguments: the input's top-level required members of plain types.
    pub args: Vec<ProgramArg>,
    /// The other required members, set to the example's values.
    pub fixed: Vec<Setter>,
    /// Whether requests are validated: unless a `@pattern` in the fixed values had no value
    /// found (the arguments are the user's values, checked as any).
    pub validate: bool,
    /// What it prints.
    pub listing: Listing,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProgramArg {
    /// As the usage line shows it (`approval-team-arn`).
    pub usage: String,
    pub field: String,
    pub kind: ArgKind,
}

/// How an argument becomes the member's value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgKind {
    Text,
    /// An enum, by its path (`From<&str>`, unknown values kept).
    Enum(String),
    /// A number or boolean, by `str::parse` into this Rust type (`i32`, `bool`).
    Parsed(String),
}

/// What the program prints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Listing {
    /// The items of every page (`member` is the output's items member, by model name): a
    /// table, or with `--json` a JSON array.
    Items { member: String, element: Element },
    /// Each output (every page of a paginated operation): its members, one a line, or with
    /// `--json` a JSON object.
    Output { paginated: bool, fields: Vec<Field> },
}

impl Listing {
    /// Whether the program takes `--json`: it has something to write as JSON.
    pub fn takes_json(&self) -> bool {
        match self {
            Listing::Items { element, .. } => !matches!(element, Element::Debug),
            Listing::Output { fields, .. } => !fields.is_empty(),
        }
    }
}

/// How one item is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Element {
    /// A structure: some members as the table's columns, all plain members in JSON.
    Struct { columns: Vec<Field>, fields: Vec<Field> },
    /// A plain value (a string, a number).
    Plain(FieldKind),
    /// Anything else, by `Debug`.
    Debug,
}

/// A plain member shown by the program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// The model's name (the JSON key).
    pub name: String,
    /// The column title (`SESSION_ARN`).
    pub title: String,
    pub accessor: String,
    pub kind: FieldKind,
    pub optional: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldKind {
    Text,
    Enum,
    IntEnum,
    /// An RFC 3339 date-time.
    Timestamp,
    /// A number or boolean, by `Display` (bare in JSON).
    Display,
}
