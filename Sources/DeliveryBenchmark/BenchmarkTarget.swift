import Engine
import Foundation
import Providers
import Transport

/// What every run shares: the sink, the transport, the webhook channel and the body it posts.
struct BenchmarkTarget {
    static let environment = "benchmark"
    static let channelID = "sink"
    static let path = "/hooks/benchmark"
    /// A typical small webhook event; every request posts these bytes.
    static let body: JSONValue = [
        "type": "order.shipped",
        "data": [
            "order_id": "ord_8f2c1a7e", "amount": 4200, "currency": "EUR",
            "customer": ["id": "cus_42", "email": "someone@example.com"],
        ],
    ]

    let sink: LoopbackSink
    let client: CurlHTTPClient
    let concurrency: Int
    let deliveryLog: DeliveryLogDetail

    /// The channel's key.
    var key: ChannelKey { ChannelKey(environment: Self.environment, channelID: Self.channelID) }

    /// Starts a sink and a transport whose connection limits allow `concurrency` requests at once; the
    /// channel's delivery logs keep `deliveryLog` of delivered attempts.
    init(concurrency: Int, deliveryLog: DeliveryLogDetail) throws {
        sink = try LoopbackSink()
        var configuration = CurlHTTPClient.Configuration()
        configuration.maximumConnectionsPerHost = concurrency
        configuration.maximumConnections = concurrency
        client = try CurlHTTPClient(configuration: configuration)
        self.concurrency = concurrency
        self.deliveryLog = deliveryLog
    }

    /// The channels, built the way the host builds them (``ChannelDirectory/build(from:registry:transport:now:)``,
    /// which logs every exchange into the attempt's delivery log), with the webhook channel's
    /// concurrency set to ``concurrency`` and no rate limit.
    func channels() throws -> ChannelDirectory {
        let configuration = """
            {
              "environments": { "\(Self.environment)": { "production": false } },
              "channels": {
                "\(Self.channelID)": {
                  "provider": "webhook",
                  "environments": {
                    "\(Self.environment)": { "url": "\(sink.url(Self.path))", "concurrency": \(concurrency),
                                                "delivery_log": "\(deliveryLog.rawValue)" }
                  }
                }
              }
            }
            """
        let registry = ProviderRegistry.standard
        let loaded = try ChannelConfiguration.load(json: Array(configuration.utf8), registry: registry)
        var directory = try ChannelDirectory.build(from: loaded, registry: registry, transport: client)
        guard var channel = directory.channel(key) else { throw BenchmarkError("the webhook channel was not built") }
        // `build` does not apply the `concurrency` setting (yet): set it on the built channel too.
        channel.concurrency = concurrency
        directory.add(channel)
        return directory
    }

    /// The request the webhook provider sends for a benchmark message, for the bare loops to post.
    func sampleRequest() throws -> HTTPRequest {
        let provider = WebhookProvider(configuration: WebhookConfiguration(url: sink.url(Self.path)), transport: client)
        let content = WebhookContent(body: Self.body)
        let message = OutboundMessage(
            id: DeliveryRecorder.id(0), channelID: Self.channelID, recipient: Recipient(id: "user-0"),
            content: .webhook(content))
        return try provider.makeRequest(for: message, content: content)
    }

    /// The enqueue request of benchmark message number `index`.
    func request(_ index: Int, windows: [SendWindow] = []) -> EnqueueRequest {
        EnqueueRequest(
            id: DeliveryRecorder.id(index), environment: Self.environment, channelID: Self.channelID,
            recipient: Recipient(id: "user-\(index % 1000)"), content: .webhook(WebhookContent(body: Self.body)),
            sendWindows: windows)
    }

    /// Stops the transport and the sink.
    func shutdown() async {
        await client.shutdown()
        sink.stop()
    }
}
