public import Engine
internal import Foundation

/// Pages of a short, append-only list held in full (a message's timeline or delivery logs) with
/// Knock's cursors: a cursor is the opaque form of a position in the list.
public enum OffsetPaging {
    /// One page of `entries`.
    ///
    /// - Parameters:
    ///   - entries: The whole list, in order.
    ///   - request: The page wanted; `after` is the position to start at, `before` the one to end before.
    /// - Returns: The page, with `after` when entries follow and `before` when entries precede it.
    /// - Throws: ``HostError`` 422 naming `after` or `before` for a cursor this listing did not make.
    public static func page<Entry: Sendable>(_ entries: [Entry], request: PageRequest) throws(HostError) -> Page<Entry>
    {
        var range = entries.indices
        if let after = request.after {
            let start = try position(after, field: "after", count: entries.count)
            range = start..<min(entries.count, start + request.size)
        } else if let before = request.before {
            let end = try position(before, field: "before", count: entries.count)
            range = max(0, end - request.size)..<end
        } else {
            range = 0..<min(entries.count, request.size)
        }
        return Page(
            entries: Array(entries[range]),
            after: range.upperBound < entries.count ? cursor(range.upperBound) : nil,
            before: range.lowerBound > 0 ? cursor(range.lowerBound) : nil)
    }

    /// The cursor of a position.
    static func cursor(_ position: Int) -> String {
        Data("position:\(position)".utf8).base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    private static func position(_ cursor: String, field: String, count: Int) throws(HostError) -> Int {
        var base64 = cursor
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        guard let data = Data(base64Encoded: base64), let text = String(data: data, encoding: .utf8),
            text.hasPrefix("position:"), let value = Int(text.dropFirst("position:".count)), (0...count).contains(value)
        else {
            throw HostError.invalidParams(
                "\(field): not a cursor of this listing (pass back the cursor of a previous page)")
        }
        return value
    }
}
