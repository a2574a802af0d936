import Liquid
import Providers
import Testing

@Suite struct LiquidArrayFilterTests {
    static let arrays: [Case] = [
        Case("{{ data.items | first }}|{{ data.items | last }}|{{ missing | first }}", "apple|cherry|"),
        Case("{{ data.items | join }}|{{ data.items | join: ', ' }}", "apple banana cherry|apple, banana, cherry"),
        Case("{{ products | map: 'name' | join: ',' }}", "Pen,apple,Zebra"),
        Case("{{ products | where: 'kind', 'food' | map: 'name' | join }}", "apple"),
        Case("{{ products | where: 'stock' | map: 'name' | join }}", "Pen apple"),
        Case("{{ products | map: 'name' | sort | join: ',' }}", "Pen,Zebra,apple"),
        Case("{{ products | map: 'name' | sort_natural | join: ',' }}", "apple,Pen,Zebra"),
        Case("{{ products | sort: 'price' | map: 'name' | join: ',' }}", "apple,Zebra,Pen"),
        Case("{{ products | sort_natural: 'name' | map: 'price' | join: ',' }}", "1,3,2"),
        Case("{{ data.items | reverse | join: ',' }}", "cherry,banana,apple"),
        Case("{{ data.dupes | uniq | join: ',' }}", "1,2,a"),
        Case("{{ products | uniq: 'kind' | size }}", "3"),
        Case("{{ data.holes | compact | join: ',' }}", "1,2"),
        Case("{{ products | compact: 'stock' | map: 'name' | join: ',' }}", "Pen,apple"),
        Case("{{ data.items | concat: data.dupes | size }}", "8"),
        Case("{{ products | sum: 'price' }}|{{ data.holes | sum }}", "6|3"),
        Case("{{ (1..4) | join: '-' }}|{{ (1..4) | reverse | first }}", "1-2-3-4|4"),
    ]

    @Test(arguments: arrays) func arrayFilter(_ test: Case) async throws {
        var variables = sampleVariables
        var data = sampleVariables["data"]?.objectValue ?? [:]
        data["dupes"] = [1, 2, 1, "a", 2]
        data["holes"] = [1, nil, 2, nil]
        variables["data"] = .object(data)
        let output = try await render(test.source, variables)
        #expect(output == test.expected)
    }
}
