using WireMock;
using WireMock.Types;
using WireMock.Util;

namespace KpiSync.IntegrationTests.Crm.AmoCrm.Contract;

/// <summary>Raw answers for WireMock callbacks (its WithBodyAsJson serializes with Newtonsoft, so bodies stay strings).</summary>
internal static class Answers
{
    public static ResponseMessage Json(string body, int status = 200) => new()
    {
        StatusCode = status,
        Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/hal+json") },
        BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = System.Text.Encoding.UTF8 },
    };

    public static ResponseMessage NoContent() => new() { StatusCode = 204 };
}
