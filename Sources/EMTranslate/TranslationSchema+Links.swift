import EMSchema

extension TranslationSchema {
    /// The XML names of every attribute the schema marks as a link (OpenAPI `format: uri`),
    /// plus `Href`: the attributes ``XMLLinkRewriter`` rewrites.
    public var linkAttributeNames: Set<String> {
        var names: Set<String> = ["Href"]
        for type in model.types {
            for member in type.members where member.kind == .attribute && member.isLink { names.insert(member.xmlName) }
        }
        return names
    }
}
