import EMSchema
import EMSchemaCompiler
import Testing

/// What the compiler refuses, with which code, and that messages name the culprit.
struct SchemaCompilerErrorTests {
    /// Compiles `schemas`, expecting `code`; returns the message.
    @discardableResult
    private func expectError(
        _ code: SchemaError.Code, _ schemas: String, sourceLocation: SourceLocation = #_sourceLocation
    ) -> String {
        do {
            _ = try SchemaCompiler.compile(yaml: TestSupport.spec(schemas: schemas))
            Issue.record("expected \(code), compiled fine", sourceLocation: sourceLocation)
        } catch let error as SchemaError {
            #expect(error.code == code, "\(error)", sourceLocation: sourceLocation)
            return error.message
        } catch {
            Issue.record("expected SchemaError, got \(error)", sourceLocation: sourceLocation)
        }
        return ""
    }

    @Test func unresolvedPropertyReference() {
        let message = expectError(
            .unresolvedReference,
            """
            Holder:
              type: object
              properties:
                Thing: {$ref: '#/components/schemas/Missing'}
            """)
        #expect(message.contains("Holder") && message.contains("Thing") && message.contains("Missing"))
    }

    @Test func unresolvedReferenceInAllOfAndItems() {
        expectError(
            .unresolvedReference,
            """
            Leaf:
              allOf:
                - $ref: '#/components/schemas/NoBase'
                - type: object
                  properties:
                    A: {type: string}
            """)
        expectError(
            .unresolvedReference,
            """
            Holder:
              type: object
              properties:
                List: {type: array, items: {$ref: '#/components/schemas/Nope'}}
            """)
    }

    @Test func duplicateRootElement() {
        let message = expectError(
            .duplicateRootElement,
            """
            First:
              type: object
              xml: {name: Same}
              properties:
                A: {type: string}
            Second:
              type: object
              xml: {name: Same}
              properties:
                B: {type: string}
            """)
        #expect(message.contains("First") && message.contains("Second") && message.contains("Same"))
    }

    @Test func arrayWithoutItems() {
        let message = expectError(
            .missingItems,
            """
            Holder:
              type: object
              properties:
                List: {type: array, xml: {nodeType: element}}
            """)
        #expect(message.contains("Holder") && message.contains("List"))
    }

    @Test func unmappedXMLCombinations() {
        // An attribute cannot be a list.
        expectError(
            .unsupportedXML,
            """
            Holder:
              type: object
              properties:
                List: {type: array, xml: {nodeType: attribute}, items: {type: string}}
            """)
        // Text content must be a scalar called Value.
        expectError(
            .unsupportedXML,
            """
            Holder:
              type: object
              properties:
                Text: {type: string, xml: {nodeType: text}}
            """)
        expectError(
            .unsupportedXML,
            """
            Inner:
              type: object
              properties:
                A: {type: string}
            Holder:
              type: object
              properties:
                Value: {$ref: '#/components/schemas/Inner', xml: {nodeType: text}}
            """)
        // An attribute cannot hold an object.
        expectError(
            .unsupportedXML,
            """
            Inner:
              type: object
              properties:
                A: {type: string}
            Holder:
              type: object
              properties:
                Attr: {$ref: '#/components/schemas/Inner', xml: {nodeType: attribute}}
            """)
        // A repeated array has no element of its own to rename.
        expectError(
            .unsupportedXML,
            """
            Holder:
              type: object
              properties:
                Days: {type: array, xml: {name: Day}, items: {type: string}}
            """)
        // cdata is not mapped.
        expectError(
            .unsupportedXML,
            """
            Holder:
              type: object
              properties:
                Body: {type: string, xml: {nodeType: cdata}}
            """)
    }

    @Test func unmappedSchemaShapes() {
        expectError(
            .unsupportedSchema,
            """
            Holder:
              type: object
              properties:
                Inline:
                  type: object
                  properties:
                    A: {type: string}
            """)
        expectError(
            .unsupportedSchema,
            """
            Holder:
              type: object
              properties:
                Either:
                  oneOf:
                    - type: string
                    - type: integer
            """)
        expectError(
            .unsupportedSchema,
            """
            Union:
              oneOf:
                - type: string
                - type: integer
            """)
    }

    @Test func cyclicAllOf() {
        expectError(
            .cyclicReference,
            """
            A:
              allOf:
                - $ref: '#/components/schemas/B'
            B:
              allOf:
                - $ref: '#/components/schemas/A'
            """)
    }

    @Test func duplicateMembers() {
        let message = expectError(
            .duplicateMember,
            """
            Base:
              type: object
              properties:
                Name: {type: string, xml: {nodeType: attribute}}
            Derived:
              allOf:
                - $ref: '#/components/schemas/Base'
                - type: object
                  properties:
                    OtherName: {type: string, xml: {nodeType: attribute, name: Name}}
            """)
        #expect(message.contains("Derived") && message.contains("Name"))
    }

    @Test func notAnOpenAPIDocument() {
        #expect(throws: SchemaError(.invalidDocument, "")) { try SchemaCompiler.compile(yaml: "just: text") }
        #expect(throws: SchemaError(.invalidDocument, "")) { try SchemaCompiler.compile(yaml: "- [unbalanced") }
    }

    @Test func invalidDocumentOutsideTheSchemas() {
        // A response $ref that names nothing: the schemas map, validation then fails.
        let yaml =
            TestSupport.spec(schemas: "A: {type: object, properties: {B: {type: string}}}") + """

                paths:
                  /x:
                    get:
                      responses:
                        '200':
                          $ref: '#/components/responses/Missing'
                """
        #expect(throws: SchemaError(.invalidDocument, "")) { try SchemaCompiler.compile(yaml: yaml) }
    }
}
