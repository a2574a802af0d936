import Providers
import Testing

@Suite struct JSONValueEncodingTests {
    /// The escaping rules, one scalar at a time (RFC 8259 §7), as the encoder applied them to every string.
    static func reference(_ value: String) -> String {
        var output = "\""
        for scalar in value.unicodeScalars {
            switch scalar {
            case "\"": output += "\\\""
            case "\\": output += "\\\\"
            case "\n": output += "\\n"
            case "\r": output += "\\r"
            case "\t": output += "\\t"
            case "\u{08}": output += "\\b"
            case "\u{0C}": output += "\\f"
            case let scalar where scalar.value < 0x20:
                let hex = String(scalar.value, radix: 16)
                output += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: output.unicodeScalars.append(scalar)
            }
        }
        return output + "\""
    }

    static let strings = [
        "", "plain", "order.shipped", "ünïcødé and 🎉 and e\u{301}", "say \"hi\"", "back\\slash", "line\nbreak",
        "\r\t\u{08}\u{0C}", "\u{00}\u{01}\u{1F}", "tail quote\"", "\\", "mixed \"ü\" \u{7F} \u{2028}",
    ]

    @Test(arguments: strings) func stringsAreEscapedAsBefore(_ value: String) {
        #expect(JSONValue.string(value).encoded() == Self.reference(value))
        #expect(
            JSONValue.object([value: .string(value)]).encoded() == "{\(Self.reference(value)):\(Self.reference(value))}"
        )
    }

    @Test func compactPrettySortedAndByteOutputsAreExact() {
        let value: JSONValue = [
            "b": [1, 2.5, -0.25, 1e20, .null, true, [:], []], "a": ["z": "x\"y", "y": [["k": false]]],
        ]
        #expect(value.encoded() == #"{"b":[1,2.5,-0.25,1e+20,null,true,{},[]],"a":{"z":"x\"y","y":[{"k":false}]}}"#)
        #expect(
            value.encoded(sortedKeys: true)
                == #"{"a":{"y":[{"k":false}],"z":"x\"y"},"b":[1,2.5,-0.25,1e+20,null,true,{},[]]}"#)
        #expect(value.encodedBytes() == Array(value.encoded().utf8))
        #expect(
            value.encoded(pretty: true)
                == """
                {
                  "b": [
                    1,
                    2.5,
                    -0.25,
                    1e+20,
                    null,
                    true,
                    {},
                    []
                  ],
                  "a": {
                    "z": "x\\"y",
                    "y": [
                      {
                        "k": false
                      }
                    ]
                  }
                }
                """)
        #expect(JSONValue.number(.infinity).encoded() == "null")
    }

    @Test func randomStringsAreEscapedAsBefore() {
        var generator = SystemRandomNumberGenerator()
        let alphabet: [Unicode.Scalar] = ["a", "Z", "\"", "\\", "\n", "\u{00}", "\u{1F}", " ", "é", "\u{301}", "🎉"]
        for _ in 0..<2000 {
            let count = Int(generator.next(upperBound: UInt8(12)))
            var value = ""
            for _ in 0..<count {
                value.unicodeScalars.append(alphabet[Int(generator.next(upperBound: UInt8(alphabet.count)))])
            }
            #expect(JSONValue.string(value).encoded() == Self.reference(value))
        }
    }
}
