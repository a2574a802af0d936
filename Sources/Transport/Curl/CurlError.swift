internal import CCurl

/// A libcurl failure as a value: the `CURLcode` and the `CURLOPT_ERRORBUFFER` text.
struct CurlError: Error {
    /// Why a transfer ended early on our side, which libcurl reports only as a generic code.
    enum Cause {
        /// Nothing of ours: libcurl's code says it all.
        case none
        /// The calling task was cancelled.
        case cancelled
        /// The response body passed the configured maximum and the write callback refused it.
        case tooLarge
    }

    /// libcurl's result code.
    var code: CURLcode
    /// libcurl's error buffer text, or what we were doing; may be empty.
    var detail: String

    /// libcurl's fixed description of ``code``.
    var summary: String {
        String(cString: curl_easy_strerror(code))
    }

    /// The one mapping from libcurl result codes to ``TransportError``.
    ///
    /// - Parameters:
    ///   - url: The transfer's URL; shown without user info or query.
    ///   - cause: What our callbacks or cancellation did, to tell apart codes libcurl reuses.
    ///   - smtpReplyCode: The last SMTP reply code, for SMTP transfers.
    /// - Returns: The error, keeping libcurl's code and message.
    func transportError(url: String, cause: Cause, smtpReplyCode: Int? = nil) -> TransportError {
        let refusal = smtpReplyCode.flatMap { $0 >= 400 ? $0 : nil }
        let transportCode: TransportError.Code
        switch code {
        case CURLE_COULDNT_RESOLVE_HOST, CURLE_COULDNT_RESOLVE_PROXY:
            transportCode = .dns
        case CURLE_SEND_ERROR, CURLE_RECV_ERROR:
            transportCode = refusal == nil ? .connectFailed : .rejected
        case CURLE_LOGIN_DENIED:
            transportCode = .rejected
        case CURLE_COULDNT_CONNECT, CURLE_GOT_NOTHING, CURLE_PARTIAL_FILE:
            transportCode = .connectFailed
        case CURLE_OPERATION_TIMEDOUT:
            transportCode = .timeout
        case CURLE_SSL_CONNECT_ERROR, CURLE_SSL_CERTPROBLEM, CURLE_SSL_CIPHER, CURLE_PEER_FAILED_VERIFICATION,
            CURLE_SSL_CACERT_BADFILE, CURLE_SSL_ENGINE_NOTFOUND, CURLE_SSL_ENGINE_SETFAILED,
            CURLE_SSL_ENGINE_INITFAILED, CURLE_SSL_SHUTDOWN_FAILED, CURLE_SSL_CRL_BADFILE, CURLE_SSL_ISSUER_ERROR,
            CURLE_SSL_PINNEDPUBKEYNOTMATCH, CURLE_SSL_INVALIDCERTSTATUS, CURLE_SSL_CLIENTCERT, CURLE_USE_SSL_FAILED:
            transportCode = .tls
        case CURLE_WRITE_ERROR where cause == .tooLarge, CURLE_FILESIZE_EXCEEDED:
            transportCode = .tooLarge
        case CURLE_ABORTED_BY_CALLBACK where cause == .cancelled:
            transportCode = .cancelled
        case CURLE_URL_MALFORMAT, CURLE_UNSUPPORTED_PROTOCOL:
            transportCode = .invalidRequest
        case CURLE_WEIRD_SERVER_REPLY where refusal != nil:
            // libcurl's answer to a refusal of the message itself (the reply after its final dot).
            transportCode = .rejected
        case CURLE_HTTP2, CURLE_HTTP2_STREAM, CURLE_WEIRD_SERVER_REPLY:
            transportCode = .protocolError
        default:
            transportCode = .internalFailure
        }
        var message = summary
        if !detail.isEmpty, detail != message {
            message += ": " + detail
        }
        if !url.isEmpty {
            message = URLRedaction.scrub(message, url: url) + " (\(URLRedaction.redact(url)))"
        }
        return TransportError(
            transportCode, message, curlCode: Int(code.rawValue), smtpReplyCode: refusal,
            smtpCommand: refusal == nil ? nil : refusedSMTPCommand)
    }

    /// The SMTP command a refusal answered, from libcurl's code and error text ("MAIL failed: 550",
    /// "RCPT failed: 550", "DATA failed: 554"; a refused login is `CURLE_LOGIN_DENIED`, a refused
    /// message `CURLE_WEIRD_SERVER_REPLY` after the data was sent).
    private var refusedSMTPCommand: String? {
        switch code {
        case CURLE_LOGIN_DENIED: return "AUTH"
        case CURLE_WEIRD_SERVER_REPLY: return "DATA"
        default:
            for command in ["MAIL", "RCPT", "DATA"] where detail.hasPrefix("\(command) failed") {
                return command
            }
            return nil
        }
    }
}
