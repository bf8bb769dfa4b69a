import Crypto
import Foundation
public import NIOSSL
import SwiftASN1
import X509

/// A freshly generated self-signed certificate and key, for `serve --demo --self-signed`.
///
/// P-256 key, valid from one hour ago for 30 days, for `localhost`, `127.0.0.1`, `::1` and any
/// extra host names given. For demos and tests only: clients must be told to trust it.
public struct SelfSignedCertificate: Sendable {
    /// The certificate, PEM.
    public let certificatePEM: String
    /// The private key, PEM (PKCS#8).
    public let privateKeyPEM: String

    /// Generates a pair.
    /// - Parameter hosts: extra DNS names or IP addresses to include.
    /// - Throws: errors from swift-certificates when the certificate cannot be built.
    public init(hosts: [String] = []) throws {
        let key = P256.Signing.PrivateKey()
        let privateKey = Certificate.PrivateKey(key)
        let name = try DistinguishedName { CommonName("em-gateway demo") }
        var names: [GeneralName] = [.dnsName("localhost"), .ipAddress(ASN1OctetString(contentBytes: [127, 0, 0, 1]))]
        names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(repeating: 0, count: 15) + [1])))
        for host in hosts where host != "localhost" {
            if let v4 = Self.ipv4Bytes(host) {
                names.append(.ipAddress(ASN1OctetString(contentBytes: ArraySlice(v4))))
            } else {
                names.append(.dnsName(host))
            }
        }
        let now = Date()
        let certificate = try Certificate(
            version: .v3,
            serialNumber: Certificate.SerialNumber(),
            publicKey: privateKey.publicKey,
            notValidBefore: now.addingTimeInterval(-3600),
            notValidAfter: now.addingTimeInterval(30 * 86_400),
            issuer: name,
            subject: name,
            signatureAlgorithm: .ecdsaWithSHA256,
            extensions: try Certificate.Extensions {
                Critical(BasicConstraints.notCertificateAuthority)
                KeyUsage(digitalSignature: true)
                try ExtendedKeyUsage([.serverAuth])
                SubjectAlternativeNames(names)
            },
            issuerPrivateKey: privateKey)
        self.certificatePEM = try certificate.serializeAsPEM().pemString
        self.privateKeyPEM = try privateKey.serializeAsPEM().pemString
    }

    /// A server TLS configuration serving this pair.
    /// - Throws: `NIOSSLError` when the PEM cannot be loaded.
    public func serverConfiguration() throws -> TLSConfiguration {
        try TLSConfiguration.makeServerConfiguration(
            certificateChain: [.certificate(NIOSSLCertificate(bytes: Array(certificatePEM.utf8), format: .pem))],
            privateKey: .privateKey(NIOSSLPrivateKey(bytes: Array(privateKeyPEM.utf8), format: .pem)))
    }

    private static func ipv4Bytes(_ host: String) -> [UInt8]? {
        let parts = host.split(separator: ".")
        guard parts.count == 4 else { return nil }
        let bytes = parts.compactMap { UInt8($0) }
        return bytes.count == 4 ? bytes : nil
    }
}

/// Loading a server TLS configuration from PEM files (`serve --tls-cert --tls-key`).
public enum ServerTLS {
    /// A server configuration from a certificate chain file and a private key file.
    /// - Parameters:
    ///   - certificateFile: PEM file with the certificate (and its chain).
    ///   - keyFile: PEM file with the private key.
    /// - Returns: a TLS configuration for the gateway's listener.
    /// - Throws: ``FileError`` naming the file that cannot be read or holds no PEM certificate or key.
    public static func configuration(certificateFile: String, keyFile: String) throws(FileError) -> TLSConfiguration {
        for file in [certificateFile, keyFile] where !FileManager.default.isReadableFile(atPath: file) {
            throw FileError(
                file: file, problem: FileManager.default.fileExists(atPath: file) ? "cannot be read (permissions)" : "does not exist")
        }
        let chain: [NIOSSLCertificate]
        do { chain = try NIOSSLCertificate.fromPEMFile(certificateFile) } catch { chain = [] }
        guard !chain.isEmpty else {
            throw FileError(file: certificateFile, problem: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
        }
        let key: NIOSSLPrivateKey
        do { key = try NIOSSLPrivateKey(file: keyFile, format: .pem) } catch {
            throw FileError(file: keyFile, problem: "holds no PEM private key (-----BEGIN PRIVATE KEY-----), or it is encrypted")
        }
        return TLSConfiguration.makeServerConfiguration(certificateChain: chain.map { .certificate($0) }, privateKey: .privateKey(key))
    }

    /// Checks a CA bundle before any connection needs it (libcurl reads it per connection, so a
    /// bad one would otherwise fail every request with `502`).
    /// - Parameter file: a PEM file of one or more CA certificates (`--upstream-ca`).
    /// - Throws: ``FileError`` when the file does not exist, cannot be read or holds no PEM certificate.
    public static func checkCertificateBundle(_ file: String) throws(FileError) {
        guard FileManager.default.isReadableFile(atPath: file) else {
            throw FileError(
                file: file, problem: FileManager.default.fileExists(atPath: file) ? "cannot be read (permissions)" : "does not exist")
        }
        let certificates = (try? NIOSSLCertificate.fromPEMFile(file)) ?? []
        guard !certificates.isEmpty else { throw FileError(file: file, problem: "holds no PEM certificate (-----BEGIN CERTIFICATE-----)") }
    }

    /// A certificate or key file that cannot be used.
    public struct FileError: Error, CustomStringConvertible {
        /// The file's path as given.
        public var file: String
        /// What is wrong with it ("does not exist", "holds no PEM certificate …").
        public var problem: String

        public var description: String { "\(file) \(problem)" }
    }
}
