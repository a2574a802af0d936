import Signing
import Transport

@main
struct DeliveryHost {
    static func main() {
        CurlLibrary.initialize()
        print(CryptoLibrary.versionText)
        print(CurlLibrary.versionText)
    }
}
