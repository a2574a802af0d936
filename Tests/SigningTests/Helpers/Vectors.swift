import Foundation
import Testing

/// Loads the published test vectors copied into `Fixtures/vectors` (sources in its README.md).
///
/// A missing or unreadable vector file fails the test: it is never skipped.
enum Vectors {
    /// The folder holding the vector files.
    static func directory() throws -> URL {
        let url = try #require(
            Bundle.module.url(forResource: "vectors", withExtension: nil, subdirectory: "Fixtures"),
            "Fixtures/vectors is missing from the test bundle"
        )
        return url
    }

    /// The raw bytes of a vector file, relative to `Fixtures/vectors`.
    static func data(_ relativePath: String) throws -> Data {
        let url = try directory().appendingPathComponent(relativePath)
        return try Data(contentsOf: url)
    }

    /// The text of a vector file, relative to `Fixtures/vectors`.
    static func text(_ relativePath: String) throws -> String {
        String(decoding: try data(relativePath), as: UTF8.self)
    }

    /// Decodes a JSON vector file into `T`.
    static func decode<T: Decodable>(_ type: T.Type, from relativePath: String) throws -> T {
        try JSONDecoder().decode(T.self, from: data(relativePath))
    }
}

/// Loads the test-only keys and certificates in `Fixtures/keys` (see its README.md).
enum TestKeys {
    /// The text of a file relative to `Fixtures/keys`.
    static func text(_ relativePath: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: "keys", withExtension: nil, subdirectory: "Fixtures"),
            "Fixtures/keys is missing from the test bundle"
        )
        return try String(contentsOf: url.appendingPathComponent(relativePath), encoding: .utf8)
    }
}
