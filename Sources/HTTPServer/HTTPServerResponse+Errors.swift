extension HTTPServerResponse {
    /// 413 with a JSON error body in Knock's error shape, for a body over `limit` bytes.
    static func requestTooLarge(limit: Int) -> HTTPServerResponse {
        errorResponse(
            status: 413, code: "request_too_large", type: "invalid_request_error",
            message: "The request body is larger than the limit of \(limit) bytes.")
    }

    /// 503 for a request whose handler did not finish before the server stopped.
    static let shuttingDown = errorResponse(
        status: 503, code: "server_shutting_down", type: "api_error",
        message: "The server is shutting down; retry the request.")

    /// A response with Knock's error body: `{"code":…,"message":…,"status":…,"type":…}`.
    ///
    /// `code`, `type` and `message` are fixed texts of this module that need no JSON escaping.
    private static func errorResponse(status: Int, code: String, type: String, message: String)
        -> HTTPServerResponse
    {
        let body = #"{"code":"\#(code)","message":"\#(message)","status":\#(status),"type":"\#(type)"}"#
        return HTTPServerResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")], body: Array(body.utf8))
    }
}
