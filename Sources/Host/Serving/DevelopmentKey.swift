internal import Foundation

/// The development environment's API key for the embedded default configuration: made at random on
/// first start and kept in the data directory (file mode 0600), so it stays the same across restarts.
public enum DevelopmentKey {
    /// The key file's name in the data directory.
    public static let fileName = "development-api-key"

    /// Reads the key from `directory`, or makes and stores a new one.
    ///
    /// - Parameter directory: The data directory; created (mode 0700) if missing.
    /// - Returns: The key and whether it was just made.
    /// - Throws: ``HostError`` if the directory or file cannot be written or the stored key is malformed.
    public static func loadOrCreate(directory: String) throws(HostError) -> (key: String, created: Bool) {
        let path = (directory as NSString).appendingPathComponent(fileName)
        let files = FileManager.default
        if let data = files.contents(atPath: path) {
            let key = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            guard isWellFormed(key) else {
                throw HostError(
                    status: 500, code: "invalid_development_key",
                    message: "\(path) does not hold a development key; delete it to make a new one")
            }
            return (key, false)
        }
        let key = make()
        do {
            try files.createDirectory(
                atPath: directory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            guard
                files.createFile(
                    atPath: path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else { throw CocoaError(.fileWriteUnknown) }
        } catch {
            throw HostError(status: 500, code: "data_directory_unwritable", message: "cannot write \(path): \(error)")
        }
        return (key, true)
    }

    /// A new random key: `dh_dev_` and 40 lower-case hex digits (160 random bits).
    public static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        return "dh_dev_"
            + (0..<20).map { _ in String(format: "%02x", UInt8.random(in: 0...255, using: &generator)) }.joined()
    }

    static func isWellFormed(_ key: String) -> Bool {
        key.hasPrefix("dh_dev_") && key.count == 47 && key.dropFirst(7).allSatisfy(\.isHexDigit)
    }
}
