import Liquid
import Providers
import Testing

@Suite struct LiquidTagTests {
    static let outputs: [Case] = [
        Case("Hello {{ recipient.name }}!", "Hello Ada Lovelace!"),
        Case("{{ data.items[1] }} {{ data.items[-1] }} {{ data.items.size }}", "banana cherry 3"),
        Case("{{ data.items.first }}/{{ data.items.last }}", "apple/cherry"),
        Case("{{ data['order_id'] }}", "A-17"),
        Case("{{ order_id }}", "A-17"),
        Case("[{{ missing }}{{ missing.deep.path }}{{ missing | upcase }}]", "[]"),
        Case("{{ data.count }} {{ data.price }} {{ 2.0 }} {{ true }} {{ nil }}", "3 10.5 2.0 true "),
        Case("{{ data.items }}", "applebananacherry"),
        Case("{{ actor }}", #"{"id":"user_2","name":"Charles"}"#),
        Case("{{ (1..3) }}", "1..3"),
        Case("{% echo recipient.id | upcase %}", "USER_1"),
        Case("a{{ }}b{{-}}c", "abc"),
    ]

    @Test(arguments: outputs) func output(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    static let conditionals: [Case] = [
        Case("{% if data.count > 2 %}many{% endif %}", "many"),
        Case("{% if data.count > 5 %}many{% elsif data.count == 3 %}three{% else %}other{% endif %}", "three"),
        Case("{% if missing %}yes{% else %}no{% endif %}", "no"),
        Case("{% if data.count == 3.0 %}equal{% endif %}", "equal"),
        Case("{% if recipient.name != 'Bob' and data.count >= 3 %}ok{% endif %}", "ok"),
        Case("{% if false or true %}ok{% endif %}", "ok"),
        Case("{% if true or false and false %}right-to-left{% endif %}", "right-to-left"),
        Case("{% if data.count < 3 %}a{% elsif data.count <= 3 %}b{% endif %}", "b"),
        Case("{% if recipient.name contains 'Love' %}c{% endif %}", "c"),
        Case("{% if data.items contains 'banana' %}c{% endif %}", "c"),
        Case("{% if recipient contains 'email' %}c{% endif %}", "c"),
        Case("{% if data.empty_list == empty %}e{% endif %}{% if data.items != empty %}f{% endif %}", "ef"),
        Case("{% if data.blank_text == blank %}b{% endif %}{% if missing == blank %}n{% endif %}", "bn"),
        Case("{% if 'a' < 'b' %}s{% endif %}{% if 'a' < 1 %}never{% endif %}", "s"),
        Case("{% if 0 %}zero is truthy{% endif %}{% if '' %}, so is empty{% endif %}", "zero is truthy, so is empty"),
        Case("{% unless data.count == 3 %}no{% else %}yes{% endunless %}", "yes"),
        Case("{% unless missing %}shown{% endunless %}", "shown"),
    ]

    @Test(arguments: conditionals) func conditional(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    static let cases: [Case] = [
        Case("{% case data.count %}{% when 1 %}one{% when 2, 3 %}few{% else %}many{% endcase %}", "few"),
        Case("{% case recipient.id %}{% when 'x' or 'user_1' %}match{% endcase %}", "match"),
        Case("{% case 9 %}{% when 1 %}one{% else %}else{% endcase %}", "else"),
        Case("{% case 9 %}{% when 1 %}one{% endcase %}", ""),
    ]

    @Test(arguments: cases) func caseTag(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    static let loops: [Case] = [
        Case("{% for item in data.items %}{{ item }},{% endfor %}", "apple,banana,cherry,"),
        Case(
            "{% for i in data.items %}{{ forloop.index }}{{ forloop.index0 }}{{ forloop.rindex }}{{ forloop.first }}"
                + "{{ forloop.last }}{{ forloop.length }};{% endfor %}",
            "103truefalse3;212falsefalse3;321falsetrue3;"),
        Case("{% for i in (1..5) limit: 2 offset: 1 %}{{ i }}{% endfor %}", "23"),
        Case("{% for i in (1..3) reversed %}{{ i }}{% endfor %}", "321"),
        Case("{% for i in (1..data.count) %}{{ i }}{% endfor %}", "123"),
        Case("{% for i in data.empty_list %}x{% else %}none{% endfor %}", "none"),
        Case("{% for i in missing %}x{% else %}none{% endfor %}", "none"),
        Case("{% for i in (1..6) %}{% if i == 4 %}{% break %}{% endif %}{{ i }}{% endfor %}", "123"),
        Case("{% for i in (1..5) %}{% if i == 2 %}{% continue %}{% endif %}{{ i }}{% endfor %}", "1345"),
        Case(
            "{% for i in (1..2) %}{% for j in (1..3) %}{% if j == 2 %}{% break %}{% endif %}{{ i }}{{ j }} {% endfor %}"
                + "{% endfor %}",
            "11 21 "),
        Case("{% for p in products %}{{ p.name }}={{ p.price }} {% endfor %}", "Pen=3 apple=1 Zebra=2 "),
        Case("{% for pair in actor %}{{ pair[0] }}:{{ pair[1] }};{% endfor %}", "id:user_2;name:Charles;"),
        Case("{% for i in (1..3) %}{% cycle 'a', 'b' %}{% endfor %}", "aba"),
        Case("{% for item in data.items %}{% endfor %}{{ item }}", ""),
    ]

    @Test(arguments: loops) func forLoop(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    static let variables: [Case] = [
        Case("{% assign name = recipient.name | upcase %}{{ name }}", "ADA LOVELACE"),
        Case("{% assign n = 5 %}{% for i in (1..2) %}{% assign n = n | plus: i %}{% endfor %}{{ n }}", "8"),
        Case("{% capture greeting %}Hi {{ actor.name }}{% endcapture %}[{{ greeting }}]", "[Hi Charles]"),
        Case("{% assign data = 'shadowed' %}{{ data }}", "shadowed"),
        Case("{% increment c %}{% increment c %}{% decrement d %}{% decrement d %}", "01-1-2"),
        Case("a{% comment %} {{ not rendered }} {% if %} {% endcomment %}b", "ab"),
        Case("a{% # an inline comment %}b{%- # don't stop here -%} c", "abc"),
        Case("{{ \"it's\" }}|{{ \"%} }}\" }}|{% if 'a}}' == 'a}}' %}q{% endif %}", "it's|%} }}|q"),
        Case("{% raw %}{{ kept }} {% if %}{% endraw %}", "{{ kept }} {% if %}"),
    ]

    @Test(arguments: variables) func assignment(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    static let whitespace: [Case] = [
        Case("a  {{- 'b' -}}  c", "abc"),
        Case("a\n  {%- if true -%}\n  b\n  {%- endif -%}\n c", "abc"),
        Case(
            "<ul>\n{% for i in (1..2) -%}\n  <li>{{ i }}</li>\n{% endfor -%}\n</ul>",
            "<ul>\n<li>1</li>\n<li>2</li>\n</ul>"),
        Case("x {{ 'y' }} z", "x y z"),
        Case("{%- assign a = 1 -%}\n\n{{- a }}", "1"),
    ]

    @Test(arguments: whitespace) func whitespaceControl(_ test: Case) async throws {
        let output = try await render(test.source)
        #expect(output == test.expected)
    }

    @Test func parsedTemplateRendersManyTimes() async throws {
        let template = try LiquidTemplate(parsing: "{{ recipient.name }} #{{ data.n }}", name: "reuse")
        for n in 1...3 {
            let context = LiquidContext(variables: ["recipient": ["name": "R"], "data": ["n": .number(Double(n))]])
            #expect(try await template.render(context) == "R #\(n)")
        }
        #expect(template.name == "reuse")
    }
}
