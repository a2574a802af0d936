import Foundation

/// Where the test servers and the TEST ONLY TLS certificates are (shared with the transport tests).
enum TestPaths {
    /// The package directory.
    static let package: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Helpers
        .deletingLastPathComponent()  // ProvidersTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package

    /// `scripts/testservers` in the package.
    static let scripts = package.appendingPathComponent("scripts/testservers")

    /// A file in `Tests/TransportTests/Fixtures/tls` (see its README: TEST ONLY).
    static func tls(_ name: String) -> String {
        package.appendingPathComponent("Tests/TransportTests/Fixtures/tls").appendingPathComponent(name).path
    }

    /// `--starttls`/`--implicit-tls` arguments for the SMTP server: its certificate and key.
    static var serverCertificateArguments: [String] { [tls("server.pem"), tls("server-key.pem")] }
}
