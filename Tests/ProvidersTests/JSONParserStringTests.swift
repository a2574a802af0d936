import Providers
import Testing

/// Strings in parsed JSON: without escapes they are their bytes, with escapes they go scalar by scalar, and
/// errors point at the same place either way.
@Suite struct JSONParserStringTests {
    static func parsed(_ text: String) throws -> JSONValue {
        try JSONValue.parse(Array(text.utf8))
    }

    @Test func stringsWithAndWithoutEscapesParseExactly() throws {
        #expect(
            try Self.parsed(#"["", "plain", "ünï 🎉 e\#u{301}", "a\"b", "tab\tx", "\u00e9\ud83c\udf89/\/"]"#)
                == ["", "plain", "ünï 🎉 e\u{301}", "a\"b", "tab\tx", "é🎉//"])
        #expect(try Self.parsed(#"{"key with \"quote\"":{"n":"x"}}"#) == ["key with \"quote\"": ["n": "x"]])
    }

    @Test func invalidUTF8IsRepairedAsBefore() throws {
        let value = try JSONValue.parse([UInt8(ascii: "\""), 0x61, 0xFF, 0x62, UInt8(ascii: "\"")])
        #expect(value == "a\u{FFFD}b")
    }

    @Test func errorsPointAtTheSamePlace() {
        // A control character after an escape: reported just past it, as before the fast path.
        #expect(
            Self.failure("[\"abc\\n\u{01}\"]")
                == "line 1, column 9 (offset 8): a control character must be escaped inside a string")
        #expect(
            Self.failure("[\"ab\u{01}\"]")
                == "line 1, column 6 (offset 5): a control character must be escaped inside a string")
        #expect(Self.failure("[\"abc") == "line 1, column 6 (offset 5): unterminated string")
    }

    static func failure(_ text: String) -> String? {
        do {
            _ = try parsed(text)
            return nil
        } catch let error as JSONParseError {
            return "line \(error.line), column \(error.column) (offset \(error.offset)): \(error.message)"
        } catch {
            return "\(error)"
        }
    }

    @Test func randomStringsSurviveAnEncodeAndParse() throws {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = [
            "a", "Z", "\"", "\\", "\n", "\u{00}", "\u{1F}", " ", "é", "\u{301}", "🎉", "/",
        ]
        for _ in 0..<2000 {
            var value = ""
            for _ in 0..<Int(generator.next(upperBound: UInt8(12))) {
                value.unicodeScalars.append(alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))])
            }
            #expect(try JSONValue.parse(JSONValue.object(["k": .string(value)]).encoded()) == ["k": .string(value)])
        }
    }
}
