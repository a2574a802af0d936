internal import CMicroHTTPD

/// The libmicrohttpd calls made on one `struct MHD_Connection *` from inside its callbacks.
///
/// A borrowed handle: libmicrohttpd owns the connection, and it is valid only during the callback
/// that received it (or while the connection is suspended).
struct MicroHTTPConnection {
    let pointer: OpaquePointer

    /// Appends every request header, in order, to `request.headers`.
    func collectHeaders(into request: MicroHTTPRequest) {
        // Unretained: the caller holds `request` for this synchronous call, the iterator's only use.
        let context = Unmanaged.passUnretained(request).toOpaque()
        _ = MHD_get_connection_values(
            pointer, .HEADER_KIND,
            { context, _, key, value in
                guard let context, let key else { return .YES }
                let request = Unmanaged<MicroHTTPRequest>.fromOpaque(context).takeUnretainedValue()
                request.headers.append((String(cString: key), value.map { String(cString: $0) } ?? ""))
                return .YES
            }, context)
    }

    /// The value of request header `name`, or `nil`.
    func header(_ name: String) -> String? {
        MHD_lookup_connection_value(pointer, .HEADER_KIND, name).map { String(cString: $0) }
    }

    /// The peer's address, such as `127.0.0.1:53122`.
    var remoteAddress: String? {
        cmhd_connection_client_address(pointer).flatMap { BindAddress.describe($0) }
    }

    /// Sends `response`: libmicrohttpd copies the body (`.RESPMEM_MUST_COPY`), so nothing here
    /// must outlive the call. Returns `false` if libmicrohttpd refused (the connection then closes).
    ///
    /// `Content-Length` and `Transfer-Encoding` from the handler are ignored (the server frames the
    /// body), as are headers libmicrohttpd rejects (a CR or LF in a name or value). A status outside
    /// 100–599 is sent as 500 with an empty body. With `closeConnection`, `Connection: close` is added.
    func queue(_ response: HTTPServerResponse, closeConnection: Bool) -> Bool {
        var status = response.status
        var body = response.body
        if !(100...599).contains(status) {
            status = 500
            body = []
        }
        let created = body.withUnsafeBytes { bytes in
            MHD_create_response_from_buffer(
                bytes.count, UnsafeMutableRawPointer(mutating: bytes.baseAddress), .RESPMEM_MUST_COPY)
        }
        guard let created else { return false }
        defer { MHD_destroy_response(created) }
        for (name, value) in response.headers {
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "transfer-encoding" { continue }
            if closeConnection && lowered == "connection" { continue }
            _ = MHD_add_response_header(created, name, value)
        }
        if closeConnection {
            _ = MHD_add_response_header(created, "Connection", "close")
        }
        return MHD_queue_response(pointer, UInt32(status), created) == .YES
    }
}
