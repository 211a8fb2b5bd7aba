using KpiSync.Admin.Schemes;
using KpiSync.Kpis.Schemes;

namespace KpiSync.Tests.Admin;

public sealed class JsonPathLinesTests
{
    private const string Json = """
        {
          // comment
          "name": "Sales",
          "indicators": [
            { "key": "calls", "weight": 0.5 },
            {
              "key": "conversion",
              "weight": 1.5
            }
          ],
          "odd name": 1
        }
        """;

    [Fact]
    public void Locate_PropertiesAndItems_AsTheSchemeReaderNamesThem()
    {
        var lines = JsonPathLines.Locate(Json);

        Assert.Equal(3, lines["$.name"]);
        Assert.Equal(5, lines["$.indicators[0].weight"]);
        Assert.Equal(6, lines["$.indicators[1]"]);
        Assert.Equal(8, lines["$.indicators[1].weight"]);
        Assert.Equal(11, lines["$['odd name']"]);
    }

    [Fact]
    public void Annotate_MissingPathGoesToItsAncestor_SyntaxErrorToItsLine()
    {
        var annotated = JsonPathLines.Annotate(Json, [new SchemeError("$.indicators[1].cap", "x"), new SchemeError("$.fixed", "required")]);
        Assert.Equal("$.indicators[1].cap", Assert.Single(annotated[5].Errors).Path);
        Assert.Equal("$.fixed", Assert.Single(annotated[0].Errors).Path);

        var broken = JsonPathLines.Annotate("{\n\"a\": ,\n}", [new SchemeError("$", "malformed JSON at line 2, position 6: bad")]);
        Assert.Single(broken[1].Errors);
    }
}
