/// Reads the compiled text format (see `SchemaModel+CompiledText.swift`) straight from UTF-8
/// bytes: lines and fields are split on `\n` and `\t` bytes, numbers are read digit by digit, and
/// strings are only created for names. No Foundation, no regular expressions.
struct CompiledTextParser {
    private let bytes: UnsafeBufferPointer<UInt8>
    private var offset = 0
    private var lineNumber = 0
    /// Field ranges of the current line (reused between lines).
    private var fields: [Range<Int>] = []

    private var types: [ComplexType] = []
    private var rootElements: [String: SchemaModel.TypeID] = [:]
    private var operations: [SchemaModel.Operation] = []
    private var memberTotal = 0
    private var highestComplexIndex = -1
    private var highestComplexLine = 0
    /// The type being read: name, declared member count, members so far.
    private var pending: (name: String, count: Int, members: [Member])?

    private static let tab: UInt8 = 0x09
    private static let newline: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let backslash: UInt8 = 0x5C

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        fields.reserveCapacity(8)
    }

    /// Parses the whole text.
    mutating func parse() throws -> SchemaModel {
        guard nextLine() else { throw malformed("empty text, expected the header line") }
        try readHeader()
        var ended = false
        while nextLine() {
            if fields.count == 1 && fields[0].isEmpty { continue }
            guard !ended else { throw malformed("content after the end line") }
            guard fields[0].count == 1 else { throw malformed("unknown record") }
            switch bytes[fields[0].lowerBound] {
            case UInt8(ascii: "T"): try readType()
            case UInt8(ascii: "M"): try readMember()
            case UInt8(ascii: "R"): try readRoot()
            case UInt8(ascii: "O"): try readOperation()
            case UInt8(ascii: "E"):
                try readEnd()
                ended = true
            default: throw malformed("unknown record")
            }
        }
        guard ended else { throw malformed("missing end line (text truncated?)") }
        guard highestComplexIndex < types.count else {
            lineNumber = highestComplexLine
            throw malformed("type index \(highestComplexIndex) out of range (\(types.count) types)")
        }
        for operation in operations {
            guard let type = operation.requestType else { continue }
            guard type < types.count else {
                throw SchemaError(
                    .malformedCompiledText,
                    "operation \(operation.method) \(operation.pathTemplate) names type \(type), out of range")
            }
        }
        return SchemaModel(types: types, rootElements: rootElements, operations: operations)
    }

    // MARK: - Records

    private mutating func readHeader() throws {
        guard fields.count == 2, string(0) == "em-schema" else {
            throw malformed("expected header `em-schema<TAB>\(SchemaModel.compiledTextVersion)`")
        }
        let version = try integer(1)
        guard version == SchemaModel.compiledTextVersion else {
            throw SchemaError(
                .unsupportedFormatVersion,
                "compiled text is format version \(version); this build reads version \(SchemaModel.compiledTextVersion)")
        }
    }

    private mutating func readType() throws {
        try finishPendingType()
        guard fields.count == 4 else { throw malformed("type line needs 4 fields, has \(fields.count)") }
        let index = try integer(1)
        guard index == types.count else { throw malformed("type index \(index), expected \(types.count)") }
        let count = try integer(3)
        pending = (name: string(2), count: count, members: [])
        pending?.members.reserveCapacity(count)
    }

    private mutating func readMember() throws {
        guard let count = pending?.count, let read = pending?.members.count, read < count else {
            throw malformed("member line outside a type or beyond its declared member count")
        }
        guard fields.count == 7 || fields.count == 8 else {
            throw malformed("member line needs 7 or 8 fields, has \(fields.count)")
        }
        let kind: Member.Kind
        switch try code(1) {
        case UInt8(ascii: "a"): kind = .attribute
        case UInt8(ascii: "e"): kind = .element
        case UInt8(ascii: "t"): kind = .text
        default: throw malformed("unknown member kind")
        }
        let shape: Member.Shape
        switch try code(2) {
        case UInt8(ascii: "1"): shape = .single
        case UInt8(ascii: "*"): shape = .repeated
        case UInt8(ascii: "w"):
            guard fields.count == 8 else { throw malformed("wrapped member without an item name") }
            shape = .wrapped(item: string(7))
        default: throw malformed("unknown member shape")
        }
        if case .wrapped = shape {
        } else if fields.count == 8 {
            throw malformed("item name on a member that is not wrapped")
        }
        let value = try readValue(field: 3)
        let flags = try readFlags(field: 4)
        let member = Member(
            jsonName: string(5), xmlName: string(6), kind: kind, shape: shape, value: value,
            isLink: flags[0], isReadOnly: flags[1], isOmittedWhenAbsent: flags[2], isRequired: flags[3])
        pending?.members.append(member)
    }

    private mutating func readRoot() throws {
        try finishPendingType()
        guard fields.count == 3 else { throw malformed("root line needs 3 fields, has \(fields.count)") }
        let element = string(1)
        let index = try integer(2)
        guard index < types.count else { throw malformed("root `\(element)` names type \(index), out of range") }
        guard rootElements.updateValue(index, forKey: element) == nil else {
            throw malformed("root element `\(element)` listed twice")
        }
    }

    private mutating func readOperation() throws {
        try finishPendingType()
        guard fields.count == 8 else { throw malformed("operation line needs 8 fields, has \(fields.count)") }
        let method = string(1)
        let path = string(2)
        guard !method.isEmpty, path.hasPrefix("/") else { throw malformed("operation needs a method and a path") }
        let action = fields[3].isEmpty ? nil : string(3)
        let type = fields[4].isEmpty ? nil : try integer(4)
        let root = fields[5].isEmpty ? nil : string(5)
        guard (type == nil) == (root == nil) else {
            throw malformed("operation request type and root element go together")
        }
        var statuses: [Int] = []
        var start = fields[6].lowerBound
        for index in fields[6].lowerBound...fields[6].upperBound
        where index == fields[6].upperBound || bytes[index] == UInt8(ascii: ",") {
            statuses.append(try integer(in: start..<index))
            start = index + 1
        }
        let maxAge = fields[7].isEmpty ? nil : try integer(7)
        operations.append(
            SchemaModel.Operation(
                method: method, pathTemplate: path, action: action, requestType: type, requestRootElement: root,
                successStatuses: statuses, maxAge: maxAge))
    }

    private mutating func readEnd() throws {
        try finishPendingType()
        guard fields.count == 5 else { throw malformed("end line needs 5 fields, has \(fields.count)") }
        let typeCount = try integer(1)
        let memberCount = try integer(2)
        let rootCount = try integer(3)
        let operationCount = try integer(4)
        guard typeCount == types.count, memberCount == memberTotal, rootCount == rootElements.count,
            operationCount == operations.count
        else {
            throw malformed(
                "end line counts \(typeCount)/\(memberCount)/\(rootCount)/\(operationCount) do not match the text "
                    + "(\(types.count) types, \(memberTotal) members, \(rootElements.count) roots, "
                    + "\(operations.count) operations)")
        }
    }

    private mutating func finishPendingType() throws {
        guard let current = pending else { return }
        guard current.members.count == current.count else {
            throw malformed("type `\(current.name)` declares \(current.count) members, has \(current.members.count)")
        }
        types.append(ComplexType(name: current.name, members: current.members))
        memberTotal += current.count
        pending = nil
    }

    // MARK: - Fields

    private mutating func readValue(field: Int) throws -> Member.Value {
        let range = fields[field]
        guard let first = range.first.map({ bytes[$0] }) else { throw malformed("empty value field") }
        if first == UInt8(ascii: "#") {
            let index = try integer(in: range.dropFirst())
            if index > highestComplexIndex {
                highestComplexIndex = index
                highestComplexLine = lineNumber
            }
            return .complex(index)
        }
        guard range.count == 1 else { throw malformed("unknown value") }
        switch first {
        case UInt8(ascii: "s"): return .scalar(.string)
        case UInt8(ascii: "i"): return .scalar(.integer)
        case UInt8(ascii: "n"): return .scalar(.number)
        case UInt8(ascii: "b"): return .scalar(.boolean)
        default: throw malformed("unknown value")
        }
    }

    /// Reads `-`, or a non-empty run of `l`, `r`, `o`, `q` in that order, each at most once:
    /// link, read-only, omitted when absent, required.
    private func readFlags(field: Int) throws -> [Bool] {
        let range = fields[field]
        guard !range.isEmpty else { throw malformed("unknown flags") }
        if range.count == 1 && bytes[range.lowerBound] == UInt8(ascii: "-") { return [false, false, false, false] }
        let order: [UInt8] = [UInt8(ascii: "l"), UInt8(ascii: "r"), UInt8(ascii: "o"), UInt8(ascii: "q")]
        var seen = [false, false, false, false]
        var next = 0
        for position in range {
            guard let index = order[next...].firstIndex(of: bytes[position]) else { throw malformed("unknown flags") }
            seen[index] = true
            next = index + 1
        }
        return seen
    }

    private func code(_ field: Int) throws -> UInt8 {
        let range = fields[field]
        guard range.count == 1 else { throw malformed("field \(field + 1) must be one character") }
        return bytes[range.lowerBound]
    }

    private func integer(_ field: Int) throws -> Int { try integer(in: fields[field]) }

    private func integer(in range: Range<Int>) throws -> Int {
        guard !range.isEmpty, range.count <= 9 else { throw malformed("expected a number of 1 to 9 digits") }
        var value = 0
        for index in range {
            let digit = bytes[index] &- UInt8(ascii: "0")
            guard digit < 10 else { throw malformed("expected a number") }
            value = value * 10 + Int(digit)
        }
        return value
    }

    /// The field as a string, unescaping `\\`, `\t`, `\n` and `\r` when a backslash occurs.
    private func string(_ field: Int) -> String {
        let slice = UnsafeBufferPointer(rebasing: bytes[fields[field]])
        guard slice.contains(Self.backslash) else { return String(decoding: slice, as: UTF8.self) }
        var unescaped: [UInt8] = []
        unescaped.reserveCapacity(slice.count)
        var escaping = false
        for byte in slice {
            if escaping {
                switch byte {
                case UInt8(ascii: "t"): unescaped.append(Self.tab)
                case UInt8(ascii: "n"): unescaped.append(Self.newline)
                case UInt8(ascii: "r"): unescaped.append(Self.carriageReturn)
                default: unescaped.append(byte)  // `\\`, and lenient for anything else
                }
                escaping = false
            } else if byte == Self.backslash {
                escaping = true
            } else {
                unescaped.append(byte)
            }
        }
        return String(decoding: unescaped, as: UTF8.self)
    }

    // MARK: - Lines

    /// Splits the next line into ``fields``; `false` at the end of the text.
    private mutating func nextLine() -> Bool {
        guard offset < bytes.count else { return false }
        lineNumber += 1
        fields.removeAll(keepingCapacity: true)
        var fieldStart = offset
        var end = offset
        while end < bytes.count {
            let byte = bytes[end]
            if byte == Self.newline { break }
            if byte == Self.tab {
                fields.append(fieldStart..<end)
                fieldStart = end + 1
            }
            end += 1
        }
        var lineEnd = end
        if lineEnd > fieldStart && bytes[lineEnd - 1] == Self.carriageReturn { lineEnd -= 1 }
        fields.append(fieldStart..<lineEnd)
        offset = end + 1
        return true
    }

    private func malformed(_ message: String) -> SchemaError {
        SchemaError(.malformedCompiledText, "line \(lineNumber): \(message)")
    }
}
