public import Providers

/// Looks up dot paths such as `data.items.0.name` in a run's scope.
///
/// Shared by conditions, dynamic windows and the workflow engine, so that every feature reads a
/// path the same way:
/// - segments are separated by `.`;
/// - on an object a segment names a member (keys are case-sensitive);
/// - on an array a segment that is a non-negative integer (`items.0`) is an index;
/// - anything else, or a missing member or index, makes the whole path unresolvable.
///
/// ```swift
/// let values: JSONObject = ["data": ["items": [["name": "a"]]]]
/// ScopePath.lookup("data.items.0.name", in: values)  // "a"
/// ```
public enum ScopePath {
    /// The value at `path` in `values`, or `nil` when the path does not resolve.
    ///
    /// - Parameters:
    ///   - path: A dot path whose first segment names a top-level key (`data`, `recipient`, `vars`, ...).
    ///   - values: The scope's top-level values.
    /// - Returns: The value found, or `nil` for an empty path or a missing member or index.
    public static func lookup(_ path: String, in values: JSONObject) -> JSONValue? {
        let segments = path.split(separator: ".", omittingEmptySubsequences: false)
        guard let first = segments.first, !first.isEmpty, var current = values[String(first)] else { return nil }
        for segment in segments.dropFirst() {
            guard let next = child(of: current, named: segment) else { return nil }
            current = next
        }
        return current
    }

    /// The member or element `segment` of `value`, or `nil`.
    private static func child(of value: JSONValue, named segment: Substring) -> JSONValue? {
        switch value {
        case .object(let object):
            return object[String(segment)]
        case .array(let elements):
            guard !segment.isEmpty, segment.allSatisfy(\.isASCII), segment.allSatisfy(\.isNumber),
                let index = Int(segment), index < elements.count
            else { return nil }
            return elements[index]
        default:
            return nil
        }
    }
}
