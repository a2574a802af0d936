internal import CCurl

/// Owns a libcurl string list (`struct curl_slist *`): request headers or SMTP recipients.
///
/// libcurl does not copy the list, so the transfer that uses it keeps this object alive until the
/// transfer has finished.
final class CurlStringList {
    // The list's first node, or nil while empty: built by `curl_slist_append` (which copies each
    // string) and freed with `curl_slist_free_all` in deinit.
    private(set) var head: UnsafeMutablePointer<curl_slist>?

    /// Creates a list of `strings`, in order.
    ///
    /// - Throws: ``TransportError/Code/invalidRequest`` if a string contains a NUL, CR or LF byte;
    ///   ``TransportError/Code/internalFailure`` if libcurl cannot allocate.
    init(_ strings: [String]) throws {
        for string in strings {
            try append(string)
        }
    }

    deinit {
        curl_slist_free_all(head)
    }

    private func append(_ string: String) throws {
        guard !string.utf8.contains(where: { $0 == 0 || $0 == 0x0A || $0 == 0x0D }) else {
            throw TransportError(.invalidRequest, "a header or address contains a NUL, CR or LF character")
        }
        guard let newHead = curl_slist_append(head, string) else {
            throw TransportError(.internalFailure, "libcurl could not allocate a string list")
        }
        head = newHead
    }
}

@available(*, unavailable)
extension CurlStringList: Sendable {}
