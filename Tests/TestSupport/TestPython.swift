import Foundation
import Synchronization

/// The Python interpreter that runs the test servers, and what it can import.
///
/// `DELIVERYHOST_TEST_PYTHON` names it (scripts/test points it at a virtual environment made from
/// `scripts/requirements-test.txt`); otherwise `python3` from `PATH`. Tests that need a package the
/// interpreter lacks (hypercorn, aiosmtpd) are skipped with the reason, unless
/// `DELIVERYHOST_REQUIRE_TEST_SERVERS=1`, in which case they run and fail.
public enum TestPython {
    /// The program to run and the arguments before the script path.
    public static var interpreter: (executable: String, arguments: [String]) {
        if let python = ProcessInfo.processInfo.environment["DELIVERYHOST_TEST_PYTHON"], !python.isEmpty {
            return (python, [])
        }
        return ("/usr/bin/env", ["python3"])
    }

    /// Whether missing test-server packages must fail tests instead of skipping them.
    public static var serversRequired: Bool {
        ProcessInfo.processInfo.environment["DELIVERYHOST_REQUIRE_TEST_SERVERS"] == "1"
    }

    /// Whether a test needing `module` should run: it is importable, or servers are required
    /// (so its absence fails the test rather than skipping it).
    public static func shouldRun(needing module: String) -> Bool {
        serversRequired || canImport(module)
    }

    private static let importable = Mutex<[String: Bool]>([:])

    /// Whether the interpreter can import `module` (checked once per module).
    public static func canImport(_ module: String) -> Bool {
        if let known = importable.withLock({ $0[module] }) { return known }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: interpreter.executable)
        process.arguments = interpreter.arguments + ["-c", "import \(module)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        var available = false
        if (try? process.run()) != nil {
            process.waitUntilExit()
            available = process.terminationStatus == 0
        }
        if !available {
            let python = (interpreter.arguments + [interpreter.executable]).first ?? "python3"
            print(
                "note: the Python package \(module) is not importable by \(python); tests needing it are skipped "
                    + "(pip install -r scripts/requirements-test.txt and set DELIVERYHOST_TEST_PYTHON)")
        }
        importable.withLock { $0[module] = available }
        return available
    }
}
