using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

namespace KpiSync.IntegrationTests.CrmSimulator;

/// <summary>A tiny HTTP receiver on 127.0.0.1 that records every POST it gets and answers 200.</summary>
internal sealed class WebhookReceiver : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _loop;

    public WebhookReceiver()
    {
        var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        var port = ((IPEndPoint)probe.LocalEndpoint).Port;
        probe.Stop();
        Url = $"http://127.0.0.1:{port}/amo-hook/";
        _listener.Prefixes.Add(Url);
        _listener.Start();
        _loop = ReceiveAsync();
    }

    public string Url { get; }

    public ConcurrentQueue<(string ContentType, string UserAgent, string Body)> Deliveries { get; } = new();

    /// <summary>Waits until a delivery satisfies <paramref name="match"/>, polling for up to 10 seconds.</summary>
    public async Task<string> WaitForAsync(Func<string, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            if (Deliveries.FirstOrDefault(delivery => match(delivery.Body)) is { Body: not null } found)
            {
                return found.Body;
            }

            await Task.Delay(50, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("No matching webhook delivery arrived");
    }

    public void Dispose()
    {
        _listener.Close();
        _loop.GetAwaiter().GetResult();
    }

    private async Task ReceiveAsync()
    {
        try
        {
            while (_listener.IsListening)
            {
                var context = await _listener.GetContextAsync();
                using var reader = new StreamReader(context.Request.InputStream);
                var body = await reader.ReadToEndAsync();
                Deliveries.Enqueue((context.Request.ContentType ?? "", context.Request.UserAgent ?? "", body));
                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }
        catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
        {
            // Closed by Dispose.
        }
    }
}
