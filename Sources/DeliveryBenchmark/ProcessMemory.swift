import Foundation

/// This process's memory, from `/proc/self/status` (Linux).
enum ProcessMemory {
    /// The resident set size now, in bytes (`VmRSS`), or `nil` off Linux.
    static var resident: Int? { field("VmRSS") }

    /// The peak resident set size, in bytes (`VmHWM`), since the start or the last ``resetPeak()``.
    static var peakResident: Int? { field("VmHWM") }

    /// Resets ``peakResident`` to the current size, so that each run reports its own peak.
    ///
    /// - Returns: `false` if the kernel refused (then the peak covers the whole process so far).
    @discardableResult
    static func resetPeak() -> Bool {
        // Writing 5 to clear_refs resets VmHWM (Linux 4.0 and later).
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    private static func field(_ name: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(name + ":") {
            let digits = line.dropFirst(name.count + 1).filter(\.isNumber)
            return Int(digits).map { $0 * 1024 }
        }
        return nil
    }
}

/// This process's processor time, from `getrusage(2)`: every thread's, the sink's included.
enum ProcessCPU {
    /// User plus system time so far, in seconds.
    static var seconds: Double {
        var usage = rusage()
        guard getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage) == 0 else { return 0 }
        func seconds(_ time: timeval) -> Double { Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
