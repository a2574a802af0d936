import Foundation
public import Providers

/// The reserved recipient properties and their validation.
///
/// Reserved (the union of Knock's lists): `name`, `email`, `phone_number`, `avatar`, `locale`,
/// `timezone`, plus `created_at` (kept beside the properties, see ``RecipientRecord/createdAt``). Each
/// may be `null`. Every other key is a custom property, stored as given.
public enum RecipientProperties {
    /// The reserved keys stored among the properties.
    public static let reserved: [String] = ["name", "email", "phone_number", "avatar", "locale", "timezone"]

    /// Keys of a response that are never stored as properties: the system fields and the keys the
    /// identify body uses for other things.
    static let system: Set<String> = ["id", "collection", "__typename", "updated_at", "created_at"]

    /// Checks the reserved properties among `properties`.
    ///
    /// - `name`, `email`, `avatar`, `locale`: a string or `null`;
    /// - `phone_number`: an E.164 number (`+` then 2 to 15 digits, the first not 0) or `null`;
    /// - `timezone`: a tz database name such as `America/New_York` or `Etc/UTC`, or `null`.
    ///
    /// - Parameters:
    ///   - properties: The properties.
    ///   - path: The JSON path of the object holding them, named in errors.
    /// - Throws: ``EngineError/Code/invalidInput`` naming the first invalid field.
    public static func validate(_ properties: JSONObject, path: String) throws(EngineError) {
        for key in reserved {
            guard let value = properties[key], value != .null else { continue }
            let field = JSONPath.member(path, key)
            guard case .string(let text) = value else {
                throw EngineError(.invalidInput, "\(field): expected a string or null, found \(value.typeName)")
            }
            switch key {
            case "phone_number" where !isE164(text):
                throw EngineError(
                    .invalidInput,
                    "\(field): \"\(text)\" is not an E.164 phone number; expected \"+\" then 2 to 15 digits, "
                        + "the first not 0, such as \"+15555550123\"")
            case "timezone" where !isTimeZoneName(text):
                throw EngineError(
                    .invalidInput,
                    "\(field): \"\(text)\" is not a tz database time zone; expected a name such as "
                        + "\"America/New_York\", \"Europe/London\" or \"Etc/UTC\"")
            default:
                break
            }
        }
    }

    /// Checks a `created_at` value: an ISO-8601 date-time string or `null`.
    ///
    /// - Returns: The string, or `nil` for `null`.
    /// - Throws: ``EngineError/Code/invalidInput`` naming `path.created_at`.
    static func createdAt(_ value: JSONValue, path: String) throws(EngineError) -> String? {
        let field = JSONPath.member(path, "created_at")
        switch value {
        case .null:
            return nil
        case .string(let text) where isDateTime(text):
            return text
        default:
            throw EngineError(
                .invalidInput,
                "\(field): expected an ISO-8601 date-time such as \"2024-05-22T12:00:00Z\" or null, found "
                    + (value.stringValue.map { "\"\($0)\"" } ?? value.typeName))
        }
    }

    /// Whether `text` is an E.164 phone number: `+[1-9]\d{1,14}`.
    public static func isE164(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        guard bytes.count >= 3, bytes.count <= 16, bytes[0] == UInt8(ascii: "+"),
            bytes[1] >= UInt8(ascii: "1"), bytes[1] <= UInt8(ascii: "9")
        else { return false }
        return bytes.dropFirst().allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// Whether `text` names a zone of the tz database this system has (`UTC` and `Etc/…` included);
    /// POSIX offsets such as `GMT+2` are not names and are refused.
    public static func isTimeZoneName(_ text: String) -> Bool {
        guard TimeZone(identifier: text) != nil else { return false }
        let isOffset = ["GMT", "UTC"].contains { prefix in
            text.hasPrefix(prefix) && text.count > prefix.count
                && text.dropFirst(prefix.count).first.map { "+-0123456789".contains($0) } == true
        }
        return !isOffset
    }

    /// Whether `text` is an ISO-8601 date-time with a zone (`Z` or an offset), with or without fractions.
    static func isDateTime(_ text: String) -> Bool {
        (try? Date.ISO8601FormatStyle().parse(text)) != nil
            || (try? Date.ISO8601FormatStyle(includingFractionalSeconds: true).parse(text)) != nil
    }
}
