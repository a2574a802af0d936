public import Providers

extension JSONObject {
    /// This object with `overlay` deep-merged into it: Knock's identify semantics.
    ///
    /// Where both hold an object under a key, the two are merged recursively; otherwise the overlay's
    /// value replaces the stored one (`null` included, and arrays are replaced whole). Keys the overlay
    /// omits are kept, so a property is never removed by omission. New keys are appended in the
    /// overlay's order.
    ///
    /// ```swift
    /// let merged = JSONObject(["a": ["x": 1]]).deepMerged(with: ["a": ["y": 2]])   // {"a":{"x":1,"y":2}}
    /// ```
    public func deepMerged(with overlay: JSONObject) -> JSONObject {
        var result = self
        for (key, value) in overlay {
            if case .object(let stored)? = result[key], case .object(let incoming) = value {
                result[key] = .object(stored.deepMerged(with: incoming))
            } else {
                result[key] = value
            }
        }
        return result
    }

    /// This object with the members it lacks taken from `fallback`, recursively: a deep merge in which
    /// this object wins every conflict (how a user merge combines the primary's and secondary's
    /// properties).
    public func deepFilled(from fallback: JSONObject) -> JSONObject {
        var result = self
        for (key, value) in fallback {
            switch (result[key], value) {
            case (nil, _):
                result[key] = value
            case (.object(let own)?, .object(let other)):
                result[key] = .object(own.deepFilled(from: other))
            default:
                break
            }
        }
        return result
    }
}
