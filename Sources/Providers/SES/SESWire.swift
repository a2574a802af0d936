import Signing
import Transport

/// The JSON bodies of SES v2 `SendEmail` (botocore `sesv2/2019-09-27/service-2.json`).
enum SESWire {
    /// The addresses of one send, each already rendered as SES expects (display names RFC 2047-encoded).
    struct Addresses {
        var from: String
        var to: [String]
        var cc: [String]
        var bcc: [String]
        var replyTo: [String]
    }

    /// One email tag (`EmailTags`): published with every event of the message through a configuration set.
    struct Tag {
        var name: String
        var value: String
    }

    /// The `Content` member: `Simple` (subject, text and HTML bodies, headers) or `Raw` (a whole MIME message).
    enum Content {
        case simple(subject: String, text: String?, html: String?, headers: [(name: String, value: String)])
        case raw([UInt8])
    }

    /// The `SendEmail` request body, members in a fixed order (so fixtures and signatures are repeatable).
    static func sendEmailBody(
        addresses: Addresses, content: Content, tags: [Tag], configurationSet: String?
    ) -> JSONValue {
        var body: JSONObject = ["FromEmailAddress": .string(addresses.from)]
        var destination: JSONObject = [:]
        if !addresses.to.isEmpty { destination["ToAddresses"] = strings(addresses.to) }
        if !addresses.cc.isEmpty { destination["CcAddresses"] = strings(addresses.cc) }
        if !addresses.bcc.isEmpty { destination["BccAddresses"] = strings(addresses.bcc) }
        body["Destination"] = .object(destination)
        if !addresses.replyTo.isEmpty { body["ReplyToAddresses"] = strings(addresses.replyTo) }
        switch content {
        case .simple(let subject, let text, let html, let headers):
            var simpleBody: JSONObject = [:]
            if let text { simpleBody["Text"] = utf8Text(text) }
            if let html { simpleBody["Html"] = utf8Text(html) }
            var simple: JSONObject = ["Subject": utf8Text(subject), "Body": .object(simpleBody)]
            if !headers.isEmpty {
                simple["Headers"] = .array(headers.map { ["Name": .string($0.name), "Value": .string($0.value)] })
            }
            body["Content"] = ["Simple": .object(simple)]
        case .raw(let bytes):
            body["Content"] = ["Raw": ["Data": .string(Base64.encode(bytes))]]
        }
        if !tags.isEmpty {
            body["EmailTags"] = .array(tags.map { ["Name": .string($0.name), "Value": .string($0.value)] })
        }
        if let configurationSet { body["ConfigurationSetName"] = .string(configurationSet) }
        return .object(body)
    }

    /// The `MessageId` of a successful response, if the body has one.
    static func messageID(in response: HTTPResponse) -> String? {
        guard let id = (try? JSONValue.parse(response.body))?["MessageId"]?.stringValue, !id.isEmpty else {
            return nil
        }
        return id
    }

    /// The AWS error type and message of an error response, read as botocore's rest-json parser does:
    /// the type from the `x-amzn-ErrorType` header (up to its first `:`), else the body's `__type` or
    /// `code` (after any `#`); the message from the body's `message` or `Message`. Never fails.
    static func error(in response: HTTPResponse) -> (type: String?, message: String?) {
        let body = try? JSONValue.parse(response.body)
        var type = response.headers["x-amzn-ErrorType"].flatMap { $0.split(separator: ":").first.map(String.init) }
        if type?.isEmpty ?? true {
            type = (body?["__type"] ?? body?["code"] ?? body?["Code"])?.stringValue.map {
                $0.split(separator: "#").last.map(String.init) ?? $0
            }
        }
        let message = (body?["message"] ?? body?["Message"])?.stringValue
        return (type.map { $0.trimmingSpaces() }, message)
    }

    private static func strings(_ values: [String]) -> JSONValue {
        .array(values.map(JSONValue.string))
    }

    private static func utf8Text(_ text: String) -> JSONValue {
        ["Data": .string(text), "Charset": "UTF-8"]
    }
}

extension String {
    fileprivate func trimmingSpaces() -> String {
        String(drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }
}
