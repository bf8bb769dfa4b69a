import EMSchema
import EMTranslate
import Foundation

/// A small hand-written schema for testing the converter's rules independently of the spec.
enum TestModel {
    static let model: SchemaModel = {
        // 0 Link, 1 Session, 2 Wrapper list, 3 Day (text + attribute), 4 Item, 5 Refs
        let link = ComplexType(
            name: "Link",
            members: [
                Member(jsonName: "Rel", xmlName: "Rel", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true),
                Member(jsonName: "Name", xmlName: "Name", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "Type", xmlName: "Type", kind: .attribute, value: .scalar(.string)),
            ])
        let session = ComplexType(
            name: "Session",
            members: [
                Member(jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true),
                Member(jsonName: "Links", xmlName: "Links", kind: .element, shape: .wrapped(item: "Link"), value: .complex(0)),
                Member(jsonName: "Progress", xmlName: "Progress", kind: .element, value: .scalar(.integer)),
                Member(jsonName: "IsRetry", xmlName: "IsRetry", kind: .element, value: .scalar(.boolean)),
                Member(jsonName: "Ratio", xmlName: "Ratio", kind: .element, value: .scalar(.number)),
                Member(jsonName: "Name", xmlName: "Name", kind: .element, value: .scalar(.string)),
                Member(jsonName: "EndTimeUTC", xmlName: "EndTimeUTC", kind: .element, value: .scalar(.string)),
                Member(jsonName: "Days", xmlName: "Days", kind: .element, shape: .repeated, value: .scalar(.string)),
                Member(jsonName: "Resources", xmlName: "Resources", kind: .element, value: .complex(2)),
                Member(jsonName: "RetrySpecified1", xmlName: "RetrySpecified", kind: .element, value: .scalar(.boolean)),
                Member(jsonName: "Day", xmlName: "Day", kind: .element, value: .complex(3)),
            ])
        let wrapper = ComplexType(
            name: "ItemList",
            members: [
                Member(jsonName: "Items", xmlName: "Item", kind: .element, shape: .repeated, value: .complex(4))
            ])
        let day = ComplexType(
            name: "Day",
            members: [
                Member(jsonName: "Name", xmlName: "Name", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "Value", xmlName: "", kind: .text, value: .scalar(.string)),
            ])
        let item = ComplexType(
            name: "Item",
            members: [
                Member(jsonName: "Id", xmlName: "Id", kind: .attribute, value: .scalar(.integer))
            ])
        let refs = ComplexType(
            name: "EntityReferences",
            members: [
                Member(jsonName: "Refs", xmlName: "Ref", kind: .element, shape: .repeated, value: .complex(4))
            ])
        return SchemaModel(
            types: [link, session, wrapper, day, item, refs],
            rootElements: ["Session": 1, "EntityReferences": 5])
    }()

    static let schema = TranslationSchema(model: model)

    /// Converts `xml` whole and parses the JSON with Foundation (tests only).
    static func convert(_ xml: String, dialect: JSONDialect = .native, base: String? = nil) throws -> Any {
        let configuration = XMLToJSONConverter.Configuration(
            linkRewriter: base.map { LinkRewriter(publicBaseURL: $0) }, dialect: dialect)
        let bytes = try XMLToJSONConverter.convert(Array(xml.utf8), schema: schema, configuration: configuration)
        return try JSONSerialization.jsonObject(with: Data(bytes), options: [.fragmentsAllowed])
    }

    static func convertText(_ xml: String, dialect: JSONDialect = .native) throws -> String {
        let configuration = XMLToJSONConverter.Configuration(dialect: dialect)
        return String(
            decoding: try XMLToJSONConverter.convert(Array(xml.utf8), schema: schema, configuration: configuration), as: UTF8.self)
    }
}
