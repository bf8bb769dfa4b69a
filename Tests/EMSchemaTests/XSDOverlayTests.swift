import EMSchema
import Foundation
import Testing

/// `SchemaModel.overlay(xsd:)`: an EM `RestAPI.xsd` laid over the built-in model, on small XSDs
/// written for these tests (`Tests/Fixtures/xsd/`).
@Suite("XSD overlay: the model")
struct XSDOverlayTests {
    static func fixture(_ name: String) throws -> [UInt8] {
        Array(try Data(contentsOf: TestSupport.url("Tests/Fixtures/xsd/\(name)")))
    }

    static func overlay(_ name: String) throws -> XSDOverlay {
        try SchemaModel.builtIn.overlay(xsd: fixture(name))
    }

    /// The types other than `changed` are the built-in ones, with the same `TypeID`s.
    static func expectOthersUnchanged(_ model: SchemaModel, except changed: Set<String>, sourceLocation: SourceLocation = #_sourceLocation)
    {
        let builtIn = SchemaModel.builtIn
        #expect(model.types.count >= builtIn.types.count, sourceLocation: sourceLocation)
        for (id, type) in builtIn.types.enumerated() where !changed.contains(type.name) {
            #expect(model.types[id] == type, "\(type.name) changed", sourceLocation: sourceLocation)
        }
    }

    static func elementNames(_ type: ComplexType) -> [String] {
        type.members.filter { $0.kind == .element }.map(\.xmlName)
    }

    @Test("elements follow the XSD's order; attributes keep their places, members the XSD lacks are kept")
    func reorder() throws {
        let overlay = try Self.overlay("reorder.xsd")
        let session = try #require(overlay.model.type(named: "ReplicaJobSession"))
        #expect(
            Self.elementNames(session) == [
                "Links", "IsRetry", "JobName", "JobUid", "JobType", "Result", "State", "Progress", "CreationTimeUTC", "EndTimeUTC",
                "FailureMessage",
            ])
        #expect(session.members.prefix(5).map(\.xmlName) == ["Links", "Href", "Type", "Name", "UID"])
        // Facts the XSD cannot say survive: Links stays a read-only wrapped list, Href a link.
        let builtIn = try #require(SchemaModel.builtIn.type(named: "ReplicaJobSession"))
        #expect(session.member(xmlName: "Links") == builtIn.member(xmlName: "Links"))
        #expect(session.member(xmlName: "Href")?.isLink == true)
        #expect(Set(session.members.map(\.jsonName)) == Set(builtIn.members.map(\.jsonName)))
        #expect(overlay.overlaidTypes == ["ReplicaJobSession"])
        #expect(overlay.addedTypes.isEmpty && overlay.addedRootElements.isEmpty && overlay.skipped.isEmpty)
        Self.expectOthersUnchanged(overlay.model, except: ["ReplicaJobSession"])
    }

    @Test("an added element, bare list and attribute take the XSD's typing; base types are overlaid too")
    func additions() throws {
        let overlay = try Self.overlay("additions.xsd")
        let session = try #require(overlay.model.type(named: "ReplicaJobSession"))
        #expect(Self.elementNames(session).suffix(3) == ["IsRetry", "RetryCount", "Labels"])
        #expect(
            session.member(xmlName: "RetryCount")
                == Member(jsonName: "RetryCount", xmlName: "RetryCount", kind: .element, value: .scalar(.integer)))
        #expect(
            session.member(xmlName: "Labels")
                == Member(jsonName: "Labels", xmlName: "Labels", kind: .element, shape: .wrapped(item: "Label"), value: .scalar(.string)))
        #expect(
            session.member(xmlName: "Platform")
                == Member(jsonName: "Platform", xmlName: "Platform", kind: .attribute, value: .scalar(.string)))
        #expect(session.member(xmlName: "Progress")?.value == .scalar(.integer))
        #expect(session.member(xmlName: "IsRetry")?.value == .scalar(.boolean))
        // JobSessionEntityType → JobSession: the same elements in the same order, so unchanged.
        #expect(overlay.overlaidTypes.sorted() == ["JobSession", "ReplicaJobSession"])
        #expect(overlay.addedTypes.isEmpty)
        // The include is never fetched and xs:anyAttribute is not mapped: both skipped, counted.
        #expect(overlay.skipped.count == 2)
        #expect(overlay.skipped.contains { $0.contains("include") })
        #expect(overlay.skipped.contains { $0.contains("anyAttribute") })
        Self.expectOthersUnchanged(overlay.model, except: ["ReplicaJobSession"])
    }

    @Test("scalar types follow the XSD (through its own simple types), with XSD as the default namespace")
    func scalars() throws {
        let overlay = try Self.overlay("scalars.xsd")
        let session = try #require(overlay.model.type(named: "ReplicaJobSession"))
        #expect(SchemaModel.builtIn.type(named: "ReplicaJobSession")?.member(xmlName: "JobType")?.value == .scalar(.string))
        #expect(session.member(xmlName: "JobType")?.value == .scalar(.integer))
        #expect(session.member(xmlName: "Progress")?.value == .scalar(.string))
        #expect(session.member(xmlName: "IsRetry")?.value == .scalar(.boolean))
        #expect(session.member(xmlName: "CreationTimeUTC")?.value == .scalar(.string))
        Self.expectOthersUnchanged(overlay.model, except: ["ReplicaJobSession"])
    }

    @Test("new types and root elements: an entity and its ListType list with the plural JSON name")
    func newListType() throws {
        let builtIn = SchemaModel.builtIn
        #expect(builtIn.rootType(forElement: "CopyPolicies") == nil)
        let overlay = try Self.overlay("new-list.xsd")
        let model = overlay.model
        #expect(overlay.addedRootElements == ["CopyPolicies", "CopyPolicy"])
        #expect(Set(overlay.addedTypes) == ["CopyPolicy", "CopyPolicies"])
        let policyID = try #require(model.rootType(forElement: "CopyPolicy"))
        let listID = try #require(model.rootType(forElement: "CopyPolicies"))
        #expect(policyID >= builtIn.types.count && listID >= builtIn.types.count)
        let list = model.types[listID]
        #expect(list.name == "CopyPolicies" && list.isListType)
        #expect(
            list.members == [
                Member(jsonName: "CopyPolicies", xmlName: "CopyPolicy", kind: .element, shape: .repeated, value: .complex(policyID))
            ])
        let policy = model.types[policyID]
        #expect(policy.members.map(\.xmlName) == ["Links", "Href", "Type", "Description", "RetainDays", "Enabled", "Ratio", "Name"])
        let linkID = try #require(builtIn.typesByName["Link"])
        #expect(policy.member(xmlName: "Links")?.shape == .wrapped(item: "Link"))
        #expect(policy.member(xmlName: "Links")?.value == .complex(linkID))
        // Inherited from ResourceType = the model's Resource: Href is still a link to rewrite.
        #expect(policy.member(xmlName: "Href")?.isLink == true)
        #expect(policy.member(xmlName: "RetainDays")?.value == .scalar(.integer))
        #expect(policy.member(xmlName: "Enabled")?.value == .scalar(.boolean))
        #expect(policy.member(xmlName: "Ratio")?.value == .scalar(.number))
        #expect(policy.member(xmlName: "Name")?.kind == .attribute)
        Self.expectOthersUnchanged(model, except: [])
    }

    @Test("the 2017 RestAPI.xsd's shape (trimmed) leaves the built-in model as it is")
    func restAPI2017Shape() throws {
        let overlay = try Self.overlay("restapi-2017-trimmed.xsd")
        #expect(overlay.model == SchemaModel.builtIn)
        #expect(
            Set(overlay.overlaidTypes) == [
                "EntityRef", "EntityReferences", "ReplicaJobSession", "ReplicaJobSessions", "Link", "Resource", "Entity", "JobSession",
                "TimePeriods", "TimePeriodDay",
            ])
        #expect(overlay.addedTypes.isEmpty && overlay.addedRootElements.isEmpty)
        #expect(overlay.skipped.isEmpty)
    }

    @Test("a malformed XSD throws malformedXSD")
    func malformed() throws {
        #expect(throws: SchemaError(.malformedXSD, "")) { try Self.overlay("malformed.xsd") }
        #expect(throws: SchemaError(.malformedXSD, "")) { try SchemaModel.builtIn.overlaying(xsd: []) }
        // Well-formed, but not an XSD.
        #expect(throws: SchemaError(.malformedXSD, "")) {
            try SchemaModel.builtIn.overlaying(xsd: Array(#"<ReplicaJobSession xmlns="http://www.veeam.com/ent/v1.0"/>"#.utf8))
        }
        do {
            _ = try Self.overlay("malformed.xsd")
        } catch let error as SchemaError {
            #expect(error.message.contains("line 6"))
        }
    }

    @Test("a DOCTYPE, an entity declaration or an undeclared entity is refused with forbiddenDTD")
    func doctype() throws {
        #expect(throws: SchemaError(.forbiddenDTD, "")) { try Self.overlay("doctype.xsd") }
        let undeclared = #"<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema"><xs:element name="&x;"/></xs:schema>"#
        #expect(throws: SchemaError(.forbiddenDTD, "")) { try SchemaModel.builtIn.overlaying(xsd: Array(undeclared.utf8)) }
    }

    @Test("the path convenience reads the file, and names a missing one")
    func file() throws {
        let path = TestSupport.url("Tests/Fixtures/xsd/scalars.xsd").path
        #expect(try SchemaModel.builtIn.overlaying(xsdFile: path) == Self.overlay("scalars.xsd").model)
        #expect(throws: SchemaError(.unreadableFile, "")) { try SchemaModel.builtIn.overlaying(xsdFile: path + ".missing") }
    }
}
