/// The HTML page served at `/`: the gateway's mode, version and readiness, links to its contract
/// and probes, and a first session with curl that works in that mode, with this gateway's own
/// URL filled in.
///
/// Everything that comes from a request or the configuration (the public base URL may come from
/// the request's `Host`) is HTML-escaped. The demo's accounts and its seed resources appear only
/// in ``Mode/demo``: in front of a real EM they would be wrong, and in service-account mode a
/// logon answers `403`.
struct HomePage: Sendable {
    /// How clients reach EM through this gateway.
    enum Mode: Sendable, Equatable {
        /// `--demo`: the built-in EM simulator is the upstream (accounts demo/demo, viewer/viewer).
        case demo
        /// Clients log on to EM through the gateway with their own EM accounts (EM's
        /// `POST /api/sessionMngr/`) and send EM's `X-RestSvcSessionId` token.
        case passThrough
        /// The gateway calls EM as its own account; clients send `Authorization: Bearer`
        /// tokens made with `em-gateway token new`, and EM's logon paths answer `403`.
        case serviceAccount

        var description: String {
            switch self {
            case .demo: "demo: the built-in Enterprise Manager simulator"
            case .passThrough: "pass-through: clients log on to Enterprise Manager with their own accounts"
            case .serviceAccount: "service account: clients send bearer tokens; the gateway calls Enterprise Manager as its own account"
            }
        }
    }

    /// The mode shown, and the first session offered.
    let mode: Mode
    /// The gateway's version (``Gateway/version``).
    let version: String

    /// The page.
    /// - Parameters:
    ///   - base: the public base URL of this request (scheme, host, port, no trailing slash).
    ///   - readiness: what `/readyz` says now (`ready`, `unreachable`, …).
    /// - Returns: an HTML5 document, every interpolated value escaped.
    func html(publicBaseURL base: String, readiness: String) -> String {
        let url = base.replacingHTMLSpecials()
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>em-gateway</title>
            <style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
            pre{background:#f4f4f4;padding:1rem;overflow-x:auto;white-space:pre}code{background:#f4f4f4;overflow-wrap:anywhere}
            dt{font-weight:bold}dd{margin:0 0 .5rem 0}</style></head>
            <body>
            <h1>em-gateway</h1>
            <p>A JSON front door for Veeam Backup Enterprise Manager's REST API. Call <code>\(url)/api/…</code>
            exactly as you would call Enterprise Manager; answers come back as Enterprise Manager's own JSON, with every link
            pointing here.</p>
            <dl>
            <dt>Mode</dt><dd id="mode">\(mode.description.replacingHTMLSpecials())</dd>
            <dt>Version</dt><dd id="version">\(version.replacingHTMLSpecials())</dd>
            <dt>Readiness</dt><dd id="readiness"><a href="/readyz">\(readiness.replacingHTMLSpecials())</a></dd>
            </dl>
            <ul>
            <li><a href="/openapi.json">OpenAPI 3.2 contract (JSON)</a> · <a href="/openapi.yaml">(YAML)</a> ·
            <a href="/openapi-3.1.json">OpenAPI 3.1 (JSON)</a> · <a href="/openapi-3.1.yaml">(YAML)</a></li>
            <li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></li>
            </ul>
            <h2>A first session with curl</h2>
            <pre id="session">
            \(session(base).replacingHTMLSpecials())</pre>
            <p><code>Accept: application/json; dialect=compact</code> leaves out nulls;
            <code>Accept: application/xml</code> gets Enterprise Manager's XML with links on the gateway.</p>
            </body></html>

            """
    }

    /// The shell session offered in this mode, unescaped: it sets `TOKEN`, lists the jobs and,
    /// where a logon made the token, logs off.
    func session(_ base: String) -> String {
        // EM's token is the Base64 of the logon session's ID, so the logoff path follows from it.
        func logon(_ credentials: String) -> String {
            """
            TOKEN=$(curl -s -o /dev/null -D - -X POST -u \(credentials) '\(base)/api/sessionMngr/?v=latest' \\
              | tr -d '\\r' | awk 'tolower($1) == "x-restsvcsessionid:" { print $2 }')

            # the jobs this account sees, as JSON; follow any Href in it
            curl -s -H "X-RestSvcSessionId: $TOKEN" '\(base)/api/jobs'

            """
        }
        let logoff = """

            # log off
            curl -s -X DELETE -H "X-RestSvcSessionId: $TOKEN" "\(base)/api/logonSessions/$(printf %s "$TOKEN" | base64 -d)"

            """
        switch mode {
        case .demo:
            return "# log on as demo (password demo); viewer/viewer sees less\n"
                + logon("demo:demo")
                    + """

                    # a replication session of the demo world, as an entity
                    curl -s -H "X-RestSvcSessionId: $TOKEN" \\
                      '\(base)/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity'

                    """ + logoff
        case .passThrough:
            return "# log on with your Enterprise Manager account (set EM_USER, e.g. 'DOMAIN\\user', and EM_PASSWORD)\n"
                + logon("\"$EM_USER:$EM_PASSWORD\"") + logoff
        case .serviceAccount:
            return """
                # TOKEN: a bearer token your operator made with `em-gateway token new NAME`
                curl -s -H "Authorization: Bearer $TOKEN" '\(base)/api/jobs'

                """
        }
    }
}

extension String {
    /// The text with `&`, `<`, `>`, `"` and `'` replaced by references, safe in HTML and XML
    /// text and attribute values.
    func replacingHTMLSpecials() -> String {
        var out = ""
        for character in self {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
