import EMSchema
import EMSchemaCompiler
import Testing

/// Mapping rules of `openapi/README.md`, each on a small inline spec.
struct SchemaCompilerMappingTests {
    @Test func scalarsAttributesTextAndRenames() throws {
        let model = try SchemaCompiler.compile(
            yaml: TestSupport.spec(
                schemas: """
                    Thing:
                      type: object
                      properties:
                        Id:
                          type: [string, "null"]
                          xml: {nodeType: attribute}
                        Count:
                          type: [integer, "null"]
                          format: int64
                        Ratio:
                          type: [number, "null"]
                        Enabled:
                          type: [boolean, "null"]
                        Href:
                          type: [string, "null"]
                          format: uri
                          readOnly: true
                          xml: {nodeType: attribute}
                        RetrySpecified1:
                          type: [boolean, "null"]
                          xml: {name: RetrySpecified}
                        Plain:
                          type: string
                          xml: {nodeType: element}
                    Day:
                      type: object
                      properties:
                        Name:
                          type: [string, "null"]
                          xml: {nodeType: attribute, name: DayName}
                        Value:
                          type: [string, "null"]
                          xml: {nodeType: text}
                    """))
        let thing = try #require(model.type(named: "Thing"))
        #expect(
            thing.members == [
                Member(jsonName: "Id", xmlName: "Id", kind: .attribute, value: .scalar(.string)),
                Member(jsonName: "Count", xmlName: "Count", kind: .element, value: .scalar(.integer)),
                Member(jsonName: "Ratio", xmlName: "Ratio", kind: .element, value: .scalar(.number)),
                Member(jsonName: "Enabled", xmlName: "Enabled", kind: .element, value: .scalar(.boolean)),
                Member(
                    jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true,
                    isReadOnly: true),
                Member(jsonName: "RetrySpecified1", xmlName: "RetrySpecified", kind: .element, value: .scalar(.boolean)),
                Member(jsonName: "Plain", xmlName: "Plain", kind: .element, value: .scalar(.string)),
            ])
        let day = try #require(model.type(named: "Day"))
        #expect(day.memberIndex(xmlName: "DayName", kind: .attribute) == 0)
        #expect(day.textMemberIndex == 1)
        #expect(day.members[1] == Member(jsonName: "Value", xmlName: "", kind: .text, value: .scalar(.string)))
        #expect(model.rootElements.isEmpty)
    }

    @Test func wrappedAndRepeatedArrays() throws {
        let model = try SchemaCompiler.compile(
            yaml: TestSupport.spec(
                schemas: """
                    Link:
                      type: object
                      properties:
                        Href: {type: string, format: uri, xml: {nodeType: attribute}}
                    Widget:
                      type: object
                      xml: {name: WidgetElement}
                      properties:
                        Size: {type: integer}
                    Holder:
                      type: object
                      properties:
                        Links:
                          type: [array, "null"]
                          readOnly: true
                          xml: {nodeType: element}
                          items: {$ref: '#/components/schemas/Link', xml: {name: Link}}
                        WidgetList:
                          type: array
                          xml: {nodeType: element, name: Widgets}
                          items: {$ref: '#/components/schemas/Widget'}
                        Paths:
                          type: array
                          xml: {nodeType: element}
                          items: {type: string, format: uri}
                        Days:
                          type: [array, "null"]
                          items: {type: integer, xml: {name: Day}}
                        AllWidgets:
                          type: array
                          xml: {nodeType: none}
                          items: {$ref: '#/components/schemas/Widget'}
                    Refs:
                      type: object
                      properties:
                        Refs:
                          type: array
                          items: {$ref: '#/components/schemas/Link', xml: {name: Ref}}
                    """))
        let link = try #require(model.typesByName["Link"])
        let widget = try #require(model.typesByName["Widget"])
        let holder = try #require(model.type(named: "Holder"))
        #expect(
            holder.members == [
                Member(
                    jsonName: "Links", xmlName: "Links", kind: .element, shape: .wrapped(item: "Link"),
                    value: .complex(link), isReadOnly: true),
                Member(
                    jsonName: "WidgetList", xmlName: "Widgets", kind: .element,
                    shape: .wrapped(item: "WidgetElement"), value: .complex(widget)),
                Member(
                    jsonName: "Paths", xmlName: "Paths", kind: .element, shape: .wrapped(item: "Paths"),
                    value: .scalar(.string), isLink: true),
                Member(jsonName: "Days", xmlName: "Day", kind: .element, shape: .repeated, value: .scalar(.integer)),
                Member(
                    jsonName: "AllWidgets", xmlName: "WidgetElement", kind: .element, shape: .repeated,
                    value: .complex(widget)),
            ])
        #expect(!holder.isListType)
        let refs = try #require(model.type(named: "Refs"))
        #expect(refs.isListType)
        #expect(
            refs.members == [
                Member(jsonName: "Refs", xmlName: "Ref", kind: .element, shape: .repeated, value: .complex(link))
            ])
        #expect(model.rootType(forElement: "WidgetElement") == widget)
    }

    @Test func allOfFlattensBaseFirstAndResolvesReferences() throws {
        let model = try SchemaCompiler.compile(
            yaml: TestSupport.spec(
                schemas: """
                    Uri:
                      type: string
                      format: uri
                    Base:
                      type: object
                      properties:
                        Links: {type: array, xml: {nodeType: element}, items: {type: string, xml: {name: Link}}}
                        Href: {$ref: '#/components/schemas/Uri', readOnly: true, xml: {nodeType: attribute}}
                    Middle:
                      allOf:
                        - $ref: '#/components/schemas/Base'
                        - type: object
                          properties:
                            Name: {type: string, xml: {nodeType: attribute}}
                    Leaf:
                      xml: {name: LeafElement}
                      allOf:
                        - $ref: '#/components/schemas/Middle'
                        - type: object
                          properties:
                            Child:
                              description: a nullable complex value
                              oneOf:
                                - $ref: '#/components/schemas/Base'
                                - type: "null"
                        - type: object
                          properties:
                            Last: {type: [boolean, "null"]}
                    """))
        #expect(model.types.map(\.name) == ["Base", "Middle", "Leaf"])
        let leaf = try #require(model.type(named: "Leaf"))
        #expect(leaf.members.map(\.jsonName) == ["Links", "Href", "Name", "Child", "Last"])
        #expect(
            leaf.members[1]
                == Member(
                    jsonName: "Href", xmlName: "Href", kind: .attribute, value: .scalar(.string), isLink: true,
                    isReadOnly: true))
        #expect(leaf.members[3] == Member(jsonName: "Child", xmlName: "Child", kind: .element, value: .complex(0)))
        #expect(model.rootType(forElement: "LeafElement") == 2)
        #expect(model.rootType(forElement: "Leaf") == nil)
        #expect(model.rootType(forElement: "Base") == nil)
        #expect(model.rootElements.count == 1)
    }

    @Test func compiledModelRoundTripsThroughText() throws {
        let model = try TestSupport.gateway().model
        #expect(try SchemaModel(compiledText: model.compiledText()) == model)
    }
}
