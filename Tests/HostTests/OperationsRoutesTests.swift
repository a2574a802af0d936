import Engine
import HTTPServer
import Host
import Providers
import Testing

@Suite struct OperationsRoutesTests {
    func router(storeReady: Bool) -> APIRouter {
        var router = HostTestSupport.router()
        router.register(
            OperationsRoutes(
                metrics: router.metrics,
                readiness: [ReadinessCheck("store") { storeReady }, ReadinessCheck("pipeline") { true }]))
        return router
    }

    @Test func healthzNeedsNoKey() async throws {
        let response = await router(storeReady: true).handle(HostTestSupport.request("GET", "/healthz", key: nil))
        #expect(response.status == 200)
        #expect(try HostTestSupport.json(response) == ["status": "ok"])
    }

    @Test func readyzReportsEachCheck() async throws {
        let ready = await router(storeReady: true).handle(HostTestSupport.request("GET", "/readyz", key: nil))
        #expect(ready.status == 200)
        #expect(try HostTestSupport.json(ready) == ["status": "ready", "checks": ["store": "ok", "pipeline": "ok"]])
        let notReady = await router(storeReady: false).handle(HostTestSupport.request("GET", "/readyz", key: nil))
        #expect(notReady.status == 503)
        #expect(
            try HostTestSupport.json(notReady) == [
                "status": "not_ready", "checks": ["store": "failing", "pipeline": "ok"],
            ])
    }

    @Test func metricsUsesTheTextFormat() async throws {
        let router = router(storeReady: true)
        _ = await router.handle(HostTestSupport.request("GET", "/healthz", key: nil))
        let response = await router.handle(HostTestSupport.request("GET", "/metrics", key: nil))
        #expect(HostTestSupport.header(response, "Content-Type") == "text/plain; version=0.0.4; charset=utf-8")
        let text = String(decoding: response.body, as: UTF8.self)
        #expect(text.contains(#"deliveryhost_http_requests_total{method="GET",route="/healthz",status="200"} 1"#))
    }

    @Test func pageInfoFollowsKnock() {
        let page = Page(entries: ["a", "b"], after: "cursor-2", before: nil)
        let json = PageInfo.response(page, request: PageRequest(size: 2)) { JSONValue.string($0) }
        #expect(
            json
                == [
                    "entries": ["a", "b"],
                    "page_info": ["__typename": "PageInfo", "after": "cursor-2", "before": .null, "page_size": 2],
                ])
    }

    @Test func pageRequestValidation() throws {
        func request(_ query: [(name: String, value: String)]) -> APIRequest {
            APIRequest(
                http: HTTPServerRequest(method: "GET", path: "/v1/x", query: query), environment: "development",
                requestID: "r", route: "/v1/x")
        }
        #expect(
            try request([("page_size", "10"), ("after", "c1")]).pageRequest() == PageRequest(after: "c1", size: 10))
        #expect(throws: HostError.self) { try request([("page_size", "51")]).pageRequest() }
        #expect(throws: HostError.self) { try request([("after", "a"), ("before", "b")]).pageRequest() }
    }
}
