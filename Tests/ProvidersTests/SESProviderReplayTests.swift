import Foundation
import Providers
import Signing
import Testing
import Transport

/// The SES provider against the exchanges in `Fixtures/ses/`, built from SES's documented request
/// and error shapes (SES is unreachable from here; each fixture's `notes` names its sources).
@Suite struct SESProviderReplayTests {
    static func send(
        _ caseName: String, sandbox: Bool = false, sessionToken: String? = nil,
        email: EmailContent = SESProviderTests.email()
    ) async throws -> (Result<DeliveryReceipt, ProviderError>, ReplayTransport) {
        let replay = try ReplayTransport(directory: RecordedFixtures.directory("ses"), case: caseName)
        var values: JSONObject = [
            "region": "eu-west-1", "access_key_id": "AKIDEXAMPLE",
            "secret_access_key": .string(SESProviderTests.credentials.secretAccessKey),
            "from": "Acme <hello@acme.example>", "configuration_set": "delivery-host",
        ]
        if let sessionToken { values["session_token"] = .string(sessionToken) }
        let settings = ChannelSettings(
            channelID: "transactional-email", provider: "ses", environment: "development", isSandbox: sandbox,
            values: values)
        let provider = try ProviderRegistry.standard.makeProvider(
            for: settings, dependencies: ProviderDependencies(transport: replay, now: { pinnedDate }))
        do {
            return (.success(try await provider.send(SESProviderTests.message(email), context: .test())), replay)
        } catch let error as ProviderError {
            return (.failure(error), replay)
        }
    }

    @Test func sentReplaysExactly() async throws {
        let (result, replay) = try await Self.send("sent")
        let receipt = try result.get()
        #expect(receipt.providerMessageID == "010201900f1e2d3c-5b7a9e2f-1c4d-4e8b-9f3a-6d2c1b0a9e8f-000000")
        #expect(receipt.outcome == .sent)
        #expect(await replay.mismatches.isEmpty)
        #expect(await replay.remaining.isEmpty)
        let request = try #require(await replay.requests.first)
        #expect(
            request.headers["Authorization"]
                == "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20231114/eu-west-1/ses/aws4_request, "
                + "SignedHeaders=content-type;host;x-amz-date, Signature=\(SESProviderTests.expectedSignature)")
    }

    @Test func rawContentReplays() async throws {
        let attachment = EmailContent.Attachment(
            filename: "receipt.pdf", contentType: "application/pdf", content: [1, 2])
        let (result, replay) = try await Self.send("sent-raw", email: SESProviderTests.email(attachments: [attachment]))
        #expect(try result.get().providerMessageID?.hasSuffix("-000002") == true)
        #expect(await replay.mismatches.isEmpty)
    }

    @Test func sandboxSendsToTheMailboxSimulator() async throws {
        let (result, replay) = try await Self.send("sandbox-simulator", sandbox: true)
        #expect(try result.get().detail?.hasPrefix("sandbox: ") == true)
        #expect(await replay.mismatches.isEmpty)
    }

    @Test(arguments: [
        ("throttled", "rateLimited", 429, "TooManyRequestsException"),
        ("limit-exceeded", "rateLimited", 400, "LimitExceededException"),
        ("message-rejected", "rejected", 400, "MessageRejected"),
        ("identity-not-verified", "misconfigured", 400, "MessageRejected"),
        ("account-suspended", "misconfigured", 400, "AccountSuspendedException"),
        ("sending-paused", "misconfigured", 400, "SendingPausedException"),
        ("mail-from-not-verified", "misconfigured", 400, "MailFromDomainNotVerifiedException"),
        ("configuration-set-not-found", "misconfigured", 404, "NotFoundException"),
        ("bad-request", "rejected", 400, "BadRequestException"),
        ("invalid-signature", "misconfigured", 403, "InvalidSignatureException"),
        ("unrecognized-client", "misconfigured", 403, "UnrecognizedClientException"),
        ("access-denied", "misconfigured", 403, "AccessDeniedException"),
        ("expired-token", "misconfigured", 403, "ExpiredTokenException"),
        ("internal-error", "unavailable", 500, "InternalServiceErrorException"),
        ("service-unavailable", "unavailable", 503, "ServiceUnavailable"),
    ])
    func errorCasesAreClassified(caseName: String, code: String, status: Int, awsType: String) async throws {
        let token = caseName == "expired-token" ? "session-token-not-real" : nil
        let (result, replay) = try await Self.send(caseName, sessionToken: token)
        guard case .failure(let error) = result else {
            Issue.record("expected \(caseName) to fail")
            return
        }
        #expect(error.code.description == code)
        #expect(error.httpStatus == status)
        #expect(error.providerCode == awsType)
        #expect(await replay.mismatches.isEmpty)
        #expect(!"\(error)".contains(SESProviderTests.credentials.secretAccessKey))
    }
}
