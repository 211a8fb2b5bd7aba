using System.Globalization;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;

namespace KpiSync.Storage;

/// <summary>Plans as CSV, the header <c>employee,period,indicator,plan</c> (comma or semicolon separated; a decimal
/// comma is accepted): shared by <c>plans import</c> and the dashboard's Schemes page. Every line is checked; the caller
/// stores nothing unless there are no errors.</summary>
internal static class PlanCsv
{
    public static (List<PlanRow> Rows, List<string> Errors) Parse(IReadOnlyList<string> lines, Func<string, long?> resolve)
    {
        var rows = new List<PlanRow>();
        var errors = new List<string>();
        if (lines.Count == 0)
        {
            errors.Add("line 1: the file is empty; expected the header employee,period,indicator,plan");
            return (rows, errors);
        }

        var separator = lines[0].Contains(';', StringComparison.Ordinal) ? ';' : ',';
        var header = lines[0].Split(separator).Select(h => h.Trim().Trim('"').ToLowerInvariant()).ToArray();
        if (!header.SequenceEqual(["employee", "period", "indicator", "plan"]))
        {
            errors.Add($"line 1: the header must be employee{separator}period{separator}indicator{separator}plan, not '{lines[0]}'");
            return (rows, errors);
        }

        for (var i = 1; i < lines.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(lines[i]))
            {
                continue;
            }

            var cells = lines[i].Split(separator).Select(x => x.Trim().Trim('"')).ToArray();
            var line = i + 1;
            if (cells.Length != 4)
            {
                errors.Add($"line {line}: expected 4 values, found {cells.Length}");
                continue;
            }

            var employee = resolve(cells[0]);
            var plan = decimal.TryParse(cells[3].Replace(',', '.'), NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : (decimal?)null;
            if (employee is null)
            {
                errors.Add($"line {line}: no single employee '{cells[0]}' (use the CRM id, e-mail or exact name)");
            }
            else if (!MonthPeriod.TryParse(cells[1], out _))
            {
                errors.Add($"line {line}: period '{cells[1]}' is not YYYY-MM");
            }
            else if (cells[2].Length == 0)
            {
                errors.Add($"line {line}: the indicator is empty");
            }
            else if (IndicatorCatalog.Check(cells[2]) is { } unknown)
            {
                errors.Add($"line {line}: {unknown}");
            }
            else if (plan is null or < 0)
            {
                errors.Add($"line {line}: plan '{cells[3]}' is not a number ≥ 0");
            }
            else
            {
                rows.Add(new PlanRow(employee.Value, cells[1], cells[2], plan.Value));
            }
        }

        return (rows, errors);
    }
}
