public import Signing

/// The parts of a Google service-account key file (JSON) that FCM authentication needs.
///
/// ```json
/// { "type": "service_account", "project_id": "my-app", "private_key_id": "…",
///   "private_key": "-----BEGIN PRIVATE KEY-----\n…", "client_email": "fcm@my-app.iam.gserviceaccount.com",
///   "token_uri": "https://oauth2.googleapis.com/token", … }
/// ```
///
/// Other members are ignored. The private key never appears in ``description`` or in errors.
public struct FCMServiceAccount: Sendable, CustomStringConvertible {
    /// Google's OAuth 2.0 token endpoint, used when the file has no `token_uri`.
    public static let defaultTokenURI = "https://oauth2.googleapis.com/token"

    /// The service account's e-mail address (the assertion's `iss`).
    public var clientEmail: String
    /// The RSA private key (RS256).
    public var privateKey: PrivateKey
    /// The key's id (the assertion header's `kid`), if given.
    public var privateKeyID: String?
    /// The token endpoint (the assertion's `aud`, and where it is posted).
    public var tokenURI: String
    /// The Firebase project, if given.
    public var projectID: String?

    /// Creates a service account from its parts.
    public init(
        clientEmail: String, privateKey: PrivateKey, privateKeyID: String? = nil,
        tokenURI: String = FCMServiceAccount.defaultTokenURI, projectID: String? = nil
    ) {
        self.clientEmail = clientEmail
        self.privateKey = privateKey
        self.privateKeyID = privateKeyID
        self.tokenURI = tokenURI
        self.projectID = projectID
    }

    /// Reads a service-account key file.
    ///
    /// - Parameter json: The whole file's text.
    /// - Throws: ``ProviderError/Code/misconfigured`` naming what is missing or unreadable (never the key).
    public init(json: String) throws {
        func fail(_ message: String) -> ProviderError {
            ProviderError(.misconfigured, provider: FCMProvider.providerID, message: "service_account: \(message)")
        }
        guard let object = (try? JSONValue.parse(json))?.objectValue else {
            throw fail("not a JSON object; give the whole key file downloaded from the Firebase console")
        }
        if let type = object["type"]?.stringValue, type != "service_account" {
            throw fail("type is '\(type.prefix(40))', expected 'service_account'")
        }
        guard let clientEmail = object["client_email"]?.stringValue, !clientEmail.isEmpty else {
            throw fail("client_email is missing")
        }
        guard let pem = object["private_key"]?.stringValue, !pem.isEmpty else {
            throw fail("private_key is missing")
        }
        let key: PrivateKey
        do {
            key = try PrivateKey(pem: pem)
        } catch {
            throw fail("private_key is not a readable PEM private key")
        }
        self.init(
            clientEmail: clientEmail,
            privateKey: key,
            privateKeyID: object["private_key_id"]?.stringValue,
            tokenURI: object["token_uri"]?.stringValue ?? Self.defaultTokenURI,
            projectID: object["project_id"]?.stringValue
        )
    }

    public var description: String {
        "FCMServiceAccount(\(clientEmail), \(privateKey.keyDescription))"
    }
}
