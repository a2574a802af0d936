import Testing

@testable import HTTPServer

@Suite struct RequestTargetTests {
    @Test func splitsAndDecodesPathAndQuery() {
        let target = RequestTarget(uri: "/v1/users/u%2F1?a=1&b=x+y%26z&b=&c&&d=%E2%82%AC")
        #expect(target.rawPath == "/v1/users/u%2F1")
        #expect(target.path == "/v1/users/u/1")
        #expect(
            target.query == [
                .init(name: "a", value: "1"), .init(name: "b", value: "x y&z"), .init(name: "b", value: ""),
                .init(name: "c", value: ""), .init(name: "d", value: "€"),
            ])
        #expect(target.rawQuery == "a=1&b=x+y%26z&b=&c&&d=%E2%82%AC")
    }

    @Test func keepsTheRawQueryOnlyWhenThereIsOne() {
        #expect(RequestTarget(uri: "/p").rawQuery == nil)
        #expect(RequestTarget(uri: "/p?").rawQuery == "")
        #expect(RequestTarget(uri: "/p?dh_message_id=m%5F1#frag").rawQuery == "dh_message_id=m%5F1")
    }

    @Test func keepsPlusInThePathAndMalformedEscapesAsSent() {
        let target = RequestTarget(uri: "/a+b/%zz/%4?q=%2")
        #expect(target.path == "/a+b/%zz/%4")
        #expect(target.query == [.init(name: "q", value: "%2")])
    }

    @Test func reducesAnAbsoluteFormTargetAndDropsAFragment() {
        #expect(RequestTarget(uri: "http://example.test:8080/x%20y?k=v#frag").rawPath == "/x%20y")
        #expect(RequestTarget(uri: "https://example.test").rawPath == "/")
        #expect(RequestTarget(uri: "/p#f").query.isEmpty)
    }

    @Test func takesAPlainPathAsItIs() {
        let target = RequestTarget(uri: "/v1/workflows/welcome/trigger")
        #expect(target.rawPath == "/v1/workflows/welcome/trigger")
        #expect(target.path == "/v1/workflows/welcome/trigger")
        #expect(target.query.isEmpty)
        #expect(target.rawQuery == nil)
        #expect(RequestTarget(uri: "/a+b").path == "/a+b")
        #expect(RequestTarget.isPlainPath("/v1/users/u-1"))
        for uri in ["/p?", "/p#f", "/u%2F1", "http://example.test/p", "p", ""] {
            #expect(!RequestTarget.isPlainPath(uri), "\(uri)")
        }
    }

    @Test func turnsBytesThatAreNotUTF8IntoReplacementCharacters() {
        #expect(RequestTarget(uri: "/%FF").path == "/\u{FFFD}")
    }
}
