internal import COpenSSL

/// OpenSSL's thread-local error queue, drained into values.
enum OpenSSLError {
    /// Removes every pending error from this thread's queue and returns their reason strings.
    ///
    /// The strings name the library, function and reason (e.g. `error:1E08010C:DECODER routines::unsupported`);
    /// OpenSSL never puts key material in them.
    static func drain() -> [String] {
        var messages: [String] = []
        while true {
            let code = ERR_get_error_all(nil, nil, nil, nil, nil)
            if code == 0 { break }
            var buffer = [CChar](repeating: 0, count: 256)
            ERR_error_string_n(code, &buffer, buffer.count)
            messages.append(String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self))
        }
        return messages
    }

    /// Builds a ``SigningError`` carrying the drained OpenSSL queue.
    static func error(_ code: SigningError.Code, _ message: String) -> SigningError {
        SigningError(code, message, openSSLErrors: drain())
    }

    /// Empties the queue, for use before an operation whose failure is an expected outcome.
    static func clear() {
        ERR_clear_error()
    }
}
