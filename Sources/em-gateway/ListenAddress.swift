import ArgumentParser

/// A `HOST:PORT` listen address (`127.0.0.1:8080`, `[::1]:8080`, `0.0.0.0:0`).
struct ListenAddress: ExpressibleByArgument, CustomStringConvertible {
    var host: String
    var port: Int

    init(host: String, port: Int) {
        self.host = host
        self.port = port
    }

    init?(argument: String) {
        guard let colon = argument.lastIndex(of: ":") else { return nil }
        var host = String(argument[..<colon])
        guard let port = Int(argument[argument.index(after: colon)...]), (0...65535).contains(port) else { return nil }
        if host.hasPrefix("[") && host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        guard !host.isEmpty else { return nil }
        self.host = host
        self.port = port
    }

    /// Parses a `HOST:PORT` setting.
    /// - Throws: ``SettingError/invalid(_:)`` when it is not one.
    static func parse(_ text: String) throws -> ListenAddress {
        guard let address = ListenAddress(argument: text) else { throw SettingError.invalid("be HOST:PORT, e.g. 0.0.0.0:8080") }
        return address
    }

    /// The address as a URL authority (IPv6 hosts in brackets).
    var authority: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }

    var description: String { authority }
}
