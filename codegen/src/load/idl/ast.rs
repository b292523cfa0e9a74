//! One IDL file as written: shape ids not yet resolved, each with its place in the file.

/// A shape id as written (relative or absolute), and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    pub text: String,
    pub at: usize,
}

/// A node value (trait values, metadata, the properties of services, resources and operations).
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    Str(String),
    /// An unquoted string: a shape id, resolved when it names a shape.
    Id(Ident),
    Num(serde_json::Number),
    Bool(bool),
    Null,
    Array(Vec<Node>),
    Object(Vec<(String, Node)>),
}

/// `@id(value)`; an annotation (no value) holds an empty object.
#[derive(Debug, Clone, PartialEq)]
pub struct TraitApp {
    pub id: Ident,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct MemberDef {
    pub name: String,
    pub at: usize,
    /// `None` for an elided member (`$name`): the target comes from a mixin or the resource.
    pub target: Option<Ident>,
    pub traits: Vec<TraitApp>,
    /// `= value`: the `@default` of a structure member, the value of an enum member.
    pub value: Option<Node>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    pub name: String,
    pub at: usize,
    /// The shape type as in the JSON AST (`structure`, `intEnum`, ...).
    pub kind: String,
    pub traits: Vec<TraitApp>,
    /// `for Resource`: where elided members may come from.
    pub for_resource: Option<Ident>,
    pub mixins: Vec<Ident>,
    pub members: Vec<MemberDef>,
    /// The properties of a service, resource or operation, in order.
    pub properties: Vec<(String, Node, usize)>,
}

/// `apply Target @trait` (or a block of traits).
#[derive(Debug, Clone, PartialEq)]
pub struct ApplyDef {
    pub target: Ident,
    pub traits: Vec<TraitApp>,
}

/// One parsed file.
#[derive(Debug, Clone, PartialEq)]
pub struct ParsedFile {
    pub name: String,
    pub text: String,
    /// The `$version` control statement (`1.0` when there is none, as Smithy reads it).
    pub version: String,
    pub namespace: Option<String>,
    /// `use` statements: the shape's name to its absolute id.
    pub uses: Vec<(String, String, usize)>,
    pub metadata: Vec<(String, Node, usize)>,
    pub shapes: Vec<ShapeDef>,
    pub applies: Vec<ApplyDef>,
}

impl ParsedFile {
    /// Is this file read with the IDL 2.0 rules?
    pub fn is_v2(&self) -> bool {
        self.version.starts_with('2')
    }
}
