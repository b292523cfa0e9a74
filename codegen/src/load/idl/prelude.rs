//! Names of the Smithy 2.0 prelude (`smithy.api`): relative shape ids that name none of the
//! model's own shapes resolve here.

/// The prelude's shapes and traits, sorted for binary search.
const PRELUDE: &[&str] = &[
    "BigDecimal", "BigInteger", "Blob", "Boolean", "Byte", "Document", "Double", "Float", "IdRefConfig", "Integer",
    "LocalMixinTraitList", "Long", "NonEmptyString", "NonEmptyStringList", "PrimitiveBoolean", "PrimitiveByte",
    "PrimitiveDouble", "PrimitiveFloat", "PrimitiveInteger", "PrimitiveLong", "PrimitiveShort", "Short", "String",
    "Timestamp", "TraitShapeIdList", "TraitValidationsMap", "Unit", "addedDefault", "auth", "authDefinition", "box",
    "clientOptional", "cors", "default", "deprecated", "documentation", "endpoint", "enum", "enumValue", "error",
    "eventHeader", "eventPayload", "examples", "externalDocumentation", "hostLabel", "http", "httpApiKeyAuth",
    "httpBasicAuth", "httpBearerAuth", "httpChecksumRequired", "httpDigestAuth", "httpError", "httpHeader",
    "httpLabel", "httpPayload", "httpPrefixHeaders", "httpQuery", "httpQueryParams", "httpResponseCode",
    "idRef", "idempotencyToken", "idempotent", "input", "internal", "jsonName", "length", "mediaType", "mixin",
    "nestedProperties", "noReplace", "notProperty", "optionalAuth", "output", "paginated", "pattern", "private",
    "property", "protocolDefinition", "range", "readonly", "recommended", "references", "requestCompression",
    "required", "requiresLength", "resourceIdentifier", "retryable", "sensitive", "since", "sparse",
    "streaming", "suppress", "tags", "timestampFormat", "title", "trait", "traitValidations", "uniqueItems",
    "unitType", "unstable", "xmlAttribute", "xmlFlattened", "xmlName", "xmlNamespace",
];

/// Is `name` a shape of the prelude?
pub fn contains(name: &str) -> bool {
    PRELUDE.binary_search(&name).is_ok()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_list_is_sorted_so_that_lookups_find_every_name() {
        assert!(super::PRELUDE.windows(2).all(|w| w[0] < w[1]));
        assert!(super::contains("String") && super::contains("required") && !super::contains("Widget"));
    }
}
