using KpiSync.Recompute;

namespace KpiSync.Tests.Recompute;

public sealed class KpiExplainerTests
{
    private static readonly TimeZoneInfo Moscow = TimeZoneInfo.FindSystemTimeZoneById("Europe/Moscow");

    [Fact]
    public void Localize_UtcInstantsInTheConnectionsZone_AmoCallStatusesByName()
    {
        Assert.Equal("outgoing call at 2026-09-03 13:05, 61 s, status: conversation",
            KpiExplainer.Localize("outgoing call at 2026-09-03 10:05:00Z, 61 s, status 4", Moscow, "amocrm"));
        Assert.Equal("incoming call at 2026-09-01 02:30, 0 s, status: no answer",
            KpiExplainer.Localize("incoming call at 2026-08-31 23:30:59Z, 0 s, status 6", Moscow, "amocrm"));
        Assert.Equal("won 2026-09-10 03:00 for 100; status none", KpiExplainer.Localize("won 2026-09-10 00:00:00Z for 100; status none", Moscow, "amocrm"));
    }

    [Fact]
    public void Localize_OtherCrm_KeepsItsOwnStatusCodes_UnknownAmoCodeUnchanged()
    {
        Assert.Equal("call at 2026-09-03 10:05, status 4", KpiExplainer.Localize("call at 2026-09-03 10:05:00Z, status 4", TimeZoneInfo.Utc, "bitrix24"));
        Assert.Equal("call status 42", KpiExplainer.Localize("call status 42", Moscow, "amocrm"));
    }
}
