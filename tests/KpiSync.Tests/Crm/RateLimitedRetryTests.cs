using System.Net;
using KpiSync.Crm;

namespace KpiSync.Tests.Crm;

public sealed class RateLimitedRetryTests
{
    private static readonly TimeSpan Base = TimeSpan.FromSeconds(1);

    [Theory]
    [InlineData(0.0, 250)]
    [InlineData(0.5, 375)]
    [InlineData(1.0, 500)]
    public void FirstRateLimitedDelay_AfterA429_IsAQuarterToAHalfOfTheBaseDelay(double jitter, int expectedMs)
    {
        using var tooMany = new HttpResponseMessage(HttpStatusCode.TooManyRequests);

        Assert.Equal(TimeSpan.FromMilliseconds(expectedMs), CrmResiliencePipelines.FirstRateLimitedDelay(0, tooMany, Base, jitter));
    }

    [Fact]
    public void FirstRateLimitedDelay_ASecond429InARowOrAnyOtherFailure_LeavesItToTheExponentialBackoff()
    {
        using var tooMany = new HttpResponseMessage(HttpStatusCode.TooManyRequests);
        using var unavailable = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable);

        Assert.Null(CrmResiliencePipelines.FirstRateLimitedDelay(1, tooMany, Base, 0.5));
        Assert.Null(CrmResiliencePipelines.FirstRateLimitedDelay(0, unavailable, Base, 0.5));
        Assert.Null(CrmResiliencePipelines.FirstRateLimitedDelay(0, null, Base, 0.5));
    }
}
