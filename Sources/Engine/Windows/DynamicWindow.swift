public import Foundation
public import Providers

/// Resolves a dynamic delay, batch or throttle window: the value a step's key (`data.delayUntil`,
/// `recipient.batchWindow`, `vars.delayDuration`) points to.
///
/// The value must be one of:
/// 1. an ISO-8601 timestamp in the future (`"2024-01-05T14:00:00Z"`): the window closes at that instant;
/// 2. a duration (`{"unit": "seconds", "value": 30}`): the window closes that long after `now`;
/// 3. a window rule (`{"frequency": "daily", "hours": 9}`): the window closes at the rule's next occurrence.
///
/// A string that holds JSON (as environment variables do) is parsed first. Anything else, a missing value or
/// a past timestamp is an error; the workflow logs it on the run and skips the step.
public enum DynamicWindow {
    /// The instant the window closes.
    ///
    /// - Parameters:
    ///   - value: The resolved key's value, `nil` when the key is missing.
    ///   - now: The time the step executes (from the engine's clock).
    ///   - timeZone: For window rules: the recipient's, else the configured default, else `Etc/UTC`.
    ///   - path: The key, named in errors (e.g. `data.delayUntil`).
    /// - Returns: The closing instant, or an ``EngineError/Code/invalidInput`` error naming `path`, what was
    ///   found and what is accepted.
    public static func resolve(
        _ value: JSONValue?, now: Date, timeZone: TimeZone, path: String = "the window value"
    ) -> Result<Date, EngineError> {
        let accepted =
            "accepted: an ISO-8601 timestamp in the future, a duration like {\"unit\": \"minutes\", \"value\": 15}, or a window rule like {\"frequency\": \"daily\", \"hours\": 9}"
        guard let value else { return .failure(EngineError(.invalidInput, "\(path): missing; \(accepted)")) }
        switch value {
        case .string(let text):
            if let date = ConditionTimestamp.date(text) {
                guard date > now else {
                    return .failure(EngineError(.invalidInput, "\(path): the timestamp \(text) is not in the future"))
                }
                return .success(date)
            }
            if let parsed = try? JSONValue.parse(text), case .object = parsed {
                return resolve(parsed, now: now, timeZone: timeZone, path: path)
            }
            return .failure(
                EngineError(.invalidInput, "\(path): \(value.encoded()) is not a timestamp or JSON; \(accepted)"))
        case .object(let object):
            do throws(EngineError) {
                if object["unit"] != nil || object["value"] != nil {
                    return .success(try WindowDuration.parse(value, path: path).adding(to: now))
                }
                if object["frequency"] != nil {
                    let rule = try WindowRule.parse(value, path: path)
                    guard let date = rule.nextOccurrence(after: now, timeZone: timeZone) else {
                        return .failure(EngineError(.invalidInput, "\(path): the window rule has no next occurrence"))
                    }
                    return .success(date)
                }
            } catch {
                return .failure(error)
            }
            return .failure(EngineError(.invalidInput, "\(path): an object without unit or frequency; \(accepted)"))
        default:
            return .failure(EngineError(.invalidInput, "\(path): found \(value.typeName); \(accepted)"))
        }
    }
}
