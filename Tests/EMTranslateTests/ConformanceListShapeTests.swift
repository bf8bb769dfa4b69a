import EMSchema
import EMTranslate
import Testing

/// List shapes for every list in the built-in schema: a list with zero, one or two items keeps one shape
/// (an array is an array with one item too). The XML is generated from the model itself.
@Suite("Conformance: list shapes for zero, one and two items")
struct ConformanceListShapeTests {
    /// A list in the model: a type holding a wrapped or repeated member.
    struct ListCase: CustomStringConvertible {
        let type: SchemaModel.TypeID
        let member: Int
        var description: String {
            let model = SchemaModel.builtIn
            return "\(model.types[type].name).\(model.types[type].members[member].jsonName)"
        }
    }

    /// Every wrapped member and every repeated member (list types' plural members among them).
    static func cases() -> [ListCase] {
        SchemaModel.builtIn.types.indices.flatMap { type in
            SchemaModel.builtIn.types[type].members.indices.compactMap { member in
                SchemaModel.builtIn.types[type].members[member].shape == .single
                    ? nil : ListCase(type: type, member: member)
            }
        }
    }

    /// `<TestRoot>` holding the list with `count` items; each item is empty when complex and a typed
    /// sample value when scalar.
    static func document(_ list: ListCase, count: Int) -> String {
        let member = SchemaModel.builtIn.types[list.type].members[list.member]
        var item = ""
        var itemName = member.xmlName
        if case .wrapped(let name) = member.shape { itemName = name }
        for _ in 0..<count {
            switch member.value {
            case .complex: item += "<\(itemName)/>"
            case .scalar(.integer): item += "<\(itemName)>7</\(itemName)>"
            case .scalar(.number): item += "<\(itemName)>1.5</\(itemName)>"
            case .scalar(.boolean): item += "<\(itemName)>true</\(itemName)>"
            case .scalar(.string): item += "<\(itemName)>x</\(itemName)>"
            }
        }
        if case .wrapped = member.shape { item = "<\(member.xmlName)>\(item)</\(member.xmlName)>" }
        return "<TestRoot>\(item)</TestRoot>"
    }

    @Test("every list: 0 items → null ([] for a bare list), 1 and 2 items → arrays of 1 and 2")
    func shapes() throws {
        let cases = Self.cases()
        var listTypes = 0
        var wrapped = 0
        var repeated = 0
        for list in cases {
            let model = SchemaModel.builtIn
            let member = model.types[list.type].members[list.member]
            let schema = ConformanceSupport.translationSchema(root: "TestRoot", type: list.type)
            var shapes: [String] = []
            for count in 0...2 {
                let result = try ConformanceSupport.convert(Array(Self.document(list, count: count).utf8), schema: schema)
                #expect(result.statistics.unknownNodes == 0, "\(list) with \(count): \(result.unknownNames)")
                guard case .object(let object) = try ConformanceJSON.parse(result.json), let value = object[member.jsonName]
                else {
                    Issue.record("\(list) with \(count): no `\(member.jsonName)` key")
                    continue
                }
                switch value {
                case .array(let items):
                    #expect(items.count == count, "\(list) with \(count): \(items.count) items")
                    shapes.append("array")
                case .null:
                    shapes.append("null")
                default:
                    Issue.record("\(list) with \(count): \(value)")
                }
            }
            if case .wrapped = member.shape {
                // `<Links/>` is `[]`: a bare list is an array even when empty.
                #expect(shapes == ["array", "array", "array"], "\(list): \(shapes)")
                wrapped += 1
            } else {
                // No element at all: the member is absent, `null` in the native dialect.
                #expect(shapes == ["null", "array", "array"], "\(list): \(shapes)")
                repeated += 1
                if model.types[list.type].isListType { listTypes += 1 }
            }
        }
        #expect(cases.count > 100)
        print(
            "conformance: \(cases.count) lists keep their shape for 0, 1 and 2 items "
                + "(\(wrapped) bare lists, \(repeated) repeated members, \(listTypes) of them list types)")
    }

    @Test("an empty list wrapper is {\"Xs\": null} natively and {\"Xs\": []} in the compact dialect")
    func emptyWrapper() throws {
        let model = SchemaModel.builtIn
        let tenant = try #require(model.rootType(forElement: "CloudTenant"))
        let schema = ConformanceSupport.translationSchema(root: "TestRoot", type: tenant)
        let xml = Array("<TestRoot><Resources/></TestRoot>".utf8)
        let native = try ConformanceJSON.parse(try ConformanceSupport.convert(xml, schema: schema).json)
        let compact = try ConformanceJSON.parse(try ConformanceSupport.convert(xml, schema: schema, dialect: .compact).json)
        guard case .object(let nativeObject) = native, case .object(let compactObject) = compact else {
            Issue.record("not objects")
            return
        }
        #expect(nativeObject["Resources"] == .object(["CloudTenantResources": .null]))
        #expect(compactObject["Resources"] == .object(["CloudTenantResources": .array([])]))
    }
}
