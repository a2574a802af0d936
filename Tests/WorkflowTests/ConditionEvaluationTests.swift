import Engine
import Providers
import Testing

@Suite struct ConditionEvaluationTests {
    static let active = #"{"variable":"recipient.is_active","operator":"equal_to","argument":"true"}"#
    static let actorActive = #"{"variable":"actor.is_active","operator":"equal_to","argument":"true"}"#
    static let forced = #"{"variable":"data.flag","operator":"equal_to","argument":"true"}"#

    func evaluate(_ text: String) throws -> ConditionEvaluation {
        try ConditionGroup.parse(JSONValue.parse(text), path: "$", allowMessageStatus: true)
            .evaluate(in: ConditionFixtures.scope)
    }

    @Test func allStopsAtFirstFalseAndTracesTheRest() throws {
        let evaluation = try evaluate(#"{"all":[\#(Self.actorActive),\#(Self.active)]}"#)
        #expect(!evaluation.passed)
        #expect(evaluation.trace.map(\.result) == [.failed, .notEvaluated])
        #expect(evaluation.trace.map(\.path) == ["all[0]", "all[1]"])
        #expect(evaluation.trace[0].resolvedVariable == false)
        #expect(evaluation.trace[0].resolvedArgument == true)
        #expect(evaluation.trace[1].resolvedVariable == nil)
    }

    @Test func anyStopsAtFirstTrue() throws {
        let evaluation = try evaluate(#"{"any":[\#(Self.active),\#(Self.actorActive)]}"#)
        #expect(evaluation.passed)
        #expect(evaluation.trace.map(\.result) == [.passed, .notEvaluated])
    }

    @Test func nestedGroups() throws {
        let both = #"{"all":[\#(Self.active),\#(Self.actorActive)]}"#
        let evaluation = try evaluate(#"{"any":[\#(both),{"all":[\#(Self.forced)]}]}"#)
        #expect(evaluation.passed)
        #expect(evaluation.trace.map(\.path) == ["any[0].all[0]", "any[0].all[1]", "any[1].all[0]"])
        #expect(evaluation.trace.map(\.result) == [.passed, .failed, .passed])

        let skipped = try evaluate(#"{"any":[\#(Self.forced),\#(both)]}"#)
        #expect(skipped.passed)
        #expect(skipped.trace.map(\.result) == [.passed, .notEvaluated, .notEvaluated])
        #expect(skipped.trace.map(\.path) == ["any[0]", "any[1].all[0]", "any[1].all[1]"])
    }

    @Test func emptyGroups() throws {
        #expect(try evaluate(#"{"all":[]}"#).passed)
        #expect(try !evaluate(#"{"any":[]}"#).passed)
    }

    @Test func stepLogJSON() throws {
        let evaluation = try evaluate(
            #"{"all":[{"variable":"data.missing","operator":"empty"},{"variable":"recipient.plan","operator":"equal_to","argument":"free"},\#(Self.active)]}"#
        )
        let expected = try JSONValue.parse(
            """
            {"passed":false,"conditions":[
             {"path":"all[0]","variable":"data.missing","operator":"empty","result":"passed","resolved_variable":""},
             {"path":"all[1]","variable":"recipient.plan","operator":"equal_to","argument":"free","result":"failed",
              "resolved_variable":"pro","resolved_argument":"free"},
             {"path":"all[2]","variable":"recipient.is_active","operator":"equal_to","argument":"true","result":"not_evaluated"}]}
            """)
        #expect(evaluation.json == expected)
    }
}
