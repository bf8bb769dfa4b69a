/// Parses the query service's `filter` parameter into a ``FilterExpression``.
///
/// Grammar (AND binds tighter than OR, as in FIQL, which EM's syntax follows):
///
/// ```
/// or         := and ( "," and )*
/// and        := primary ( ";" primary )*
/// primary    := "(" or ")" | comparison
/// comparison := field operator value
/// operator   := "==" | "!=" | ">=" | "<=" | ">" | "<"
/// value      := '"' ( any but '"' | '""' )* '"' | unquoted
/// ```
///
/// An unquoted value runs to the next `;`, `,` or `)`; spaces in it are ignored, as EM's
/// `optional_query_parameters.md` says. Quotes inside a quoted value are doubled.
struct FilterParser {
    private let characters: [Character]
    private var index = 0

    /// Parses a filter.
    /// - Parameter text: the decoded value of `filter`.
    /// - Returns: the expression.
    /// - Throws: `SimulatorError` `.badRequest` naming the position of the first error.
    static func parse(_ text: String) throws -> FilterExpression {
        var parser = FilterParser(characters: Array(text))
        let expression = try parser.parseOr()
        parser.skipSpaces()
        guard parser.index == parser.characters.count else {
            throw parser.error("unexpected [\(parser.characters[parser.index])]")
        }
        return expression
    }

    private init(characters: [Character]) {
        self.characters = characters
    }

    private mutating func parseOr() throws -> FilterExpression {
        var parts = [try self.parseAnd()]
        while self.take(",") { parts.append(try self.parseAnd()) }
        return parts.count == 1 ? parts[0] : .or(parts)
    }

    private mutating func parseAnd() throws -> FilterExpression {
        var parts = [try self.parsePrimary()]
        while self.take(";") { parts.append(try self.parsePrimary()) }
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    private mutating func parsePrimary() throws -> FilterExpression {
        if self.take("(") {
            let inner = try self.parseOr()
            guard self.take(")") else { throw self.error("missing [)]") }
            return inner
        }
        return try self.parseComparison()
    }

    private mutating func parseComparison() throws -> FilterExpression {
        self.skipSpaces()
        let start = self.index
        while self.index < self.characters.count,
            self.characters[self.index].isLetter || self.characters[self.index].isNumber || self.characters[self.index] == "_"
        {
            self.index += 1
        }
        guard self.index > start else { throw self.error("a field name is expected") }
        let field = String(self.characters[start..<self.index])
        self.skipSpaces()
        guard let operation = self.takeOperator() else { throw self.error("a comparison operator is expected after [\(field)]") }
        return .comparison(field: field, operation, value: try self.parseValue())
    }

    private mutating func takeOperator() -> FilterExpression.Operator? {
        for operation in FilterExpression.Operator.allCases {
            let symbol = Array(operation.rawValue)
            if self.index + symbol.count <= self.characters.count,
                Array(self.characters[self.index..<(self.index + symbol.count)]) == symbol
            {
                self.index += symbol.count
                return operation
            }
        }
        return nil
    }

    private mutating func parseValue() throws -> String {
        self.skipSpaces()
        if self.index < self.characters.count, self.characters[self.index] == "\"" {
            self.index += 1
            var value = ""
            while self.index < self.characters.count {
                let character = self.characters[self.index]
                self.index += 1
                if character != "\"" {
                    value.append(character)
                } else if self.index < self.characters.count, self.characters[self.index] == "\"" {
                    value.append("\"")
                    self.index += 1
                } else {
                    return value
                }
            }
            throw self.error("unterminated quoted value")
        }
        var value = ""
        while self.index < self.characters.count, ![";", ",", ")"].contains(self.characters[self.index]) {
            if self.characters[self.index] != " " { value.append(self.characters[self.index]) }
            self.index += 1
        }
        guard !value.isEmpty else { throw self.error("a value is expected") }
        return value
    }

    private mutating func take(_ character: Character) -> Bool {
        self.skipSpaces()
        guard self.index < self.characters.count, self.characters[self.index] == character else { return false }
        self.index += 1
        return true
    }

    private mutating func skipSpaces() {
        while self.index < self.characters.count, self.characters[self.index] == " " { self.index += 1 }
    }

    private func error(_ reason: String) -> SimulatorError {
        SimulatorError(.badRequest, "Invalid filter expression: \(reason) at position \(self.index + 1).")
    }
}
