import HTTPTypes
import Testing

@testable import EMGateway

/// CIDR ranges, `Forwarded` and `X-Forwarded-For` parsing, without a server.
@Suite("Trusted proxies")
struct TrustedProxiesTests {
    @Test func rangesMatchIPv4IPv6AndMappedAddresses() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8", "192.168.1.10", "fd00::/8"])
        #expect(proxies.contains("10.200.3.4"))
        #expect(!proxies.contains("11.0.0.1"))
        #expect(proxies.contains("192.168.1.10"))
        #expect(!proxies.contains("192.168.1.11"))
        #expect(proxies.contains("fd12:3456::1"))
        #expect(!proxies.contains("fe80::1"))
        #expect(proxies.contains("::ffff:10.9.8.7"), "IPv4-mapped IPv6 matches IPv4 ranges")
        #expect(!proxies.contains("not an address"))
        #expect(throws: GatewayError.self) { try TrustedProxies(["10.0.0.0/33"]) }
        #expect(throws: GatewayError.self) { try TrustedProxies(["example.com"]) }
    }

    @Test func clientIsTheFirstUntrustedHopFromTheRight() throws {
        let proxies = try TrustedProxies(["10.0.0.0/8"])
        var fields = HTTPFields()
        fields[HTTPField.Name("X-Forwarded-For")!] = "1.1.1.1, 2.2.2.2, 10.0.0.5"
        #expect(proxies.clientAddress(peer: "10.0.0.1", fields: fields) == "2.2.2.2")
        #expect(proxies.clientAddress(peer: "8.8.8.8", fields: fields) == "8.8.8.8", "an untrusted peer is the client")
        fields[HTTPField.Name("Forwarded")!] = #"for=3.3.3.3, for="[2001:db8::17]:4711""#
        #expect(proxies.clientAddress(peer: "10.0.0.1", fields: fields) == "2001:db8::17", "Forwarded wins")
    }

    @Test func hostValidation() {
        for host in ["example.com", "example.com:8443", "127.0.0.1:80", "[::1]:8080", "[2001:db8::1]", "em_gw~1"] {
            #expect(PublicBase.isValidHost(host), "\(host)")
        }
        for host in ["", "a b", "a/b", "x:0", "x:65536", "x:", "[::1", "[zz]", "a@b", "<script>"] {
            #expect(!PublicBase.isValidHost(host), "\(host)")
        }
    }
}
