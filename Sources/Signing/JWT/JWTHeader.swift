import Foundation

/// The protected header of a JSON Web Token.
///
/// Encoded with its members in a fixed order (`alg`, `kid`, `typ`) and no white space, so tokens are
/// reproducible byte for byte.
public struct JWTHeader: Sendable, Hashable {
    /// The signing algorithm (`alg`).
    public var algorithm: JWTAlgorithm
    /// The key identifier (`kid`), such as an APNs key id or a Google `private_key_id`.
    public var keyID: String?
    /// The media type (`typ`), usually `JWT`.
    public var type: String?

    /// Creates a header.
    ///
    /// - Parameters:
    ///   - algorithm: The signing algorithm.
    ///   - keyID: The `kid` member, if any.
    ///   - type: The `typ` member, if any.
    public init(algorithm: JWTAlgorithm, keyID: String? = nil, type: String? = nil) {
        self.algorithm = algorithm
        self.keyID = keyID
        self.type = type
    }

    /// The header's compact JSON encoding.
    public var jsonBytes: [UInt8] {
        var members = [#""alg":\#(jsonString(algorithm.name))"#]
        if let keyID { members.append(#""kid":\#(jsonString(keyID))"#) }
        if let type { members.append(#""typ":\#(jsonString(type))"#) }
        return Array("{\(members.joined(separator: ","))}".utf8)
    }

    /// Parses a decoded header, requiring a known `alg`.
    static func parse(_ bytes: [UInt8]) throws -> JWTHeader {
        guard let object = try? JSONSerialization.jsonObject(with: Data(bytes)) as? [String: Any] else {
            throw SigningError(.malformedToken, "the token header is not a JSON object")
        }
        guard let name = object["alg"] as? String else {
            throw SigningError(.malformedToken, "the token header has no string 'alg' member")
        }
        guard let algorithm = JWTAlgorithm(name: name) else {
            let accepted = JWTAlgorithm.all.map(\.name).joined(separator: ", ")
            throw SigningError(
                .unsupportedAlgorithm, "the token's alg '\(name.prefix(16))' is not accepted; accepted: \(accepted)")
        }
        return JWTHeader(algorithm: algorithm, keyID: object["kid"] as? String, type: object["typ"] as? String)
    }
}

/// A JSON string literal for `value`.
private func jsonString(_ value: String) -> String {
    let data = (try? JSONEncoder.compact.encode(value)) ?? Data("\"\"".utf8)
    return String(decoding: data, as: UTF8.self)
}

extension JSONEncoder {
    /// Compact, sorted, without escaped slashes: the encoding used for token claims.
    static var compact: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
