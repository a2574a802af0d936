import Engine
import Providers
import Testing

@Suite struct ScopePathTests {
    let values: JSONObject = [
        "data": ["a": ["b": 1], "items": [["name": "x"], ["name": "y"]], "dotted.key": 2],
        "recipient": ["id": "u1"],
    ]

    @Test(
        arguments: [
            ("data.a.b", 1),
            ("data.items.1.name", "y"),
            ("data.items.0", ["name": "x"]),
            ("recipient.id", "u1"),
            ("recipient", ["id": "u1"]),
        ] as [(String, JSONValue)])
    func resolves(path: String, expected: JSONValue) {
        #expect(ScopePath.lookup(path, in: values) == expected)
    }

    @Test(arguments: [
        "data.missing", "data.a.b.c", "data.items.2", "data.items.-1", "data.items.first", "actor.id", "", "data.",
        ".data", "data.dotted.key",
    ])
    func unresolvable(path: String) {
        #expect(ScopePath.lookup(path, in: values) == nil)
    }
}
