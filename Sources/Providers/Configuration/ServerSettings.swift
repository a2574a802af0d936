import Foundation

/// The `host` section of a configuration file: how `delivery-host serve` listens, stores and logs.
///
/// Every member has a default, so a file without a `host` section (or with an empty one) is valid; command
/// line flags override the file.
///
/// ```json
/// "host": {"address": "0.0.0.0", "port": 8080, "data_directory": "/var/lib/delivery-host", "log_format": "json"}
/// ```
public struct ServerSettings: Sendable, Hashable {
    /// How log lines are written.
    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        /// One JSON object per line.
        case json
        /// `key=value` pairs per line.
        case logfmt
    }

    /// The least severe level written.
    public enum LogLevel: String, Sendable, Hashable, CaseIterable, Comparable {
        /// Everything, including request details.
        case debug
        /// Requests, start and stop.
        case info
        /// Problems that did not stop the host.
        case warning
        /// Failures.
        case error

        private var rank: Int {
            switch self {
            case .debug: 0
            case .info: 1
            case .warning: 2
            case .error: 3
            }
        }

        public static func < (lhs: LogLevel, rhs: LogLevel) -> Bool { lhs.rank < rhs.rank }
    }

    /// The address to bind (default `127.0.0.1`).
    public var address: String
    /// The TCP port (default 8080); 0 picks a free one.
    public var port: Int
    /// The data directory holding the SQLite database and the development key (default `.delivery-host`).
    public var dataDirectory: String
    /// How many event loop threads the HTTP server runs: each reads and writes its connections and runs
    /// their requests' handlers (default ``defaultThreads``, one per CPU).
    public var threads: Int
    /// The largest request body accepted, in bytes (default 1 MiB).
    public var maxBodyBytes: Int
    /// How log lines are written (default ``LogFormat/json``).
    public var logFormat: LogFormat
    /// The least severe level written (default ``LogLevel/info``).
    public var logLevel: LogLevel
    /// Whether debug logging may include message content (default `false`).
    public var logContent: Bool
    /// Addresses, CIDR networks and host names that guarded outbound requests (webhooks, Slack incoming
    /// webhooks, fetch steps, SNS handshakes) may reach although the outbound address policy denies their
    /// range; `nil` for none (every loopback, private, link-local and metadata address is refused).
    public var outboundAllowList: [String]?
    /// The URL at which providers reach this host, such as `https://hooks.acme.example` (no trailing `/`);
    /// `nil` when not set.
    ///
    /// Provider callbacks are verified against the URL the provider called (Twilio signs it), which behind
    /// a proxy or TLS terminator differs from what the host sees: the callback URL is this origin (and
    /// path prefix) followed by the request's path and query. Without it, the host uses `http://` and the
    /// request's `Host` header.
    public var publicURL: String?
    /// The directory of workflow files (`<key>/workflow.json`), resolved against the root configuration
    /// file's folder; `nil` serves no workflows from files.
    public var workflowsDirectory: String?
    /// The directory of template partials the workflows' `{% render %}` tags read, resolved likewise.
    public var partialsDirectory: String?
    /// The directory of translations for the `t` filter and tag (`<locale>/<locale>.json` and
    /// `<locale>/<namespace>.<locale>.json`), resolved likewise; `nil` loads none.
    public var translationsDirectory: String?
    /// The locale used when a recipient has no `locale` or no translation exists in theirs (Knock's
    /// account default locale): `en` unless set.
    public var defaultLocale: String

    /// Creates settings; every argument has the documented default.
    public init(
        address: String = "127.0.0.1", port: Int = 8080, dataDirectory: String = ".delivery-host",
        threads: Int = ServerSettings.defaultThreads,
        maxBodyBytes: Int = 1 << 20, logFormat: LogFormat = .json, logLevel: LogLevel = .info,
        logContent: Bool = false, outboundAllowList: [String]? = nil, publicURL: String? = nil,
        workflowsDirectory: String? = nil, partialsDirectory: String? = nil, translationsDirectory: String? = nil,
        defaultLocale: String = "en"
    ) {
        self.address = address
        self.port = port
        self.dataDirectory = dataDirectory
        self.threads = threads
        self.maxBodyBytes = maxBodyBytes
        self.logFormat = logFormat
        self.logLevel = logLevel
        self.logContent = logContent
        self.outboundAllowList = outboundAllowList
        self.publicURL = publicURL
        self.workflowsDirectory = workflowsDirectory
        self.partialsDirectory = partialsDirectory
        self.translationsDirectory = translationsDirectory
        self.defaultLocale = defaultLocale
    }

    /// The keys the `host` section accepts.
    public static let keys = [
        "address", "port", "data_directory", "threads", "max_body_bytes", "log_format", "log_level", "log_content",
        "outbound_allow_list", "public_url", "workflows_directory", "partials_directory", "translations_directory",
        "default_locale",
    ]
    /// What `default_locale` accepts: a language (`en`, `fil`), optionally with subtags (`en-GB`, `zh-Hant-TW`).
    public static let localePattern = "^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$"

    /// Whether `text` is a locale as ``localePattern`` describes.
    public static func isLocale(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard let language = parts.first, (2...3).contains(language.count),
            language.allSatisfy({ $0.isASCII && $0.isLetter })
        else { return false }
        return parts.dropFirst().allSatisfy { part in
            (2...8).contains(part.count) && part.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
        }
    }
    /// The accepted range of `port`.
    public static let portRange = 0...65_535
    /// The accepted range of `threads`.
    public static let threadRange = 1...256
    /// The default of `threads`: the number of CPUs this process may run on, within ``threadRange``.
    public static var defaultThreads: Int {
        min(max(ProcessInfo.processInfo.activeProcessorCount, threadRange.lowerBound), threadRange.upperBound)
    }
    /// The accepted range of `max_body_bytes` (1 KiB to 64 MiB).
    public static let bodyLimitRange = 1024...(64 << 20)
}
