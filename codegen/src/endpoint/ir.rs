//! The endpoint rule set, lowered: parameters with their Rust names, the rules as guards
//! over typed expressions (every variable named, every optional value unwrapped where the
//! rules say it must be set), and the test cases. The emitter only turns this into tokens.

pub use super::rules::{Literal, ParamType};

#[derive(Debug, Clone)]
pub struct EndpointIr {
    /// In the rule set's order.
    pub params: Vec<ParamIr>,
    pub rules: Vec<RuleIr>,
    pub tests: Vec<TestIr>,
}

#[derive(Debug, Clone)]
pub struct ParamIr {
    pub model_name: String,
    /// Field, getter and builder setter (`use_fips`).
    pub field: String,
    /// The setter taking an `Option` (`set_use_fips`).
    pub set_field: String,
    pub ty: ParamType,
    pub required: bool,
    pub default: Option<Literal>,
    pub built_in: Option<BuiltIn>,
    pub docs: String,
    pub deprecated: Option<String>,
    /// Whether the rules read it (only those get a local variable).
    pub used: bool,
}

impl ParamIr {
    /// Always has a value once built: required, with a default.
    pub fn has_default(&self) -> bool {
        self.default.is_some()
    }

    /// The region (`AWS::Region`, a string): validated as a host label before the rules run.
    pub fn is_region(&self) -> bool {
        self.built_in == Some(BuiltIn::Region) && self.ty == ParamType::String
    }
}

/// A parameter the clients fill from their configuration (the rule set's `builtIn`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuiltIn {
    /// `AWS::Region`
    Region,
    /// `AWS::UseFIPS`
    UseFips,
    /// `AWS::UseDualStack`
    UseDualStack,
    /// `SDK::Endpoint`: the configured endpoint URL.
    Endpoint,
    /// One the clients do not fill (`AWS::Auth::AccountId`, the S3 ones, ...), by its name.
    Other(String),
}

impl BuiltIn {
    pub fn from_name(name: &str) -> BuiltIn {
        match name {
            "AWS::Region" => BuiltIn::Region,
            "AWS::UseFIPS" => BuiltIn::UseFips,
            "AWS::UseDualStack" => BuiltIn::UseDualStack,
            "SDK::Endpoint" => BuiltIn::Endpoint,
            other => BuiltIn::Other(other.to_owned()),
        }
    }

    /// The name the rule set gives it.
    pub fn name(&self) -> &str {
        match self {
            BuiltIn::Region => "AWS::Region",
            BuiltIn::UseFips => "AWS::UseFIPS",
            BuiltIn::UseDualStack => "AWS::UseDualStack",
            BuiltIn::Endpoint => "SDK::Endpoint",
            BuiltIn::Other(name) => name,
        }
    }
}

#[derive(Debug, Clone)]
pub struct RuleIr {
    pub guards: Vec<Guard>,
    pub result: RuleResult,
    pub docs: Option<String>,
}

impl RuleIr {
    /// Whether nothing can stop the rule from applying (the rules after it are unreachable).
    pub fn always_applies(&self) -> bool {
        self.guards.iter().all(|g| matches!(g, Guard::Bind { .. }))
    }
}

#[derive(Debug, Clone)]
pub enum Guard {
    /// `if test`: a boolean condition.
    Test(Expr),
    /// `if let Some(var) = expr`: an optional value that must be present.
    Some { var: String, expr: Expr },
    /// `let var = expr;`: a value that is always present.
    Bind { var: String, expr: Expr },
}

#[derive(Debug, Clone)]
pub enum RuleResult {
    Endpoint { url: Expr, headers: Vec<(String, Vec<Expr>)>, properties: Vec<(String, Property)> },
    Error(Expr),
    Tree(Vec<RuleIr>),
}

/// An endpoint property value; strings may be templates.
#[derive(Debug, Clone)]
pub enum Property {
    String(Expr),
    Bool(bool),
    Array(Vec<Property>),
    Map(Vec<(String, Property)>),
}

/// The type of a rules-language value, as the generated code holds it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ty {
    Bool,
    /// A string: `&str`, or `String` where the expression says so (see [`Expr::owned`]).
    Str,
    Int,
    /// A `stringArray` parameter: `&[String]`.
    StrArray,
    /// A list of borrowed strings (`split`, an ARN's `resourceId`): `Vec<&str>`.
    StrList,
    /// `&'static Partition`.
    Partition,
    Url,
    Arn,
    Option(Box<Ty>),
}

impl Ty {
    pub fn is_option(&self) -> bool {
        matches!(self, Ty::Option(_))
    }

    pub fn describe(&self) -> String {
        match self {
            Ty::Bool => "bool".into(),
            Ty::Str => "string".into(),
            Ty::Int => "integer".into(),
            Ty::StrArray | Ty::StrList => "array<string>".into(),
            Ty::Partition => "Partition".into(),
            Ty::Url => "URL".into(),
            Ty::Arn => "ARN".into(),
            Ty::Option(inner) => format!("option<{}>", inner.describe()),
        }
    }
}

#[derive(Debug, Clone)]
pub struct Expr {
    pub kind: ExprKind,
    pub ty: Ty,
}

impl Expr {
    pub fn new(kind: ExprKind, ty: Ty) -> Self {
        Expr { kind, ty }
    }

    /// A string expression that holds a `String` (a variable or field of that type, or a
    /// freshly built one) rather than a `&str`.
    pub fn owned(&self) -> bool {
        match &self.kind {
            ExprKind::Var { owned, .. } | ExprKind::Field { owned, .. } => *owned,
            _ => self.fresh(),
        }
    }

    /// A string built by this expression (a template, `uriEncode`), owned by nobody else.
    pub fn fresh(&self) -> bool {
        match &self.kind {
            ExprKind::Template(_) => true,
            ExprKind::Call { func, .. } => *func == Func::UriEncode,
            ExprKind::Ite { owned, .. } | ExprKind::Coalesce { owned, .. } => *owned,
            _ => false,
        }
    }
}

#[derive(Debug, Clone)]
pub enum ExprKind {
    Bool(bool),
    Str(String),
    Int(i64),
    /// A local variable (a parameter or an assigned value).
    Var { name: String, owned: bool },
    Template(Vec<TemplatePart>),
    Not(Box<Expr>),
    BoolEquals(Box<Expr>, Box<Expr>),
    StrEquals(Box<Expr>, Box<Expr>),
    IsSome(Box<Expr>),
    /// A field of a partition, URL or ARN (`dns_suffix`).
    Field { base: Box<Expr>, field: &'static str, owned: bool },
    /// An element of a string array, if there is one.
    Index { base: Box<Expr>, index: usize },
    Call { func: Func, args: Vec<Expr> },
    /// `coalesce`: the first present value; `owned` when the strings are built as `String`s.
    Coalesce { args: Vec<Expr>, owned: bool },
    Ite { cond: Box<Expr>, then: Box<Expr>, otherwise: Box<Expr>, owned: bool },
    /// `Some(expr)`: a present value where an optional one is expected.
    Some(Box<Expr>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Func {
    Substring,
    IsValidHostLabel,
    ParseUrl,
    UriEncode,
    Split,
    Partition,
    ParseArn,
    IsVirtualHostableS3Bucket,
}

#[derive(Debug, Clone)]
pub enum TemplatePart {
    Literal(String),
    Value(Expr),
}

#[derive(Debug, Clone)]
pub struct TestIr {
    /// `case_03_for_region_us_east_1_with_fips_enabled`
    pub fn_name: String,
    pub docs: String,
    /// Builder calls: setter and value.
    pub params: Vec<(String, Literal)>,
    pub expect: TestExpect,
}

#[derive(Debug, Clone)]
pub enum TestExpect {
    Endpoint { url: String, headers: Vec<(String, Vec<String>)>, properties: Vec<(String, Literal)> },
    Error(String),
}

/// What `aws.partition` needs of `partitions.json` (a table of the runtime crate, see
/// `crate::runtime::partitions_file`).
#[derive(Debug, Clone)]
pub struct PartitionTable {
    pub partitions: Vec<PartitionIr>,
    /// Region name to index in `partitions`, sorted by name.
    pub regions: Vec<(String, usize)>,
}

#[derive(Debug, Clone)]
pub struct PartitionIr {
    /// None for an entry holding one region's own outputs.
    pub region_regex: Option<String>,
    pub name: String,
    pub dns_suffix: String,
    pub dual_stack_dns_suffix: String,
    pub supports_fips: bool,
    pub supports_dual_stack: bool,
    pub implicit_global_region: String,
}
