import Engine
import Providers
import Testing

@Suite struct RetryPolicyTests {
    static func error(_ code: ProviderError.Code, retryAfter: Duration? = nil) -> ProviderError {
        ProviderError(code, provider: "test", message: "x", retryAfter: retryAfter)
    }

    @Test func theStandardScheduleIsEightAttemptsOverAboutHalfAnHour() {
        let policy = RetryPolicy.standard
        var delays: [Duration] = []
        for attempt in 1...8 {
            switch policy.decision(
                for: Self.error(.unavailable), attempt: attempt, reauthenticationRetried: false, random: 0.5)
            {
            case .retry(let delay): delays.append(delay)
            case .stop(let status): #expect(attempt == 8 && status == .undelivered)
            case .retryNow: Issue.record("unexpected immediate retry")
            }
        }
        #expect(delays == [20, 40, 80, 160, 320, 600, 600].map { Duration.seconds($0) })
        let total = delays.reduce(Duration.zero, +)
        #expect(total == .seconds(1820))  // about 30 minutes
    }

    @Test func jitterSpreadsDelaysByTwentyPercent() {
        let policy = RetryPolicy.standard
        #expect(policy.backoff(afterAttempt: 3, random: 0) == .seconds(64))
        #expect(policy.backoff(afterAttempt: 3, random: 1) == .seconds(96))
        #expect(policy.backoff(afterAttempt: 3, random: 0.5) == .seconds(80))
    }

    @Test func retryAfterIsHonouredAndCapped() {
        let policy = RetryPolicy.standard
        #expect(
            policy.decision(
                for: Self.error(.rateLimited, retryAfter: .seconds(7)), attempt: 1, reauthenticationRetried: false,
                random: 0.5)
                == .retry(after: .seconds(7)))
        #expect(
            policy.decision(
                for: Self.error(.rateLimited, retryAfter: .seconds(7200)), attempt: 1, reauthenticationRetried: false,
                random: 0.5)
                == .retry(after: .seconds(900)))
    }

    @Test func reauthenticationRetriesAtOnceOnlyOnce() {
        let policy = RetryPolicy.standard
        #expect(
            policy.decision(for: Self.error(.reauthenticate), attempt: 1, reauthenticationRetried: false, random: 0.5)
                == .retryNow)
        #expect(
            policy.decision(for: Self.error(.reauthenticate), attempt: 2, reauthenticationRetried: true, random: 0.5)
                == .retry(after: .seconds(40)))
    }

    @Test(arguments: [
        (ProviderError.Code.invalidRecipient, DeliveryStatus.bounced), (.rejected, .undelivered),
        (.misconfigured, .undelivered),
        (.internalFailure, .undelivered),
    ])
    func permanentErrorsStop(code: ProviderError.Code, status: DeliveryStatus) {
        #expect(
            RetryPolicy.standard.decision(
                for: Self.error(code), attempt: 1, reauthenticationRetried: false, random: 0.5) == .stop(status))
    }
}
