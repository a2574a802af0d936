import Foundation

/// Reads configuration files, included files and `$file` secrets by path.
///
/// Loading goes through this reader only, so tests and an embedded configuration can supply files from
/// memory. Paths are passed as resolved by the loader: relative ones are relative to the working directory.
/// The error a reader throws is shown in issues with `String(describing:)`; it must not contain file contents.
public struct ConfigurationFileReader: Sendable {
    /// Returns the bytes of the file at a path, or throws why it cannot.
    public var read: @Sendable (String) throws -> [UInt8]

    /// Creates a reader from a function.
    ///
    /// - Parameter read: Returns the bytes of the file at a path, or throws why it cannot.
    public init(read: @escaping @Sendable (String) throws -> [UInt8]) {
        self.read = read
    }

    /// Reads from the local file system.
    public static var localFileSystem: ConfigurationFileReader {
        ConfigurationFileReader { path in
            if let data = FileManager.default.contents(atPath: path) { return [UInt8](data) }
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw FileReadFailure(reason: "no such file")
            }
            throw FileReadFailure(reason: isDirectory.boolValue ? "it is a directory" : "it is not readable")
        }
    }

    /// Reads from a fixed set of files, by exact path (after the loader's normalisation, such as `a/b.json`).
    ///
    /// - Parameter files: File contents by path, as UTF-8 text.
    public static func inMemory(_ files: [String: String]) -> ConfigurationFileReader {
        ConfigurationFileReader { path in
            guard let text = files[path] else { throw FileReadFailure(reason: "no such file") }
            return Array(text.utf8)
        }
    }
}

/// Why a file could not be read; its description is the reason alone.
private struct FileReadFailure: Error, CustomStringConvertible {
    var reason: String

    var description: String { reason }
}
