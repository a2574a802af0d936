import Glibc

/// Random bytes from the kernel's generator (`/dev/urandom`), read 4 KiB at a time and handed out once
/// each; used behind ``RandomText``'s lock.
///
/// The file stays open (close-on-exec) for the life of the process.
struct RandomPool: Sendable {
    /// The open `/dev/urandom`, `nil` before the first read, or -1 if it could not be opened.
    private var descriptor: Int32?
    private var buffer = [UInt8](repeating: 0, count: 4096)
    /// Bytes before this index were handed out (or never filled).
    private var offset = 4096

    /// The next `count` bytes, or `nil` if `count` is larger than the pool or the generator cannot be read.
    mutating func take(_ count: Int) -> [UInt8]? {
        guard count <= buffer.count else { return nil }
        if buffer.count - offset < count {
            guard refill() else { return nil }
        }
        defer { offset += count }
        return Array(buffer[offset..<offset + count])
    }

    /// Fills the whole buffer from `/dev/urandom`; on failure nothing is handed out of it.
    private mutating func refill() -> Bool {
        offset = buffer.count
        if descriptor == nil { descriptor = open("/dev/urandom", O_RDONLY | O_CLOEXEC) }
        guard let descriptor, descriptor >= 0 else { return false }
        let filled = buffer.withUnsafeMutableBytes { raw -> Bool in
            guard let base = raw.baseAddress else { return false }
            var filled = 0
            while filled < raw.count {
                let read = Glibc.read(descriptor, base + filled, raw.count - filled)
                if read > 0 {
                    filled += read
                } else if read < 0 && errno == EINTR {
                    continue
                } else {
                    return false
                }
            }
            return true
        }
        if filled { offset = 0 }
        return filled
    }
}
