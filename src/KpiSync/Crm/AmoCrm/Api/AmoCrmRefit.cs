using System.Net.Http.Headers;
using Polly.Timeout;
using Refit;

namespace KpiSync.Crm.AmoCrm.Api;

/// <summary>How KpiSync's Refit clients for amoCRM are made: one per connection over the shared handler chain.</summary>
internal static class AmoCrmRefit
{
    /// <summary>
    /// Bodies (de)serialized by the source-generated context (snake_case, no reflection). Failures before a response
    /// pass through unwrapped: the handlers' own exceptions (blocked, re-authorization, circuit open) keep their type.
    /// </summary>
    public static RefitSettings Settings { get; } = new()
    {
        ContentSerializer = new SystemTextJsonContentSerializer(AmoCrmJsonContext.Default.Options),
        TransportExceptionFactory = static (_, exception, _) => exception,
    };

    /// <summary>An HttpClient for <paramref name="baseUrl"/> over a pooled handler chain, stamping each request with its
    /// connection (which the auth, pacing and account-state handlers read).</summary>
    public static HttpClient HttpClient(HttpMessageHandler chain, Uri baseUrl, CrmConnection? connection, bool postsAreNotIdempotent, bool check = false)
    {
        var client = new HttpClient(new RequestStamp(connection, postsAreNotIdempotent, check) { InnerHandler = chain }, disposeHandler: false)
        {
            BaseAddress = baseUrl,
            // Per-attempt timeouts belong to the resilience handler; a whole call with its retries is unbounded here.
            Timeout = Timeout.InfiniteTimeSpan,
        };
        client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("KpiSync", "1.0"));
        return client;
    }

    private sealed class RequestStamp(CrmConnection? connection, bool postsAreNotIdempotent, bool check) : DelegatingHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            if (connection is not null)
            {
                request.Options.Set(CrmRequestOptions.Connection, connection);
            }

            if (check)
            {
                request.Options.Set(CrmRequestOptions.Check, true);
            }

            if (postsAreNotIdempotent && request.Method == HttpMethod.Post)
            {
                // A create (or a single-use code) whose answer was lost may have been applied; sending it again could apply it twice.
                request.Options.Set(CrmResiliencePipelines.NotIdempotent, true);
            }

            return SendAsync();

            async Task<HttpResponseMessage> SendAsync()
            {
                try
                {
                    return await base.SendAsync(request, cancellationToken);
                }
                catch (Exception e)
                {
                    // Transport exceptions do not say which call failed; the error a user sees should.
                    e.Data[RequestUriKey] = request.RequestUri;
                    throw;
                }
            }
        }
    }

    /// <summary>
    /// Sends a call and returns its successful response; anything else becomes a <see cref="CrmApiException"/> naming
    /// the endpoint (<paramref name="refused"/> before the error body), or the handlers' own exception (blocked, needs
    /// re-authorization, circuit open) as it is.
    /// </summary>
    public static async Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> call, Uri baseUrl, string refused,
        CancellationToken ct)
    {
        HttpResponseMessage response;
        try
        {
            response = await call(ct);
        }
        catch (Exception e) when (e is HttpRequestException or TimeoutRejectedException or IOException && !ct.IsCancellationRequested)
        {
            throw new CrmApiException(CrmKinds.AmoCrm, null, e.Data[RequestUriKey] as Uri ?? baseUrl, NoAnswer(e), e);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var detail = await response.Content.ReadAsStringAsync(ct);
                throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, response.RequestMessage?.RequestUri,
                    refused + (detail.Length <= 300 ? detail : detail[..300] + "…"));
            }
        }

        return response;
    }

    /// <summary>Why no usable answer came, after every retry.</summary>
    private static string NoAnswer(Exception e) => e switch
    {
        TimeoutRejectedException t => $"no answer within {Durations.Human(t.Timeout)}",
        UnreadableResponseException => "the answer is not JSON: " + e.Message,
        IOException => "the answer broke off: " + e.Message,
        _ => "unreachable: " + e.Message,
    };

    /// <summary>Where an exception thrown while sending records the request's URI.</summary>
    public const string RequestUriKey = "kpisync.request-uri";
}
