using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Api;

namespace KpiSync.Tests.Support;

internal static class Some
{
    public static readonly DateTimeOffset Now = new(2026, 10, 20, 12, 0, 0, TimeSpan.Zero);

    public static CrmConnection Connection() => new(1, "test", CrmKinds.AmoCrm, new Uri("https://example.amocrm.ru/"), "Europe/Moscow");

    public static AmoCrmClient Client(StubHttpHandler handler) =>
        new(Refit.RestService.For<IAmoCrmApi>(AmoCrmRefit.HttpClient(handler, Connection().BaseUrl, Connection(), postsAreNotIdempotent: true), AmoCrmRefit.Settings),
            Connection());
}
