/// The small HTML page served at `/`: what the gateway is, links to its contract and probes,
/// and the demo's curl session with this gateway's own URL filled in.
enum DocumentationPage {
    static func html(publicBaseURL base: String) -> String {
        let escaped = base.replacingHTMLSpecials()
        return """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>em-gateway</title>
            <style>body{font-family:system-ui,sans-serif;max-width:52rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
            pre{background:#f4f4f4;padding:1rem;overflow-x:auto}code{background:#f4f4f4}</style></head>
            <body>
            <h1>em-gateway</h1>
            <p>A JSON front door for Veeam Backup Enterprise Manager's REST API. Call <code>\(escaped)/api/…</code>
            exactly as you would call Enterprise Manager; answers come back as Enterprise Manager's own JSON, with every link
            pointing here.</p>
            <ul>
            <li><a href="/openapi.json">OpenAPI contract (JSON)</a> · <a href="/openapi.yaml">(YAML)</a></li>
            <li><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></li>
            </ul>
            <h2>A session with curl</h2>
            <pre>
            # log on (with --demo: user demo, password demo); keep the X-RestSvcSessionId header
            curl -si -X POST -u demo:demo '\(escaped)/api/sessionMngr/?v=latest'

            # fetch a replication session as JSON
            curl -s -H "X-RestSvcSessionId: $TOKEN" \\
              '\(escaped)/api/replicaSessions/0bcf5a1e-866c-4b40-8bc3-ce64753b9a6b?format=Entity'

            # follow any Href it returned; log off
            curl -s -X DELETE -H "X-RestSvcSessionId: $TOKEN" '\(escaped)/api/logonSessions/&lt;SessionId&gt;'
            </pre>
            <p><code>Accept: application/json; dialect=compact</code> leaves out nulls;
            <code>Accept: application/xml</code> gets Enterprise Manager's XML with links on the gateway.</p>
            </body></html>

            """
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
