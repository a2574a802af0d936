import Foundation

/// Parsing and tolerance checks for the timestamps that webhook and callback signatures cover.
///
/// Shared by ``KnockWebhookSignature``, ``StandardWebhookSignature`` and ``SlackRequestVerifier``.
/// Timestamps are public values, so error messages may state them; they never state a secret,
/// a signature or a body.
enum SignedTimestamp {
    /// Whether a timestamp exactly `tolerance` away from now is still accepted.
    enum Boundary {
        /// `|now − timestamp| <= tolerance` is accepted (Slack, Standard Webhooks).
        case inclusive
        /// `|now − timestamp| < tolerance` is accepted (Knock's documented example).
        case exclusive
    }

    /// Parses an unsigned decimal integer: ASCII digits only, no sign, no white space.
    ///
    /// - Parameter text: The header text.
    /// - Returns: The value, or `nil` if the text is empty, has another character or overflows `Int64`.
    static func parseInteger(_ text: some StringProtocol) -> Int64? {
        guard !text.isEmpty, text.utf8.allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }) else {
            return nil
        }
        return Int64(text)
    }

    /// Whole seconds since the Unix epoch, rounded down (as Standard Webhooks and Slack send them).
    static func seconds(_ date: Date) -> Int64 {
        Int64(date.timeIntervalSince1970.rounded(.down))
    }

    /// Milliseconds since the Unix epoch, rounded to the nearest millisecond.
    ///
    /// Rounding to nearest (not down) keeps a `Date` built from an exact millisecond count, which
    /// `Double` cannot hold exactly, from landing one millisecond early.
    static func milliseconds(_ date: Date) -> Int64 {
        Int64((date.timeIntervalSince1970 * 1000).rounded())
    }

    /// Checks that a signed timestamp is within `tolerance` of `now`, in either direction.
    ///
    /// - Parameters:
    ///   - signed: The signed timestamp, as a duration since the Unix epoch.
    ///   - now: The current time.
    ///   - tolerance: How far the timestamp may be from `now`, into the past or the future.
    ///   - boundary: Whether a timestamp exactly `tolerance` away is accepted.
    /// - Throws: ``SigningError/Code/timestampOutOfTolerance`` if the timestamp is too old or too new.
    static func check(_ signed: Duration, now: Date, tolerance: Duration, boundary: Boundary) throws {
        try check(signed, now: .seconds(now.timeIntervalSince1970), tolerance: tolerance, boundary: boundary)
    }

    /// Checks that a signed timestamp is within `tolerance` of `now`, both as durations since the Unix epoch.
    ///
    /// Pass `now` already on the signed timestamp's grid when the boundary must be exact there: a
    /// `Date` holds most millisecond instants only approximately, and that error would otherwise
    /// decide whether a timestamp exactly `tolerance` away is accepted.
    ///
    /// - Parameters:
    ///   - signed: The signed timestamp.
    ///   - now: The current time.
    ///   - tolerance: How far the timestamp may be from `now`, into the past or the future.
    ///   - boundary: Whether a timestamp exactly `tolerance` away is accepted.
    /// - Throws: ``SigningError/Code/timestampOutOfTolerance`` if the timestamp is too old or too new.
    static func check(_ signed: Duration, now: Duration, tolerance: Duration, boundary: Boundary) throws {
        let skew = now - signed
        let distance = skew < .zero ? .zero - skew : skew
        let accepted =
            switch boundary {
            case .inclusive: distance <= tolerance
            case .exclusive: distance < tolerance
            }
        guard accepted else {
            let direction = skew < .zero ? "in the future" : "in the past"
            let limit = boundary == .inclusive ? "at most" : "less than"
            throw SigningError(
                .timestampOutOfTolerance,
                "the signed timestamp is \(describe(distance)) \(direction); accepted: \(limit) \(describe(tolerance))"
            )
        }
    }

    /// Renders a duration as whole seconds plus milliseconds, such as `300.001 s`.
    private static func describe(_ duration: Duration) -> String {
        let (seconds, attoseconds) = duration.components
        let milliseconds = attoseconds / 1_000_000_000_000_000
        if milliseconds <= 0 {
            return "\(seconds) s"
        }
        let fraction = String(milliseconds)
        return "\(seconds).\(String(repeating: "0", count: 3 - fraction.count))\(fraction) s"
    }
}
