import Providers
import Testing

@Suite struct MessageJSONTests {
    @Test func readsEveryChannelType() throws {
        let email = try OutboundMessage.Content(
            json: JSONValue.parse(
                #"{"subject":"Hi","text":"Body","to":"ada@example.test","cc":["b@example.test"],"headers":{"X-A":"1"},"attachments":[{"filename":"a.txt","content_type":"text/plain","content_base64":"aGk="}]}"#
            ), channelType: .email, source: "--message")
        #expect(
            email
                == .email(
                    EmailContent(
                        to: ["ada@example.test"], cc: ["b@example.test"], subject: "Hi", text: "Body",
                        headers: ["X-A": "1"],
                        attachments: [.init(filename: "a.txt", contentType: "text/plain", content: Array("hi".utf8))])))
        #expect(
            try OutboundMessage.Content(json: JSONValue.parse(#"{"text":"Code 123"}"#), channelType: .sms, source: "m")
                == .sms(SMSContent(text: "Code 123")))
        #expect(
            try OutboundMessage.Content(
                json: JSONValue.parse(#"{"title":"T","data":{"k":[1]},"priority":"normal","silent":true}"#),
                channelType: .push,
                source: "m")
                == .push(PushContent(title: "T", data: ["k": [1]], priority: .normal, silent: true)))
        #expect(
            try OutboundMessage.Content(
                json: JSONValue.parse(#"{"text":"Deploy done","channel":"C1"}"#), channelType: .chat, source: "m")
                == .chat(ChatContent(text: "Deploy done", channel: "C1")))
        #expect(
            try OutboundMessage.Content(
                json: JSONValue.parse(#"{"method":"PUT","body":{"a":1}}"#), channelType: .webhook, source: "m")
                == .webhook(WebhookContent(method: "PUT", body: ["a": 1])))
    }

    @Test func everyProblemIsReportedWithItsPath() throws {
        let json = try JSONValue.parse(
            #"{"subject":5,"html":"<p>x</p>","cc":{"a":1},"colour":"red","attachments":[{"filename":"a","content_base64":"!!"}]}"#
        )
        let error = try #require(throws: ConfigurationError.self) {
            try OutboundMessage.Content(json: json, channelType: .email, source: "--message")
        }
        #expect(
            error.issues.map(\.description) == [
                "--message: $.attachments[0].content_base64: is not valid base64",
                "--message: $.cc: expected a string or an array of strings, found an object",
                "--message: $.colour: unknown key; accepted: attachments, bcc, cc, from, headers, html, reply_to, subject, text, to",
                "--message: $.subject: expected a string, found number 5",
            ])
    }

    @Test func anEmailNeedsABody() throws {
        let error = try #require(throws: ConfigurationError.self) {
            try OutboundMessage.Content(json: JSONValue.parse(#"{"subject":"Hi"}"#), channelType: .email, source: "m")
        }
        #expect(error.issues.map(\.message) == ["an email needs 'html' or 'text'"])
    }

    @Test func readsRecipients() throws {
        let recipient = try Recipient(
            json: JSONValue.parse(
                #"{"id":"u1","email":"ada@example.test","phone_number":"+15005550006","channel_data":{"apns":{"tokens":["t"]}}}"#
            ),
            source: "--recipient")
        #expect(
            recipient
                == Recipient(
                    id: "u1", email: "ada@example.test", phoneNumber: "+15005550006",
                    channelData: ["apns": ["tokens": ["t"]]]))
        let error = try #require(throws: ConfigurationError.self) {
            try Recipient(json: JSONValue.parse(#"{"email":1}"#), source: "--recipient")
        }
        #expect(
            error.issues.map(\.description) == [
                "--recipient: $.email: expected a string, found number 1", "--recipient: $.id: is required (a string)",
            ])
    }
}

extension MessageJSONTests {
    @Test func contentAndRecipientsRoundTripThroughJSON() throws {
        let contents: [OutboundMessage.Content] = [
            .email(
                EmailContent(
                    from: "a@example.test", to: ["b@example.test"], bcc: ["c@example.test"], subject: "S",
                    html: "<p>h</p>",
                    headers: ["X-A": "1"],
                    attachments: [.init(filename: "f.bin", contentType: "application/octet-stream", content: [0, 255])])
            ),
            .sms(SMSContent(to: "+15005550006", text: "t")),
            .push(
                PushContent(
                    title: "T", body: "B", badge: 3, data: ["k": "v"], collapseID: "c", priority: .normal,
                    timeToLive: 60, silent: true)),
            .chat(ChatContent(text: "x", blocks: [["type": "section"]], channel: "C1")),
            .webhook(WebhookContent(method: "PUT", url: "https://h.example.test", headers: ["A": "b"], body: ["n": 1])),
        ]
        for content in contents {
            #expect(
                try OutboundMessage.Content(json: content.json, channelType: content.channelType, source: "t")
                    == content)
        }
        let recipient = Recipient(
            id: "u", email: "e@example.test", phoneNumber: "+1", name: "N", timezone: "Europe/Paris", locale: "fr",
            channelData: ["apns": ["tokens": ["t"]]])
        #expect(try Recipient(json: recipient.json, source: "t") == recipient)
    }
}
