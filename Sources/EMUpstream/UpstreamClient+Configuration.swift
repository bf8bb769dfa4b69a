extension UpstreamClient {
    /// How an ``UpstreamClient`` connects, times out and decodes.
    ///
    /// ```swift
    /// var configuration = UpstreamClient.Configuration()
    /// configuration.idleTimeout = .seconds(120)
    /// configuration.tls.caFile = "/etc/em-gateway/em-ca.pem"
    /// ```
    public struct Configuration: Sendable {
        /// The longest time to establish a connection, TLS handshake included
        /// (`CURLOPT_CONNECTTIMEOUT_MS`). Default: 10 seconds.
        public var connectTimeout: Duration = .seconds(10)
        /// The longest time a connected transfer may receive nothing, before or during the body;
        /// then it fails with `UpstreamError(.idleTimeout)`. Not a cap on the total time: a body
        /// that keeps trickling never times out. Time while the body's reader lags (the transfer is
        /// paused) does not count. Default: 60 seconds.
        public var idleTimeout: Duration = .seconds(60)
        /// The most connections to one host (`CURLMOPT_MAX_HOST_CONNECTIONS`); more requests queue
        /// inside libcurl. Also the number of idle connections kept for reuse. Default: 32.
        public var maxConnectionsPerHost: Int = 32
        /// Certificate verification and pinning. Default: verify against the system's CAs.
        public var tls: TLS = .init()
        /// Whether to ask for and decode compressed bodies (`CURLOPT_ACCEPT_ENCODING ""`: gzip,
        /// deflate, br). Default: `false`.
        ///
        /// Off by default because it breaks the memory bound: when the reader lags and the transfer
        /// pauses, libcurl keeps the decoded rest of its receive buffer in memory, and a compressed
        /// buffer decodes to any size (200 KB of gzip can hold 200 MB of XML). Without it EM is
        /// asked for identity bodies, and an unrequested `Content-Encoding` reaches the caller as is.
        public var decompress: Bool = false

        /// Creates the default configuration.
        public init() {}

        /// TLS settings for `https://` upstreams.
        public struct TLS: Sendable {
            /// Whether to verify the certificate chain and host name (`CURLOPT_SSL_VERIFYPEER`,
            /// `CURLOPT_SSL_VERIFYHOST`). Set `false` only for an explicit `--upstream-insecure`.
            /// Default: `true`.
            public var verifyPeer: Bool = true
            /// A PEM file of CA certificates to trust instead of the system's (`CURLOPT_CAINFO`),
            /// such as EM's self-signed certificate. Default: `nil`.
            public var caFile: String? = nil
            /// A public key pin, `sha256//<base64>` (`CURLOPT_PINNEDPUBLICKEY`); checked even when
            /// ``verifyPeer`` is off. Default: `nil`.
            public var pinnedPublicKey: String? = nil

            /// Creates the default TLS settings.
            public init() {}
        }
    }
}
