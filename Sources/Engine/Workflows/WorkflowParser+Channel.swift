import Foundation
import Providers

extension WorkflowParser {
    /// Channel types as written in `channel_type`; Knock calls webhook steps `http`.
    static let channelTypes: [String: ChannelType] = [
        "email": .email, "sms": .sms, "push": .push, "chat": .chat, "in_app_feed": .inAppFeed, "http": .webhook,
        "webhook": .webhook,
    ]

    static let channelStepKeys = [
        "type", "ref", "name", "description", "conditions", "channel_type", "channel_key", "channel_group_key",
        "template", "send_windows", "channel_overrides",
    ]

    mutating func channelStep(_ object: JSONObject, at path: String) -> ChannelStep? {
        unknownKeys(object, accepted: Self.channelStepKeys, at: path)
        guard let typeName = object["channel_type"]?.stringValue, let channelType = Self.channelTypes[typeName] else {
            report(
                path + ".channel_type",
                "expected one of email, sms, push, chat, in_app_feed, http (webhook), found "
                    + (object["channel_type"].map { $0.stringValue.map { "'\($0)'" } ?? $0.typeName } ?? "nothing"))
            return nil
        }
        if let overrides = object["channel_overrides"], overrides != .null {
            report(path + ".channel_overrides", "channel overrides are not supported; configure the channel instead")
        }
        let channelKey = object["channel_key"].flatMap { $0 == .null ? nil : $0 }
        let groupKey = object["channel_group_key"].flatMap { $0 == .null ? nil : $0 }
        let destination: ChannelStep.Destination
        switch (channelKey, groupKey) {
        case (.some(let key), nil):
            guard let key = string(key, at: path + ".channel_key") else { return nil }
            destination = .channel(key)
        case (nil, .some(let key)):
            guard let key = string(key, at: path + ".channel_group_key") else { return nil }
            destination = .group(key)
        case (.some, .some):
            report(path, "has both 'channel_key' and 'channel_group_key'; name one channel or one channel group")
            return nil
        case (nil, nil):
            report(
                path,
                "missing required key 'channel_key' (the id of a configured channel) or 'channel_group_key' "
                    + "(the key of a configured channel group)")
            return nil
        }
        var sendWindows: [SendWindow] = []
        if let windows = object["send_windows"], windows != .null {
            do {
                sendWindows = try SendWindow.parseList(windows, path: path + ".send_windows")
            } catch let error as EngineError {
                report(path + ".send_windows", error.message)
            } catch {
                report(path + ".send_windows", "\(error)")
            }
        }
        guard let templateValue = object["template"] else {
            report(path, "missing required key 'template' (the \(typeName) template object)")
            return nil
        }
        guard let template = self.object(templateValue, at: path + ".template"),
            let channelTemplate = channelTemplate(template, type: channelType, at: path + ".template")
        else { return nil }
        return ChannelStep(
            channelType: channelType, destination: destination, template: channelTemplate, sendWindows: sendWindows)
    }

    private mutating func channelTemplate(_ object: JSONObject, type: ChannelType, at path: String) -> ChannelTemplate?
    {
        let before = issues.count
        let result: ChannelTemplate?
        switch type {
        case .email:
            unknownKeys(object, accepted: ["subject", "html_body", "text_body", "settings", "is_mjml"], at: path)
            if object["visual_blocks"] != nil {
                report(path + ".visual_blocks", "visual blocks are not supported; write the email in 'html_body'")
            }
            let subject = template(object["subject"], at: path + ".subject", required: true)
            let html = template(object["html_body"], at: path + ".html_body", required: false)
            let text = template(object["text_body"], at: path + ".text_body", required: false)
            if object["html_body"] == nil && object["text_body"] == nil {
                report(path, "missing 'html_body' or 'text_body' (an email needs at least one body)")
            }
            result = subject.map { .email(subject: $0, html: html, text: text) }
        case .sms:
            unknownKeys(object, accepted: ["text_body", "settings"], at: path)
            result = template(object["text_body"], at: path + ".text_body", required: true).map { .sms(text: $0) }
        case .push:
            unknownKeys(object, accepted: ["title", "text_body", "settings"], at: path)
            let title = template(object["title"], at: path + ".title", required: false)
            let text = template(object["text_body"], at: path + ".text_body", required: false)
            var silent = false
            var overrides: WorkflowTemplate?
            if let settings = object["settings"], let settingsObject = self.object(settings, at: path + ".settings") {
                unknownKeys(settingsObject, accepted: ["delivery_type", "payload_overrides"], at: path + ".settings")
                switch settingsObject["delivery_type"]?.stringValue {
                case nil, "content": break
                case "silent": silent = true
                case let other?:
                    report(path + ".settings.delivery_type", "expected 'content' or 'silent', found '\(other)'")
                }
                overrides = template(
                    settingsObject["payload_overrides"], at: path + ".settings.payload_overrides", required: false)
            }
            result = .push(title: title, text: text, silent: silent, payloadOverrides: overrides)
        case .chat:
            unknownKeys(object, accepted: ["markdown_body", "json_body", "summary"], at: path)
            let markdown = template(object["markdown_body"], at: path + ".markdown_body", required: true)
            let json = template(object["json_body"], at: path + ".json_body", required: false)
            let summary = template(object["summary"], at: path + ".summary", required: false)
            result = markdown.map { .chat(markdown: $0, json: json, summary: summary) }
        case .inAppFeed:
            unknownKeys(object, accepted: ["markdown_body", "action_url", "action_buttons"], at: path)
            let markdown = template(object["markdown_body"], at: path + ".markdown_body", required: true)
            let actionURL = template(object["action_url"], at: path + ".action_url", required: false)
            if let buttons = object["action_buttons"], buttons != .null {
                report(path + ".action_buttons", "action buttons are not supported; use 'action_url'")
            }
            result = markdown.map { .inAppFeed(markdown: $0, actionURL: actionURL) }
        case .webhook:
            result = requestTemplate(object, at: path, extraKeys: []).map(ChannelTemplate.webhook)
        }
        return issues.count == before ? result : nil
    }

    /// Parses a request template (`method`, `url`, `headers`, `query_params`, `body`).
    mutating func requestTemplate(_ object: JSONObject, at path: String, extraKeys: [String]) -> RequestTemplate? {
        unknownKeys(object, accepted: ["method", "url", "headers", "query_params", "body"] + extraKeys, at: path)
        let method = (string(object["method"], at: path + ".method") ?? "get").uppercased()
        if !RequestTemplate.methods.contains(method) {
            report(path + ".method", "expected one of get, post, put, delete, patch, found '\(method.lowercased())'")
        }
        let url = template(object["url"], at: path + ".url", required: true)
        let headers = keyValues(object["headers"], at: path + ".headers")
        let query = keyValues(object["query_params"], at: path + ".query_params")
        let body = template(object["body"], at: path + ".body", required: false)
        if body != nil && ["GET", "DELETE"].contains(method) {
            report(path + ".body", "a \(method) request has no body; use post, put or patch")
        }
        guard let url, let headers, let query else { return nil }
        return RequestTemplate(method: method, url: url, headers: headers, query: query, body: body)
    }

    private mutating func keyValues(_ value: JSONValue?, at path: String) -> KeyValueTemplates? {
        guard let value, value != .null else { return .pairs([]) }
        if let source = value.stringValue {
            return template(source: source, at: path).map(KeyValueTemplates.object)
        }
        guard let list = value.arrayValue else {
            report(
                path, "expected an array of {\"key\": …, \"value\": …} or a template string, found \(value.typeName)")
            return nil
        }
        var pairs: [(key: WorkflowTemplate, value: WorkflowTemplate)] = []
        for (index, element) in list.enumerated() {
            let here = "\(path)[\(index)]"
            guard let pair = object(element, at: here) else { continue }
            unknownKeys(pair, accepted: ["key", "value"], at: here)
            if let key = template(pair["key"], at: here + ".key", required: true),
                let value = template(pair["value"], at: here + ".value", required: true)
            {
                pairs.append((key, value))
            }
        }
        return .pairs(pairs)
    }
}
