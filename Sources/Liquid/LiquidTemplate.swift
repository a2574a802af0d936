/// A parsed Liquid template. Placeholder until the template language lands.
public struct LiquidTemplate: Sendable {
    /// The template's name, used in error messages.
    public var name: String

    /// Creates an empty template.
    public init(name: String) {
        self.name = name
    }
}
