import Host
import Testing

@Suite struct MetricsTests {
    @Test func exposesCountersGaugesAndHistogramsExactly() async {
        let registry = MetricsRegistry()
        registry.declare(.counter("things_total", help: "Things.\nSecond line"))
        registry.declare(.gauge("depth", help: "Depth."))
        registry.declare(.histogram("latency_seconds", help: "Latency.", buckets: [0.1, 1]))
        registry.increment("things_total", ["path": "a\"b\\c\nd"])
        registry.increment("things_total", ["path": "a\"b\\c\nd"], by: 2)
        registry.set("depth", to: 2.5)
        registry.observe("latency_seconds", ["route": "/x"], 0.05)
        registry.observe("latency_seconds", ["route": "/x"], 0.5)
        registry.observe("latency_seconds", ["route": "/x"], 3)
        let expected = """
            # HELP things_total Things.\\nSecond line
            # TYPE things_total counter
            things_total{path="a\\"b\\\\c\\nd"} 3
            # HELP depth Depth.
            # TYPE depth gauge
            depth 2.5
            # HELP latency_seconds Latency.
            # TYPE latency_seconds histogram
            latency_seconds_bucket{le="0.1",route="/x"} 1
            latency_seconds_bucket{le="1",route="/x"} 2
            latency_seconds_bucket{le="+Inf",route="/x"} 3
            latency_seconds_sum{route="/x"} 3.55
            latency_seconds_count{route="/x"} 3

            """
        #expect(await registry.exposition() == expected)
    }

    @Test func routerCountsRequestsByRoutePatternAndStatus() async {
        let metrics = MetricsRegistry()
        var router = HostTestSupport.router(metrics: metrics)
        router.add("GET", "/v1/users/:user_id") { _ in .noContent }
        _ = await router.handle(HostTestSupport.request("GET", "/v1/users/u1"))
        _ = await router.handle(HostTestSupport.request("GET", "/v1/users/u2"))
        _ = await router.handle(HostTestSupport.request("GET", "/v1/users/u2", key: nil))
        _ = await router.handle(HostTestSupport.request("GET", "/nowhere"))
        let text = await metrics.exposition()
        let lines = text.split(separator: "\n").filter { $0.hasPrefix("deliveryhost_http_requests_total{") }
        #expect(
            lines == [
                #"deliveryhost_http_requests_total{method="GET",route="/v1/users/:user_id",status="204"} 2"#,
                #"deliveryhost_http_requests_total{method="GET",route="/v1/users/:user_id",status="401"} 1"#,
                #"deliveryhost_http_requests_total{method="GET",route="unmatched",status="404"} 1"#,
            ])
        #expect(
            text.contains(
                #"deliveryhost_http_request_duration_seconds_bucket{le="0.005",method="GET",route="/v1/users/:user_id"} 3"#
            ))
        #expect(
            text.contains(
                #"deliveryhost_http_request_duration_seconds_sum{method="GET",route="/v1/users/:user_id"} 0.0045"#))
    }

    @Test func scrapeHooksSetGaugesBeforeRendering() async {
        let registry = MetricsRegistry()
        registry.declare(.gauge("queue", help: "Queue."))
        registry.addScrapeHook { registry in
            registry.reset("queue")
            registry.set("queue", ["channel": "outbox"], to: 7)
        }
        #expect(await registry.exposition() == "# HELP queue Queue.\n# TYPE queue gauge\nqueue{channel=\"outbox\"} 7\n")
    }
}
