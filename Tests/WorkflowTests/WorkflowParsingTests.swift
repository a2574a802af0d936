import Engine
import Foundation
import Providers
import Testing

@Suite struct WorkflowParsingTests {
    func issues(_ json: String) -> [String] {
        do {
            _ = try WorkflowCatalog.parse(JSONValue.parse(json), file: "w.json")
            Issue.record("the workflow parsed")
            return []
        } catch let error as EngineError {
            #expect(error.code == .invalidWorkflow)
            return error.message.split(separator: "\n").map(String.init).filter {
                $0.hasPrefix("w.json") || $0.contains("w.json: ")
            }
            .map { $0.replacingOccurrences(of: "invalid workflow: ", with: "") }
        } catch {
            Issue.record("unexpected \(error)")
            return []
        }
    }

    func step(_ json: String) -> String { #"{"key": "w", "steps": [\#(json)]}"# }

    @Test func namesTheFileAndPathOfEachProblem() {
        #expect(
            issues(step(#"{"ref": "x", "type": "ai_agent"}"#)) == [
                "w.json: $.steps[0].type: step type 'ai_agent' is not supported (supported: channel, delay, batch, branch, throttle, http_fetch, trigger_workflow)"
            ])
        #expect(
            issues(
                #"{"key": "w", "steps": [{"ref": "a", "type": "delay", "settings": {"delay_for": {"unit": "days", "value": 366}}}, {"ref": "a", "type": "delay", "settings": {"delay_for": {"unit": "days", "value": 1}}}]}"#
            )
                == [
                    "w.json: $.steps[0].settings.delay_for: expected a duration from 1 second to 365 days, found 31622400 seconds",
                    "w.json: $.steps[1].ref: duplicate step ref 'a'; refs must be unique in a workflow",
                ])
    }

    @Test(arguments: [1, 1001])
    func rejectsBatchLimitsOutsideTheirRanges(limit: Int) {
        #expect(
            issues(
                step(
                    #"{"ref": "b", "type": "batch", "settings": {"batch_window": {"unit": "minutes", "value": 1}, "batch_items_max_limit": \#(limit)}}"#
                ))
                == [
                    "w.json: $.steps[0].settings.batch_items_max_limit: expected an integer from 2 to 1000, found \(Double(limit))"
                ])
    }

    @Test func rejectsRenderLimitsOutside2To100AndLongThrottleWindows() {
        #expect(
            issues(
                step(
                    #"{"ref": "b", "type": "batch", "settings": {"batch_window": {"unit": "minutes", "value": 1}, "batch_items_render_limit": 101}}"#
                ))
                == [
                    "w.json: $.steps[0].settings.batch_items_render_limit: expected an integer from 2 to 100, found 101.0"
                ])
        #expect(
            issues(
                step(
                    #"{"ref": "t", "type": "throttle", "settings": {"throttle_window": {"unit": "days", "value": 32}}}"#
                ))
                == [
                    "w.json: $.steps[0].settings.throttle_window: expected a duration from 1 second to 31 days, found 2764800 seconds"
                ])
    }

    @Test func enforcesTheBranchRules() {
        let needsConditions = step(#"{"ref": "br", "type": "branch", "branches": [{"steps": []}, {"steps": []}]}"#)
        #expect(
            issues(needsConditions) == [
                "w.json: $.steps[0].branches[0]: a non-default branch needs at least one condition (only the last, default branch has none)"
            ])
        let stepConditions = step(
            #"{"ref": "br", "type": "branch", "conditions": {"all": []}, "branches": [{"steps": []}]}"#)
        #expect(
            issues(stepConditions) == [
                "w.json: $.steps[0].conditions: a branch step cannot have step conditions; put conditions on its branches"
            ])
        let condition = #"{"all": [{"variable": "data.x", "operator": "empty"}]}"#
        let eleven = (0..<10).map { _ in #"{"conditions": \#(condition), "steps": []}"# } + [#"{"steps": []}"#]
        #expect(
            issues(step(#"{"ref": "br", "type": "branch", "branches": [\#(eleven.joined(separator: ","))]}"#)) == [
                "w.json: $.steps[0].branches: at most 10 branches (the default included), found 11"
            ])
        var nested = #"{"ref": "leaf", "type": "delay", "settings": {"delay_for": {"unit": "minutes", "value": 1}}}"#
        for depth in 0..<6 {
            nested = #"{"ref": "br\#(depth)", "type": "branch", "branches": [{"steps": [\#(nested)]}]}"#
        }
        #expect(
            issues(step(nested)) == [
                "w.json: $.steps[0].branches[0].steps[0].branches[0].steps[0].branches[0].steps[0].branches[0].steps[0].branches[0].steps[0]: branch steps nest at most 5 deep; this one is at depth 6"
            ])
    }

    @Test func rejectsFetchMethodsAndTemplatesThatDoNotParse() {
        #expect(
            issues(
                step(#"{"ref": "f", "type": "http_fetch", "settings": {"method": "head", "url": "https://x.test"}}"#))
                == [
                    "w.json: $.steps[0].settings.method: expected one of get, post, put, delete, patch, found 'head'"
                ])
        #expect(
            issues(
                step(
                    #"{"ref": "s", "type": "channel", "channel_type": "sms", "channel_key": "sms", "template": {"text_body": "{% if %}"}}"#
                )
            ).first?.hasPrefix(
                "w.json: $.steps[0].template.text_body: template syntax error: LiquidError") == true)
    }

    @Test func loadsADirectoryReadingTemplateFilesNextToTheWorkflow() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("wf-\(UUID().uuidString)")
        let folder = directory.appendingPathComponent("welcome")
        try FileManager.default.createDirectory(
            at: folder.appendingPathComponent("email_1"), withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try
            #"{"name": "Welcome", "steps": [{"ref": "email_1", "type": "channel", "channel_type": "email", "channel_key": "email", "template": {"subject": "Hi", "html_body@": "email_1/html_body.html"}}]}"#
            .write(to: folder.appendingPathComponent("workflow.json"), atomically: true, encoding: .utf8)
        try "<p>{{ recipient.name }}</p>".write(
            to: folder.appendingPathComponent("email_1/html_body.html"), atomically: true, encoding: .utf8)
        let catalog = try WorkflowCatalog.load(directory: directory.path)
        let definition = try #require(catalog.workflow("welcome"))
        #expect(definition.name == "Welcome")
        guard case .channel(let channel) = definition.steps[0].kind, case .email(_, let html?, nil) = channel.template
        else {
            Issue.record("not an email step")
            return
        }
        #expect(html.source == "<p>{{ recipient.name }}</p>")
        #expect(
            definition.snapshot["steps"]?.arrayValue?.first?["template"]?["html_body"] == "<p>{{ recipient.name }}</p>")
    }
}

@Suite struct TriggerRequestTests {
    @Test func deduplicatesRecipientsAndReadsEveryField() throws {
        let request = try TriggerRequest.parse(
            JSONValue.parse(
                #"{"recipients": ["a", {"id": "a", "name": "A"}, {"collection": "projects", "id": "p1"}], "actor": "z", "data": {"k": 1}, "tenant": {"id": "t", "name": "T"}, "cancellation_key": "ck"}"#
            ))
        #expect(request.recipients == [.reference(.user("a")), .reference(.object(collection: "projects", id: "p1"))])
        #expect(request.actor == .reference(.user("z")))
        #expect(request.data == ["k": 1])
        #expect(request.tenant == "t")
        #expect(request.tenantProperties == ["name": "T"])
        #expect(request.cancellationKey == "ck")
    }

    @Test func rejectsMoreThan1000RecipientsAndBadFields() throws {
        let many = (0...1000).map { "\"u\($0)\"" }.joined(separator: ",")
        for (body, message) in [
            (#"{"recipients": [\#(many)]}"#, "$.recipients: expected 1 to 1000 recipients, found 1001"),
            (#"{"recipients": ["a"], "data": []}"#, "$.data: expected an object, found array"),
            (
                #"{"recipients": ["a"], "extra": 1}"#,
                "$.extra: unknown key 'extra' (accepted: recipients, actor, data, tenant, cancellation_key, settings)"
            ),
        ] {
            do {
                _ = try TriggerRequest.parse(JSONValue.parse(body))
                Issue.record("parsed \(body)")
            } catch let error as EngineError {
                #expect(error.code == .invalidInput)
                #expect(error.message == message)
            }
        }
    }

    @Test func parsesCancellations() throws {
        let request = try CancelRequest.parse(JSONValue.parse(#"{"cancellation_key": "k", "recipients": ["a"]}"#))
        #expect(request == CancelRequest(cancellationKey: "k", recipients: [.user("a")]))
    }
}
