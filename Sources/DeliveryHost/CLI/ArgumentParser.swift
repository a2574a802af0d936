/// Reads `--name value` options and `--flag` switches, and reports every mistake by name.
struct ArgumentParser {
    private var options: [String: String] = [:]
    private var flags: Set<String> = []
    private(set) var positional: [String] = []
    private let command: String

    init(_ arguments: [String], command: String) throws {
        self.command = command
        var index = 0
        while index < arguments.count {
            let argument = arguments[index]
            if argument.hasPrefix("--") {
                let name = String(argument.dropFirst(2))
                if let equals = name.firstIndex(of: "=") {
                    options[String(name[..<equals])] = String(name[name.index(after: equals)...])
                } else if index + 1 < arguments.count, !arguments[index + 1].hasPrefix("--") {
                    options[name] = arguments[index + 1]
                    index += 1
                } else {
                    flags.insert(name)
                }
            } else {
                positional.append(argument)
            }
            index += 1
        }
    }

    /// The value of `--name`, or `nil`.
    func option(_ name: String) -> String? {
        options[name]
    }

    /// The value of `--name`; a usage error if it is missing.
    func required(_ name: String, _ what: String) throws -> String {
        guard let value = options[name] else {
            throw CommandLineError(message: "'\(command)' needs --\(name) <\(what)>")
        }
        return value
    }

    /// Whether `--name` was given as a switch.
    func flag(_ name: String) -> Bool {
        flags.contains(name)
    }

    /// Throws if any option or switch is not one of `known`.
    func rejectUnknown(_ known: Set<String>) throws {
        let unknown = Set(options.keys).union(flags).subtracting(known).sorted()
        guard unknown.isEmpty else {
            let accepted = known.isEmpty ? "none" : known.sorted().map { "--\($0)" }.joined(separator: ", ")
            throw CommandLineError(
                message:
                    "'\(command)' does not take \(unknown.map { "--\($0)" }.joined(separator: ", ")); accepted: \(accepted)"
            )
        }
    }
}
