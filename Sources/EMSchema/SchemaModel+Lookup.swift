extension SchemaModel {
    /// The type whose component name is `name`.
    ///
    /// ```swift
    /// let link = SchemaModel.builtIn.type(named: "Link")
    /// ```
    /// - Parameter name: the component name in `openapi/em-gateway.yaml` (`ReplicaJobSession`).
    /// - Returns: the type, or `nil` when the schema has no such component.
    public func type(named name: String) -> ComplexType? {
        typesByName[name].map { types[$0] }
    }
}

extension ComplexType {
    /// The first member that XML calls `xmlName`, whatever its kind.
    /// - Parameter xmlName: the attribute's or element's local name (for a repeated member, the
    ///   repeated element's name; for a wrapped one, the wrapper's).
    /// - Returns: the member, or `nil`.
    public func member(xmlName: String) -> Member? {
        members.first { $0.kind != .text && $0.xmlName == xmlName }
    }

    /// The member that JSON calls `jsonName` (`Value` finds the text member).
    /// - Parameter jsonName: the JSON property name.
    /// - Returns: the member, or `nil`.
    public func member(jsonName: String) -> Member? {
        members.first { $0.jsonName == jsonName }
    }

    /// The index of the member that JSON calls `jsonName`, for going JSON → XML.
    /// - Parameter jsonName: the JSON property name.
    /// - Returns: the member's index into ``members``, or `nil`.
    public func memberIndex(jsonName: String) -> Int? {
        members.firstIndex { $0.jsonName == jsonName }
    }
}
