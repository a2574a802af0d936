import Foundation

extension Date {
    /// A date a whole number of seconds after the Unix epoch.
    init(seconds: Int64) {
        self.init(timeIntervalSince1970: Double(seconds))
    }

    /// A date a whole number of milliseconds after the Unix epoch.
    init(milliseconds: Int64) {
        self.init(timeIntervalSince1970: Double(milliseconds) / 1000)
    }
}
