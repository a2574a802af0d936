import Foundation
import Providers
import Signing
import Transport

extension WorkflowEngine {
    func executeFetch(
        _ step: WorkflowStep, _ fetch: FetchStep, run: inout RecipientRun, context: inout RunContext,
        conditions: JSONValue?
    ) async throws -> StepOutcome {
        let now = clock.now()
        let attempt = run.fetchAttempts + 1
        let redactor = Redactor(secrets: context.settings.secretValues)
        var details = WorkflowTime.details(conditions, [("attempt", .number(Double(attempt)))])
        func fail(_ reason: String) -> StepOutcome {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "http_fetch", outcome: "failed", reason: reason,
                    details: details))
            run.state = .failed(reason: "fetch step '\(step.ref)' failed")
            run.fetchAttempts = 0
            return .suspend
        }
        // Build the request; any problem here is fatal.
        let rendered: RenderedRequest
        do {
            rendered = try await renderRequest(fetch.request, run: run, context: context, now: now)
        } catch {
            return fail(
                "failed and halted the run because the request could not be built: \(redactor.redact("\(error)"))")
        }
        var body: [UInt8] = []
        var payload = ""
        if let text = rendered.body {
            do {
                payload = try Self.parseJSON(text, field: "body").encoded()
                body = Array(payload.utf8)
            } catch {
                return fail("failed and halted the run because the body is not valid JSON")
            }
        }
        guard let components = URLComponents(string: rendered.url), let scheme = components.scheme?.lowercased(),
            ["http", "https"].contains(scheme), components.host?.isEmpty == false
        else {
            details["request"] = [
                "method": .string(fetch.request.method), "url": .string(redactor.redact(rendered.url)),
            ]
            return fail("failed and halted the run because the URL is not a valid http or https URL")
        }
        var headers = HTTPHeaders(rendered.headers)
        if !body.isEmpty && !rendered.headers.contains(where: { $0.0.lowercased() == "content-type" }) {
            headers.add(name: "Content-Type", value: "application/json")
        }
        var secrets = context.settings.secretValues
        if let variable = fetch.signingKeyVariable {
            guard let key = context.settings.variables[variable], let secret = key.value.stringValue, !secret.isEmpty
            else {
                return fail(
                    "failed and halted the run because the signing key variable '\(variable)' is not set in environment '\(run.environment)'"
                )
            }
            secrets.append(secret)
            // The same scheme as the webhook channel's, so one verifier serves both.
            let signature = KnockWebhookSignature(secret: secret).sign(body: Array(payload.utf8), timestamp: now)
            headers.add(name: KnockWebhookSignature.headerName, value: signature)
        }
        let logRedactor = Redactor(secrets: secrets)
        let request = HTTPRequest(
            method: HTTPMethod(fetch.request.method), url: rendered.url, headers: headers, body: body)
        details["request"] = [
            "method": .string(fetch.request.method), "url": .string(logRedactor.redact(rendered.url)),
            "headers": .object(JSONObject(headers.map { ($0.name, .string(logRedactor.redact($0.value))) })),
            "body": payload.isEmpty ? .null : .string(logRedactor.redact(payload)),
        ]
        let started = ContinuousClock.now
        let response: HTTPResponse
        do {
            response = try await transport.execute(request, timeout: fetchTimeout)
        } catch let error as TransportError where error.code == .timeout {
            details["duration_ms"] = .number(Double((ContinuousClock.now - started).milliseconds))
            details["error"] = .string("timeout after \(fetchTimeout.seconds) seconds")
            return retry(step, run: &run, attempt: attempt, details: details, reason: "the request timed out", now: now)
        } catch let error as TransportError where error.code == .forbiddenAddress {
            // Not retried: the address will not change its range. The message names the address and the rule.
            details["error"] = .string(logRedactor.redact(error.message))
            return fail(
                "failed and halted the run because \(logRedactor.redact(error.message)); host.outbound_allow_list can allow it"
            )
        } catch {
            details["error"] = .string(logRedactor.redact("\(error)"))
            return fail("failed and halted the run because the request failed: \(logRedactor.redact("\(error)"))")
        }
        details["duration_ms"] = .number(Double((ContinuousClock.now - started).milliseconds))
        details["response"] = [
            "status": .number(Double(response.status)),
            "headers": .object(JSONObject(response.headers.map { ($0.name, .string(logRedactor.redact($0.value))) })),
            "body": .string(logRedactor.redact(response.bodyText)),
        ]
        if (500...599).contains(response.status) {
            return retry(
                step, run: &run, attempt: attempt, details: details,
                reason: "the response status is \(response.status)", now: now)
        }
        guard [200, 201, 204].contains(response.status) else {
            return fail(
                "failed and halted the run because the response status \(response.status) is not 200, 201 or 204")
        }
        let text = response.bodyText.trimmingCharacters(in: .whitespacesAndNewlines)
        if !text.isEmpty {
            guard let value = try? JSONValue.parse(text) else {
                return fail("failed and halted the run because the response body is not JSON")
            }
            if let path = fetch.responsePath {
                run.data = Self.placing(value, at: path.split(separator: ".").map(String.init), in: run.data)
            } else {
                guard case .object(let object) = value else {
                    return fail(
                        "failed and halted the run because the response is JSON \(value.typeName), not an object to merge into data"
                    )
                }
                for (key, member) in object { run.data[key] = member }
            }
        }
        details["data"] = .object(run.data)
        run.fetchAttempts = 0
        run.stepLog.append(
            StepLogEntry(
                at: now, stepRef: step.ref, stepType: "http_fetch", outcome: "executed",
                reason: text.isEmpty
                    ? "the response had no body; data is unchanged"
                    : (fetch.responsePath.map { "placed the response at data.\($0)" } ?? "merged the response into data"),
                details: details))
        return .next
    }

    /// Schedules the next attempt of a retryable failure, or fails the step after the last one.
    private func retry(
        _ step: WorkflowStep, run: inout RecipientRun, attempt: Int, details: JSONObject, reason: String, now: Date
    ) -> StepOutcome {
        guard attempt <= FetchStep.retryDelays.count else {
            run.stepLog.append(
                StepLogEntry(
                    at: now, stepRef: step.ref, stepType: "http_fetch", outcome: "failed",
                    reason: "failed and halted the run because \(reason) and both retries are used", details: details))
            run.state = .failed(reason: "fetch step '\(step.ref)' failed")
            run.fetchAttempts = 0
            return .suspend
        }
        let delay = FetchStep.retryDelays[attempt - 1]
        let until = now.addingTimeInterval(delay)
        run.stepLog.append(
            StepLogEntry(
                at: now, stepRef: step.ref, stepType: "http_fetch", outcome: "retrying",
                reason: "\(reason); retrying in \(Int(delay)) seconds", details: details))
        run.fetchAttempts = attempt
        run.state = .waiting(until: until)
        return .suspend
    }

    /// `data` with `value` placed at a dot path, creating objects on the way.
    static func placing(_ value: JSONValue, at path: [String], in object: JSONObject) -> JSONObject {
        guard let first = path.first else { return object }
        var result = object
        if path.count == 1 {
            result[first] = value
        } else {
            let inner = result[first]?.objectValue ?? JSONObject()
            result[first] = .object(placing(value, at: Array(path.dropFirst()), in: inner))
        }
        return result
    }
}

/// Replaces secret values in log text.
struct Redactor {
    let secrets: [String]

    func redact(_ text: String) -> String {
        secrets.filter { $0.count >= 4 }.reduce(text) { $0.replacingOccurrences(of: $1, with: "[redacted]") }
    }
}

extension Duration {
    /// Whole milliseconds.
    var milliseconds: Int64 {
        components.seconds * 1000 + components.attoseconds / 1_000_000_000_000_000
    }
}
