import EMSchema
import EMTranslate
import HTTPTypes
import Hummingbird
import Synchronization

/// Works out a request's ``ResolvedRequest`` once, first thing, for every stage after it.
///
/// Decides: where the request goes (`/api` in any letter case, one of the gateway's own
/// routes, or nothing), the path's decoded and case-folded segments, the documented EM operation
/// it matches (method, path template and `?action=`), its route label, the client's address
/// (through trusted proxies), the public base URL its links are rewritten to, and the
/// representation it gets back.
final class RequestResolver: Sendable {
    let model: SchemaModel
    let negotiation: MediaNegotiation
    let publicBase: PublicBase
    let trustedProxies: TrustedProxies
    /// The gateway's own routes, by path: their route labels.
    let ownRoutes: Set<String>
    // Safe as a Mutex: written once when the server is bound, read by requests after that.
    private let listenBase: Mutex<String>

    /// Creates the resolver.
    /// - Parameters:
    ///   - configuration: the gateway's configuration (public URL, trusted proxies, TLS, defaults).
    ///   - model: the contract's compiled model.
    ///   - ownRoutes: the paths of the gateway's own routes.
    init(configuration: GatewayConfiguration, model: SchemaModel, ownRoutes: Set<String>) {
        self.model = model
        self.negotiation = MediaNegotiation(preferred: configuration.defaultRepresentation, dialect: configuration.dialect)
        self.trustedProxies = configuration.trustedProxies
        self.publicBase = PublicBase(
            configured: configuration.publicBaseURL, scheme: configuration.tls == nil ? "http" : "https",
            trustedProxies: configuration.trustedProxies)
        self.ownRoutes = ownRoutes
        self.listenBase = Mutex(configuration.resolvedPublicBaseURL(boundPort: configuration.port))
    }

    /// Records the bound port: the base URL for requests without `Host`.
    func serverBound(base: String) { listenBase.withLock { $0 = base } }

    /// The base URL derived from the listen address and the bound port.
    var listenBaseURL: String { listenBase.withLock { $0 } }

    /// Resolves one request.
    /// - Parameters:
    ///   - request: the client's request.
    ///   - peer: the socket peer's IP address, or `"unknown"`.
    /// - Returns: the request's resolved facts.
    func resolve(_ request: Request, peer: String) -> ResolvedRequest {
        var resolved = ResolvedRequest()
        let path = request.uri.path
        resolved.clientAddress = trustedProxies.isEmpty ? peer : trustedProxies.clientAddress(peer: peer, fields: request.headers)
        switch publicBase.resolve(fields: request.headers, authority: request.head.authority, peer: peer, fallback: listenBaseURL) {
        case .success(let base): resolved.links = LinkRewriter(publicBaseURL: base)
        case .failure(let fault):
            resolved.hostFault = fault.host
            resolved.links = LinkRewriter(publicBaseURL: listenBaseURL)
        }
        guard RequestTarget.isAPI(path) else {
            if ownRoutes.contains(path) {
                resolved.destination = .gateway
                resolved.route = path
            }
            return resolved
        }
        resolved.destination = .api
        resolved.segments = Self.segments(of: path)
        // HEAD is GET without the body (RFC 9110 §9.3.2): it matches GET's operation.
        let method = request.method == .head ? "GET" : request.method.rawValue
        var variants = model.operations(method: method, path: path)
        if variants.isEmpty {
            // An undocumented method on a documented path keeps the path's label.
            for other in ResolvedRequest.documentedMethods where other != method {
                variants = model.operations(method: other, path: path)
                if !variants.isEmpty { break }
            }
            resolved.route = variants.first?.pathTemplate ?? "/api/{undocumented}"
        } else {
            resolved.route = variants[0].pathTemplate
            if let query = request.uri.query, query.containsASCII("action=") {
                resolved.action = request.uri.queryParameters["action"].map(String.init)
            }
            resolved.operation = variants.first { candidate in
                switch (candidate.action, resolved.action) {
                case (nil, nil): true
                case (let known?, let wanted?): known.lowercased() == wanted.lowercased()
                default: false
                }
            }
        }
        if let representation = negotiation.representation(for: request.headers) {
            resolved.representation = representation
        } else {
            resolved.notAcceptable = true
            resolved.representation = .json(negotiation.dialect)
        }
        return resolved
    }

    /// The non-empty segments of `path`, percent-decoded (when it has escapes) and lower-cased.
    static func segments(of path: String) -> [String] {
        // Split on the bytes: splitting the `String` walks it by `Character`, several times slower.
        path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: true).map { bytes in
            let segment = Substring(bytes)
            let decoded =
                segment.utf8.contains(UInt8(ascii: "%"))
                ? (String(segment).removingPercentEncodingBytes ?? String(segment)) : String(segment)
            return decoded.lowercased()
        }
    }
}

/// Puts the ``ResolvedRequest`` in the context; the outermost middleware.
struct RequestResolutionMiddleware: RouterMiddleware {
    typealias Context = GatewayRequestContext
    let resolver: RequestResolver

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.resolved = resolver.resolve(request, peer: context.peerAddress)
        return try await next(request, context)
    }
}

extension String {
    /// The text with `%XX` escapes decoded (RFC 3986 §2.1), or `nil` when an escape is malformed
    /// or the bytes are not UTF-8.
    var removingPercentEncodingBytes: String? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(utf8.count)
        var iterator = utf8.makeIterator()
        while let byte = iterator.next() {
            if byte == UInt8(ascii: "%") {
                guard let high = iterator.next()?.hexDigitValue, let low = iterator.next()?.hexDigitValue else { return nil }
                bytes.append(high << 4 | low)
            } else {
                bytes.append(byte)
            }
        }
        return String(validating: bytes, as: UTF8.self)
    }
}
