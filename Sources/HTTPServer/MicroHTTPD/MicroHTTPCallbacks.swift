internal import CMicroHTTPD

/// The C callbacks given to libmicrohttpd. Each receives the daemon's ``RequestDispatcher``
/// (unretained; the ``MicroHTTPDaemon`` owns it) as its first argument.
enum MicroHTTPCallbacks {
    /// MHD_OPTION_URI_LOG_CALLBACK: a request line arrived. The target is still percent-encoded here,
    /// which is the only place the raw path can be had. Returns the request's retained context.
    static let uri: cmhd_uri_callback = { context, uri, _ in
        guard let context else { return nil }
        let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(context).takeUnretainedValue()
        return dispatcher.begin(uri: uri.map { String(cString: $0) } ?? "/")
    }

    /// The access handler: headers, body chunks, the end of the body, and the resumed connection.
    static let access: MHD_AccessHandlerCallback = {
        context, connection, _, method, _, upload, uploadSize, requestContext in
        guard let context, let connection, let uploadSize, let requestContext, let pointer = requestContext.pointee
        else { return .NO }
        let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(context).takeUnretainedValue()
        let request = Unmanaged<MicroHTTPRequest>.fromOpaque(pointer).takeUnretainedValue()
        let accepted = dispatcher.access(
            request, connection: MicroHTTPConnection(pointer: connection),
            method: method.map { String(cString: $0) } ?? "GET", uploadSize: &uploadSize.pointee,
            upload: upload.map { UnsafeRawPointer($0) })
        return accepted ? .YES : .NO
    }

    /// MHD_OPTION_NOTIFY_COMPLETED: the request is over (answered, failed or its connection closed).
    static let completed: MHD_RequestCompletedCallback = { context, _, requestContext, _ in
        guard let context, let requestContext, let pointer = requestContext.pointee else { return }
        requestContext.pointee = nil
        let dispatcher = Unmanaged<RequestDispatcher>.fromOpaque(context).takeUnretainedValue()
        dispatcher.complete(pointer)
    }
}
