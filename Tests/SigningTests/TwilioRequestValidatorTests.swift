import Foundation
import Signing
import Testing

@Suite struct TwilioRequestValidatorTests {
    struct VectorFile: Decodable {
        var auth_token: String
        var body_sha256_vector: BodyHashVector
        var cases: [Case]
    }

    struct BodyHashVector: Decodable {
        var raw_body: String
        var sha256_hex: String
    }

    struct Case: Decodable, Sendable, CustomTestStringConvertible {
        var name: String
        var request_url: String
        var form_params: [[String]]?
        var raw_body: String?
        var x_twilio_signature: String
        var string_to_sign: String?
        var expected_valid: Bool
        var testDescription: String { name }
    }

    static func vectors() throws -> VectorFile {
        try Vectors.decode(VectorFile.self, from: "twilio-request-validator.json")
    }

    /// The code each invalid case must fail with; an invalid case not listed here fails.
    static let expectedCodes: [String: SigningError.Code] = [
        "derived-param-value-changed": .signatureMismatch,
        "derived-body-changed": .signatureMismatch,
    ]

    static let token = "12345"
    static let validator = TwilioRequestValidator(authToken: token)
    static let body = Array(#"{"property": "value", "boolean": true}"#.utf8)
    static let bodyHash = "0a1ff7634d9ab3b95db5c9a2dfe9416e41502b283a80c7cf19632632f96e6620"

    static func pairs(_ params: [[String]]) throws -> [(name: String, value: String)] {
        try params.map { pair in
            try #require(pair.count == 2, "a form parameter is not a [name, value] pair")
            return (pair[0], pair[1])
        }
    }

    @Test func vectorFileHasEveryCase() throws {
        let file = try Self.vectors()
        #expect(file.auth_token == Self.token)
        #expect(file.cases.count == 9)
        #expect(file.cases.filter(\.expected_valid).count == 7)
        #expect(file.cases.filter { $0.raw_body != nil }.count == 2)
        #expect(Hex.encode(Digest.sha256(file.body_sha256_vector.raw_body.utf8)) == file.body_sha256_vector.sha256_hex)
    }

    @Test(arguments: try TwilioRequestValidatorTests.vectors().cases)
    func verifyMatchesVector(_ vector: Case) throws {
        let verify: () throws -> Void
        if let body = vector.raw_body {
            #expect(vector.form_params == nil)
            verify = {
                try Self.validator.verify(
                    url: vector.request_url, body: body.utf8, signature: vector.x_twilio_signature)
            }
        } else {
            let parameters = try Self.pairs(try #require(vector.form_params))
            verify = {
                try Self.validator.verify(
                    url: vector.request_url, parameters: parameters, signature: vector.x_twilio_signature)
            }
        }
        if vector.expected_valid {
            try verify()
            // The published string to sign really is what the signature covers.
            let stringToSign = try #require(vector.string_to_sign)
            let mac = HMAC.authenticationCode(for: stringToSign.utf8, key: Self.token.utf8, using: .sha1)
            #expect(Base64.encode(mac) == vector.x_twilio_signature)
        } else {
            let expected = try #require(Self.expectedCodes[vector.name], "no expected code for \(vector.name)")
            let error = try #require(throws: SigningError.self) { try verify() }
            #expect(error.code == expected)
        }
    }

    @Test func signsDistinctSortedParameters() throws {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        let signature = Self.validator.sign(
            url: url,
            parameters: [
                ("Sid", "CA123"), ("SidAccount", "AC123"), ("Digits", "5678"), ("Digits", "1234"), ("Digits", "1234"),
            ])
        #expect(signature == "IK+Dwps556ElfBT0I3Rgjkr1wJU=")
        // Code point order puts upper case first, as Python's sorted() does.
        let mac = HMAC.authenticationCode(for: (url + "Z2a1a3").utf8, key: Self.token.utf8, using: .sha1)
        #expect(Self.validator.sign(url: url, parameters: [("a", "3"), ("Z", "2"), ("a", "1")]) == Base64.encode(mac))
    }

    /// (URL requested, URL signed, accepted): only the port may differ; every other byte is kept.
    @Test(arguments: [
        ("https://mycompany.com:1234/myapp.php?foo=1&bar=2", "https://mycompany.com/myapp.php?foo=1&bar=2", true),
        ("https://mycompany.com/a", "https://mycompany.com:443/a", true),
        ("http://mycompany.com/a", "http://mycompany.com:80/a", true),
        ("HTTPS://mycompany.com/a", "HTTPS://mycompany.com:443/a", true),
        ("https://mycompany.com:443/a", "https://mycompany.com/a", true),
        ("https://mycompany.com?x=a%2Fb&y=c+d", "https://mycompany.com:443?x=a%2Fb&y=c+d", true),
        ("https://user:pw@mycompany.com:8443/a", "https://user:pw@mycompany.com/a", true),
        ("https://[::1]:8443/a", "https://[::1]/a", true),
        ("https://[::1]/a", "https://[::1]:443/a", true),
        ("https://mycompany.com/cb?u=http://o:99/x", "https://mycompany.com:443/cb?u=http://o:99/x", true),
        ("https://mycompany.com/cb?u=http://o:99/x", "https://mycompany.com/cb?u=http://o/x", false),
        ("https://mycompany.com/a", "https://mycompany.com:80/a", false),
        ("https://mycompany.com:8443/a", "https://mycompany.com:443/a", false),
        ("https://mycompany.com/a?x=a%2fb", "https://mycompany.com/a?x=a%2Fb", false),
        ("https://mycompany.com/a", "https://mycompany.com/a/", false),
        ("ftp://mycompany.com/a", "ftp://mycompany.com:21/a", false),
    ])
    func acceptsOnlyPortVariantsOfTheURL(requested: String, signed: String, accepted: Bool) throws {
        let parameters = [(name: "CallSid", value: "CA1234567890ABCDE")]
        let signature = Self.validator.sign(url: signed, parameters: parameters)
        #expect(Self.validator.isValid(url: requested, parameters: parameters, signature: signature) == accepted)
        // The URL exactly as requested is always accepted.
        let direct = Self.validator.sign(url: requested, parameters: parameters)
        try Self.validator.verify(url: requested, parameters: parameters, signature: direct)
    }

    @Test func rejectsTamperedFormAndWrongToken() throws {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2"
        let parameters = [(name: "CallSid", value: "CA1234567890ABCDE"), (name: "Digits", value: "1234")]
        let signature = Self.validator.sign(url: url, parameters: parameters)
        let cases: [(TwilioRequestValidator, String, [(name: String, value: String)])] = [
            (Self.validator, url, parameters + [(name: "Extra", value: "1")]),
            (Self.validator, url, [parameters[0]]),
            (Self.validator, url + "&baz=3", parameters),
            (TwilioRequestValidator(authToken: "54321"), url, parameters),
        ]
        for (validator, url, parameters) in cases {
            let error = try #require(throws: SigningError.self) {
                try validator.verify(url: url, parameters: parameters, signature: signature)
            }
            #expect(error.code == .signatureMismatch)
        }
    }

    @Test func checksTheJSONBodyHash() throws {
        let url = "https://mycompany.com/myapp.php?foo=1&bar=2&bodySHA256=" + Self.bodyHash
        let signature = Self.validator.sign(url: url)
        try Self.validator.verify(url: url, body: Self.body, signature: signature)

        let cases: [(String, [UInt8], String, SigningError.Code)] = [
            (url, Self.body + [0x20], signature, .signatureMismatch),
            (url, Self.body, TwilioRequestValidator(authToken: "54321").sign(url: url), .signatureMismatch),
            ("https://mycompany.com/myapp.php?foo=1", Self.body, signature, .malformedMessage),
            ("https://mycompany.com/myapp.php?bodySHA256=xyz", Self.body, signature, .malformedMessage),
            (
                "https://mycompany.com/myapp.php?bodySHA256=" + Self.bodyHash.dropLast(2), Self.body, signature,
                .malformedMessage
            ),
            (url, Self.body, "", .malformedHeader),
            (url, Self.body, "not base64!", .malformedHeader),
        ]
        for (url, body, signature, code) in cases {
            let error = try #require(throws: SigningError.self) {
                try Self.validator.verify(url: url, body: body, signature: signature)
            }
            #expect(error.code == code)
        }
    }

    @Test(arguments: ["", "not base64!", "RSOYDt4T1cUTdK1PDd93/VVr8B8"])
    func rejectsMalformedSignatureHeader(signature: String) throws {
        let error = try #require(throws: SigningError.self) {
            try Self.validator.verify(url: "https://mycompany.com/a", parameters: [], signature: signature)
        }
        #expect(error.code == .malformedHeader)
    }

    @Test func neverRevealsTheTokenSignatureOrBody() throws {
        let token = "twilio-auth-token-0123456789abcdef"
        let validator = TwilioRequestValidator(authToken: token)
        let url = "https://mycompany.com/myapp.php?bodySHA256=" + Self.bodyHash
        let signature = validator.sign(url: url)
        var texts: [String] = []
        for (body, signature) in [
            (Self.body + [0x20], signature), (Self.body, TwilioRequestValidator(authToken: "x").sign(url: url)),
        ] {
            texts.append(
                String(
                    describing: try #require(throws: SigningError.self) {
                        try validator.verify(url: url, body: body, signature: signature)
                    }))
        }
        var dumped = ""
        dump(validator, to: &dumped)
        texts += [String(describing: validator), String(reflecting: validator), dumped]
        for text in texts {
            #expect(!text.contains(token))
            #expect(!text.contains(signature))
            #expect(!text.contains("property"))
        }
    }
}
