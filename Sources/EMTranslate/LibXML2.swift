@preconcurrency internal import CLibXML2

/// Process-wide libxml2 set-up and facts.
public enum LibXML2 {
    // Safe because `xmlInitParser` runs exactly once, through Swift's thread-safe lazy global init.
    private static let initialized: Void = { xmlInitParser() }()

    /// Initialises libxml2 once per process and silences its stderr output on the calling thread.
    static func initialize() {
        _ = initialized
        em_xml_silence_generic_errors()
    }

    /// The version of the libxml2 library em-gateway runs on (for example `20914`).
    public static var version: String { String(cString: em_xml_parser_version()) }
}
