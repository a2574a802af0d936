import Liquid
import Providers
import Testing

@Suite struct LiquidStringFilterTests {
    static let strings: [Case] = [
        Case("{{ 'a' | append: 'b' }}|{{ 'a' | prepend: 'b' }}", "ab|ba"),
        Case("{{ 'hello WORLD' | capitalize }}", "Hello world"),
        Case("{{ 'Hello' | downcase }}|{{ 'Hello' | upcase }}", "hello|HELLO"),
        Case("{{ 'order ready for pickup' | titlecase }}", "Order Ready For Pickup"),
        Case("[{{ '  a b  ' | strip }}][{{ '  a ' | lstrip }}][{{ ' a  ' | rstrip }}]", "[a b][a ][ a]"),
        Case("{{ data.text | strip_newlines }}", "line 1line 2"),
        Case("{{ data.text | newline_to_br }}", "line 1<br />\nline 2"),
        Case("{{ 'a-b-a' | replace: 'a', 'x' }}|{{ 'a-b-a' | replace_first: 'a', 'x' }}", "x-b-x|x-b-a"),
        Case("{{ 'a-b-a' | remove: 'a' }}|{{ 'a-b-a' | remove_first: 'a' }}", "-b-|-b-a"),
        Case("{{ 'a,b,,c,,' | split: ',' | join: '|' }}", "a|b||c"),
        Case("{{ 'abc' | split: '' | join: ' ' }}", "a b c"),
        Case("{{ 'Liquid' | slice: 0 }}|{{ 'Liquid' | slice: 2, 3 }}|{{ 'Liquid' | slice: -3, 2 }}", "L|qui|ui"),
        Case("{{ data.items | slice: 1, 2 | join: ',' }}", "banana,cherry"),
        Case("{{ 'Ground control to Major Tom.' | truncate: 20 }}", "Ground control to..."),
        Case("{{ 'Ground control' | truncate: 10, '' }}|{{ 'short' | truncate: 10 }}", "Ground con|short"),
        Case("{{ 'Ground control to Major Tom.' | truncatewords: 3 }}", "Ground control to..."),
        Case(
            "{{ 'Ground control to Major Tom.' | truncatewords: 2, '--' }}|{{ 'a b' | truncatewords: 5 }}",
            "Ground control--|a b"),
        Case("{{ 'Ada' | size }}|{{ data.items | size }}|{{ missing | size }}", "3|3|0"),
        Case("{{ '<p>Hi & \"you\"</p>' | escape }}", "&lt;p&gt;Hi &amp; &quot;you&quot;&lt;/p&gt;"),
        Case("{{ \"it's\" | escape }}", "it&#39;s"),
        Case("{{ '1 &lt; 2 & 3 &#39; &#x27;' | escape_once }}", "1 &lt; 2 &amp; 3 &#39; &#x27;"),
        Case("{{ '<p>Hi <b>there</b></p><script>x()</script><!-- c -->' | strip_html }}", "Hi there"),
        Case("{{ 'a b&c/é' | url_encode }}", "a+b%26c%2F%C3%A9"),
        Case("{{ 'a+b%26c%2F%C3%A9' | url_decode }}", "a b&c/é"),
    ]

    @Test(arguments: strings) func stringFilter(_ test: Case) async throws {
        var variables = sampleVariables
        var data = sampleVariables["data"]?.objectValue ?? [:]
        data["text"] = "line 1\nline 2"
        variables["data"] = .object(data)
        let output = try await render(test.source, variables)
        #expect(output == test.expected)
    }

    static let data: [Case] = [
        Case("{{ missing | default: 'none' }}", "none"),
        Case("{{ '' | default: 'none' }}|{{ data.empty_list | default: 'none' }}", "none|none"),
        Case("{{ false | default: 'none' }}|{{ false | default: 'none', allow_false: true }}", "none|false"),
        Case("{{ 0 | default: 'none' }}|{{ recipient.name | default: 'none' }}", "0|Ada Lovelace"),
        Case("{{ actor | json }}", #"{"id":"user_2","name":"Charles"}"#),
        Case(#"{{ data.flags | json }}|{{ 'x"y' | json }}|{{ missing | json }}"#, #"[true,false]|"x\"y"|null"#),
        Case("{{ data.count | json }}|{{ data.price | json }}", "3|10.5"),
        Case(#"{{ "OrderReady" | t }}"#, "OrderReady"),
        Case(#"{{ "order ready" | t | titlecase }}"#, "Order Ready"),
    ]

    @Test(arguments: data) func dataFilter(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    @Test func jsonKeepsMemberOrder() async throws {
        let variables: JSONObject = ["data": ["z": 1, "a": ["y": nil, "b": [1.5, "s"]]]]
        #expect(try await render("{{ data | json }}", variables) == #"{"z":1,"a":{"y":null,"b":[1.5,"s"]}}"#)
    }
}
