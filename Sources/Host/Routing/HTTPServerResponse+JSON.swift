public import HTTPServer
public import Providers

extension HTTPServerResponse {
    /// A JSON response.
    ///
    /// - Parameters:
    ///   - value: The body.
    ///   - status: The status (default 200).
    public static func json(_ value: JSONValue, status: Int = 200) -> HTTPServerResponse {
        HTTPServerResponse(
            status: status, headers: [("Content-Type", "application/json; charset=utf-8")],
            body: value.encodedBytes())
    }

    /// A 204 No Content response.
    public static var noContent: HTTPServerResponse { HTTPServerResponse(status: 204) }

    /// A plain-text response.
    public static func text(_ text: String, status: Int = 200, contentType: String = "text/plain; charset=utf-8")
        -> HTTPServerResponse
    {
        HTTPServerResponse(status: status, headers: [("Content-Type", contentType)], body: Array(text.utf8))
    }

    /// The response for an error: Knock's body with the error's status and headers.
    public static func error(_ error: HostError) -> HTTPServerResponse {
        var response = json(error.body.json, status: error.body.status)
        response.headers += error.headers
        return response
    }
}
