import Engine

enum EngineErrorFactory {
    static func notFound() -> EngineError { EngineError(.notFound, "no message 'm1'") }
}
