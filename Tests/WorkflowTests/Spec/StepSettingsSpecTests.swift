import Engine
import Foundation
import Providers
import Testing

/// Product specification §27 statements on step settings checked when a workflow loads.
@Suite struct StepSettingsSpecTests {
    /// The problems reported for a workflow with one step, or `[]` when it loads.
    func problems(_ step: String) -> [String] {
        do {
            _ = try WorkflowCatalog.parse(JSONValue.parse(#"{"key": "w", "steps": [\#(step)]}"#), file: "w.json")
            return []
        } catch let error as EngineError {
            #expect(error.code == .invalidWorkflow)
            return error.message.split(separator: "\n").compactMap { line in
                line.range(of: "w.json: ").map { String(line[$0.lowerBound...]) }
            }
        } catch {
            Issue.record("unexpected \(error)")
            return ["unexpected"]
        }
    }

    func batch(renderLimit: Int) -> String {
        #"{"ref": "b", "type": "batch", "settings": {"batch_window": {"unit": "minutes", "value": 1}, "batch_items_render_limit": \#(renderLimit)}}"#
    }

    // §27 #78: a render limit from 2 to 100 loads; 1 and 101 are rejected naming the setting.
    @Test func renderLimitsFrom2To100() {
        #expect(
            problems(batch(renderLimit: 1)) == [
                "w.json: $.steps[0].settings.batch_items_render_limit: expected an integer from 2 to 100, found 1.0"
            ])
        #expect(
            problems(batch(renderLimit: 101)) == [
                "w.json: $.steps[0].settings.batch_items_render_limit: expected an integer from 2 to 100, found 101.0"
            ])
        #expect(problems(batch(renderLimit: 2)) == [])
        #expect(problems(batch(renderLimit: 100)) == [])
    }

    static let condition = #"{"all": [{"variable": "data.x", "operator": "equal_to", "argument": 1}]}"#

    // §27 #84: the last branch is the default and must not have conditions; it may be empty.
    @Test func theDefaultBranchMustExistAndMayBeEmpty() {
        #expect(
            problems(
                #"{"ref": "br", "type": "branch", "branches": [{"conditions": \#(Self.condition), "steps": []}, {"name": "Also", "conditions": \#(Self.condition), "steps": []}]}"#
            ) == [
                "w.json: $.steps[0].branches[1].conditions: the last branch is the default branch and has no conditions"
            ])
        #expect(
            problems(#"{"ref": "br", "type": "branch", "branches": []}"#) == [
                "w.json: $.steps[0].branches: expected at least the default branch (a branch without conditions, last)"
            ])
        #expect(
            problems(
                #"{"ref": "br", "type": "branch", "branches": [{"conditions": \#(Self.condition), "steps": []}, {"name": "Default", "steps": []}]}"#
            ) == [])
        #expect(problems(#"{"ref": "br", "type": "branch", "branches": [{"name": "Default"}]}"#) == [])
    }

    func fetch(_ method: String, body: Bool = false) -> String {
        let body = body ? #", "body": "{}""# : ""
        return
            #"{"ref": "f", "type": "http_fetch", "settings": {"method": "\#(method)", "url": "https://x.test"\#(body)}}"#
    }

    // §27 #88: GET, POST, PUT, DELETE and PATCH load (in any case); other methods are rejected; a body only
    // with POST, PUT and PATCH.
    @Test func fetchMethods() {
        for method in ["get", "post", "put", "delete", "patch", "PATCH"] {
            #expect(problems(fetch(method)) == [], "\(method)")
        }
        for method in ["post", "put", "patch"] {
            #expect(problems(fetch(method, body: true)) == [], "\(method)")
        }
        #expect(
            problems(fetch("options")) == [
                "w.json: $.steps[0].settings.method: expected one of get, post, put, delete, patch, found 'options'"
            ])
        #expect(
            problems(fetch("delete", body: true)) == [
                "w.json: $.steps[0].settings.body: a DELETE request has no body; use post, put or patch"
            ])
        #expect(
            problems(fetch("get", body: true)) == [
                "w.json: $.steps[0].settings.body: a GET request has no body; use post, put or patch"
            ])
    }
}
