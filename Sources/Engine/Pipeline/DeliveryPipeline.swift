public import Foundation
public import Providers

/// Moves messages from accepted to a final status: durable, retried, within send windows and rate limits.
///
/// Every message is stored before ``enqueue(_:)`` returns. Workers claim due messages per channel with a
/// lease (so a crashed host's work is picked up again when the lease expires), make one attempt through
/// the channel's provider, and store the outcome, its timeline events and its delivery log in one
/// transaction. Channels are served round-robin and each has its own rate and concurrency limit, so a
/// slow or failing provider never starves the others.
///
/// ```swift
/// let pipeline = DeliveryPipeline(store: store, channels: directory, clock: SystemEngineClock())
/// let message = try await pipeline.enqueue(EnqueueRequest(environment: "production", channelID: "email", …))
/// try await pipeline.run()      // until cancelled
/// ```
public actor DeliveryPipeline {
    /// Tunables.
    public struct Configuration: Sendable {
        /// How long a claimed message is reserved for one attempt before others may take it.
        public var leaseDuration: Duration
        /// The longest one attempt may take. An attempt is also cut off when 90% of its lease has run
        /// (see ``attemptTimeLimit``).
        public var attemptTimeout: Duration
        /// The most messages claimed from one channel at a time.
        public var claimBatchSize: Int
        /// This worker's lease owner id.
        public var owner: String

        /// Creates tunables.
        public init(
            leaseDuration: Duration = .seconds(300), attemptTimeout: Duration = .seconds(60), claimBatchSize: Int = 64,
            owner: String = "worker-\(UUID().uuidString.prefix(8).lowercased())"
        ) {
            self.leaseDuration = leaseDuration
            self.attemptTimeout = attemptTimeout
            self.claimBatchSize = claimBatchSize
            self.owner = owner
        }

        /// How long an attempt may actually take: ``attemptTimeout``, but at most 90% of
        /// ``leaseDuration``, so that its outcome is stored while the lease still holds. An attempt that
        /// outlived its lease could run while another worker (or this one) claims and sends the same
        /// message again.
        public var attemptTimeLimit: Duration {
            min(attemptTimeout, leaseDuration * 0.9)
        }
    }

    let store: any MessageStore
    let channels: ChannelDirectory
    let channelData: (any ChannelDataStore)?
    let clock: any EngineClock
    let configuration: Configuration
    let random: @Sendable () -> Double
    let publisher: (any StatusEventPublisher)?
    let statusWebhooks: [String: [ChannelConfiguration.StatusWebhook]]
    let observer: any DeliveryObserver
    var limiters: [ChannelKey: RateLimiter] = [:]
    var nextChannel = 0
    let wakeUp = WakeSignal()
    let drained = WakeSignal()
    var inFlight: [Int: Task<Void, Never>] = [:]
    /// The key of the next attempt in ``inFlight``.
    var nextAttemptKey = 0
    /// Finished attempts' changes waiting for the next batch write (see ``recordOutcome(_:)``).
    var pendingOutcomes: [PendingOutcome] = []
    var isRecordingOutcomes = false
    /// By channel, the earliest time anything stored is due, as far as this pipeline knows: set from the
    /// store when the dispatcher goes idle, lowered by what the pipeline schedules since. Only a
    /// channel listed here with nothing due by now may start a new message on enqueue (see
    /// ``startsOnEnqueue(_:key:channel:now:)``); `nil` means nothing is scheduled.
    var dueHints: [ChannelKey: Date?] = [:]
    /// Counts ``noteDue(_:at:)`` calls, so that an idle check whose reads raced with one is discarded.
    var dueHintGeneration = 0
    /// Whether ``run(drainTimeout:)`` is dispatching (not stopped or draining).
    var isDispatching = false
    /// Callbacks rejected as forged or stale, and updates for messages we do not know.
    public internal(set) var callbackCounters = CallbackCounters()

    /// Creates a pipeline.
    ///
    /// - Parameters:
    ///   - store: Where messages live.
    ///   - channels: The channels it delivers through.
    ///   - channelData: Where dead push tokens are removed from; `nil` to never remove tokens.
    ///   - clock: The source of time.
    ///   - configuration: Tunables.
    ///   - random: Numbers in `0..<1` for backoff jitter.
    ///   - publisher: Receives notification timeline events as they are stored.
    ///   - statusWebhooks: By environment, the webhook channels that receive message events (outbound
    ///     status webhooks); each must be a channel of `channels`.
    ///   - observer: Told of every attempt and status change (for metrics); ignores them by default.
    public init(
        store: any MessageStore, channels: ChannelDirectory, channelData: (any ChannelDataStore)? = nil,
        clock: any EngineClock, configuration: Configuration = Configuration(),
        random: @escaping @Sendable () -> Double = { Double.random(in: 0..<1) },
        publisher: (any StatusEventPublisher)? = nil,
        statusWebhooks: [String: [ChannelConfiguration.StatusWebhook]] = [:],
        observer: any DeliveryObserver = NoDeliveryObserver()
    ) {
        self.store = store
        self.channels = channels
        self.channelData = channelData
        self.clock = clock
        self.configuration = configuration
        self.random = random
        self.publisher = publisher
        self.statusWebhooks = statusWebhooks
        self.observer = observer
    }

    // MARK: - Running

    /// Runs until cancelled: claims due work, runs attempts concurrently, sleeps until the next due time,
    /// a new message, or free capacity. On cancellation it stops claiming, lets attempts in flight finish
    /// within `drainTimeout` (then cancels them), and releases its remaining leases.
    public func run(drainTimeout: Duration = .seconds(30)) async {
        isDispatching = true
        while !Task.isCancelled {
            let batch = await claimBatch()
            for item in batch { startAttempt(item) }
            if batch.isEmpty { await waitForWork() }
        }
        // From here on, enqueued messages are only stored.
        isDispatching = false
        dueHints = [:]
        // Draining runs in its own task: this one is cancelled, and its waits would end at once.
        await Task { await self.drain(within: drainTimeout) }.value
        try? await store.releaseLeases(owner: configuration.owner)
    }

    /// Runs every attempt that can start now, then waits for them, until nothing more is due at the
    /// clock's current time. Returns how many attempts were made. (For tests and one-shot tools.)
    @discardableResult
    public func runUntilIdle() async -> Int {
        var attempts = 0
        while true {
            let batch = await claimBatch()
            guard !batch.isEmpty else { return attempts }
            attempts += batch.count
            await withTaskGroup(of: Void.self) { group in
                for item in batch { group.addTask { await self.process(item) } }
            }
        }
    }

    /// The number of attempts in flight.
    public var attemptsInFlight: Int { inFlight.count }

    func startAttempt(_ item: ClaimedMessage) {
        let id = nextAttemptKey
        nextAttemptKey &+= 1
        // Unstructured, so that cancelling `run()` does not cancel attempts in flight.
        inFlight[id] = Task {
            await self.process(item)
            self.attemptEnded(id)
        }
    }

    private func attemptEnded(_ id: Int) {
        inFlight[id] = nil
        if inFlight.isEmpty { drained.signal() }
    }

    private func drain(within timeout: Duration) async {
        let clock = self.clock
        let deadline = clock.now().addingTimeInterval(timeout.seconds)
        let signal = drained
        let timer = Task {
            try? await clock.sleep(until: deadline)
            signal.signal()
        }
        while !inFlight.isEmpty && clock.now() < deadline { await drained.wait() }
        timer.cancel()
        for task in inFlight.values { task.cancel() }
        for task in inFlight.values { await task.value }
    }

    // MARK: - Claiming

    struct ClaimedMessage: Sendable {
        var message: MessageRecord
        var channel: DeliveryChannel?
        var key: ChannelKey
    }

    /// Claims due messages from every channel with capacity, starting with a different channel each time.
    func claimBatch() async -> [ClaimedMessage] {
        let keys = channels.keys
        guard !keys.isEmpty else { return [] }
        let now = clock.now()
        var batch: [ClaimedMessage] = []
        for offset in 0..<keys.count {
            let key = keys[(nextChannel + offset) % keys.count]
            guard let channel = channels.channel(key) else { continue }
            var limiter = limiters[key] ?? channel.makeRateLimiter()
            let capacity = min(limiter.available(at: now), configuration.claimBatchSize)
            guard capacity > 0 else {
                limiters[key] = limiter
                continue
            }
            let claimed =
                (try? await store.claimDue(
                    channel: key, now: now, limit: capacity, leaseOwner: configuration.owner,
                    leaseUntil: now.addingTimeInterval(configuration.leaseDuration.seconds))) ?? []
            limiter = limiters[key] ?? limiter
            limiter.start(claimed.count, at: now)
            limiters[key] = limiter
            batch += claimed.map { ClaimedMessage(message: $0, channel: channel, key: key) }
        }
        nextChannel = (nextChannel + 1) % keys.count
        return batch
    }

    /// Makes the attempt for a claimed message and stores its outcome.
    func process(_ item: ClaimedMessage) async {
        let change = await attempt(item)
        await finishAttempt(item.key, change: change)
    }

    func finishAttempt(_ key: ChannelKey, change: MessageChange?) async {
        limiters[key]?.finish()
        var scheduled = false
        if let change, [.queued, .deliveryAttempted].contains(change.message.status),
            let due = change.message.nextAttemptAt
        {
            noteDue(key, at: due)
            scheduled = true
        }
        if let change { await save(change) }
        // The freed capacity matters to the dispatcher only if something of the channel may be due; a
        // new due time (a retry) must reach its sleep either way.
        if scheduled || mayHaveDueWork(key, at: clock.now()) { wakeUp.signal() }
    }

    /// Sleeps until the earliest due message or free capacity, or a wake-up signal.
    private func waitForWork() async {
        let now = clock.now()
        var wake = now.addingTimeInterval(60)
        let generation = dueHintGeneration
        var hints: [ChannelKey: Date?] = [:]
        for key in channels.keys {
            do {
                let due = try await store.nextDueDate(channel: key)
                hints.updateValue(due, forKey: key)
                if let due { wake = min(wake, max(due, now)) }
            } catch {
                hints[key] = now  // unknown: start nothing on enqueue
            }
            if let capacity = limiters[key]?.nextCapacity(after: now) { wake = min(wake, capacity) }
        }
        if generation == dueHintGeneration && isDispatching { dueHints = hints }
        guard wake > now else { return }
        let clock = self.clock
        let signal = wakeUp
        await withTaskGroup(of: Void.self) { group in
            group.addTask { [wake] in try? await clock.sleep(until: wake) }
            group.addTask { await signal.wait() }
            _ = await group.next()
            group.cancelAll()
        }
    }
}

/// Counts of status callbacks that were not applied.
public struct CallbackCounters: Sendable, Hashable {
    /// Callbacks whose verification failed (forged, stale, malformed).
    public var rejected = 0
    /// Status updates for provider message ids no stored message has.
    public var unknownMessages = 0
    /// Status updates refused by the transition rules (late or out of order).
    public var ignoredTransitions = 0

    /// Creates counters.
    public init(rejected: Int = 0, unknownMessages: Int = 0, ignoredTransitions: Int = 0) {
        self.rejected = rejected
        self.unknownMessages = unknownMessages
        self.ignoredTransitions = ignoredTransitions
    }
}
