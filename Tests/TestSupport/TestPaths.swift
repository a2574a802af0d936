public import Foundation

/// Where the local test servers and the TEST ONLY TLS certificates are.
public enum TestPaths {
    /// The package directory.
    public static let package: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // TestSupport
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package

    /// `scripts/testservers` in the package.
    public static let scripts = package.appendingPathComponent("scripts/testservers")

    /// A file in `Tests/TestSupport/Fixtures/tls` (see its README: TEST ONLY).
    public static func tls(_ name: String) -> String {
        package.appendingPathComponent("Tests/TestSupport/Fixtures/tls").appendingPathComponent(name).path
    }

    /// The test CA that signed the servers' certificate.
    public static var caBundle: String { tls("ca.pem") }

    /// `--tls CERT KEY` (or `--starttls`/`--implicit-tls`) arguments for the servers: certificate and key.
    public static var serverCertificateArguments: [String] { [tls("server.pem"), tls("server-key.pem")] }
}
