/// The gateway's version, as `em-gateway --version`, the home page and the OpenAPI documents'
/// `info.version` give it. The package root's `VERSION` file owns the value (the OpenAPI generator
/// writes it as `info.version`); the command-line tests fail when this constant differs from it.
public enum GatewayVersion {
    /// The release, such as `0.3.0` (semantic versioning).
    public static let current = "0.3.0"
}
