import Providers
import Testing

/// Members keep their order, names match by their UTF-8 bytes, and a name repeated in JSON text is an error
/// that points at the repeated member's value.
@Suite struct JSONObjectTests {
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test func aRepeatedKeyKeepsItsLastValueAtItsFirstPosition() {
        let object = JSONObject([("b", 1), ("a", 2), ("b", 3), ("ab", 4)])
        #expect(object.keys == ["b", "a", "ab"])
        #expect(object["b"] == 3)
        #expect(object["ab"] == 4)
        #expect(object["ba"] == nil)
    }

    @Test func settingReplacesInPlaceAppendsOrRemoves() {
        var object: JSONObject = ["id": "u1", "name": "Ada", "email": "ada@example.com"]
        object["name"] = "Ada L."
        object["plan"] = "pro"
        object["id"] = nil
        #expect(JSONValue.object(object).encoded() == #"{"name":"Ada L.","email":"ada@example.com","plan":"pro"}"#)
    }

    @Test func appendIfAbsentNeverReplaces() {
        var object: JSONObject = ["id": "u1"]
        let appendedName = object.appendIfAbsent("name", "Ada")
        let appendedID = object.appendIfAbsent("id", "u2")
        #expect(appendedName)
        #expect(appendedID == false)
        #expect(object.keys == ["id", "name"])
        #expect(object["id"] == "u1")
    }

    @Test func namesMatchByTheirBytesNotByCanonicalEquivalence() throws {
        // Swift's String calls the two spellings equal; JSON, and these objects, do not.
        #expect(Self.composed == Self.decomposed)
        let object = JSONObject([(Self.composed, 1), (Self.decomposed, 2)])
        #expect(object.keys.count == 2)
        #expect(object[Self.composed] == 1)
        #expect(object[Self.decomposed] == 2)
        let parsed = try JSONValue.parse(#"{"caf\u00e9": 1, "cafe\u0301": 2}"#)
        #expect(parsed.objectValue?.keys.count == 2)
        #expect(parsed[Self.decomposed] == 2)
    }

    @Test func equalObjectsHashAlikeWhateverTheOrderOfTheirMembers() {
        let forward = JSONObject([(Self.composed, 1), (Self.decomposed, 2), ("id", "x")])
        let backward = JSONObject([("id", "x"), (Self.decomposed, 2), (Self.composed, 1)])
        #expect(forward == backward)
        #expect(forward.hashValue == backward.hashValue)
        #expect(Set([forward, backward]).count == 1)
        #expect(forward != JSONObject([(Self.composed, 2), (Self.decomposed, 1), ("id", "x")]))
    }

    @Test func aNameRepeatedInTextIsAnErrorAtItsValue() {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"a": 1, "b": {"c": 2}, "a": 3}"#) }
        do {
            _ = try JSONValue.parse("{\"a\": 1,\n \"a\": [true]}")
            Issue.record("parsed")
        } catch let error as JSONParseError {
            #expect(error.line == 2)
            #expect(error.column == 7)
            #expect(error.offset == 15)
            #expect(error.message == #"the member name "a" appears twice"#)
        } catch {
            Issue.record(error)
        }
    }
}
