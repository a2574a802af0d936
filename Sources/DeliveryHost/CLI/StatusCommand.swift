import Signing
import Transport

/// `delivery-host` with no command: checks the C libraries and says what this build can do.
enum StatusCommand: Command {
    static let name = "status"
    static let summary = "Check the runtime (OpenSSL, libcurl) and show what this build offers (the default)"

    static func run(_ arguments: ArgumentParser) async throws -> Int32 {
        try arguments.rejectUnknown([])
        let crypto = CryptoLibrary.initialize()
        let curl = CurlLibrary.initialize()
        print("delivery-host \(VersionCommand.version)")
        print("  OpenSSL: \(crypto ? "ready" : "FAILED") (\(CryptoLibrary.versionText))")
        print("  libcurl: \(curl ? "ready" : "FAILED") (\(CurlLibrary.versionText))")
        print("")
        print("The HTTP host (workflow API, provider callbacks) is not built yet; this build provides")
        print("the signing library and the commands below (the delivery pipeline runs as `worker`).")
        print("")
        print(HelpCommand.usage, terminator: "")
        return crypto && curl ? 0 : 1
    }
}
