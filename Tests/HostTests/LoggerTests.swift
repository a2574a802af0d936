import Foundation
import Providers
import Testing

@testable import Host

@Suite struct LoggerTests {
    @Test func writesJSONLines() {
        let collector = LineCollector()
        let logger = HostTestSupport.logger(collector)
        logger.log(
            .info, "request", [("route", .string("/v1/users/:user_id")), ("status", .int(200)), ("ok", .bool(true))])
        logger.log(.debug, "hidden", [])
        #expect(
            collector.lines == [
                #"{"ts":"2025-01-02T03:04:05Z","level":"info","msg":"request","route":"/v1/users/:user_id","status":200,"ok":true}"#
                    + "\n"
            ])
    }

    @Test func writesLogfmtWithQuoting() {
        let collector = LineCollector()
        let logger = HostTestSupport.logger(collector, format: .logfmt)
        logger.log(.warning, "slow request", [("path", .string("a b=\"c\"")), ("duration_ms", .double(1.5))])
        #expect(
            collector.lines == [
                #"ts=2025-01-02T03:04:05Z level=warning msg="slow request" path="a b=\"c\"" duration_ms=1.500"# + "\n"
            ])
    }

    @Test func logfmtQuotesEmptyValuesLineBreaksAndUnicodeLineSeparators() {
        let collector = LineCollector()
        let logger = HostTestSupport.logger(collector, format: .logfmt)
        logger.log(
            .info, "m",
            [
                ("empty", .string("")), ("tab", .string("a\tb")), ("cr", .string("a\rb")), ("nl", .string("a\nb")),
                ("ls", .string("é\u{2028}")), ("plain", .string("ünï/ok")), ("n", .int(-3)), ("b", .bool(false)),
            ])
        #expect(
            collector.lines == [
                "ts=2025-01-02T03:04:05Z level=info msg=m empty=\"\" tab=a\tb cr=\"a\rb\" nl=\"a\\nb\" ls=\"é\u{2028}\" "
                    + "plain=ünï/ok n=-3 b=false\n"
            ])
    }

    @Test(arguments: [0, -0.0, 0.0004, 0.0006, 1.5, 12.3456, 99.9996, 1234.5, -2.25, -0.0001, 56.78901, 3e14])
    func logfmtWritesDurationsAsPrintfWouldWithThreeDecimals(_ number: Double) {
        #expect(HostLogger.Value.threeDecimals(number) == String(format: "%.3f", number))
    }

    @Test func routerLogsOneLinePerRequestWithoutTheAuthorizationHeader() async {
        let collector = LineCollector()
        var router = HostTestSupport.router(collector: collector, level: .debug)
        router.add("GET", "/v1/ping") { _ in .noContent }
        _ = await router.handle(
            HostTestSupport.request("GET", "/v1/ping", headers: [("User-Agent", "tests"), ("Cookie", "c=1")]))
        #expect(
            collector.lines == [
                #"{"ts":"2025-01-02T03:04:05Z","level":"info","msg":"request","request_id":"req_fixed","method":"GET","route":"/v1/ping","status":204,"duration_ms":1.5,"environment":"development","header_user_agent":"tests"}"#
                    + "\n"
            ])
        let all = collector.lines.joined()
        #expect(!all.contains(HostTestSupport.developmentKey))
        #expect(!all.lowercased().contains("authorization"))
        #expect(!all.contains("c=1"))
    }

    @Test func rejectedKeysAreNotLogged() async {
        let collector = LineCollector()
        var router = HostTestSupport.router(collector: collector, level: .debug)
        router.add("GET", "/v1/ping") { _ in .noContent }
        let wrong = "wrong-key-" + String(repeating: "w", count: 10)
        _ = await router.handle(HostTestSupport.request("GET", "/v1/ping", key: wrong))
        #expect(collector.lines.count == 1)
        #expect(!collector.lines.joined().contains(wrong))
    }
}
