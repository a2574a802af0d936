import Signing
import Testing

@Suite struct EncodingTests {
    @Test func hexRoundTripsEveryByte() throws {
        let bytes = (0...255).map { UInt8($0) }
        let text = Hex.encode(bytes)
        #expect(text.hasPrefix("000102"))
        #expect(text.hasSuffix("fdfeff"))
        #expect(try Hex.decode(text) == bytes)
        #expect(try Hex.decode("DEADbeef") == [0xDE, 0xAD, 0xBE, 0xEF])
    }

    @Test(arguments: ["abc", "zz", "0g", "a b "])
    func hexRejectsMalformedText(_ text: String) {
        #expect(throws: SigningError.self) { try Hex.decode(text) }
    }

    @Test func base64MatchesRFC4648Examples() throws {
        let cases: [(String, String, String)] = [
            ("", "", ""), ("f", "Zg==", "Zg"), ("fo", "Zm8=", "Zm8"), ("foo", "Zm9v", "Zm9v"),
            ("foob", "Zm9vYg==", "Zm9vYg"), ("fooba", "Zm9vYmE=", "Zm9vYmE"), ("foobar", "Zm9vYmFy", "Zm9vYmFy"),
        ]
        for (plain, standard, url) in cases {
            #expect(Base64.encode(plain.utf8) == standard)
            #expect(Base64URL.encode(plain.utf8) == url)
            #expect(try Base64.decode(standard) == Array(plain.utf8))
            #expect(try Base64URL.decode(url) == Array(plain.utf8))
            #expect(try Base64URL.decode(standard) == Array(plain.utf8))
        }
    }

    @Test func base64URLUsesTheURLSafeAlphabet() throws {
        let bytes: [UInt8] = [0xFB, 0xFF, 0xBF]
        #expect(Base64.encode(bytes) == "+/+/")
        #expect(Base64URL.encode(bytes) == "-_-_")
        #expect(try Base64URL.decode("-_-_") == bytes)
    }

    @Test(arguments: ["+/+/", "a", "ab$c"])
    func base64URLRejectsOtherAlphabets(_ text: String) {
        #expect(throws: SigningError.self) { try Base64URL.decode(text) }
    }

    @Test(arguments: ["Zg", "Zm9v!", "@@@@"])
    func base64RejectsMalformedText(_ text: String) {
        #expect(throws: SigningError.self) { try Base64.decode(text) }
    }

    @Test func decodingErrorsSayWhatIsAccepted() throws {
        let error = try #require(throws: SigningError.self) { try Hex.decode("xyz1") }
        #expect(error.code == .invalidEncoding)
        #expect(error.message.contains("0-9, a-f"))
    }
}
