internal import CCurl

/// Owns one libcurl easy handle (`CURL *`) and its error buffer.
///
/// Not thread-safe: the event loop's ``CurlEasyPool`` hands it out on the loop thread, where it is
/// configured for one transfer, driven, and ``reset()`` before it is used for the next.
final class CurlEasy {
    // The `CURL *` this object owns: created by `curl_easy_init` here, freed by
    // `curl_easy_cleanup` in deinit, after the event loop has removed it from the multi handle.
    let handle: UnsafeMutableRawPointer
    // `CURL_ERROR_SIZE` bytes that libcurl writes its last error message into
    // (CURLOPT_ERRORBUFFER); allocated here and freed in deinit, after the handle.
    private let errorBuffer: UnsafeMutablePointer<CChar>

    /// Creates an easy handle with the options every transfer shares.
    ///
    /// - Throws: ``TransportError/Code/internalFailure`` if libcurl cannot allocate a handle.
    init() throws {
        guard CurlLibrary.initialize(), let handle = curl_easy_init() else {
            throw TransportError(.internalFailure, "libcurl could not create a handle")
        }
        self.handle = handle
        errorBuffer = .allocate(capacity: Int(CURL_ERROR_SIZE))
        errorBuffer.initialize(repeating: 0, count: Int(CURL_ERROR_SIZE))
        try setSharedOptions()
    }

    /// Puts every option back to libcurl's default (`curl_easy_reset`), then sets the shared ones again.
    ///
    /// What one transfer set (method, body, headers, credentials, callbacks and their context pointers)
    /// is gone afterwards. libcurl keeps the handle's DNS and TLS session caches; connections live in
    /// the multi handle's cache and are not touched.
    ///
    /// - Throws: ``TransportError/Code/internalFailure`` if libcurl refuses a shared option.
    func reset() throws {
        curl_easy_reset(handle)
        errorBuffer[0] = 0
        try setSharedOptions()
    }

    /// The options every transfer has: the error buffer, and no signals (libcurl runs on our thread).
    private func setSharedOptions() throws {
        try set(CURLOPT_ERRORBUFFER, pointer: UnsafeMutableRawPointer(errorBuffer))
        try set(CURLOPT_NOSIGNAL, 1)
    }

    deinit {
        curl_easy_cleanup(handle)
        errorBuffer.deallocate()
    }

    /// The message libcurl left in the error buffer for the last failure, or `""`.
    var errorMessage: String {
        String(cString: errorBuffer)
    }

    // MARK: - Options

    /// Sets an option that takes a C `long`.
    func set(_ option: CURLoption, _ value: Int) throws {
        try check(ccurl_easy_setopt_long(handle, option, value), option)
    }

    /// Sets an option that takes a `curl_off_t`.
    func set(_ option: CURLoption, offset value: Int64) throws {
        try check(ccurl_easy_setopt_off_t(handle, option, curl_off_t(value)), option)
    }

    /// Sets an option that takes a string; libcurl copies it (all string options but POSTFIELDS).
    func set(_ option: CURLoption, _ value: String) throws {
        guard !value.utf8.contains(0) else {
            throw TransportError(.invalidRequest, "an option value contains a NUL byte")
        }
        try check(value.withCString { ccurl_easy_setopt_string(handle, option, $0) }, option)
    }

    /// Sets an option that takes a pointer, which the caller keeps valid for the transfer.
    func set(_ option: CURLoption, pointer: UnsafeMutableRawPointer?) throws {
        try check(ccurl_easy_setopt_pointer(handle, option, pointer), option)
    }

    /// Sets an option that takes a `curl_slist`, which the caller keeps alive for the transfer.
    func set(_ option: CURLoption, list: CurlStringList) throws {
        try check(ccurl_easy_setopt_slist(handle, option, list.head), option)
    }

    /// Sets a data callback (`CURLOPT_WRITEFUNCTION`, `HEADERFUNCTION`, `READFUNCTION`).
    func set(_ option: CURLoption, callback: ccurl_data_callback) throws {
        try check(ccurl_easy_setopt_data_cb(handle, option, callback), option)
    }

    /// Copies `bytes` into libcurl as the request body (`CURLOPT_COPYPOSTFIELDS`).
    func setCopiedBody(_ bytes: [UInt8]) throws {
        try set(CURLOPT_POSTFIELDSIZE_LARGE, offset: Int64(bytes.count))
        guard !bytes.isEmpty else {
            try check(ccurl_easy_setopt_string(handle, CURLOPT_COPYPOSTFIELDS, ""), CURLOPT_COPYPOSTFIELDS)
            return
        }
        // libcurl copies POSTFIELDSIZE_LARGE bytes during this call; the pointer is not kept.
        let result = bytes.withUnsafeBytes { buffer in
            ccurl_easy_setopt_pointer(
                handle, CURLOPT_COPYPOSTFIELDS, UnsafeMutableRawPointer(mutating: buffer.baseAddress))
        }
        try check(result, CURLOPT_COPYPOSTFIELDS)
    }

    // MARK: - Information

    /// A `long` piece of transfer information, or `nil` if libcurl has none.
    func info(_ info: CURLINFO) -> Int? {
        var value = 0
        guard ccurl_easy_getinfo_long(handle, info, &value) == CURLE_OK else { return nil }
        return value
    }

    private func check(_ result: CURLcode, _ option: CURLoption) throws {
        guard result == CURLE_OK else {
            let error = CurlError(code: result, detail: "setting option \(option.rawValue)")
            throw error.transportError(url: "", cause: .none)
        }
    }
}

@available(*, unavailable)
extension CurlEasy: Sendable {}
