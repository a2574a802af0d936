/// A location in a JSON document, written as a JSONPath such as `$.channels.email.environments[0]`.
///
/// Keys made of letters, digits, `_`, `-` and `$` use dot notation; any other key is written as a quoted
/// JSON string in brackets (`$.headers["X Custom"]`).
struct JSONPath: Sendable, Hashable, CustomStringConvertible {
    private enum Component: Sendable, Hashable {
        case key(String)
        case index(Int)
    }

    private var components: [Component] = []

    /// The whole document, `$`.
    static let root = JSONPath()

    /// The member `key` of the object at this path.
    func appending(_ key: String) -> JSONPath {
        var path = self
        path.components.append(.key(key))
        return path
    }

    /// The element `index` of the array at this path.
    func appending(index: Int) -> JSONPath {
        var path = self
        path.components.append(.index(index))
        return path
    }

    var description: String {
        var text = "$"
        for component in components {
            switch component {
            case .index(let index):
                text += "[\(index)]"
            case .key(let key) where !key.isEmpty && key.unicodeScalars.allSatisfy(Self.isPlain):
                text += "." + key
            case .key(let key):
                text += "[" + JSONValue.string(key).encoded() + "]"
            }
        }
        return text
    }

    private static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("A"..."Z").contains(scalar) || ("0"..."9").contains(scalar)
            || scalar == "_" || scalar == "-" || scalar == "$"
    }
}
