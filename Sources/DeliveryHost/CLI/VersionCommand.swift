import Signing
import Transport

/// `delivery-host version`: this build and the C libraries it runs on.
enum VersionCommand: Command {
    static let name = "version"
    static let summary = "Print the version and the linked OpenSSL and libcurl"

    /// This build's version.
    static let version = "0.1.0-dev"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown([])
        print("delivery-host \(version)")
        print(CryptoLibrary.versionText)
        print(CurlLibrary.versionText)
        return 0
    }
}
