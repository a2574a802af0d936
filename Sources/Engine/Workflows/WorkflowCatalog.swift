import Foundation
public import Liquid
public import Providers

/// The workflows a host runs, loaded from a directory of workflow folders, and the Liquid partials
/// their templates include.
///
/// ```text
/// workflows/
/// ├── comment-created/
/// │   ├── workflow.json          (Knock's Workflow object; "html_body@": "email_1/html_body.html" reads a file)
/// │   └── email_1/html_body.html
/// └── digest/workflow.json
/// ```
public struct WorkflowCatalog: Sendable {
    /// The workflows by key.
    public private(set) var workflows: [String: WorkflowDefinition]
    /// The partials templates may include.
    public var partials: LiquidPartials
    /// The translations of the `t` filter and tag, with the default locale; `nil` when none are configured
    /// (`t` then renders the key, and the tag its body).
    public var translations: LiquidTranslations?

    /// Creates a catalog of definitions.
    public init(
        _ workflows: [WorkflowDefinition] = [], partials: LiquidPartials = LiquidPartials(),
        translations: LiquidTranslations? = nil
    ) {
        self.workflows = Dictionary(workflows.map { ($0.key, $0) }, uniquingKeysWith: { _, last in last })
        self.partials = partials
        self.translations = translations
    }

    /// The workflow with `key`, or `nil`.
    public func workflow(_ key: String) -> WorkflowDefinition? {
        workflows[key]
    }

    /// Loads every `<key>/workflow.json` under `directory`.
    ///
    /// String fields written as `"<field>@": "<relative path>"` are read from that file (relative to the
    /// workflow's folder), as Knock's CLI writes templates. Every problem of every workflow is collected
    /// before anything is thrown.
    ///
    /// - Parameters:
    ///   - directory: The workflows directory.
    ///   - partialsDirectory: A directory of Liquid partials (`<key>.liquid`, `.html`, `.md`, `.txt`, `.json`).
    ///   - translationsDirectory: A directory of translations (`<locale>/<locale>.json`,
    ///     `<locale>/<namespace>.<locale>.json`).
    ///   - defaultLocale: The locale translations fall back to.
    /// - Returns: The catalog.
    /// - Throws: ``EngineError`` with code ``EngineError/Code/invalidWorkflow``, one line per problem naming
    ///   the file and JSON path.
    public static func load(
        directory: String, partialsDirectory: String? = nil, translationsDirectory: String? = nil,
        defaultLocale: String = "en"
    ) throws -> WorkflowCatalog {
        let manager = FileManager.default
        var issues: [WorkflowIssue] = []
        var partials = LiquidPartials()
        if let partialsDirectory {
            do {
                partials = try LiquidPartials.load(directory: partialsDirectory)
            } catch {
                issues.append(WorkflowIssue(file: partialsDirectory, path: "$", message: "partial error: \(error)"))
            }
        }
        var translations: LiquidTranslations?
        if let translationsDirectory {
            do {
                translations = try LiquidTranslations.load(
                    directory: translationsDirectory, defaultLocale: defaultLocale)
            } catch {
                issues.append(
                    WorkflowIssue(file: translationsDirectory, path: "$", message: "translation error: \(error)"))
            }
        }
        let names: [String]
        do {
            names = try manager.contentsOfDirectory(atPath: directory).sorted()
        } catch {
            throw EngineError.invalidWorkflow([
                WorkflowIssue(file: directory, path: "$", message: "cannot read the workflows directory: \(error)")
            ])
        }
        var definitions: [WorkflowDefinition] = []
        for name in names where !name.hasPrefix(".") {
            let folder = (directory as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard manager.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { continue }
            let file = (folder as NSString).appendingPathComponent("workflow.json")
            guard manager.fileExists(atPath: file) else {
                issues.append(
                    WorkflowIssue(
                        file: folder, path: "$", message: "missing workflow.json in workflow folder '\(name)'"))
                continue
            }
            switch loadWorkflow(file: file, folder: folder, key: name) {
            case .success(let definition): definitions.append(definition)
            case .failure(let found): issues += found.issues
            }
        }
        guard issues.isEmpty else { throw EngineError.invalidWorkflow(issues) }
        return WorkflowCatalog(definitions, partials: partials, translations: translations)
    }

    /// Parses one workflow document with its templates inline (such as a stored ``WorkflowDefinition/snapshot``).
    ///
    /// - Parameters:
    ///   - json: The document.
    ///   - file: Its name in issues.
    ///   - key: The key it must have, or `nil` to read it from the document.
    /// - Throws: ``EngineError`` with code ``EngineError/Code/invalidWorkflow``.
    public static func parse(_ json: JSONValue, file: String, key: String? = nil) throws -> WorkflowDefinition {
        var parser = WorkflowParser(file: file)
        guard let definition = parser.parse(json, key: key) else { throw EngineError.invalidWorkflow(parser.issues) }
        return definition
    }

    private static func loadWorkflow(file: String, folder: String, key: String) -> Result<
        WorkflowDefinition, WorkflowIssues
    > {
        let json: JSONValue
        do {
            json = try JSONValue.parse(try Data(contentsOf: URL(fileURLWithPath: file)))
        } catch let error as JSONParseError {
            return .failure(WorkflowIssues([WorkflowIssue(file: file, path: "$", message: "invalid JSON at \(error)")]))
        } catch {
            return .failure(WorkflowIssues([WorkflowIssue(file: file, path: "$", message: "cannot read: \(error)")]))
        }
        var files: [String: String] = [:]
        var issues: [WorkflowIssue] = []
        let inlined = inlineFiles(json, folder: folder, file: file, path: "$", files: &files, issues: &issues)
        guard issues.isEmpty else { return .failure(WorkflowIssues(issues)) }
        var parser = WorkflowParser(file: file, templateFiles: files)
        guard var definition = parser.parse(inlined, key: key) else { return .failure(WorkflowIssues(parser.issues)) }
        definition.file = file
        return .success(definition)
    }

    /// Replaces every `"<field>@": "<path>"` member by `"<field>": <the file's text>`.
    private static func inlineFiles(
        _ value: JSONValue, folder: String, file: String, path: String, files: inout [String: String],
        issues: inout [WorkflowIssue]
    ) -> JSONValue {
        switch value {
        case .object(let object):
            var result = JSONObject()
            for (key, member) in object {
                guard key.hasSuffix("@"), key.count > 1 else {
                    result[key] = inlineFiles(
                        member, folder: folder, file: file, path: "\(path).\(key)", files: &files, issues: &issues)
                    continue
                }
                let field = String(key.dropLast())
                guard let relative = member.stringValue, !relative.hasPrefix("/"), !relative.contains("..") else {
                    issues.append(
                        WorkflowIssue(
                            file: file, path: "\(path).\(key)",
                            message: "expected a file path relative to the workflow folder, without '..'"))
                    continue
                }
                let target = (folder as NSString).appendingPathComponent(relative)
                guard let data = FileManager.default.contents(atPath: target),
                    let text = String(data: data, encoding: .utf8)
                else {
                    issues.append(
                        WorkflowIssue(
                            file: file, path: "\(path).\(key)", message: "cannot read template file '\(relative)'"))
                    continue
                }
                files["\(path).\(field)"] = target
                result[field] = .string(text)
            }
            return .object(result)
        case .array(let elements):
            return .array(
                elements.enumerated().map { index, element in
                    inlineFiles(
                        element, folder: folder, file: file, path: "\(path)[\(index)]", files: &files, issues: &issues)
                })
        default:
            return value
        }
    }
}

extension WorkflowCatalog {
    /// Adds or replaces a workflow.
    public mutating func insert(_ definition: WorkflowDefinition) {
        workflows[definition.key] = definition
    }

    /// Removes a workflow (archiving it): it can no longer be triggered, and runs of it end when they resume.
    public mutating func remove(_ key: String) {
        workflows[key] = nil
    }
}

/// Issues as an error value, for `Result`.
struct WorkflowIssues: Error {
    var issues: [WorkflowIssue]

    init(_ issues: [WorkflowIssue]) {
        self.issues = issues
    }
}
