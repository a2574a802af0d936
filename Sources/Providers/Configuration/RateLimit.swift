/// How many messages a channel may send per period in one environment (`"rate_limit"` in configuration).
///
/// ```json
/// "rate_limit": {"max": 50, "per": "second"}
/// ```
public struct RateLimit: Sendable, Hashable, CustomStringConvertible {
    /// The period a limit counts over: a second, minute, hour or day.
    public struct Period: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable, CaseIterable {
            case second, minute, hour, day
        }

        private let base: Base

        /// One second.
        public static let second = Period(base: .second)
        /// One minute.
        public static let minute = Period(base: .minute)
        /// One hour.
        public static let hour = Period(base: .hour)
        /// One day (24 hours).
        public static let day = Period(base: .day)

        /// Every period, shortest first.
        public static var all: [Period] { Base.allCases.map(Period.init(base:)) }

        /// The period named as in configuration (`second`, `minute`, `hour`, `day`), or `nil`.
        public init?(_ name: String) {
            guard let base = Base(rawValue: name) else { return nil }
            self.base = base
        }

        private init(base: Base) {
            self.base = base
        }

        /// The period's length.
        public var duration: Duration {
            switch base {
            case .second: .seconds(1)
            case .minute: .seconds(60)
            case .hour: .seconds(3600)
            case .day: .seconds(86400)
            }
        }

        /// The name used in configuration, such as `second`.
        public var description: String { base.rawValue }
    }

    /// How many messages may be sent per ``period``; at least 1.
    public var maximum: Int
    /// The period counted over.
    public var period: Period
    /// How many may go at once after a quiet spell; `nil` for the rate per second (at least 1).
    public var burst: Int?

    /// Creates a limit of `maximum` messages per `period`.
    public init(maximum: Int, per period: Period, burst: Int? = nil) {
        self.maximum = maximum
        self.period = period
        self.burst = burst
    }

    /// Messages per second.
    public var ratePerSecond: Double {
        let seconds = Double(period.duration.components.seconds)
        return Double(maximum) / seconds
    }

    /// `50 per second`.
    public var description: String { "\(maximum) per \(period)" }
}
