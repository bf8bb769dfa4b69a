import HTTPTypes

extension HTTPFields {
    /// The combined field value of the fields named `name` (RFC 9110 §5.3): their values in
    /// order, joined with `, ` (`; ` for `Cookie`, RFC 6265 §5.4), or `nil` when there is none.
    ///
    /// The same text as the `HTTPFields` subscript's getter, read in one pass over the fields.
    /// The subscript joins through a generic lazy sequence even when one field has the name,
    /// which made reading a field cost as much as the rest of an answer from the cache; the
    /// gateway reads fields on every request, so it reads them here.
    /// - Parameter name: the field's name (any letter case: names compare case-insensitively).
    /// - Returns: the combined value, or `nil`.
    func combinedValue(_ name: HTTPField.Name) -> String? {
        var value: String?
        for field in self where field.name == name {
            if let earlier = value {
                value = earlier + (name == .cookie ? "; " : ", ") + field.value
            } else {
                value = field.value
            }
        }
        return value
    }
}
