// Input checks. Error messages name the field that is wrong and what is accepted; they never
// quote the secret access key, the session token or a header value.

extension SigV4Signer {
    /// Checks a region or service name: visible ASCII without `/`, since it goes into the credential scope.
    static func validateScopePart(_ value: String, named name: String) throws {
        guard !value.isEmpty else {
            throw SigningError(.invalidRequest, "the \(name) is empty; expected a name such as us-east-1 or ses")
        }
        guard value.utf8.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "/") }) else {
            throw SigningError(
                .invalidRequest,
                "the \(name) has white space, a '/', a control or a non-ASCII character; expected e.g. us-east-1"
            )
        }
    }

    /// Checks credentials without ever putting the secret or the token into a message.
    static func validate(_ credentials: AWSCredentials) throws {
        let keyID = credentials.accessKeyID.utf8
        guard !keyID.isEmpty else {
            throw SigningError(.invalidRequest, "the access key ID is empty")
        }
        guard keyID.allSatisfy({ (0x21...0x7E).contains($0) && $0 != UInt8(ascii: "/") && $0 != UInt8(ascii: ",") })
        else {
            throw SigningError(
                .invalidRequest,
                "the access key ID has white space, a '/', a ',', a control or a non-ASCII character"
            )
        }
        guard !credentials.secretAccessKey.isEmpty else {
            throw SigningError(.invalidRequest, "the secret access key is empty")
        }
        if let token = credentials.sessionToken {
            guard !token.isEmpty else {
                throw SigningError(.invalidRequest, "the session token is empty; pass nil for long-term credentials")
            }
            guard token.utf8.allSatisfy({ $0 >= 0x20 && $0 != 0x7F }) else {
                throw SigningError(.invalidRequest, "the session token has a control character or a line break")
            }
        }
    }

    /// Checks a header: the name is an HTTP token; the value has no control characters except tabs
    /// and folded line breaks (CRLF or LF followed by a space or tab).
    static func validate(_ header: SigV4Request.Header) throws {
        guard isToken(header.name) else {
            throw SigningError(
                .invalidRequest,
                "a header name is empty or has a character outside the HTTP token set (A-Z a-z 0-9 !#$%&'*+-.^_`|~)"
            )
        }
        let bytes = Array(header.value.utf8)
        for (index, byte) in bytes.enumerated() {
            let next = index + 1 < bytes.count ? bytes[index + 1] : nil
            let isValid =
                switch byte {
                case 0x0D: next == 0x0A
                case 0x0A: next == 0x20 || next == 0x09
                case 0x09: true
                case 0x00..<0x20, 0x7F: false
                default: true
                }
            guard isValid else {
                throw SigningError(
                    .invalidRequest,
                    "the value of header \(header.name) has a control character or a line break that is not "
                        + "followed by a space or tab (offset \(index))"
                )
            }
        }
    }

    /// Whether `text` is a non-empty HTTP token (RFC 9110 §5.6.2).
    static func isToken(_ text: String) -> Bool {
        !text.isEmpty
            && text.utf8.allSatisfy { byte in
                switch byte {
                case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                    UInt8(ascii: "0")...UInt8(ascii: "9"):
                    true
                default:
                    "!#$%&'*+-.^_`|~".utf8.contains(byte)
                }
            }
    }
}
