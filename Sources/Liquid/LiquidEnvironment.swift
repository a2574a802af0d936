public import Foundation
public import Providers

/// Everything a render uses besides its variables.
public struct LiquidEnvironment: Sendable {
    /// The partials `{% render %}` and `{% include %}` can use.
    public var partials: LiquidPartials
    /// The time zone the `date` filter renders in unless given one (the recipient's, else the environment's).
    public var timeZone: TimeZone
    /// What `"now"` and `"today"` mean to the `date` filter; injected so renders are reproducible.
    public var now: Date
    /// Loads objects for `{{ "proj_1" | object: "projects" }}`; without one the filter gives nil.
    public var objectLoader: (any LiquidObjectLoader)?
    /// Translations for the `t` filter and tag; without them `t` gives the key (filter) or the body (tag).
    public var translations: LiquidTranslations?
    /// The recipient's locale (`fr-BE`), for translations.
    public var locale: String?
    /// Bounds on output size, loop iterations and partial depth.
    public var limits: LiquidLimits

    /// Creates an environment; every parameter has a default.
    ///
    /// - Parameters:
    ///   - partials: The partials; none by default.
    ///   - timeZone: The time zone for dates; UTC by default.
    ///   - now: The current instant; the wall clock at creation by default.
    ///   - objectLoader: The object loader; none by default.
    ///   - translations: The translations; none by default.
    ///   - locale: The recipient's locale; none by default.
    ///   - limits: The limits; ``LiquidLimits/init(maximumOutputBytes:maximumLoopIterations:maximumPartialDepth:)``
    ///     defaults.
    public init(
        partials: LiquidPartials = LiquidPartials(),
        timeZone: TimeZone = TimeZone(secondsFromGMT: 0) ?? .current,
        now: Date = Date(),
        objectLoader: (any LiquidObjectLoader)? = nil,
        translations: LiquidTranslations? = nil,
        locale: String? = nil,
        limits: LiquidLimits = LiquidLimits()
    ) {
        self.partials = partials
        self.timeZone = timeZone
        self.now = now
        self.objectLoader = objectLoader
        self.translations = translations
        self.locale = locale
        self.limits = limits
    }
}

/// Bounds that stop a runaway template.
public struct LiquidLimits: Sendable, Hashable {
    /// The most UTF-8 bytes a render (or one `capture`) may produce.
    public var maximumOutputBytes: Int
    /// The most `for` loop iterations one render may run, over all loops and partials.
    public var maximumLoopIterations: Int
    /// How deeply partials may render partials.
    public var maximumPartialDepth: Int

    /// Creates limits.
    ///
    /// - Parameters:
    ///   - maximumOutputBytes: Defaults to 1 MiB.
    ///   - maximumLoopIterations: Defaults to 100,000.
    ///   - maximumPartialDepth: Defaults to 10.
    public init(maximumOutputBytes: Int = 1 << 20, maximumLoopIterations: Int = 100_000, maximumPartialDepth: Int = 10)
    {
        self.maximumOutputBytes = maximumOutputBytes
        self.maximumLoopIterations = maximumLoopIterations
        self.maximumPartialDepth = maximumPartialDepth
    }
}

/// Loads an object by collection and id for the `object` filter.
///
/// Implementations must not throw or log object contents; a missing object is `nil`. They may be called many
/// times per render, so they should be cheap or cache.
public protocol LiquidObjectLoader: Sendable {
    /// The object `collection/id` in Knock's object shape, or nil when there is none.
    ///
    /// - Parameters:
    ///   - collection: The collection, such as `"projects"`.
    ///   - id: The object's id.
    /// - Returns: The object, or nil.
    func object(collection: String, id: String) async -> JSONValue?
}
