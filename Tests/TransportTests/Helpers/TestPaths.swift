import Foundation
import Testing

/// Where the test servers and the TEST ONLY certificates are.
enum TestPaths {
    /// `scripts/testservers` in the package.
    static let scripts: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Helpers
        .deletingLastPathComponent()  // TransportTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()  // the package
        .appendingPathComponent("scripts/testservers")

    /// A file in `Fixtures/tls` (see its README: TEST ONLY).
    static func tls(_ name: String) throws -> String {
        let folder = try #require(
            Bundle.module.url(forResource: "tls", withExtension: nil, subdirectory: "Fixtures"),
            "Fixtures/tls is missing from the test bundle")
        return folder.appendingPathComponent(name).path
    }

    /// The test CA that signed the servers' certificate.
    static func caBundle() throws -> String { try tls("ca.pem") }

    /// `--tls CERT KEY` style arguments for the servers.
    static func serverCertificateArguments() throws -> [String] {
        [try tls("server.pem"), try tls("server-key.pem")]
    }
}
