import Foundation
import Signing
import Testing

/// The AWS Signature Version 4 test suite in `Fixtures/vectors/aws-sigv4` and its fixed parameters.
///
/// The parameters are those listed in that folder's README.md.
enum SigV4Suite {
    /// The number of cases the suite has; a missing folder must fail, not shrink the run.
    static let caseCount = 34

    static let accessKeyID = "AKIDEXAMPLE"
    static let secretAccessKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"
    static let region = "us-east-1"
    static let service = "service"
    /// 2015-08-30 12:36:00 UTC (`20150830T123600Z`).
    static let date = Date(timeIntervalSince1970: 1_440_938_160)
    /// The derived signing key for that date, region and service (README.md).
    static let signingKeyHex = "938127b5336810ddb6a5d6af445fcac9e371f9ed418ed386b022aed82901be75"

    /// The token of `get-vanilla-with-session-token`: it is in the `.creq` only, not in the `.req`.
    static let vanillaSessionToken = "6e86291e8372ff2a2260956d9b8aae1d763fbf315fa00fa31553b73ebf194267"
    /// The token of the `post-sts-token/*` cases (`post-sts-token/readme.txt`).
    static let stsSessionToken =
        "AQoDYXdzEPT//////////wEXAMPLEtc764bNrC9SAPBSM22wDOk4x4HIZ8j4FZTwdQWLWsKWHGBuFqwAeMicRXmxfpSPfIeoIYRqTflfKD8Y"
        + "UuwthAx7mSEI/qkPpKPi/kMcGdQrmGdeehM4IC1NtBmUpp2wUE8phUZampKsburEDy0KPkyQDYwT7WZ0wq5VSXDvp75YU9HFvlRd8Tx6q6"
        + "fE8YQcHNVXAkiY9q6d+xo0rKwT38xVqr7ZD0u0iPPkUL64lIZbqBAz+scqKmlzm8FDrypNC9Yjc8fPOLn9FX9KSYvKTr4rvx3iSIlTJabI"
        + "Qwj2ICCR/oLxBA=="

    /// Every case, as its folder relative to the suite (such as `normalize-path/get-space`), sorted.
    ///
    /// Found by walking the folder: a case is a folder `name` holding `name.req`.
    static func caseNames() throws -> [String] {
        let root = try Vectors.directory().appendingPathComponent("aws-sigv4")
        var names: [String] = []
        var pending = [""]
        while let relative = pending.popLast() {
            let folder = relative.isEmpty ? root : root.appendingPathComponent(relative)
            for entry in try FileManager.default.contentsOfDirectory(atPath: folder.path) {
                var isDirectory: ObjCBool = false
                let url = folder.appendingPathComponent(entry)
                guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue
                else { continue }
                let child = relative.isEmpty ? entry : "\(relative)/\(entry)"
                if FileManager.default.fileExists(atPath: url.appendingPathComponent("\(entry).req").path) {
                    names.append(child)
                } else {
                    pending.append(child)
                }
            }
        }
        return names.sorted()
    }

    /// The text of one of a case's files, such as `text(of: "get-vanilla", "creq")`.
    static func text(of caseName: String, _ fileExtension: String) throws -> String {
        let base = caseName.split(separator: "/").last.map(String.init) ?? caseName
        return try Vectors.text("aws-sigv4/\(caseName)/\(base).\(fileExtension)")
    }

    /// The signer for a case: the fixed key pair, plus the session token the case needs.
    static func signer(for caseName: String) throws -> SigV4Signer {
        var token: String?
        var options = SigV4Signer.Options.standard
        switch caseName {
        case "get-vanilla-with-session-token":
            token = vanillaSessionToken
        case "post-sts-token/post-sts-header-before":
            token = stsSessionToken
        case "post-sts-token/post-sts-header-after":
            token = stsSessionToken
            options.signsSecurityToken = false
        default:
            break
        }
        let credentials = AWSCredentials(
            accessKeyID: accessKeyID,
            secretAccessKey: secretAccessKey,
            sessionToken: token
        )
        return try SigV4Signer(credentials: credentials, region: region, service: service, options: options)
    }
}
