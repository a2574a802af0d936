import Foundation
import Providers
import Testing

@testable import Engine

/// An occurrence whose trigger cannot be stored stays due and runs once the store recovers; only errors
/// that would recur (an unknown or inactive workflow, invalid input) skip an occurrence.
@Suite struct ScheduleFailureTests {
    @Test(arguments: RecipientStoreKind.allCases)
    func aStorageFailureLeavesTheOccurrenceDueAndItRunsOnceTheStoreRecovers(kind: RecipientStoreKind)
        async throws
    {
        let fault = TriggerFault()
        let setup = try await ScheduleTests.setup(kind, triggerFault: fault)
        let created = try await ScheduleTests.create(
            setup,
            #"{"workflow": "park-alert", "recipients": ["utc", "jhammond"], "repeats": [{"frequency": "daily", "hours": 6}]}"#
        )
        let sixUTC = ScheduleTests.start.addingTimeInterval(6 * ScheduleTests.hour)
        let ids = created.map(\.id)
        #expect(created.map(\.nextOccurrenceAt) == [sixUTC, sixUTC + 5 * ScheduleTests.hour])

        fault.isFailing = true
        setup.harness.clock.advance(6 * ScheduleTests.hour)
        let failure = try await #require(throws: EngineError.self) { try await setup.runner.runUntilIdle() }
        #expect(failure.code == .storageFailure)
        let failed = try await setup.store.schedules(ids: ids, environment: "development")
        #expect(failed.map(\.nextOccurrenceAt) == created.map(\.nextOccurrenceAt))
        #expect(failed.map(\.lastOccurrenceAt) == [nil, nil])

        fault.isFailing = false
        #expect(try await setup.runner.runUntilIdle() == 1)
        try await setup.harness.engine.runUntilIdle()
        #expect(await setup.harness.sent.map(\.recipient.id) == ["utc"])
        let recovered = try await setup.store.schedules(ids: ids, environment: "development")
        #expect(recovered.map(\.lastOccurrenceAt) == [sixUTC, nil])
        #expect(recovered.map(\.nextOccurrenceAt) == [sixUTC + ScheduleTests.day, sixUTC + 5 * ScheduleTests.hour])
    }

    @Test func onlyErrorsThatWouldRecurSkipAnOccurrence() {
        let skipped: [EngineError.Code] = [.notFound, .workflowInactive, .invalidInput, .invalidWorkflow]
        let retried: [EngineError.Code] = [.storageFailure, .unavailable, .conflict, .templateError]
        #expect(skipped.allSatisfy { ScheduleRunner.skipsOccurrence(EngineError($0, "x")) })
        #expect(!retried.contains { ScheduleRunner.skipsOccurrence(EngineError($0, "x")) })
    }
}
