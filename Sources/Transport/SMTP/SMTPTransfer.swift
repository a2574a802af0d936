internal import CCurl

/// One SMTP transaction on the event loop: `MAIL FROM`, `RCPT TO` for each recipient, `DATA`
/// with the message read through `CURLOPT_READFUNCTION`.
final class SMTPTransfer: CurlTransfer, @unchecked Sendable {
    // @unchecked Sendable: the non-Sendable parts (`recipientList`, `source`) are set up in init on
    // the submitting thread, then used only on the loop thread, which receives this object through
    // the loop's locked inbox; `finish` runs once, after the handle has left the multi handle.

    let cancellation = CurlCancellation()
    let completion = CurlCompletion<Void>()
    // Referenced by libcurl (CURLOPT_MAIL_RCPT) until the transfer ends; freed with this object.
    private let recipientList: CurlStringList
    // Passed unretained as the read callback's context: the loop holds this transfer (and so the
    // source) while its handle is in the multi handle, and the callback runs only inside
    // `curl_multi_perform`; the handle is reset (dropping the pointer) before it is lent again.
    private let source: MessageSource
    private let target: SMTPTarget
    private let envelope: SMTPEnvelope
    private let messageSize: Int
    private let deadline: ContinuousClock.Instant
    private let configuration: CurlSMTPClient.Configuration
    private var url: String { target.url }

    /// Prepares a transaction sending `message` to `envelope`'s recipients; the event loop sets up a
    /// handle for it with ``configure(_:)``.
    ///
    /// - Throws: ``TransportError/Code/invalidRequest`` for a bad URL or address,
    ///   ``TransportError/Code/timeout`` if `deadline` has passed.
    init(
        message: [UInt8], envelope: SMTPEnvelope, deadline: ContinuousClock.Instant,
        configuration: CurlSMTPClient.Configuration
    ) throws {
        try envelope.validate()
        target = try SMTPTarget(configuration: configuration)
        recipientList = try CurlStringList(envelope.recipients.map { "<\($0)>" })
        guard deadline > .now else {
            throw TransportError(.timeout, "the deadline passed before the request was sent")
        }
        self.envelope = envelope
        self.deadline = deadline
        self.configuration = configuration
        messageSize = message.count
        source = MessageSource(message)
    }

    /// Sets `easy` up for this transaction, on the loop thread.
    func configure(_ easy: CurlEasy) throws {
        try easy.setTimeouts(deadline: deadline, connectTimeout: configuration.connectTimeout)
        try easy.set(CURLOPT_URL, target.url)
        try easy.set(CURLOPT_PROTOCOLS_STR, "smtp,smtps")
        try easy.set(CURLOPT_TCP_KEEPALIVE, 1)
        try easy.setTLS(
            verifiesCertificates: configuration.verifiesCertificates, caBundlePath: configuration.caBundlePath)
        let usesTLS = target.implicitTLS || configuration.startTLS.requiresTLS(host: target.host)
        try easy.set(CURLOPT_USE_SSL, Int((usesTLS ? CURLUSESSL_ALL : CURLUSESSL_TRY).rawValue))
        if let credentials = configuration.credentials {
            try easy.set(CURLOPT_USERNAME, credentials.username)
            try easy.set(CURLOPT_PASSWORD, credentials.password)
        }
        try easy.set(CURLOPT_MAIL_FROM, "<\(envelope.sender)>")
        try easy.set(CURLOPT_MAIL_RCPT, list: recipientList)
        try easy.set(CURLOPT_UPLOAD, 1)
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(messageSize))
        try easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(source).toOpaque())
        try easy.set(CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let source = Unmanaged<MessageSource>.fromOpaque(context).takeUnretainedValue()
            return source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
    }

    func finish(_ outcome: CurlOutcome, easy: CurlEasy?) {
        switch outcome {
        case .stopped(let error):
            completion.resume(with: .failure(error))
        case .completed(let code) where code == CURLE_OK:
            completion.resume(with: .success(()))
        case .completed(let code):
            let cause: CurlError.Cause = cancellation.isRequested ? .cancelled : .none
            let error = CurlError(code: code, detail: easy?.errorMessage ?? "")
                .transportError(url: url, cause: cause, smtpReplyCode: easy?.info(CURLINFO_RESPONSE_CODE))
            completion.resume(with: .failure(error))
        }
    }
}
