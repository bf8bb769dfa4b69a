import EMGateway
import Foundation
import Testing

/// Bearer tokens and their salted-hash file (service-account mode).
@Suite("Bearer tokens")
struct BearerTokenTests {
    @Test("generated tokens are long, random and URL-safe")
    func generated() {
        let tokens = (0..<50).map { _ in BearerToken.generate() }
        #expect(Set(tokens).count == 50)
        for token in tokens {
            #expect(token.hasPrefix("emg_"))
            #expect(token.count == 4 + 43)
            #expect(token.dropFirst(4).allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
        }
    }

    @Test("a hash line accepts its token and no other; the salt makes equal tokens hash differently")
    func hashLines() throws {
        let token = BearerToken.generate()
        let line = try BearerToken.hashLine(name: "portal", token: token)
        let parts = line.split(separator: ":")
        #expect(parts.count == 3)
        #expect(parts[0] == "portal")
        #expect(parts[1].count == 32)
        #expect(parts[2].count == 64)
        #expect(!line.contains(token))
        #expect(try BearerToken.hashLine(name: "portal", token: token) != line)

        let other = BearerToken.generate()
        let list = try BearerTokenList(
            parsing: """
                # service-account clients

                \(line)
                reports:\(try BearerToken.hashLine(name: "reports", token: other).split(separator: ":").dropFirst().joined(separator: ":"))\r
                """)
        #expect(list.names == ["portal", "reports"])
        #expect(list.client(for: token) == "portal")
        #expect(list.client(for: other) == "reports")
        #expect(list.client(for: token + "x") == nil)
        #expect(list.client(for: String(token.dropLast())) == nil)
        #expect(list.client(for: "") == nil)
    }

    @Test("a known vector: HMAC-SHA-256 keyed with the salt")
    func knownVector() throws {
        // RFC 4231 test case 2: key "Jefe", data "what do ya want for nothing?".
        let line = try BearerToken.hashLine(name: "x", token: "what do ya want for nothing?", salt: Array("Jefe".utf8))
        #expect(line == "x:4a656665:5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
    }

    @Test("malformed files are refused with the line number, never the line's text")
    func malformed() throws {
        let good = try BearerToken.hashLine(name: "a", token: "t")
        let salt = good.split(separator: ":")[1]
        let hash = good.split(separator: ":")[2]
        let cases: [(String, Int)] = [
            ("a:\(salt)", 1),
            ("\n\(good)\na:\(salt):\(hash)", 3),
            ("b c:\(salt):\(hash)", 1),
            ("b:zz:\(hash)", 1),
            ("b:0102:\(hash)", 1),
            ("b:\(salt):\(hash.dropLast(2))", 1),
            (":\(salt):\(hash)", 1),
        ]
        for (text, line) in cases {
            #expect {
                _ = try BearerTokenList(parsing: text)
            } throws: { error in
                guard let error = error as? BearerTokenList.FormatError else { return false }
                return error.line == line && !error.description.contains(String(hash))
            }
        }
        #expect(throws: BearerTokenList.FormatError.self) { try BearerToken.hashLine(name: "has:colon", token: "t") }
    }

    @Test("em-gateway token new prints a token and a line that accepts it; token hash reproduces the check")
    func tokenCommand() async throws {
        let new = try await CommandLineTests.run(["token", "new", "portal"])
        #expect(new.status == 0)
        let lines = new.out.split(separator: "\n").map(String.init)
        #expect(lines.count == 2)
        let list = try BearerTokenList(parsing: lines[1])
        #expect(list.client(for: lines[0]) == "portal")

        let hashed = try await CommandLineTests.run(["token", "hash", "cli"], stdin: lines[0] + "\n")
        #expect(hashed.status == 0)
        #expect(try BearerTokenList(parsing: hashed.out).client(for: lines[0]) == "cli")

        let empty = try await CommandLineTests.run(["token", "hash", "cli"], stdin: "")
        #expect(empty.status != 0)
    }
}

@Suite("Service account configuration")
struct ServiceAccountConfigurationTests {
    @Test("printing the configuration never shows the password")
    func redacted() throws {
        let configuration = ServiceAccountConfiguration(
            user: "svc", password: "hunter2-secret", tokens: try BearerTokenList(parsing: try BearerToken.hashLine(name: "a", token: "t")))
        for text in ["\(configuration)", String(reflecting: configuration), String(describing: configuration)] {
            #expect(!text.contains("hunter2-secret"))
            #expect(text.contains("svc"))
        }
    }
}
