//! Building an [`Instance`] of a structure from the model: every member filled, each value's
//! [`Site`] recorded.

use super::*;

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
    pub(super) fn members(&self, target: &str) -> Vec<(&str, &Value)> {
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
