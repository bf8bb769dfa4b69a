import Foundation
import TestSupport
import Testing

/// `--xsd PATH` on the command line: `convert` and `serve` load the overlay, or fail with the reason.
@Suite("Command line: --xsd")
struct XSDCommandLineTests {
    static func xsd(_ name: String) -> String { Fixtures.directory.appendingPathComponent("xsd/\(name)").path }

    let session =
        #"<ReplicaJobSession xmlns="http://www.veeam.com/ent/v1.0"><JobType>5</JobType><Progress>100</Progress></ReplicaJobSession>"#

    @Test("convert --xsd changes the output where the XSD says so")
    func convert() async throws {
        let plain = try await CommandLineTests.run(["convert", "-"], stdin: session)
        #expect(plain.status == 0)
        #expect(plain.out.contains(#""JobType":"5""#) && plain.out.contains(#""Progress":100"#))
        let overlaid = try await CommandLineTests.run(["convert", "--xsd", Self.xsd("scalars.xsd"), "-"], stdin: session)
        #expect(overlaid.status == 0)
        #expect(overlaid.out.contains(#""JobType":5"#) && overlaid.out.contains(#""Progress":"100""#))
        #expect(overlaid.err.isEmpty)
    }

    @Test("convert --xsd with a refused or missing file exits 1 and says why")
    func refused() async throws {
        let doctype = try await CommandLineTests.run(["convert", "--xsd", Self.xsd("doctype.xsd"), "-"], stdin: session)
        #expect(doctype.status == 1)
        #expect(doctype.err.contains("forbiddenDTD"))
        #expect(doctype.out.isEmpty)
        let missing = try await CommandLineTests.run(["convert", "--xsd", Self.xsd("missing.xsd"), "-"], stdin: session)
        #expect(missing.status == 1)
        #expect(missing.err.contains("unreadableFile"))
    }

    @Test("serve --xsd with a malformed file stops before listening")
    func serveMalformed() async throws {
        let result = try await withTimeout(60) {
            try await CommandLineTests.run(["serve", "--demo", "--listen", "127.0.0.1:0", "--xsd", Self.xsd("malformed.xsd")])
        }
        #expect(result.status == 1)
        #expect(result.err.contains("malformedXSD"))
        #expect(!result.out.contains("listening"))
    }
}
