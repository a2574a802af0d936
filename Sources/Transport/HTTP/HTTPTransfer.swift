internal import CCurl

/// One HTTP exchange on the event loop: the request, what libcurl needs kept alive while it runs, and
/// the response being collected.
final class HTTPTransfer: CurlTransfer, @unchecked Sendable {
    // @unchecked Sendable: the non-Sendable parts (`headerList`, `sink`, `addressGuard`) are set up in
    // init on the submitting thread, then used only on the loop thread, which receives this object
    // through the loop's locked inbox; `finish` runs once, after the handle has left the multi handle.

    let cancellation = CurlCancellation()
    let completion = CurlCompletion<HTTPResponse>()
    private let request: HTTPRequest
    private let deadline: ContinuousClock.Instant
    private let configuration: CurlHTTPClient.Configuration
    // Referenced by libcurl (CURLOPT_HTTPHEADER) until the transfer ends; freed with this object.
    private let headerList: CurlStringList
    // Passed unretained as the callbacks' context: the loop holds this transfer (and so the sink)
    // while its handle is in the multi handle, and callbacks run only inside `curl_multi_perform`;
    // the handle is reset (dropping the pointer) before it is lent to another transfer.
    private let sink: HTTPResponseSink
    // Passed unretained to the open-socket callback, like `sink`; nil without an address policy.
    private let addressGuard: CurlAddressGuard?

    /// Prepares a transfer for `request`; the event loop sets up a handle for it with ``configure(_:)``.
    ///
    /// - Throws: ``TransportError`` with ``TransportError/Code/invalidRequest`` for a request that
    ///   cannot be sent, ``TransportError/Code/timeout`` if `deadline` has passed.
    init(
        request: HTTPRequest, deadline: ContinuousClock.Instant, configuration: CurlHTTPClient.Configuration
    ) throws {
        try HTTPRequestValidation.validate(request)
        guard deadline > .now else {
            throw TransportError(.timeout, "the deadline passed before the request was sent")
        }
        self.request = request
        self.deadline = deadline
        self.configuration = configuration
        sink = HTTPResponseSink(maximumBodySize: configuration.maximumResponseBodySize)
        headerList = try CurlStringList(HTTPRequestValidation.headerLines(for: request))
        addressGuard = configuration.outboundAddressPolicy.map { CurlAddressGuard(policy: $0, url: request.url) }
    }

    private var url: String { request.url }
    private var version: HTTPVersionPreference { request.version }

    /// Sets `easy` up for this exchange, on the loop thread.
    func configure(_ easy: CurlEasy) throws {
        try addressGuard?.install(on: easy)
        try easy.setTimeouts(deadline: deadline, connectTimeout: configuration.connectTimeout)
        try easy.set(CURLOPT_URL, request.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "http,https")
        try easy.set(CURLOPT_FOLLOWLOCATION, 0)
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        try easy.set(CURLOPT_USERAGENT, configuration.userAgent)
        try easy.setTLS(
            verifiesCertificates: configuration.verifiesCertificates, caBundlePath: configuration.caBundlePath)
        try easy.set(CURLOPT_HTTP_VERSION, Self.curlVersion(request.version))
        let mayMultiplex =
            request.version == .http2PriorKnowledge
            || (request.version != .http1_1 && request.url.lowercased().hasPrefix("https://"))
        if mayMultiplex {
            // Wait for an existing connection's HTTP/2 negotiation rather than open another.
            try easy.set(CURLOPT_PIPEWAIT, 1)
        }
        try easy.set(CURLOPT_MAXFILESIZE_LARGE, offset: Int64(configuration.maximumResponseBodySize))
        try setMethodAndBody(request, on: easy)
        try easy.set(CURLOPT_HTTPHEADER, list: headerList)

        let context = Unmanaged.passUnretained(sink).toOpaque()
        try easy.set(CURLOPT_HEADERDATA, pointer: context)
        try easy.set(CURLOPT_HEADERFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let sink = Unmanaged<HTTPResponseSink>.fromOpaque(context).takeUnretainedValue()
            sink.receiveHeaderLine(UnsafeRawBufferPointer(start: buffer, count: size * count))
            return size * count
        }
        try easy.set(CURLOPT_WRITEDATA, pointer: context)
        try easy.set(CURLOPT_WRITEFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let sink = Unmanaged<HTTPResponseSink>.fromOpaque(context).takeUnretainedValue()
            return sink.receiveBody(UnsafeRawBufferPointer(start: buffer, count: size * count)) ? size * count : 0
        }
    }

    private func setMethodAndBody(_ request: HTTPRequest, on easy: CurlEasy) throws {
        switch request.method {
        case .head:
            try easy.set(CURLOPT_NOBODY, 1)
        case .get where request.body.isEmpty:
            try easy.set(CURLOPT_HTTPGET, 1)
        default:
            if !request.body.isEmpty || [.post, .put, .patch].contains(request.method) {
                try easy.setCopiedBody(request.body)
            }
            if request.method != .post {
                try easy.set(CURLOPT_CUSTOMREQUEST, request.method.rawValue)
            }
        }
    }

    private static func curlVersion(_ preference: HTTPVersionPreference) -> Int {
        switch preference.base {
        case .automatic, .http2, .http2Required: CURL_HTTP_VERSION_2TLS
        case .http1_1: CURL_HTTP_VERSION_1_1
        case .http2PriorKnowledge: CURL_HTTP_VERSION_2_PRIOR_KNOWLEDGE
        }
    }

    // MARK: - Finishing

    func finish(_ outcome: CurlOutcome, easy: CurlEasy?) {
        completion.resume(with: result(of: outcome, easy: easy))
    }

    private func result(of outcome: CurlOutcome, easy: CurlEasy?) -> Result<HTTPResponse, TransportError> {
        let code: CURLcode
        switch outcome {
        case .stopped(let error): return .failure(error)
        case .completed(let result): code = result
        }
        guard let easy else {
            return .failure(TransportError(.internalFailure, "the transfer finished without a handle"))
        }
        guard code == CURLE_OK else {
            if let refused = addressGuard?.error(url: url, curlCode: Int(code.rawValue)) { return .failure(refused) }
            let cause: CurlError.Cause = sink.exceededLimit ? .tooLarge : cancellation.isRequested ? .cancelled : .none
            var error = CurlError(code: code, detail: easy.errorMessage).transportError(url: url, cause: cause)
            if error.code == .tooLarge {
                error.message =
                    "the response body is larger than the limit of \(sink.maximumBodySize) bytes ("
                    + URLRedaction.redact(url) + ")"
            }
            return .failure(error)
        }
        let httpVersion = Self.versionText(easy.info(CURLINFO_HTTP_VERSION))
        if version == .http2Required, httpVersion != "2" {
            return .failure(
                TransportError(
                    .protocolError,
                    "HTTP/2 was required but the server spoke HTTP/\(httpVersion) (\(URLRedaction.redact(url)))"))
        }
        let status = easy.info(CURLINFO_RESPONSE_CODE) ?? 0
        return .success(HTTPResponse(status: status, headers: sink.headers, body: sink.body, httpVersion: httpVersion))
    }

    private static func versionText(_ version: Int?) -> String {
        switch version {
        case CURL_HTTP_VERSION_1_0: "1.0"
        case CURL_HTTP_VERSION_2_0: "2"
        case CURL_HTTP_VERSION_3: "3"
        default: "1.1"
        }
    }
}
