/// Facts about the host's API shared by its route groups.
public enum HostAPI {
    /// The API version prefix every Knock-compatible path starts with.
    public static let versionPrefix = "/v1"
}
