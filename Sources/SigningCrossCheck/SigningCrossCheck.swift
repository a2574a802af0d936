import Foundation

/// `SigningCrossCheck`: runs cases through the `Signing` module for `scripts/crosscheck/signing.py`.
///
/// This is a test tool, not a product feature: it is not a product of the package, and DeliveryHost
/// never runs it. It reads a JSON array of cases on standard input and writes a JSON array of
/// results, one per case and in the same order, on standard output. The Python script compares the
/// results with independent implementations (botocore, PyJWT, the Standard Webhooks, Slack and
/// Twilio SDKs, and its own `hmac` code).
///
/// Every case is an object with a `kind` and an optional `id`, echoed in its result; see
/// ``CrossCheckCase`` for the kinds and their fields. A case that cannot be run (a missing field, a
/// key that does not load, a signer that throws) gets `{"error": "<code>", "message": "…"}` in its
/// result; the tool itself fails only when standard input is not a JSON array.
@main
struct SigningCrossCheck {
    static func main() {
        let input = FileHandle.standardInput.readDataToEndOfFile()
        let cases: [JSONValue]
        do {
            cases = try JSONDecoder().decode([JSONValue].self, from: input)
        } catch {
            FileHandle.standardError.write(Data("error: standard input is not a JSON array of cases: \(error)\n".utf8))
            exit(2)
        }
        let results = cases.map(CrossCheckCase.result(for:))
        do {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            FileHandle.standardOutput.write(try encoder.encode(results))
            FileHandle.standardOutput.write(Data("\n".utf8))
        } catch {
            FileHandle.standardError.write(Data("error: the results do not encode as JSON: \(error)\n".utf8))
            exit(1)
        }
    }
}
