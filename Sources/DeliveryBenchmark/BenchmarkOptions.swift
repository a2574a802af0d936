import Foundation
import Providers

/// The benchmark's command-line options.
struct BenchmarkOptions {
    /// Messages per pipeline run, and posts per bare-loop run.
    var messages = 5000
    /// Requests in flight in the bare loops, and the webhook channel's concurrency (and connections).
    var concurrency = 64
    /// Concurrent tasks calling `enqueue(_:)`.
    var producers = 16
    /// The most messages the pipeline claims at a time.
    var claimBatchSize = 64
    /// The durability settings to run the pipeline with.
    var synchronous: [String] = ["full"]
    /// What the webhook channel's delivery logs keep of a delivered attempt (`delivery_log`).
    var deliveryLog = DeliveryLogDetail.default
    /// Messages queued behind a closed send window (0 skips the run).
    var queued = 100_000
    /// Deliveries timed when the window opens.
    var release = 20_000
    /// Runs of each bare loop; the median is reported.
    var repetitions = 3
    /// Where the SQLite databases go; a new temporary directory (removed afterwards) when `nil`.
    var dataDirectory: String?
    /// The longest one run may take before the benchmark gives up, in seconds.
    var timeout = 300.0
    /// The runs to make.
    var runs: Set<String> = ["bare", "pipeline", "floor", "queued"]

    static let usage = """
        usage: delivery-benchmark [options]

          --messages N        messages per pipeline run and posts per bare-loop run (default 5000)
          --concurrency N     requests in flight; the webhook channel's concurrency (default 64)
          --producers N       concurrent enqueue callers (default 16)
          --claim-batch N     the pipeline's claim batch size (default 64)
          --synchronous S     full, normal or both: SQLite durability for the pipeline run (default full)
          --delivery-log D    full or summary: the channel's delivery_log setting (default full)
          --queued N          messages queued behind a closed send window; 0 skips the run (default 100000)
          --release N         deliveries timed once the window opens (default 20000)
          --repeat N          runs of each bare loop, median reported (default 3)
          --data-dir PATH     where the databases go (default: a temporary directory, removed afterwards)
          --timeout SECONDS   the longest one run may take (default 300)
          --only LIST         comma-separated runs: bare, pipeline, floor, queued (default: all)

        Every request goes to an in-process HTTP sink on 127.0.0.1. Build with -c release.
        """

    /// Parses the arguments (without the program name).
    ///
    /// - Throws: ``BenchmarkError`` for an unknown option or a bad value; `nil` is returned for `--help`.
    static func parse(_ arguments: [String]) throws -> BenchmarkOptions? {
        var options = BenchmarkOptions()
        var index = 0
        func value(_ name: String) throws -> String {
            index += 1
            guard index < arguments.count else { throw BenchmarkError("\(name) needs a value") }
            return arguments[index]
        }
        func count(_ name: String, minimum: Int = 1) throws -> Int {
            let text = try value(name)
            guard let number = Int(text.replacingOccurrences(of: "_", with: "")), number >= minimum else {
                throw BenchmarkError("\(name) needs a whole number of at least \(minimum), not '\(text)'")
            }
            return number
        }
        while index < arguments.count {
            let name = arguments[index]
            switch name {
            case "--help", "-h": return nil
            case "--messages": options.messages = try count(name)
            case "--concurrency": options.concurrency = try count(name)
            case "--producers": options.producers = try count(name)
            case "--claim-batch": options.claimBatchSize = try count(name)
            case "--queued": options.queued = try count(name, minimum: 0)
            case "--release": options.release = try count(name)
            case "--repeat": options.repetitions = try count(name)
            case "--data-dir": options.dataDirectory = try value(name)
            case "--timeout":
                let text = try value(name)
                guard let seconds = Double(text), seconds > 0 else {
                    throw BenchmarkError("--timeout needs a positive number of seconds, not '\(text)'")
                }
                options.timeout = seconds
            case "--synchronous":
                switch try value(name) {
                case "full": options.synchronous = ["full"]
                case "normal": options.synchronous = ["normal"]
                case "both": options.synchronous = ["full", "normal"]
                case let other: throw BenchmarkError("--synchronous takes full, normal or both, not '\(other)'")
                }
            case "--delivery-log":
                let text = try value(name)
                guard let detail = DeliveryLogDetail(rawValue: text) else {
                    throw BenchmarkError("--delivery-log takes full or summary, not '\(text)'")
                }
                options.deliveryLog = detail
            case "--only":
                let runs = Set(try value(name).split(separator: ",").map(String.init))
                let unknown = runs.subtracting(["bare", "pipeline", "floor", "queued"])
                guard unknown.isEmpty, !runs.isEmpty else {
                    throw BenchmarkError("--only takes bare, pipeline, floor and queued, not '\(unknown.sorted())'")
                }
                options.runs = runs
            default:
                throw BenchmarkError("unknown option '\(name)'\n\n\(usage)")
            }
            index += 1
        }
        return options
    }
}
