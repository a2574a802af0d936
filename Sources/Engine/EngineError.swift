/// The one error type of the `Engine` module.
public struct EngineError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is; bounded, so safe as a metric label.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case notFound, conflict, invalidInput, storageFailure, schemaTooNew, invalidTransition, unavailable
            case invalidWorkflow, workflowInactive, templateError
        }

        private let base: Base

        /// The message (or other record) does not exist.
        public static let notFound = Code(base: .notFound)
        /// The record exists already, or changed under us.
        public static let conflict = Code(base: .conflict)
        /// Input is malformed (a send window, a retry policy); the message says which field and what is accepted.
        public static let invalidInput = Code(base: .invalidInput)
        /// The storage failed (disk full, I/O error, corruption detected).
        public static let storageFailure = Code(base: .storageFailure)
        /// The database was written by a newer DeliveryHost; this binary refuses to touch it.
        public static let schemaTooNew = Code(base: .schemaTooNew)
        /// The requested status change is not allowed (see ``DeliveryStatus/canTransition(to:cause:)``).
        public static let invalidTransition = Code(base: .invalidTransition)
        /// The pipeline is shutting down or not running.
        public static let unavailable = Code(base: .unavailable)
        /// A workflow file is invalid; the message names the file and JSON path.
        public static let invalidWorkflow = Code(base: .invalidWorkflow)
        /// The workflow is inactive in the environment it was triggered in (Knock's `workflow_inactive`).
        public static let workflowInactive = Code(base: .workflowInactive)
        /// A template failed to parse or render; the message names the template, line and column.
        public static let templateError = Code(base: .templateError)

        public var description: String { base.rawValue }
    }

    /// What kind of failure this is.
    public var code: Code
    /// What was wrong; never secrets or message content.
    public var message: String

    /// Creates an error.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    public var description: String { "EngineError.\(code): \(message)" }
}
