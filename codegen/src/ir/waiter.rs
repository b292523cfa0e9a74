//! Waiters (`smithy.waiters#waitable`), their acceptors already compiled: each JMESPath
//! expression is a typed tree over the operation's Rust input and output, which the emitter
//! prints as Rust without deciding anything.

#[derive(Debug, Clone)]
pub struct WaiterIr {
    /// The waiter's name in the model (`FunctionActiveV2`): its type in `crate::waiters`.
    pub name: String,
    /// `wait_until_function_active_v2`: the clients' method.
    pub method: String,
    /// File stem of its module (`function_active_v2`).
    pub module: String,
    pub docs: String,
    pub deprecated: bool,
    /// The operation it calls, by Rust name (`GetFunction`).
    pub operation: String,
    /// The model's delays in seconds (2 and 120 by default).
    pub min_delay: u64,
    pub max_delay: u64,
    /// In the model's order: the first that matches decides.
    pub acceptors: Vec<AcceptorIr>,
}

#[derive(Debug, Clone)]
pub struct AcceptorIr {
    pub state: AcceptorState,
    pub matcher: MatcherIr,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AcceptorState {
    Success,
    Failure,
    Retry,
}

#[derive(Debug, Clone)]
pub enum MatcherIr {
    /// `output` or `inputOutput`: matches a successful call when the expression's value
    /// compares as `comparator` says to `expected`.
    Path { expr: WaitExpr, comparator: Comparator, expected: String },
    /// `success: true` matches any successful call, `false` any failed one.
    Success(bool),
    /// `errorType`: the service's error code (the shape's name).
    ErrorType(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Comparator {
    StringEquals,
    BooleanEquals,
    AllStringEquals,
    AnyStringEquals,
}

/// What an expression's value is, in the generated code always behind `Option` (`None` is
/// JMESPath's `null`): `&str` (strings and enums), `bool`, `f64` (every number), a reference
/// to a structure, or a `Vec` of one of those.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ValueKind {
    Str,
    Bool,
    Number,
    /// A structure, by Rust path.
    Struct(String),
    List(Box<ValueKind>),
}

/// A compiled JMESPath expression, typed. Each node prints as a Rust expression of type
/// `Option<V>`, `V` as [`ValueKind`] says.
#[derive(Debug, Clone)]
pub enum WaitExpr {
    /// The operation's input or output.
    Root(Root),
    /// The element a projection is at (the `depth`-th nested projection).
    Current(usize),
    /// A member of a structure.
    Field { base: Box<WaitExpr>, field: String, access: FieldAccess },
    /// `[i]` of a list; negative from the end.
    Index { base: Box<WaitExpr>, index: i64 },
    /// `base[*]...`, `base[]...` and `base[?filter]...`: `then` on each element kept by
    /// `filter`, nulls left out.
    Project { base: Box<WaitExpr>, depth: usize, filter: Option<Box<WaitExpr>>, then: Box<WaitExpr> },
    Compare { op: CompareOp, left: Box<WaitExpr>, right: Box<WaitExpr> },
    /// `&&` on booleans.
    And(Box<WaitExpr>, Box<WaitExpr>),
    /// `||` on booleans.
    Or(Box<WaitExpr>, Box<WaitExpr>),
    /// `!` on a boolean.
    Not(Box<WaitExpr>),
    Str(String),
    Number(f64),
    Bool(bool),
    /// `length(x)`: characters of a string, items of a list.
    Length(Box<WaitExpr>, LengthOf),
    /// `contains(haystack, needle)`: a list of strings holding a string, or a substring.
    Contains { haystack: Box<WaitExpr>, needle: Box<WaitExpr>, list: bool },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Root {
    Input,
    Output,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LengthOf {
    Str,
    List,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CompareOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

/// How a member is read into the expression's value type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldAccess {
    /// `Option<T>` in the structure.
    pub optional: bool,
    pub how: ReadAs,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadAs {
    /// A `String`, as `&str`.
    Str,
    /// A string enum, through `as_str()`.
    Enum,
    Bool,
    /// An integer or float that `f64::from` takes.
    Number,
    /// A `long`, cast to `f64`.
    Long,
    /// A structure, by reference.
    Struct,
    /// A boxed structure, by reference.
    BoxedStruct,
    /// A list of the given element reading.
    List(ElementAs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ElementAs {
    Str,
    Enum,
    Bool,
    Number,
    Long,
    Struct,
}

/// One case of `smithy.test#smokeTests`, as a generated test (`tests/smoke.rs`).
#[derive(Debug, Clone)]
pub struct SmokeTestIr {
    /// The case's `id`, as a test function name (`list_approval_teams_success`).
    pub test_name: String,
    /// The operation, by Rust name, and its module path.
    pub operation: String,
    pub module_path: String,
    pub input_type: String,
    /// The operation's error enum (in its module).
    pub error_enum: String,
    /// The input's members as setters: field and the Rust literal of its value.
    pub params: Vec<(String, SmokeValue)>,
    /// `None`: the call succeeds; `Some(code)`: it fails, with this error code when the case
    /// names one.
    pub failure: Option<Option<String>>,
    /// The region of the case's `vendorParams`, if any.
    pub region: Option<String>,
    /// The request's method and path (labels filled in from `params`, percent-encoded as
    /// the client sends them), which a loopback server checks it received.
    pub method: String,
    pub path: String,
    /// What the loopback server answers, as the case expects.
    pub answer: SmokeAnswer,
}

/// The answer of the loopback server a smoke case runs against.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SmokeAnswer {
    /// The operation's success status with `{}`: every output member is optional or has a
    /// value the client fills in when a response leaves it out (client error correction),
    /// so the empty object is a valid response of any operation whose output is read from a
    /// JSON body.
    Success { status: u16 },
    /// An error response with this code (in `x-amzn-errortype`); `variant` is the operation
    /// error enum's variant of it, when the operation lists the error.
    Error { status: u16, code: String, variant: Option<String> },
}

#[derive(Debug, Clone)]
pub enum SmokeValue {
    /// A string or enum member (setters take `impl Into`).
    Text(String),
    Bool(bool),
    /// An integer member, with its Rust type's suffix.
    Integer(i64, &'static str),
}
