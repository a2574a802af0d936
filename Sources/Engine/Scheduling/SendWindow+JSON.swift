public import Providers

extension SendWindow {
    /// Reads a list of send windows, checking every rule; `path` names the list in errors.
    ///
    /// Rules: `day` is a full lowercase day name; `type` is `send` or `do_not_send`; `from`/`until` are
    /// `HH:MM[:SS]` and only allowed with `send`; `from` is before `until`; a day appears at most once;
    /// and the windows must open at some time of the week (all `do_not_send`, or only empty windows,
    /// never opens). Days not listed are unrestricted.
    ///
    /// - Throws: ``EngineError/Code/invalidInput`` naming each problem's path, what was found and what is accepted.
    public static func parseList(_ json: JSONValue, path: String = "$.send_windows") throws -> [SendWindow] {
        guard case .array(let elements) = json else {
            throw EngineError(.invalidInput, "\(path): expected an array of send windows, found \(json.typeName)")
        }
        var problems: [String] = []
        var windows: [SendWindow] = []
        for (index, element) in elements.enumerated() {
            let here = "\(path)[\(index)]"
            guard case .object(let object) = element else {
                problems.append("\(here): expected an object, found \(element.typeName)")
                continue
            }
            for key in object.keys where !["day", "type", "from", "until"].contains(key) {
                problems.append("\(here).\(key): unknown key; accepted: day, type, from, until")
            }
            let days = Weekday.allCases.map(\.rawValue).joined(separator: ", ")
            guard let dayName = object["day"]?.stringValue, let day = Weekday(rawValue: dayName) else {
                problems.append("\(here).day: expected one of \(days), found \(object["day"]?.encoded() ?? "nothing")")
                continue
            }
            guard let typeName = object["type"]?.stringValue, let type = Kind(rawValue: typeName) else {
                problems.append(
                    "\(here).type: expected send or do_not_send, found \(object["type"]?.encoded() ?? "nothing")")
                continue
            }
            var window = SendWindow(day: day, type: type)
            for key in ["from", "until"] {
                guard let value = object[key] else { continue }
                guard type == .send else {
                    problems.append("\(here).\(key): only allowed when type is send")
                    continue
                }
                guard let text = value.stringValue, let time = TimeOfDay(text) else {
                    problems.append("\(here).\(key): expected a time like 09:00:00, found \(value.encoded())")
                    continue
                }
                if key == "from" { window.from = time } else { window.until = time }
            }
            if window.from >= window.until {
                problems.append("\(here): from (\(window.from)) must be before until (\(window.until))")
            }
            if windows.contains(where: { $0.day == day }) {
                problems.append("\(here).day: \(dayName) has more than one send window")
            }
            windows.append(window)
        }
        if problems.isEmpty && !windows.isEmpty && !SendWindowSchedule(windows).everOpens {
            problems.append(
                "\(path): these send windows never open (every listed day is do_not_send and no day is left unrestricted)"
            )
        }
        guard problems.isEmpty else { throw EngineError(.invalidInput, problems.joined(separator: "\n")) }
        return windows
    }

    /// The window's JSON form.
    public var json: JSONValue {
        var object: JSONObject = ["day": .string(day.rawValue), "type": .string(type.rawValue)]
        if type == .send {
            if from != .startOfDay { object["from"] = .string(from.description) }
            if until != .endOfDay { object["until"] = .string(until.description) }
        }
        return .object(object)
    }
}
