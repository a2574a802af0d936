internal import CCurl

/// One SMTP transaction on the event loop: `MAIL FROM`, `RCPT TO` for each recipient, `DATA`
/// with the message read through `CURLOPT_READFUNCTION`.
final class SMTPTransfer: CurlTransfer, @unchecked Sendable {
    // @unchecked Sendable: the non-Sendable parts (`easy`, `recipientList`, `source`) are set up in
    // init on the submitting thread, then used only on the loop thread, which receives this object
    // through the loop's locked inbox; `finish` runs once, after the handle has left the multi handle.

    let easy: CurlEasy
    let cancellation = CurlCancellation()
    let completion = CurlCompletion<Void>()
    // Referenced by libcurl (CURLOPT_MAIL_RCPT) until the transfer ends; freed with this object.
    private let recipientList: CurlStringList
    // Passed unretained as the read callback's context: this transfer owns both it and the easy
    // handle, and the callback runs only inside `curl_multi_perform` while the loop holds the transfer.
    private let source: MessageSource
    private let url: String

    /// Configures a transaction sending `message` to `envelope`'s recipients.
    ///
    /// - Throws: ``TransportError/Code/invalidRequest`` for a bad URL or address,
    ///   ``TransportError/Code/timeout`` if `deadline` has passed.
    init(
        message: [UInt8], envelope: SMTPEnvelope, deadline: ContinuousClock.Instant,
        configuration: CurlSMTPClient.Configuration
    ) throws {
        try envelope.validate()
        let target = try SMTPTarget(configuration: configuration)
        url = target.url
        easy = try CurlEasy()
        source = MessageSource(message)
        recipientList = try CurlStringList(envelope.recipients.map { "<\($0)>" })

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
        try easy.set(CURLOPT_INFILESIZE_LARGE, offset: Int64(message.count))
        try easy.set(CURLOPT_READDATA, pointer: Unmanaged.passUnretained(source).toOpaque())
        try easy.set(CURLOPT_READFUNCTION) { buffer, size, count, context in
            guard let buffer, let context else { return 0 }
            let source = Unmanaged<MessageSource>.fromOpaque(context).takeUnretainedValue()
            return source.read(into: UnsafeMutableRawBufferPointer(start: buffer, count: size * count))
        }
    }

    func finish(_ outcome: CurlOutcome) {
        switch outcome {
        case .stopped(let error):
            completion.resume(with: .failure(error))
        case .completed(let code) where code == CURLE_OK:
            completion.resume(with: .success(()))
        case .completed(let code):
            let cause: CurlError.Cause = cancellation.isRequested ? .cancelled : .none
            let error = CurlError(code: code, detail: easy.errorMessage)
                .transportError(url: url, cause: cause, smtpReplyCode: easy.info(CURLINFO_RESPONSE_CODE))
            completion.resume(with: .failure(error))
        }
    }
}
