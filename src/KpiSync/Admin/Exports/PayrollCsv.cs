using System.Globalization;
using System.Text;
using KpiSync.Storage;

namespace KpiSync.Admin.Exports;

/// <summary>
/// Payroll as the CSV that 1C ("Загрузка данных из табличного документа") and Russian banks' salary-project imports
/// read without setup: UTF-8 with a BOM (so Excel and 1C detect the encoding), <c>;</c> between fields (a Russian
/// locale's list separator), a decimal comma without thousands separators (<c>55000,00</c>), CRLF line ends, and a
/// header row of stable column names. No totals row: an importer would take it for an employee.
/// </summary>
internal static class PayrollCsv
{
    public static readonly string[] Header = ["employee", "crm_id", "period", "fixed", "bonus", "penalties", "total", "scheme", "scheme_version"];

    /// <summary>The payroll; a <paramref name="banner"/> (an open month's "provisional") goes on a line of its own above
    /// the header, where an importer told to skip one line skips it and a person opening the file reads it first.</summary>
    public static byte[] Write(IEnumerable<StoredPayout> payouts, string? banner = null)
    {
        ArgumentNullException.ThrowIfNull(payouts);
        var text = new StringBuilder();
        if (banner is not null)
        {
            text.Append(Field(banner)).Append("\r\n");
        }

        text.Append(string.Join(';', Header)).Append("\r\n");
        foreach (var p in payouts)
        {
            text.AppendJoin(';',
                Field(p.Employee), p.EmployeeId.ToString(CultureInfo.InvariantCulture), p.Period,
                Money(p.Fixed), Money(p.Bonus), Money(p.Penalties), Money(p.Total),
                Field(p.SchemeName), p.SchemeVersion.ToString(CultureInfo.InvariantCulture)).Append("\r\n");
        }

        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text.ToString())];
    }

    public static string Money(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture).Replace('.', ',');

    /// <summary>Quotes a field holding <c>;</c>, a quote or a line break (RFC 4180), and defuses a leading <c>= + - @</c>
    /// with an apostrophe so a CRM user's name cannot become a spreadsheet formula when the file is opened in Excel.</summary>
    public static string Field(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
        {
            text = "'" + text;
        }

        return text.AsSpan().IndexOfAny(";\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
