//! Lowering of operations: names, the protocol's framing, errors and pagination.

use super::shapes::Lowerer;
use super::{docs_of, shape_name};
use crate::names;
use crate::error::ModelError;
use crate::ir::*;
use crate::load::{Shape, ShapeKind};
use crate::resolve::{Resolved, UNIT};
use crate::traits::Traits;

pub(crate) fn lower_operation(lowerer: &mut Lowerer<'_>, model: &Resolved, id: &str) -> Result<OperationIr, ModelError> {
    let shape = model.shape(id);
    let ShapeKind::Operation(op) = &shape.kind else { unreachable!("selected operations are operations") };
    let rust_name = names::camel(shape_name(id));
    if names::PRELUDE_NAMES.contains(&rust_name.as_str()) {
        // The operation's module uses the prelude's names unqualified.
        return Err(ModelError::unsupported(
            &shape.path,
            Some(id),
            crate::error::Unsupported::PreludeName,
            format!("an operation named `{rust_name}` would shadow Rust's prelude; this is not supported"),
        ));
    }
    let module = names::module(&rust_name);
    let module_path = format!("crate::operation::{module}");
    let unit = model.shape(UNIT);
    let input_shape = op.input.as_deref().map_or(unit, |i| model.shape(i));
    let output_shape = op.output.as_deref().map_or(unit, |o| model.shape(o));
    let input = lowerer.io_struct(input_shape, format!("{rust_name}Input"), &module_path, StructRole::Input)?;
    let output = lowerer.io_struct(output_shape, format!("{rust_name}Output"), &module_path, StructRole::Output)?;

    let framing = super::protocol::framing(model, shape, &input)?;

    let mut errors: Vec<OperationErrorIr> = op
        .errors
        .iter()
        .chain(&model.service.errors)
        .map(|e| {
            let err = model.shape(e);
            let names = lowerer.names_of(e)?;
            Ok(OperationErrorIr {
                rust_path: names.rust_path.clone(),
                wire_module: names.wire_module.clone(),
                code: shape_name(e).to_owned(),
                retryable: err.traits.retryable,
                server_fault: err.traits.error == Some(crate::traits::ErrorFault::Server),
                variant: names.rust_name.clone(),
                boxed: err.kind.members().iter().any(|m| !m.name.eq_ignore_ascii_case("message")),
            })
        })
        .collect::<Result<_, ModelError>>()?;
    errors.sort_by(|a, b| a.variant.cmp(&b.variant));
    errors.dedup_by(|a, b| a.variant == b.variant);
    for e in &errors {
        if names::RESERVED_ERROR_VARIANTS.contains(&e.variant.as_str()) {
            return Err(ModelError::at(
                format!("{}.errors", shape.path),
                Some(id),
                format!("the error `{}` takes the name of the generator's own `{}` variant", e.code, e.variant),
            ));
        }
    }

    let host_prefix = match &shape.traits.host_prefix {
        Some(prefix) => {
            let path = format!("{}.traits[\"smithy.api#endpoint\"].hostPrefix", shape.path);
            super::http::host_prefix(prefix, &input, &path, id)?
        }
        None => Vec::new(),
    };
    let pagination = pagination(model, shape, &input, &output)?;
    let pagination = pagination.and_then(|p| token_type(lowerer, shape, &output, p));
    let body_rules = super::http::body_rules(shape, &input)?;
    Ok(OperationIr {
        shape_id: id.to_owned(),
        error_enum: format!("{rust_name}Error"),
        fluent_builder: format!("{rust_name}FluentBuilder"),
        model_name: shape_name(id).to_owned(),
        rust_name,
        module,
        module_path,
        docs: docs_of(&shape.traits),
        deprecated: shape.traits.deprecated.clone(),
        framing: framing.framing,
        method: framing.method,
        uri: framing.uri,
        success_code: framing.success_code,
        host_prefix,
        body_rules,
        input,
        output,
        errors,
        pagination,
        readonly: shape.traits.readonly,
        event_input: None,
        event_output: None,
        auth: super::auth::operation_schemes(model, id)?,
        http2: crate::ir::Http2::No,
    })
}

/// `p` when its tokens are strings or maps (DynamoDB's `Query` and `Scan` page by maps of
/// attribute values), of one type in the input and the output, since the paginators pass
/// the output's token back. Anything else gets no paginator, and a warning says so.
fn token_type(lowerer: &Lowerer<'_>, shape: &Shape<Traits>, output: &StructIr, p: PaginationIr) -> Option<PaginationIr> {
    let output_ty = output.members.iter().find(|m| m.field == p.output_token_field).map(|m| &m.ty);
    if output_ty == Some(&p.token_type) && matches!(p.token_type, TypeRef::String | TypeRef::Map(_)) {
        return Some(p);
    }
    lowerer.warn(ModelError::at(
        format!("{}.traits[\"smithy.api#paginated\"]", shape.path),
        Some(&shape.id),
        "the pagination tokens are neither strings nor maps of one type, so the operation has no paginator (pages are requested by hand)",
    ));
    None
}

fn pagination(model: &Resolved, shape: &Shape<Traits>, input: &StructIr, output: &StructIr) -> Result<Option<PaginationIr>, ModelError> {
    let Some(own) = &shape.traits.paginated else { return Ok(None) };
    // The service may give defaults for any of the trait's properties.
    let service = model.service_traits.paginated.clone().unwrap_or_default();
    let pick = |a: &Option<String>, b: &Option<String>| a.clone().or_else(|| b.clone());
    let input_token = pick(&own.input_token, &service.input_token);
    let output_token = pick(&own.output_token, &service.output_token);
    let items = pick(&own.items, &service.items);
    let page_size = pick(&own.page_size, &service.page_size);
    let path = format!("{}.traits[\"smithy.api#paginated\"]", shape.path);
    let find = |s: &StructIr, name: &Option<String>, what: &str| -> Result<Option<MemberIr>, ModelError> {
        match name {
            None => Ok(None),
            Some(n) => s.members.iter().find(|m| &m.model_name == n).cloned().map(Some).ok_or_else(|| {
                ModelError::at(&path, Some(&shape.id), format!("the {what} `{n}` is not a top-level member of `{}`", s.rust_name))
            }),
        }
    };
    let (Some(input_token), Some(output_token)) =
        (find(input, &input_token, "input token")?, find(output, &output_token, "output token")?)
    else {
        return Err(ModelError::at(&path, Some(&shape.id), "@paginated needs an inputToken and an outputToken"));
    };
    let items = find(output, &items, "items member")?;
    let page_size = find(input, &page_size, "page size")?;
    // Smithy requires an integer page size; a long is taken too (the paginator's size widens).
    if let Some(m) = page_size.as_ref().filter(|m| !matches!(m.ty, TypeRef::Integer | TypeRef::Long)) {
        return Err(ModelError::at(
            &path,
            Some(&shape.id),
            format!("the page size `{}` of `{}` must target an integer", m.model_name, input.rust_name),
        ));
    }
    Ok(Some(PaginationIr {
        token_type: input_token.ty,
        input_token_field: input_token.field,
        output_token_field: output_token.field,
        page_size_field: page_size.map(|m| m.field),
        items_type: items.as_ref().map(|m| m.ty.clone()),
        items_field: items.map(|m| m.field),
    }))
}
