//! The `smithy.rules#endpointRuleSet` and `smithy.rules#endpointTests` traits read from
//! JSON into plain structs. Nothing is type-checked here (see `lower`); every error names
//! the JSON path of the offending value.

use crate::error::ModelError;
use crate::load::json_type_name;
use serde_json::{Map, Value};

#[derive(Debug, Clone)]
pub struct RuleSet {
    pub parameters: Vec<Parameter>,
    pub rules: Vec<Rule>,
}

#[derive(Debug, Clone)]
pub struct Parameter {
    pub name: String,
    pub ty: ParamType,
    pub built_in: Option<String>,
    pub required: bool,
    pub default: Option<Literal>,
    pub documentation: String,
    pub deprecated: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamType {
    String,
    Bool,
    StringArray,
}

/// A literal value: in defaults, properties and test parameters.
#[derive(Debug, Clone, PartialEq)]
pub enum Literal {
    String(String),
    Bool(bool),
    Int(i64),
    Array(Vec<Literal>),
    Map(Vec<(String, Literal)>),
}

#[derive(Debug, Clone)]
pub struct Rule {
    pub conditions: Vec<Condition>,
    pub kind: RuleKind,
    pub documentation: Option<String>,
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum RuleKind {
    Endpoint(EndpointDef),
    Error(Expr),
    Tree(Vec<Rule>),
}

#[derive(Debug, Clone)]
pub struct EndpointDef {
    pub url: Expr,
    pub headers: Vec<(String, Vec<Expr>)>,
    /// Properties: literals whose strings may be templates.
    pub properties: Vec<(String, Expr)>,
}

#[derive(Debug, Clone)]
pub struct Condition {
    pub call: Expr,
    pub assign: Option<String>,
    pub path: String,
}

/// An expression of the rules language.
#[derive(Debug, Clone)]
pub enum Expr {
    /// A string, which may be a template (`https://{Region}.example.com`).
    String { value: String, path: String },
    Bool(bool),
    Int(i64),
    Array(Vec<Expr>),
    /// An object in endpoint properties.
    Map(Vec<(String, Expr)>),
    Ref { name: String, path: String },
    Call { name: String, args: Vec<Expr>, path: String },
}

pub fn rule_set(value: &Value, path: &str) -> Result<RuleSet, ModelError> {
    let obj = object(value, path)?;
    let params_path = format!("{path}.parameters");
    let mut parameters = Vec::new();
    for (name, param) in object(field(obj, "parameters", path)?, &params_path)? {
        parameters.push(parameter(name, param, &format!("{params_path}[{}]", quote(name)))?);
    }
    // JSON object order carries no meaning: everything keyed is sorted by key.
    parameters.sort_by(|a, b| a.name.cmp(&b.name));
    let rules = rules(field(obj, "rules", path)?, &format!("{path}.rules"))?;
    Ok(RuleSet { parameters, rules })
}

fn parameter(name: &str, value: &Value, path: &str) -> Result<Parameter, ModelError> {
    let obj = object(value, path)?;
    let ty = match string(field(obj, "type", path)?, &format!("{path}.type"))? {
        "string" | "String" => ParamType::String,
        "boolean" | "Boolean" => ParamType::Bool,
        "stringArray" => ParamType::StringArray,
        other => {
            return Err(ModelError::at(
                format!("{path}.type"),
                None,
                format!("endpoint parameter `{name}` has type `{other}`; the supported types are string, boolean and stringArray"),
            ));
        }
    };
    let default = obj.get("default").map(|v| literal(v, &format!("{path}.default"))).transpose()?;
    let required = match obj.get("required") {
        Some(v) => v.as_bool().ok_or_else(|| wrong("a boolean", v, &format!("{path}.required")))?,
        None => false,
    };
    let deprecated = obj.get("deprecated").map(|d| {
        let message = d.get("message").and_then(Value::as_str).unwrap_or("deprecated");
        match d.get("since").and_then(Value::as_str) {
            Some(since) => format!("{message} (since {since})"),
            None => message.to_owned(),
        }
    });
    Ok(Parameter {
        name: name.to_owned(),
        ty,
        built_in: obj.get("builtIn").and_then(Value::as_str).map(str::to_owned),
        required,
        default,
        documentation: obj.get("documentation").and_then(Value::as_str).unwrap_or_default().to_owned(),
        deprecated,
        path: path.to_owned(),
    })
}

fn rules(value: &Value, path: &str) -> Result<Vec<Rule>, ModelError> {
    let items = value.as_array().ok_or_else(|| wrong("an array of rules", value, path))?;
    items.iter().enumerate().map(|(i, r)| rule(r, &format!("{path}[{i}]"))).collect()
}

fn rule(value: &Value, path: &str) -> Result<Rule, ModelError> {
    let obj = object(value, path)?;
    let conditions_path = format!("{path}.conditions");
    let conditions = match obj.get("conditions") {
        Some(Value::Array(items)) => items
            .iter()
            .enumerate()
            .map(|(i, c)| condition(c, &format!("{conditions_path}[{i}]")))
            .collect::<Result<_, _>>()?,
        Some(other) => return Err(wrong("an array of conditions", other, &conditions_path)),
        None => Vec::new(),
    };
    let kind = match string(field(obj, "type", path)?, &format!("{path}.type"))? {
        "endpoint" => RuleKind::Endpoint(endpoint(field(obj, "endpoint", path)?, &format!("{path}.endpoint"))?),
        "error" => RuleKind::Error(expr(field(obj, "error", path)?, &format!("{path}.error"))?),
        "tree" => RuleKind::Tree(rules(field(obj, "rules", path)?, &format!("{path}.rules"))?),
        other => {
            return Err(ModelError::at(
                format!("{path}.type"),
                None,
                format!("unknown rule type `{other}` (expected endpoint, error or tree)"),
            ));
        }
    };
    let documentation = obj.get("documentation").and_then(Value::as_str).map(str::to_owned);
    Ok(Rule { conditions, kind, documentation, path: path.to_owned() })
}

fn condition(value: &Value, path: &str) -> Result<Condition, ModelError> {
    let obj = object(value, path)?;
    let call = expr(value, path)?;
    if !matches!(call, Expr::Call { .. }) {
        return Err(ModelError::at(path, None, "a condition must be a function call (`fn` and `argv`)"));
    }
    let assign = obj.get("assign").map(|v| string(v, &format!("{path}.assign")).map(str::to_owned)).transpose()?;
    Ok(Condition { call, assign, path: path.to_owned() })
}

fn endpoint(value: &Value, path: &str) -> Result<EndpointDef, ModelError> {
    let obj = object(value, path)?;
    let url = expr(field(obj, "url", path)?, &format!("{path}.url"))?;
    let mut headers = Vec::new();
    if let Some(h) = obj.get("headers") {
        let headers_path = format!("{path}.headers");
        for (name, values) in object(h, &headers_path)? {
            let at = format!("{headers_path}[{}]", quote(name));
            let items = values.as_array().ok_or_else(|| wrong("an array of header values", values, &at))?;
            let exprs = items.iter().enumerate().map(|(i, v)| expr(v, &format!("{at}[{i}]"))).collect::<Result<_, _>>()?;
            headers.push((name.clone(), exprs));
        }
    }
    let mut properties = Vec::new();
    if let Some(p) = obj.get("properties") {
        let props_path = format!("{path}.properties");
        for (name, v) in object(p, &props_path)? {
            properties.push((name.clone(), expr(v, &format!("{props_path}[{}]", quote(name)))?));
        }
    }
    headers.sort_by(|a, b| a.0.cmp(&b.0));
    properties.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(EndpointDef { url, headers, properties })
}

/// An expression: a literal, `{"ref": ...}`, or `{"fn": ..., "argv": [...]}`.
fn expr(value: &Value, path: &str) -> Result<Expr, ModelError> {
    Ok(match value {
        Value::String(s) => Expr::String { value: s.clone(), path: path.to_owned() },
        Value::Bool(b) => Expr::Bool(*b),
        Value::Number(n) => Expr::Int(n.as_i64().ok_or_else(|| ModelError::at(path, None, "expected an integer"))?),
        Value::Array(items) => {
            Expr::Array(items.iter().enumerate().map(|(i, v)| expr(v, &format!("{path}[{i}]"))).collect::<Result<_, _>>()?)
        }
        Value::Object(obj) => {
            if let Some(name) = obj.get("ref") {
                Expr::Ref { name: string(name, &format!("{path}.ref"))?.to_owned(), path: path.to_owned() }
            } else if let Some(name) = obj.get("fn") {
                let name = string(name, &format!("{path}.fn"))?.to_owned();
                let argv_path = format!("{path}.argv");
                let argv = field(obj, "argv", path)?;
                let items = argv.as_array().ok_or_else(|| wrong("an array of arguments", argv, &argv_path))?;
                let args =
                    items.iter().enumerate().map(|(i, v)| expr(v, &format!("{argv_path}[{i}]"))).collect::<Result<_, _>>()?;
                Expr::Call { name, args, path: path.to_owned() }
            } else {
                let mut entries = Vec::new();
                for (k, v) in obj {
                    entries.push((k.clone(), expr(v, &format!("{path}[{}]", quote(k)))?));
                }
                entries.sort_by(|a, b| a.0.cmp(&b.0));
                Expr::Map(entries)
            }
        }
        Value::Null => return Err(ModelError::at(path, None, "null is not a value of the rules language")),
    })
}

pub fn literal(value: &Value, path: &str) -> Result<Literal, ModelError> {
    Ok(match value {
        Value::String(s) => Literal::String(s.clone()),
        Value::Bool(b) => Literal::Bool(*b),
        Value::Number(n) => Literal::Int(n.as_i64().ok_or_else(|| ModelError::at(path, None, "expected an integer"))?),
        Value::Array(items) => {
            Literal::Array(items.iter().enumerate().map(|(i, v)| literal(v, &format!("{path}[{i}]"))).collect::<Result<_, _>>()?)
        }
        Value::Object(obj) => {
            let mut entries = obj
                .iter()
                .map(|(k, v)| Ok((k.clone(), literal(v, &format!("{path}[{}]", quote(k)))?)))
                .collect::<Result<Vec<_>, ModelError>>()?;
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            Literal::Map(entries)
        }
        Value::Null => return Err(ModelError::at(path, None, "null is not a value here")),
    })
}

/// One case of `smithy.rules#endpointTests`.
#[derive(Debug, Clone)]
pub struct TestCase {
    pub documentation: String,
    pub params: Vec<(String, Literal)>,
    pub expect: Expectation,
    pub path: String,
}

#[derive(Debug, Clone)]
pub enum Expectation {
    Endpoint { url: String, headers: Vec<(String, Vec<String>)>, properties: Vec<(String, Literal)> },
    Error(String),
}

pub fn tests(value: &Value, path: &str) -> Result<Vec<TestCase>, ModelError> {
    let obj = object(value, path)?;
    let Some(cases) = obj.get("testCases") else { return Ok(Vec::new()) };
    let cases_path = format!("{path}.testCases");
    let items = cases.as_array().ok_or_else(|| wrong("an array of test cases", cases, &cases_path))?;
    items.iter().enumerate().map(|(i, c)| test_case(c, &format!("{cases_path}[{i}]"))).collect()
}

fn test_case(value: &Value, path: &str) -> Result<TestCase, ModelError> {
    let obj = object(value, path)?;
    let mut params = Vec::new();
    if let Some(p) = obj.get("params") {
        let params_path = format!("{path}.params");
        for (name, v) in object(p, &params_path)? {
            params.push((name.clone(), literal(v, &format!("{params_path}[{}]", quote(name)))?));
        }
    }
    let expect_path = format!("{path}.expect");
    let expect = object(field(obj, "expect", path)?, &expect_path)?;
    let expect = if let Some(error) = expect.get("error") {
        Expectation::Error(string(error, &format!("{expect_path}.error"))?.to_owned())
    } else {
        let at = format!("{expect_path}.endpoint");
        let endpoint = object(field(expect, "endpoint", &expect_path)?, &at)?;
        let url = string(field(endpoint, "url", &at)?, &format!("{at}.url"))?.to_owned();
        let mut headers = Vec::new();
        if let Some(h) = endpoint.get("headers") {
            for (name, values) in object(h, &format!("{at}.headers"))? {
                let values_path = format!("{at}.headers[{}]", quote(name));
                let items = values.as_array().ok_or_else(|| wrong("an array of strings", values, &values_path))?;
                let values = items.iter().map(|v| string(v, &values_path).map(str::to_owned)).collect::<Result<_, _>>()?;
                headers.push((name.clone(), values));
            }
        }
        let mut properties = Vec::new();
        if let Some(p) = endpoint.get("properties") {
            for (name, v) in object(p, &format!("{at}.properties"))? {
                properties.push((name.clone(), literal(v, &format!("{at}.properties[{}]", quote(name)))?));
            }
        }
        headers.sort_by(|a, b| a.0.cmp(&b.0));
        properties.sort_by(|a, b| a.0.cmp(&b.0));
        Expectation::Endpoint { url, headers, properties }
    };
    params.sort_by(|a, b| a.0.cmp(&b.0));
    let documentation = obj.get("documentation").and_then(Value::as_str).unwrap_or_default().to_owned();
    Ok(TestCase { documentation, params, expect, path: path.to_owned() })
}

fn object<'v>(value: &'v Value, path: &str) -> Result<&'v Map<String, Value>, ModelError> {
    value.as_object().ok_or_else(|| wrong("an object", value, path))
}

fn field<'v>(obj: &'v Map<String, Value>, key: &str, path: &str) -> Result<&'v Value, ModelError> {
    obj.get(key).ok_or_else(|| ModelError::at(path, None, format!("missing `{key}`")))
}

fn string<'v>(value: &'v Value, path: &str) -> Result<&'v str, ModelError> {
    value.as_str().ok_or_else(|| wrong("a string", value, path))
}

fn wrong(expected: &str, found: &Value, path: &str) -> ModelError {
    ModelError::at(path, None, format!("expected {expected}, found {}", json_type_name(found)))
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| s.to_owned())
}
