import EMGateway
import EMTranslate
import Testing

/// The comparison of `verify`, without I/O: each difference class, and what is EM's.
@Suite("Verify: the comparison")
struct VerifyComparisonTests {
    static func classes(_ ours: String, _ theirs: String, bom: Bool = false) throws -> [String] {
        let emBytes = (bom ? [0xEF, 0xBB, 0xBF] : []) + Array(theirs.utf8)
        let findings = JSONComparison.compare(
            gateway: try JSONReader.parse(Array(ours.utf8)), em: try JSONReader.parse(emBytes), emBytes: emBytes)
        return findings.map { "\($0.difference) \($0.keyPath)" }
    }

    @Test("EM's known differences are classified as EM's")
    func known() throws {
        #expect(try Self.classes(#"{"A":1}"#, #"{"A":1}"#, bom: true) == ["byteOrderMark (document)"])
        #expect(
            try Self.classes(#"{"S":{"Time":"14:00:00.0000000+01:00"}}"#, #"{"S":{"Time":"2019-10-23T14:00:00"}}"#) == ["timeOfDay S.Time"])
        #expect(
            try Self.classes(#"{"JobScheduleOptions":{"Href":null}}"#, #"{"JobScheduleOptions":{"Href":""}}"#) == [
                "emptyScheduleHref JobScheduleOptions.Href"
            ])
        #expect(
            try Self.classes(#"{"JobScheduleOptions":{}}"#, #"{"JobScheduleOptions":{"Href":""}}"#) == [
                "emptyScheduleHref JobScheduleOptions.Href"
            ])
        #expect(
            try Self.classes(
                #"{"Links":[{"Href":"https://em01:9398/api/jobs/1"}]}"#, #"{"Links":[{"Href":"http://localhost:9399/api/jobs/1"}]}"#)
                == ["linkBase Links[].Href"])
        #expect(
            try Self.classes(#"{"FailedJobRuns":2,"Periods":[{"Name":"a"}]}"#, #"{"failedJobRuns":2,"periods":[{"name":"a"}]}"#)
                == ["keyCase FailedJobRuns", "keyCase Periods", "keyCase Periods[].Name"])
        #expect(try Self.classes(#"{"A":1,"B":2}"#, #"{"B":2,"A":1}"#) == [])
        // A key-case finding carries the values' JSON types, and EM's spelling as its value.
        let keyCase = JSONComparison.compare(
            gateway: try JSONReader.parse(Array(#"{"FailedJobRuns":2}"#.utf8)),
            em: try JSONReader.parse(Array(#"{"failedJobRuns":2}"#.utf8)))
        #expect(keyCase.map { "\($0.gatewayType ?? "-") \($0.emType ?? "-") \($0.emValue ?? "-")" } == ["number number failedJobRuns"])
    }

    @Test("every other difference is the gateway's, by class")
    func gateway() throws {
        #expect(try Self.classes(#"{"A":1}"#, #"{"A":"1"}"#) == ["jsonType A"])
        #expect(try Self.classes(#"{"A":true}"#, #"{"A":1}"#) == ["jsonType A"])
        #expect(try Self.classes(#"{"A":1}"#, #"{"A":1.0}"#) == ["number A"])
        #expect(try Self.classes(#"{"A":"x"}"#, #"{"A":"y"}"#) == ["value A"])
        #expect(
            try Self.classes(#"{"Time":"x","B":{"Href":"x"}}"#, #"{"Time":"y","B":{"Href":""}}"#) == ["timeOfDay Time", "value B.Href"])
        #expect(try Self.classes(#"{"A":1}"#, #"{}"#) == ["extraKey A"])
        #expect(try Self.classes(#"{}"#, #"{"A":1}"#) == ["missingKey A"])
        #expect(try Self.classes(#"{"A":null}"#, #"{}"#) == ["nullVsAbsent A"])
        #expect(try Self.classes(#"{}"#, #"{"A":null}"#) == ["nullVsAbsent A"])
        #expect(try Self.classes(#"{"Days":["Mo"]}"#, #"{"Days":"Mo"}"#) == ["listShape Days"])
        #expect(try Self.classes(#"{"X":{"Xs":null}}"#, #"{"X":{"Xs":[]}}"#) == ["listShape X.Xs"])
        #expect(try Self.classes(#"{"Xs":[1,2]}"#, #"{"Xs":[1]}"#) == ["listShape Xs"])
        #expect(
            try Self.classes(#"{"Links":[{"Href":"https://em01/api/jobs/1"}]}"#, #"{"Links":[{"Href":"https://em01/api/jobs/2"}]}"#)
                == ["value Links[].Href"])
    }

    @Test("a second fetch marks what changed as volatile, and nothing else")
    func settle() throws {
        func parse(_ text: String) throws -> JSONValue { try JSONReader.parse(Array(text.utf8)) }
        let ours = try parse(#"{"Name":"a","Count":1,"Time":"14:00:00"}"#)
        let first = try parse(#"{"Name":"b","Count":2,"Time":"2019-10-23T14:00:00"}"#)
        let second = try parse(#"{"Name":"c","Count":2,"Time":"2019-10-24T14:00:00"}"#)
        let findings = JSONComparison.compare(gateway: ours, em: first)
        let settled = JSONComparison.settle(findings, first: (ours, first), second: (ours, second))
        #expect(settled.map { "\($0.keyPath) \($0.isVolatile)" } == ["Name true", "Count false", "Time false"])
        #expect(settled.first { $0.keyPath == "Time" }?.difference.isEMKnown == true)
    }
}
