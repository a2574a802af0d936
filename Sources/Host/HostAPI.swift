/// The host's API. Placeholder until the host lands.
public enum HostAPI {
    /// The API version prefix.
    public static let versionPrefix = "/v1"
}
