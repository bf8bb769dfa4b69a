import EMUpstream
import Foundation
import Testing
import Yams

/// Every GET operation of `openapi/em-gateway.yaml`, called through the gateway
/// in front of the simulator (what `serve --demo` runs), answers JSON that validates against the
/// operation's `200` schema. Path parameters are real IDs taken from the demo world by following
/// the gateway's own Hrefs; operations with a `format` (or `action`) parameter are called once more
/// per value; `/api/lookup` gets the `host` it needs (the UID of the demo's first hierarchy root).
/// Every item path must be reachable from `/api/` by following links (a job is started first, so
/// the task paths have a task to show); members of types whose body EM's reference does not show
/// are counted and printed (see ``SpecConformanceValidator``).
@Suite("Spec conformance of GET answers")
struct SpecConformanceTests {
    @Test("every GET operation of the spec answers JSON valid against its 200 schema")
    func everyGetOperationAnswersValidJSON() async throws {
        try await DemoStack.with { stack in
            let document = try SpecConformanceOperation.loadDocument()
            let operations = try SpecConformanceOperation.gets(in: document)
            let validator = SpecConformanceValidator(document: document)
            let token = try await stack.logOn()
            // Tasks exist once an action has run: start a job, as a client would.
            let job = try await WriteEndToEndTests.jobID(stack, token)
            let started = try await stack.call("POST", "/api/jobs/\(job)?action=start", headers: [DemoStack.session(token)])
            #expect(started.status == 202)
            let resolver = SpecConformancePathResolver(stack: stack, token: token)
            var valid = 0
            var calls = 0
            var unreached: [String] = []
            var gaps: [String] = []
            for operation in operations {
                guard let schema = operation.schema else {
                    Issue.record("GET \(operation.path): the spec gives no application/json schema for 200")
                    continue
                }
                guard let path = try await resolver.resolve(operation.path) else {
                    unreached.append(operation.path)
                    continue
                }
                var problems: [String] = []
                var queries = operation.queries
                if operation.takesHost {
                    let host = try #require(try await resolver.firstUID(of: "/api/hierarchyRoots"), "no hierarchy root")
                    queries = queries.map { "host=\(host)" + ($0.isEmpty ? "" : "&" + $0) }
                }
                for query in queries {
                    let target = path + (query.isEmpty ? "" : (path.contains("?") ? "&" : "?") + query)
                    let answer = try await stack.call("GET", target, headers: [DemoStack.session(token)])
                    calls += 1
                    guard answer.status == 200 else {
                        problems.append("GET \(target): status \(answer.status): \(answer.text.prefix(300))")
                        continue
                    }
                    guard answer.header("Content-Type")?.hasPrefix("application/json") == true else {
                        problems.append("GET \(target): Content-Type \(answer.header("Content-Type") ?? "none")")
                        continue
                    }
                    let json = try SpecConformanceJSON.parse(answer.body)
                    let reports = validator.mismatches(json, schema)
                    gaps += reports.filter(SpecConformanceValidator.isGap).map { "GET \(target): " + $0 }
                    let mismatches = reports.filter { !SpecConformanceValidator.isGap($0) }
                    if !mismatches.isEmpty {
                        problems.append("GET \(target) (\(operation.id)):\n  " + mismatches.joined(separator: "\n  "))
                    }
                }
                if problems.isEmpty { valid += 1 }
                for problem in problems { Issue.record(Comment(rawValue: problem)) }
            }
            #expect(operations.count > 180, "the spec lost its GET operations")
            #expect(unreached.isEmpty, "GET paths the demo world has no data to reach: \(unreached)")
            #expect(valid == operations.count, "every GET operation answers valid JSON")
            print(
                "spec conformance: \(valid)/\(operations.count) GET operations answered JSON valid against the spec "
                    + "(\(calls) calls; \(unreached.count) unreachable item paths)")
            if !unreached.isEmpty { print("spec conformance: without data in the demo world: \(unreached.joined(separator: ", "))") }
            print("spec conformance: \(gaps.count) members of types the spec documents no members of:")
            for gap in gaps { print("  " + gap) }
        }
    }

    /// The validator itself reports each kind of mismatch with its JSON path, so the test above can fail.
    @Test("the validator reports wrong types, enums, unknown and missing members, and oneOf misses")
    func validatorReportsMismatches() throws {
        let spec = """
            components:
              schemas:
                Base:
                  type: object
                  properties:
                    Href: {type: [string, "null"]}
                Item:
                  allOf:
                    - $ref: "#/components/schemas/Base"
                    - type: object
                      properties:
                        State: {type: [string, "null"], enum: [Stopped, Working, null]}
                        Count: {type: [integer, "null"]}
                        Tags: {type: [array, "null"], items: {type: string}}
                        Since: {type: [boolean, "null"], x-em-omit-when-absent: true}
                Ref:
                  type: object
                  properties:
                    Href: {type: [string, "null"]}
            """
        let document = try #require(try Yams.load(yaml: spec) as? [String: Any])
        let validator = SpecConformanceValidator(document: document)
        let item: Any = ["$ref": "#/components/schemas/Item"]
        func check(_ json: String, _ schema: Any) throws -> [String] {
            validator.mismatches(try SpecConformanceJSON.parse(Array(json.utf8)), schema)
        }
        #expect(try check(#"{"Href":null,"State":"Stopped","Count":3,"Tags":["a"]}"#, item).isEmpty)
        #expect(try check(#"{"Href":"h","State":null,"Count":null,"Tags":null}"#, item).isEmpty)
        // A member of newer EMs may be missing, but when present it is checked like any other.
        #expect(try check(#"{"Href":"h","State":null,"Count":null,"Tags":null,"Since":true}"#, item).isEmpty)
        #expect(
            try check(#"{"Href":"h","State":null,"Count":null,"Tags":null,"Since":"yes"}"#, item)
                == [#"$.Since: "yes" is not of type boolean|null"#])
        #expect(try check(#"{"Href":1,"State":"Stopped","Count":3,"Tags":[]}"#, item) == [#"$.Href: 1 is not of type null|string"#])
        let wrong = try check(#"{"Href":null,"State":"Gone","Count":true,"Tags":[2]}"#, item)
        #expect(
            wrong == [
                "$.Count: true is not of type integer|null",
                #"$.State: "Gone" is not one of the enum ["Stopped", "Working", "null"]"#,
                "$.Tags[0]: 2 is not of type string",
            ])
        #expect(
            try check(#"{"Href":null,"State":null,"Tags":null,"Extra":1}"#, item) == [
                "$: member Extra is not in the schema", "$: member Count is missing",
            ])
        let either: Any = ["oneOf": [["$ref": "#/components/schemas/Ref"], item]]
        #expect(try check(#"{"Href":"h"}"#, either).isEmpty)
        #expect(try check(#"{"Href":null,"State":null,"Count":1,"Tags":null}"#, either).isEmpty)
        let none = try check(#"{"Href":2}"#, either)
        #expect(none.first == "$: matches no branch of oneOf (Ref, Item); the closest says:")
        #expect(none.dropFirst().first == "    $.Href: 2 is not of type null|string")
        let empty: Any = ["allOf": [["$ref": "#/components/schemas/Ref"], ["type": "object", "properties": [String: Any]()]]]
        #expect(try check(#"{"Href":"h","Event":1}"#, empty) == ["undocumented: $: member Event is not in the schema"])
        #expect(try check(#"{"Event":1}"#, empty) == ["undocumented: $: member Event is not in the schema", "$: member Href is missing"])
        let twice: Any = ["oneOf": [["$ref": "#/components/schemas/Ref"], ["$ref": "#/components/schemas/Ref"]]]
        #expect(try check(#"{"Href":"h"}"#, twice) == ["$: matches 2 branches of oneOf (Ref, Ref), not exactly one"])
    }
}
