using KpiSync.Storage;

namespace KpiSync.Tests.Storage;

public sealed class PlanCsvTests
{
    private static long? Resolve(string text) => text == "Anna" ? 7 : null;

    [Fact]
    public void Parse_SemicolonsAndDecimalComma_Rows()
    {
        var (rows, errors) = PlanCsv.Parse(["employee;period;indicator;plan", "Anna;2026-11;conversion;0,3", ""], Resolve);

        Assert.Empty(errors);
        Assert.Equal(new PlanRow(7, "2026-11", "conversion", 0.3m), Assert.Single(rows));
    }

    [Fact]
    public void Parse_BadLines_EveryErrorWithItsLine()
    {
        var (_, errors) = PlanCsv.Parse(["employee,period,indicator,plan", "Bob,2026-11,calls,1", "Anna,11/2026,calls,1", "Anna,2026-11,calls,-1", "Anna,2026-11"], Resolve);

        Assert.Equal(["line 2: no single employee 'Bob' (use the CRM id, e-mail or exact name)", "line 3: period '11/2026' is not YYYY-MM",
            "line 4: plan '-1' is not a number ≥ 0", "line 5: expected 4 values, found 2"], errors);
    }

    [Fact]
    public void Parse_MisspeltIndicator_ErrorOnItsLineWithTheCloseMatch()
    {
        var (rows, errors) = PlanCsv.Parse(["employee,period,indicator,plan", "Anna,2026-11,calls,20", "Anna,2026-11,callz,20", "Anna,2026-11,funnel_conversion:142,0.5"], Resolve);

        Assert.Equal(2, rows.Count);
        var error = Assert.Single(errors);
        Assert.StartsWith("line 3: unknown indicator 'callz'; did you mean 'calls'? Known: calls, calls_out, ", error, StringComparison.Ordinal);
    }
}
