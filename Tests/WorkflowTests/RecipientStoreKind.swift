import Engine

/// The recipient stores the behavioural suite runs against.
enum RecipientStoreKind: String, CaseIterable, Sendable {
    case memory

    func make() throws -> any RecipientStore {
        switch self {
        case .memory: InMemoryRecipientStore()
        }
    }
}
