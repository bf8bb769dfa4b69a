extension Gateway {
    /// The gateway's version: what `em-gateway --version` prints and `em_gateway_build_info`
    /// labels. `VERSION` at the package root owns it (the OpenAPI generator writes it as
    /// `info.version`); `CommandLineTests.versionOwner` fails when this differs.
    public static let version = "0.3.0"

    /// The `Server` field of every response.
    static let serverName = "em-gateway"
}
