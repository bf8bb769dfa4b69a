extension SchemaModel: Equatable {
    /// Two models are equal when their types (names and members, in order), root elements and
    /// operations (in order) are.
    ///
    /// ``SchemaModel/typesByName`` is derived from ``SchemaModel/types`` and so not compared.
    /// - Parameters:
    ///   - lhs: one model.
    ///   - rhs: the other model.
    /// - Returns: `true` for the same types in the same order, the same root elements and the same operations.
    public static func == (lhs: SchemaModel, rhs: SchemaModel) -> Bool {
        lhs.types == rhs.types && lhs.rootElements == rhs.rootElements && lhs.operations == rhs.operations
    }
}

extension ComplexType: Equatable {
    /// Two types are equal when their names and members (in order) are.
    /// - Parameters:
    ///   - lhs: one type.
    ///   - rhs: the other type.
    /// - Returns: `true` for the same name and the same members in the same order.
    public static func == (lhs: ComplexType, rhs: ComplexType) -> Bool {
        lhs.name == rhs.name && lhs.members == rhs.members
    }
}
