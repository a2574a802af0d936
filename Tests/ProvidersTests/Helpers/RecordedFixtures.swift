import Foundation
import Testing

/// The recorded HTTP fixtures in `Fixtures/<provider>/` (one exchange per file).
enum RecordedFixtures {
    /// The folder holding a provider's fixtures; a missing folder fails the test.
    static func directory(_ provider: String) throws -> String {
        let url = try #require(
            Bundle.module.url(forResource: provider, withExtension: nil, subdirectory: "Fixtures"),
            "Fixtures/\(provider) is missing from the test bundle")
        return url.path
    }
}
