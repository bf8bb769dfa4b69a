import EMSchema
import Testing

/// The compiled text format: lossless round trips and loader errors.
struct CompiledTextTests {
    /// A model using every kind, shape, value and flag, and names that need escaping.
    static let everything = SchemaModel(
        types: [
            ComplexType(
                name: "Link",
                members: [
                    Member(jsonName: "Rel", xmlName: "Rel", kind: .attribute, value: .scalar(.string)),
                    Member(jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true),
                ]),
            ComplexType(
                name: "Odd\tName\\",
                members: [
                    Member(
                        jsonName: "Links", xmlName: "Links", kind: .element, shape: .wrapped(item: "Link"),
                        value: .complex(0), isReadOnly: true),
                    Member(jsonName: "Days", xmlName: "Day", kind: .element, shape: .repeated, value: .scalar(.integer)),
                    Member(jsonName: "Ratio", xmlName: "Ratio", kind: .element, value: .scalar(.number), isOmittedWhenAbsent: true),
                    Member(jsonName: "RetrySpecified1", xmlName: "RetrySpecified", kind: .element, value: .scalar(.boolean)),
                    Member(
                        jsonName: "Value", xmlName: "", kind: .text, value: .scalar(.string), isLink: true, isReadOnly: true,
                        isOmittedWhenAbsent: true),
                    Member(jsonName: "line\nbreak\r", xmlName: "x", kind: .element, value: .complex(2)),
                ]),
            ComplexType(name: "Empty", members: []),
        ],
        rootElements: ["Odd": 1, "Link": 0, "Empty": 2],
        operations: [
            SchemaModel.Operation(method: "GET", pathTemplate: "/api/odd/{ID}", successStatuses: [200]),
            SchemaModel.Operation(
                method: "post", pathTemplate: "/api/odd/{ID}", action: "start\tnow", requestType: 1,
                requestRootElement: "Odd", successStatuses: [201, 202]),
        ])

    @Test func roundTripOfEveryMemberForm() throws {
        let text = Self.everything.compiledText()
        let loaded = try SchemaModel(compiledText: text)
        #expect(loaded == Self.everything)
        #expect(loaded.compiledText() == text)
        for (loadedType, originalType) in zip(loaded.types, Self.everything.types) {
            #expect(loadedType.members == originalType.members)
        }
        #expect(loaded.typesByName["Odd\tName\\"] == 1)
    }

    @Test func roundTripOfBuiltInMemberByMember() throws {
        let model = SchemaModel.builtIn
        let loaded = try SchemaModel(compiledText: model.compiledText())
        #expect(loaded.types.count == model.types.count)
        for (loadedType, type) in zip(loaded.types, model.types) {
            #expect(loadedType.name == type.name)
            #expect(loadedType.members.count == type.members.count)
            for (loadedMember, member) in zip(loadedType.members, type.members) {
                #expect(loadedMember == member, "\(type.name).\(member.jsonName)")
            }
        }
        #expect(loaded.rootElements == model.rootElements)
        #expect(loaded.typesByName == model.typesByName)
    }

    @Test func textIsDeterministic() {
        #expect(Self.everything.compiledText() == Self.everything.compiledText())
        let reordered = SchemaModel(
            types: Self.everything.types, rootElements: ["Empty": 2, "Link": 0, "Odd": 1],
            operations: Self.everything.operations)
        #expect(reordered.compiledText() == Self.everything.compiledText())
    }

    @Test func toleratesCarriageReturnsAndBlankLines() throws {
        let text = Self.everything.compiledText().split(separator: "\n").joined(separator: "\r\n\r\n")
        #expect(try SchemaModel(compiledText: text) == Self.everything)
    }

    @Test func loadsTwentyTimesTheBuiltInModel() throws {
        let large = Self.scaled(SchemaModel.builtIn, copies: 20)
        let text = large.compiledText()
        // How fast this loads is the benchmarks' business; here only that it loads whole.
        #expect(try SchemaModel(compiledText: text) == large)
    }

    /// `copies` renamed copies of a model, complex indexes shifted into each copy.
    static func scaled(_ model: SchemaModel, copies: Int) -> SchemaModel {
        var types: [ComplexType] = []
        var roots: [String: SchemaModel.TypeID] = [:]
        for copy in 0..<copies {
            let offset = copy * model.types.count
            for type in model.types {
                let members = type.members.map { member -> Member in
                    guard case .complex(let index) = member.value else { return member }
                    return Member(
                        jsonName: member.jsonName, xmlName: member.xmlName, kind: member.kind, shape: member.shape,
                        value: .complex(index + offset), isLink: member.isLink, isReadOnly: member.isReadOnly)
                }
                types.append(ComplexType(name: "\(type.name)\(copy)", members: members))
            }
            for (element, index) in model.rootElements { roots["\(element)\(copy)"] = index + offset }
        }
        return SchemaModel(types: types, rootElements: roots)
    }

    // MARK: - Loader errors

    @Test(arguments: [
        ("", "empty"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\ts\t-\tX\tX\n", "no end line"),
        ("em-schema\t3\nT\t0\tA\t2\nM\te\t1\ts\t-\tX\tX\nE\t1\t2\t0\t0\n", "too few members"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\t#5\t-\tX\tX\nE\t1\t1\t0\t0\n", "type index out of range"),
        ("em-schema\t3\nT\t1\tA\t0\nE\t1\t0\t0\t0\n", "type index out of order"),
        ("em-schema\t3\nT\t0\tA\t1\nM\tq\t1\ts\t-\tX\tX\nE\t1\t1\t0\t0\n", "unknown kind"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\tw\ts\t-\tX\tX\nE\t1\t1\t0\t0\n", "wrapped without item"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\ts\tz\tX\tX\nE\t1\t1\t0\t0\n", "unknown flag"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\ts\tol\tX\tX\nE\t1\t1\t0\t0\n", "flags out of order"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\ts\trr\tX\tX\nE\t1\t1\t0\t0\n", "flag twice"),
        ("em-schema\t3\nT\t0\tA\t1\nM\te\t1\ts\t\tX\tX\nE\t1\t1\t0\t0\n", "no flags"),
        ("em-schema\t3\nT\t0\tA\t0\nR\tA\t3\nE\t1\t0\t1\t0\n", "root index out of range"),
        ("em-schema\t3\nT\t0\tA\t0\nR\tA\t0\nR\tA\t0\nE\t1\t0\t1\t0\n", "duplicate root"),
        ("em-schema\t3\nT\t0\tA\t0\nE\t2\t0\t0\t0\n", "end counts wrong"),
        ("em-schema\t3\nE\t0\t0\t0\t0\nT\t0\tA\t0\n", "content after end"),
        ("EMSCHEMA\n", "bad header"),
        ("em-schema\t3\nE\t0\t0\t0\n", "end line without the operation count"),
        ("em-schema\t3\nT\t0\tA\t0\nO\tGET\t/api/a\t\t\t\t200\nE\t1\t0\t0\t0\n", "operation count wrong"),
        ("em-schema\t3\nT\t0\tA\t0\nO\tGET\t/api/a\t\t3\tA\t200\nE\t1\t0\t0\t1\n", "operation type out of range"),
        ("em-schema\t3\nT\t0\tA\t0\nO\tGET\t/api/a\t\t0\t\t200\nE\t1\t0\t0\t1\n", "type without root"),
        ("em-schema\t3\nO\tGET\t/api/a\t\t\t\t\nE\t0\t0\t0\t1\n", "no status"),
        ("em-schema\t3\nO\tGET\tapi\t\t\t\t200\nE\t0\t0\t0\t1\n", "path without slash"),
        ("em-schema\t3\nO\tGET\t/api/a\t\t\t200\nE\t0\t0\t0\t1\n", "operation with 6 fields"),
    ])
    func malformedTextIsRejected(text: String, reason: String) {
        #expect(throws: SchemaError(.malformedCompiledText, "")) { try SchemaModel(compiledText: text) }
    }

    @Test func otherFormatVersionIsRejected() {
        #expect(throws: SchemaError(.unsupportedFormatVersion, "")) {
            try SchemaModel(compiledText: "em-schema\t1\nE\t0\t0\t0\n")
        }
    }

    @Test func errorMessageNamesTheLine() {
        do {
            _ = try SchemaModel(compiledText: "em-schema\t3\nT\t0\tA\t1\nM\tq\t1\ts\t-\tX\tX\nE\t1\t1\t0\t0\n")
            Issue.record("expected an error")
        } catch let error as SchemaError {
            #expect(error.message.hasPrefix("line 3:"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }
}
