import Foundation

/// `strftime` formatting in a given time zone, with English month and day names.
///
/// Supports `%a %A %b %h %B %c %C %d %D %e %F %H %I %j %k %l %L %m %M %N %p %P %r %R %s %S %T %u %w %y %Y %z %Z %%`
/// and the flags `-` (no padding), `_` (pad with spaces), `0` (pad with zeros) and `^` (upper case).
enum Strftime {
    private static let months = [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
        "December",
    ]
    private static let weekdays = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]

    static func format(_ date: Date, _ format: String, timeZone: TimeZone) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second, .nanosecond, .weekday], from: date)
        let fields = Fields(date: date, parts: parts, timeZone: timeZone, calendar: calendar)
        var output = ""
        var iterator = format.makeIterator()
        while let character = iterator.next() {
            guard character == "%" else {
                output.append(character)
                continue
            }
            var flag: Character?
            var directive = iterator.next()
            while let current = directive, "-_0^".contains(current) {
                flag = current
                directive = iterator.next()
            }
            guard let directive else {
                output.append("%")
                break
            }
            output += fields.expand(directive, flag: flag) ?? "%" + (flag.map(String.init) ?? "") + String(directive)
        }
        return output
    }

    private struct Fields {
        let date: Date
        let parts: DateComponents
        let timeZone: TimeZone
        let calendar: Calendar

        func expand(_ directive: Character, flag: Character?) -> String? {
            let year = parts.year ?? 0
            let month = parts.month ?? 1
            let day = parts.day ?? 1
            let hour = parts.hour ?? 0
            let weekday = (parts.weekday ?? 1) - 1
            let hour12 = hour % 12 == 0 ? 12 : hour % 12
            let text: String
            switch directive {
            case "Y": return number(year, width: 1, flag: flag)
            case "C": return number(year / 100, width: 2, flag: flag)
            case "y": return number(year % 100, width: 2, flag: flag)
            case "m": return number(month, width: 2, flag: flag)
            case "d": return number(day, width: 2, flag: flag)
            case "e": return number(day, width: 2, flag: flag ?? "_")
            case "j": return number(calendar.ordinality(of: .day, in: .year, for: date) ?? 1, width: 3, flag: flag)
            case "H": return number(hour, width: 2, flag: flag)
            case "k": return number(hour, width: 2, flag: flag ?? "_")
            case "I": return number(hour12, width: 2, flag: flag)
            case "l": return number(hour12, width: 2, flag: flag ?? "_")
            case "M": return number(parts.minute ?? 0, width: 2, flag: flag)
            case "S": return number(parts.second ?? 0, width: 2, flag: flag)
            case "L": return number((parts.nanosecond ?? 0) / 1_000_000, width: 3, flag: flag)
            case "N": return number(parts.nanosecond ?? 0, width: 9, flag: flag)
            case "u": return String(weekday == 0 ? 7 : weekday)
            case "w": return String(weekday)
            case "s": return String(Int(date.timeIntervalSince1970.rounded(.down)))
            case "B": text = Strftime.months[month - 1]
            case "b", "h": text = String(Strftime.months[month - 1].prefix(3))
            case "A": text = Strftime.weekdays[weekday]
            case "a": text = String(Strftime.weekdays[weekday].prefix(3))
            case "p": text = hour < 12 ? "AM" : "PM"
            case "P": text = hour < 12 ? "am" : "pm"
            case "z": text = offset()
            case "Z": text = timeZone.abbreviation(for: date) ?? offset()
            case "D": text = compose("%m/%d/%y")
            case "F": text = compose("%Y-%m-%d")
            case "T": text = compose("%H:%M:%S")
            case "R": text = compose("%H:%M")
            case "r": text = compose("%I:%M:%S %p")
            case "c": text = compose("%a %b %e %H:%M:%S %Y")
            case "%": text = "%"
            default: return nil
            }
            return flag == "^" ? text.uppercased() : text
        }

        private func compose(_ format: String) -> String {
            Strftime.format(date, format, timeZone: timeZone)
        }

        private func offset() -> String {
            let seconds = timeZone.secondsFromGMT(for: date)
            let magnitude = abs(seconds) / 60
            let hours = magnitude / 60
            let minutes = magnitude % 60
            return (seconds < 0 ? "-" : "+") + (hours < 10 ? "0" : "") + String(hours) + (minutes < 10 ? "0" : "")
                + String(minutes)
        }

        private func number(_ value: Int, width: Int, flag: Character?) -> String {
            let digits = String(value)
            switch flag {
            case "-": return digits
            case "_": return String(repeating: " ", count: max(0, width - digits.count)) + digits
            default: return String(repeating: "0", count: max(0, width - digits.count)) + digits
            }
        }
    }
}
