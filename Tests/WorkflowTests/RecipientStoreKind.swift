import Engine
import SQLiteStore

/// The recipient stores the behavioural suite runs against.
enum RecipientStoreKind: String, CaseIterable, Sendable {
    case memory
    case sqlite

    func make() throws -> any RecipientStore {
        switch self {
        case .memory: InMemoryRecipientStore()
        case .sqlite: try SQLiteMessageStore.inMemory()
        }
    }
}
