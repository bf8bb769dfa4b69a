/// What EM accepts inside one element of a request body: its child elements in schema order
/// and its attributes (``RequestCatalog``'s generated tables hold one per request type).
struct RequestType: Sendable {
    /// Whether children must come in the order of ``children`` (`false` where the schema has a
    /// repeating choice or a documented sample contradicts the order).
    let ordered: Bool
    /// Whether children the type does not list are accepted (a base type the 2017 XSD lacks).
    let open: Bool
    /// The attributes documented for the element; informative, EM ignores others.
    let attributes: [String]
    /// The child elements in schema order.
    let children: [RequestChild]

    /// The position of a child element in schema order, or `nil` when the type has none of that name.
    /// - Parameter name: the element's local name (exact case, as EM's deserializer matches).
    func position(of name: String) -> Int? {
        self.children.firstIndex { $0.name == name }
    }
}

/// One child element of a ``RequestType``.
struct RequestChild: Sendable {
    /// The element's local name.
    let name: String
    /// Whether EM needs it (`minOccurs` 1 outside a choice, and present in every documented sample).
    let required: Bool
    /// Whether it may appear more than once.
    let repeated: Bool
    /// The name of its own ``RequestType`` in ``RequestCatalog/types``, or `nil` when its content
    /// is text or not checked.
    let type: String?

    /// Creates a child rule.
    /// - Parameters:
    ///   - name: the element's local name.
    ///   - required: whether EM needs it (default `false`).
    ///   - repeated: whether it may repeat (default `false`).
    ///   - type: its nested type's name (default `nil`: content not checked).
    init(_ name: String, required: Bool = false, repeated: Bool = false, type: String? = nil) {
        self.name = name
        self.required = required
        self.repeated = repeated
        self.type = type
    }
}
