import Foundation
import Liquid
import Providers
import Signing

/// Reads one workflow document (Knock's `Workflow` object, templates inline) into a ``WorkflowDefinition``,
/// collecting every problem with its JSON path.
struct WorkflowParser {
    /// The file the document came from, for issues and template names.
    let file: String
    /// Template files that replaced `field@` references, by the JSON path of the field.
    let templateFiles: [String: String]
    /// The problems found so far.
    var issues: [WorkflowIssue] = []
    /// Every step ref seen so far, to reject duplicates.
    private var refs: Set<String> = []

    init(file: String, templateFiles: [String: String] = [:]) {
        self.file = file
        self.templateFiles = templateFiles
    }

    /// The keys a workflow accepts; the read-only ones of Knock's API are accepted and ignored.
    static let workflowKeys = [
        "key", "name", "description", "categories", "conditions", "steps", "settings", "tags",
        "trigger_data_json_schema", "trigger_frequency", "active", "valid", "environment", "created_at",
        "updated_at", "deleted_at", "sha", "__readonly",
    ]

    /// Parses a workflow.
    ///
    /// - Parameters:
    ///   - json: The document.
    ///   - key: The key it must have (its folder's name), or `nil` to take it from the document.
    /// - Returns: The definition, or `nil` if there were issues.
    mutating func parse(_ json: JSONValue, key expectedKey: String?) -> WorkflowDefinition? {
        let root = "$"
        guard let object = object(json, at: root) else { return nil }
        unknownKeys(object, accepted: Self.workflowKeys, at: root)
        var key = expectedKey ?? ""
        if let value = object["key"] {
            if let text = value.stringValue, let expectedKey, text != expectedKey {
                report(root + ".key", "key '\(text)' differs from its folder's name '\(expectedKey)'; they must match")
            } else if let text = value.stringValue {
                key = text
            } else {
                report(root + ".key", "expected a string, found \(value.typeName)")
            }
        } else if expectedKey == nil {
            report(root, "missing required key 'key' (a workflow key of a-z, 0-9, '-' and '_')")
        }
        if !Self.isValidKey(key) {
            report(
                root + ".key", "invalid workflow key '\(key)': expected 1 to 255 characters of a-z, 0-9, '-' and '_'")
        }
        let name = string(object["name"], at: root + ".name") ?? key
        var categories: [String] = []
        if let value = object["categories"] {
            if let list = value.arrayValue, list.allSatisfy({ $0.stringValue != nil }) {
                categories = list.compactMap(\.stringValue)
            } else {
                report(root + ".categories", "expected an array of strings, found \(value.typeName)")
            }
        }
        let conditions = conditionGroup(object["conditions"], at: root + ".conditions", allowMessageStatus: false)
        var overridesPreferences = false
        if let settings = object["settings"] {
            if let settingsObject = self.object(settings, at: root + ".settings") {
                unknownKeys(
                    settingsObject, accepted: ["override_preferences", "is_commercial"], at: root + ".settings")
                overridesPreferences =
                    bool(settingsObject["override_preferences"], at: root + ".settings.override_preferences") ?? false
                _ = bool(settingsObject["is_commercial"], at: root + ".settings.is_commercial")
            }
        }
        var steps: [WorkflowStep] = []
        if let value = object["steps"] {
            steps = self.steps(value, at: root + ".steps", depth: 0)
        } else {
            report(root, "missing required key 'steps' (an array of workflow steps)")
        }
        guard issues.isEmpty else { return nil }
        return WorkflowDefinition(
            key: key, name: name, categories: categories, conditions: conditions, steps: steps,
            overridesPreferences: overridesPreferences, version: Self.version(of: json), snapshot: json, file: file)
    }

    /// Parses a list of steps; `depth` is how many branch steps enclose it.
    mutating func steps(_ value: JSONValue, at path: String, depth: Int) -> [WorkflowStep] {
        guard let list = value.arrayValue else {
            report(path, "expected an array of steps, found \(value.typeName)")
            return []
        }
        return list.enumerated().compactMap { index, element in step(element, at: "\(path)[\(index)]", depth: depth) }
    }

    /// The step types this engine runs.
    static let stepTypes = ["channel", "delay", "batch", "branch", "throttle", "http_fetch", "trigger_workflow"]

    private mutating func step(_ value: JSONValue, at path: String, depth: Int) -> WorkflowStep? {
        guard let object = object(value, at: path) else { return nil }
        guard let type = object["type"]?.stringValue else {
            report(path, "missing required key 'type' (one of \(Self.stepTypes.joined(separator: ", ")))")
            return nil
        }
        guard let ref = object["ref"]?.stringValue, Self.isValidRef(ref) else {
            report(
                path + ".ref",
                "expected a step ref of 1 to 255 characters of A-Z, a-z, 0-9, '-' and '_', such as 'email_1'")
            return nil
        }
        if !refs.insert(ref).inserted {
            report(path + ".ref", "duplicate step ref '\(ref)'; refs must be unique in a workflow")
        }
        let name = string(object["name"], at: path + ".name")
        _ = string(object["description"], at: path + ".description")
        let conditions: ConditionGroup?
        if type == "branch" {
            if let value = object["conditions"], value != .null {
                report(
                    path + ".conditions", "a branch step cannot have step conditions; put conditions on its branches")
            }
            conditions = nil
        } else {
            conditions = conditionGroup(object["conditions"], at: path + ".conditions", allowMessageStatus: true)
        }
        let kind: WorkflowStep.Kind?
        switch type {
        case "channel": kind = channelStep(object, at: path).map(WorkflowStep.Kind.channel)
        case "delay": kind = delayStep(object, at: path).map(WorkflowStep.Kind.delay)
        case "batch": kind = batchStep(object, at: path).map(WorkflowStep.Kind.batch)
        case "branch": kind = branchStep(object, at: path, depth: depth).map(WorkflowStep.Kind.branch)
        case "throttle": kind = throttleStep(object, at: path).map(WorkflowStep.Kind.throttle)
        case "http_fetch", "fetch": kind = fetchStep(object, at: path).map(WorkflowStep.Kind.fetch)
        case "trigger_workflow": kind = triggerWorkflowStep(object, at: path).map(WorkflowStep.Kind.triggerWorkflow)
        default:
            report(
                path + ".type",
                "step type '\(type)' is not supported (supported: \(Self.stepTypes.joined(separator: ", ")))")
            kind = nil
        }
        guard let kind else { return nil }
        return WorkflowStep(ref: ref, name: name, conditions: conditions, kind: kind)
    }

    // MARK: - Values

    mutating func report(_ path: String, _ message: String) {
        issues.append(WorkflowIssue(file: file, path: path, message: message))
    }

    mutating func object(_ value: JSONValue, at path: String) -> JSONObject? {
        guard let object = value.objectValue else {
            report(path, "expected an object, found \(value.typeName)")
            return nil
        }
        return object
    }

    mutating func unknownKeys(_ object: JSONObject, accepted: [String], at path: String) {
        for key in object.keys where !accepted.contains(key) {
            report("\(path).\(key)", "unknown key '\(key)' (accepted: \(accepted.joined(separator: ", ")))")
        }
    }

    mutating func string(_ value: JSONValue?, at path: String) -> String? {
        guard let value, value != .null else { return nil }
        guard let text = value.stringValue else {
            report(path, "expected a string, found \(value.typeName)")
            return nil
        }
        return text
    }

    mutating func bool(_ value: JSONValue?, at path: String) -> Bool? {
        guard let value, value != .null else { return nil }
        guard let flag = value.boolValue else {
            report(path, "expected true or false, found \(value.typeName)")
            return nil
        }
        return flag
    }

    mutating func integer(_ value: JSONValue?, at path: String, in range: ClosedRange<Int>) -> Int? {
        guard let value, value != .null else { return nil }
        guard let number = value.intValue, range.contains(number) else {
            let found = value.numberValue.map { "\($0)" } ?? value.typeName
            report(path, "expected an integer from \(range.lowerBound) to \(range.upperBound), found \(found)")
            return nil
        }
        return number
    }

    mutating func conditionGroup(_ value: JSONValue?, at path: String, allowMessageStatus: Bool) -> ConditionGroup? {
        guard let value, value != .null else { return nil }
        do {
            return try ConditionGroup.parse(value, path: path, allowMessageStatus: allowMessageStatus)
        } catch {
            report(path, error.message)
            return nil
        }
    }

    mutating func duration(_ value: JSONValue?, at path: String, maximumSeconds: Int) -> WindowDuration? {
        guard let value, value != .null else { return nil }
        do {
            let duration = try WindowDuration.parse(value, path: path)
            if duration.seconds > maximumSeconds || duration.seconds <= 0 {
                report(
                    path,
                    "expected a duration from 1 second to \(maximumSeconds / 86_400) days, found \(duration.seconds) seconds"
                )
                return nil
            }
            return duration
        } catch {
            report(path, error.message)
            return nil
        }
    }

    /// A Liquid template; `nil` (with an issue) when it does not parse.
    mutating func template(_ value: JSONValue?, at path: String, required: Bool) -> WorkflowTemplate? {
        guard let value, value != .null else {
            if required { report(path, "missing required template (a string of Liquid)") }
            return nil
        }
        guard let source = value.stringValue else {
            report(path, "expected a template string, found \(value.typeName)")
            return nil
        }
        return template(source: source, at: path)
    }

    mutating func template(source: String, at path: String) -> WorkflowTemplate? {
        let name = templateFiles[path] ?? "\(file)#\(path)"
        do {
            return WorkflowTemplate(source: source, template: try LiquidTemplate(parsing: source, name: name))
        } catch {
            report(path, "template syntax error: \(error)")
            return nil
        }
    }

    // MARK: - Rules

    static func isValidKey(_ key: String) -> Bool {
        (1...255).contains(key.utf8.count)
            && key.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" || $0 == "_"
            }
    }

    static func isValidRef(_ ref: String) -> Bool {
        (1...255).contains(ref.utf8.count)
            && ref.unicodeScalars.allSatisfy {
                ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0) || $0 == "-"
                    || $0 == "_"
            }
    }

    /// A stable hash of a document: SHA-256 of its JSON with keys sorted, so formatting does not matter.
    static func version(of json: JSONValue) -> String {
        String(Hex.encode(Digest.sha256(json.encodedBytes(sortedKeys: true))).prefix(16))
    }
}
