using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;

namespace KpiSync.Tests.Support;

internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    public static CrmConnection Connection() => new(1, "test", CrmKinds.AmoCrm, new Uri("https://example.amocrm.ru/"), "Europe/Moscow");

    public static AmoCrmClient Client(StubHttpHandler handler) => new(new HttpClient(handler), Connection(), Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
}
