public import Foundation

/// Bounds on a date, each optional and all of them applied: Knock's `inserted_at.gt`, `.gte`, `.lt` and
/// `.lte` listing filters.
public struct DateBounds: Sendable, Hashable {
    /// Only dates strictly after this.
    public var after: Date?
    /// Only dates at or after this.
    public var atOrAfter: Date?
    /// Only dates strictly before this.
    public var before: Date?
    /// Only dates at or before this.
    public var atOrBefore: Date?

    /// Creates bounds; each is off unless given.
    public init(after: Date? = nil, atOrAfter: Date? = nil, before: Date? = nil, atOrBefore: Date? = nil) {
        self.after = after
        self.atOrAfter = atOrAfter
        self.before = before
        self.atOrBefore = atOrBefore
    }

    /// Whether no bound is set.
    public var isEmpty: Bool { after == nil && atOrAfter == nil && before == nil && atOrBefore == nil }

    /// Whether `date` is within every bound that is set.
    public func contains(_ date: Date) -> Bool {
        if let after, !(date > after) { return false }
        if let atOrAfter, !(date >= atOrAfter) { return false }
        if let before, !(date < before) { return false }
        if let atOrBefore, !(date <= atOrBefore) { return false }
        return true
    }
}
