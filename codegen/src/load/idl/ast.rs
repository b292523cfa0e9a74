//! One IDL file as written: shape ids not yet resolved, each with its place in the file.

/// A shape id as written (relative or absolute), and where.
#[derive(Debug, Clone, PartialEq)]
pub struct Ident {
    /// The id as written.
    pub text: String,
    /// Byte offset in the file, for errors.
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
    /// The trait's shape id as written.
    pub id: Ident,
    pub value: Node,
}

/// A member of an aggregate shape or enum.
#[derive(Debug, Clone, PartialEq)]
pub struct MemberDef {
    pub name: String,
    /// Byte offset of the member's name.
    pub at: usize,
    /// `None` for an elided member (`$name`): the target comes from a mixin or the resource.
    pub target: Option<Ident>,
    pub traits: Vec<TraitApp>,
    /// `= value`: the `@default` of a structure member, the value of an enum member.
    pub value: Option<Node>,
}

/// A shape statement (or an inline input or output structure).
#[derive(Debug, Clone, PartialEq)]
pub struct ShapeDef {
    /// The shape's name, in the file's namespace.
    pub name: String,
    /// Byte offset of the name.
    pub at: usize,
    /// The shape type as in the JSON AST (`structure`, `intEnum`, ...).
    pub kind: String,
    pub traits: Vec<TraitApp>,
    /// `for Resource`: where elided members may come from.
    pub for_resource: Option<Ident>,
    /// `with [...]`.
    pub mixins: Vec<Ident>,
    /// Members in the order written.
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
