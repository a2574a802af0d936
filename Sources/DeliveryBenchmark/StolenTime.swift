import Foundation

/// The processor time the hypervisor gave to others while this machine's CPUs wanted to run (`steal` in
/// `/proc/stat`, all CPUs): on a shared virtual machine it explains most of the spread between runs.
enum StolenTime {
    /// The stolen time since boot, in seconds, or 0 where `/proc/stat` has no steal column.
    static var seconds: Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") })
        else { return 0 }
        // cpu user nice system idle iowait irq softirq steal …
        let fields = line.split(separator: " ")
        guard fields.count > 8, let ticks = Double(fields[8]) else { return 0 }
        return ticks / Double(sysconf(Int32(_SC_CLK_TCK)))
    }

    /// "stolen by the hypervisor: 0.12 cores" for `seconds` stolen over `elapsed` seconds.
    static func describe(_ seconds: Double, over elapsed: Double) -> String {
        "stolen by the hypervisor: " + String(format: "%.2f", seconds / max(elapsed, 1e-9)) + " cores"
    }
}
