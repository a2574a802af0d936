import Foundation
import Liquid
import Providers

extension WorkflowEngine {
    /// Renders a channel step's templates into the pipeline's content for its channel type.
    ///
    /// - Throws: ``LiquidError`` when a template fails to render; ``EngineError`` when rendered JSON
    ///   (chat blocks, push payload overrides, a webhook body) does not parse.
    func render(_ template: ChannelTemplate, run: RecipientRun, context: RunContext, now: Date) async throws
        -> OutboundMessage.Content
    {
        func text(_ template: WorkflowTemplate?) async throws -> String? {
            guard let template else { return nil }
            return try await context.render(template, run, now: now)
        }
        switch template {
        case .email(let subject, let html, let plain):
            return .email(
                EmailContent(
                    subject: try await text(subject) ?? "", html: try await text(html), text: try await text(plain)))
        case .sms(let body):
            return .sms(SMSContent(text: try await text(body) ?? ""))
        case .push(let title, let body, let silent, let overrides):
            var data = JSONObject()
            if let rendered = try await text(overrides),
                !rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
            {
                guard case .object(let object) = try Self.parseJSON(rendered, field: "settings.payload_overrides")
                else {
                    throw EngineError(.invalidInput, "settings.payload_overrides: expected a JSON object")
                }
                data = object
            }
            return .push(
                PushContent(
                    title: silent ? nil : try await text(title), body: silent ? nil : try await text(body), data: data,
                    silent: silent))
        case .chat(let markdown, let json, _):
            var blocks: JSONValue?
            if let rendered = try await text(json), !rendered.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                let parsed = try Self.parseJSON(rendered, field: "json_body")
                blocks = parsed["blocks"] ?? parsed
            }
            return .chat(ChatContent(text: try await text(markdown) ?? "", blocks: blocks))
        case .inAppFeed(let markdown, let actionURL):
            return .inAppFeed(
                InAppFeedContent(
                    markdownBody: try await text(markdown) ?? "", actionURL: try await text(actionURL), data: run.data))
        case .webhook(let request):
            let rendered = try await renderRequest(request, run: run, context: context, now: now)
            let body = try rendered.body.map { try Self.parseJSON($0, field: "body") }
            var headers: [String: String] = [:]
            for (name, value) in rendered.headers { headers[name] = value }
            return .webhook(WebhookContent(method: request.method, url: rendered.url, headers: headers, body: body))
        }
    }

    /// A request template rendered: the URL with its query string, the headers, and the body text.
    struct RenderedRequest {
        var url: String
        var headers: [(String, String)]
        var body: String?
    }

    func renderRequest(_ request: RequestTemplate, run: RecipientRun, context: RunContext, now: Date) async throws
        -> RenderedRequest
    {
        var url = try await context.render(request.url, run, now: now).trimmingCharacters(in: .whitespacesAndNewlines)
        let headers = try await renderPairs(request.headers, field: "headers", run: run, context: context, now: now)
        let query = try await renderPairs(request.query, field: "query_params", run: run, context: context, now: now)
        if !query.isEmpty {
            var allowed = CharacterSet.urlQueryAllowed
            allowed.remove(charactersIn: "&=+?#")
            let encoded = query.map { key, value in
                (key.addingPercentEncoding(withAllowedCharacters: allowed) ?? key) + "="
                    + (value.addingPercentEncoding(withAllowedCharacters: allowed) ?? value)
            }
            url += (url.contains("?") ? "&" : "?") + encoded.joined(separator: "&")
        }
        var body: String?
        if let template = request.body { body = try await context.render(template, run, now: now) }
        return RenderedRequest(url: url, headers: headers, body: body)
    }

    private func renderPairs(
        _ pairs: KeyValueTemplates, field: String, run: RecipientRun, context: RunContext, now: Date
    ) async throws -> [(String, String)] {
        switch pairs {
        case .pairs(let list):
            var result: [(String, String)] = []
            for (key, value) in list {
                result.append(
                    (try await context.render(key, run, now: now), try await context.render(value, run, now: now)))
            }
            return result
        case .object(let template):
            let rendered = try await context.render(template, run, now: now)
            guard case .object(let object) = try Self.parseJSON(rendered, field: field) else {
                throw EngineError(.invalidInput, "\(field): expected the template to render a JSON object")
            }
            return object.map { key, value in (key, value.stringValue ?? value.encoded()) }
        }
    }

    /// Parses rendered JSON, naming the field when it does not parse.
    static func parseJSON(_ text: String, field: String) throws -> JSONValue {
        do {
            return try JSONValue.parse(text)
        } catch {
            throw EngineError(.invalidInput, "\(field): the rendered text is not valid JSON (\(error))")
        }
    }
}
