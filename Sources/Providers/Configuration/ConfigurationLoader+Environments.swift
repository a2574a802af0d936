import Foundation

extension ConfigurationLoader {
    /// The keys an environment accepts.
    static let environmentKeys = ["production", "timezone"]

    /// Whether `name` is a valid channel id or environment name: 1 to 64 of `a-z`, `0-9`, `-`, `_`.
    static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    /// What ``isValidName(_:)`` accepts, for messages.
    static let nameRule = "1 to 64 characters of a-z, 0-9, '-' and '_'"

    /// Validates the `environments` of every file; an environment may be declared in one file only.
    mutating func loadEnvironments(rootFile: String) -> [ChannelConfiguration.Environment] {
        var environments: [ChannelConfiguration.Environment] = []
        var declaredAnywhere = false
        for document in documents {
            guard let value = document.root["environments"] else { continue }
            declaredAnywhere = true
            let path = JSONPath.root.appending("environments")
            guard case .object(let object) = value else {
                report(
                    document.file, path,
                    "expected an object of environments, found \(ConfigurationDescriptions.found(value))")
                continue
            }
            for (name, settings) in object {
                let environmentPath = path.appending(name)
                if !Self.isValidName(name) {
                    report(
                        document.file, environmentPath, "invalid environment name '\(name)': expected \(Self.nameRule)")
                }
                if let earlier = environments.first(where: { $0.name == name }) {
                    report(
                        document.file, environmentPath, "environment '\(name)' is already declared in '\(earlier.file)'"
                    )
                    continue
                }
                if let environment = environment(name, settings, in: document.file, at: environmentPath) {
                    environments.append(environment)
                } else {
                    invalidEnvironments.insert(name)
                }
            }
        }
        if !declaredAnywhere && !isIncomplete {
            report(
                rootFile, .root,
                "missing required key 'environments' (expected an object declaring at least one environment, "
                    + #"such as {"development": {"production": false}})"#)
        }
        return environments
    }

    private mutating func environment(
        _ name: String, _ value: JSONValue, in file: String, at path: JSONPath
    ) -> ChannelConfiguration.Environment? {
        guard case .object(let object) = value else {
            report(file, path, "expected an object, found \(ConfigurationDescriptions.found(value))")
            return nil
        }
        var isValid = true
        for key in object.keys where !Self.environmentKeys.contains(key) {
            report(file, path.appending(key), ConfigurationDescriptions.unknownKey(key, accepted: Self.environmentKeys))
            isValid = false
        }
        var isProduction = false
        switch object["production"] {
        case .bool(let flag):
            isProduction = flag
        case nil:
            report(file, path, "missing required key 'production' (expected true or false)")
            isValid = false
        case let other?:
            report(
                file, path.appending("production"),
                "expected true or false, found \(ConfigurationDescriptions.found(other))")
            isValid = false
        }
        var timezone = "Etc/UTC"
        switch object["timezone"] {
        case .string(let identifier) where TimeZone(identifier: identifier) != nil:
            timezone = identifier
        case nil:
            break
        case let other?:
            let found =
                other.stringValue.map { ConfigurationDescriptions.found($0, from: nil) }
                ?? ConfigurationDescriptions.found(other)
            report(
                file, path.appending("timezone"),
                "expected a time zone database name such as 'Etc/UTC' or 'Europe/Paris', found \(found)")
            isValid = false
        }
        guard isValid else { return nil }
        return ChannelConfiguration.Environment(name: name, isProduction: isProduction, timezone: timezone, file: file)
    }
}
