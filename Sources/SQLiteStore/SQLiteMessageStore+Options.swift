extension SQLiteMessageStore {
    /// How a store opens its database.
    public struct Options: Sendable, Hashable {
        /// When commits reach the disk; ``Synchronous/full`` by default.
        public var synchronous: Synchronous
        /// How long a write waits for another connection's lock (another process or store on the same
        /// file) before failing with ``EngineError/Code/storageFailure``; 10 seconds by default.
        public var busyTimeout: Duration

        /// Creates options.
        ///
        /// - Parameters:
        ///   - synchronous: When commits reach the disk.
        ///   - busyTimeout: How long a write waits for another connection's lock.
        public init(synchronous: Synchronous = .full, busyTimeout: Duration = .seconds(10)) {
            self.synchronous = synchronous
            self.busyTimeout = busyTimeout
        }
    }

    /// SQLite's `synchronous` setting, in WAL mode: when a committed change is on the disk.
    public struct Synchronous: Sendable, Hashable, CustomStringConvertible {
        private enum Base: String, Sendable {
            case full = "FULL"
            case normal = "NORMAL"
        }

        private let base: Base

        /// Every commit waits until the write-ahead log is synced to the disk: once a method returns,
        /// the change survives a process crash, an operating system crash and a power loss.
        ///
        /// This is what "a message once accepted is never lost" needs, and the default. It costs one
        /// `fsync` per transaction; concurrent single writes share transactions (group commit), and the
        /// batch forms of `insert(_:)` and `record(_:)` put many changes in one.
        public static let full = Synchronous(base: .full)

        /// Commits are synced only at checkpoints. A change survives a crash of the process (even
        /// `kill -9`) and the database never corrupts, but the last changes before an operating system
        /// crash or a power loss may be rolled back, including messages already accepted.
        ///
        /// Faster on slow disks; use it only where losing the last moments of work on a power loss is acceptable.
        public static let normal = Synchronous(base: .normal)

        /// The pragma value: `FULL` or `NORMAL`.
        public var description: String { base.rawValue }
    }
}
