using System.Net;
using System.Net.Sockets;
using System.Text;

namespace KpiSync.IntegrationTests.Support;

/// <summary>
/// A loopback HTTP server that answers every request with a 200 whose Content-Length promises more than the body it
/// sends, then closes: the client fails mid-read with an exception no command expects (HttpIOException).
/// </summary>
public sealed class CutOffHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public CutOffHttpServer()
    {
        _listener.Start();
        _loop = ServeAsync(_stop.Token);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    public int Requests { get; private set; }

    private async Task ServeAsync(CancellationToken ct)
    {
        var answer = Encoding.ASCII.GetBytes("HTTP/1.1 200 OK\r\nContent-Type: application/hal+json\r\nContent-Length: 1000\r\n\r\n{\"id\":1");
        while (!ct.IsCancellationRequested)
        {
            using var client = await _listener.AcceptTcpClientAsync(ct);
            var stream = client.GetStream();
            var request = new StringBuilder();
            var buffer = new byte[4096];
            while (!request.ToString().Contains("\r\n\r\n", StringComparison.Ordinal))
            {
                var n = await stream.ReadAsync(buffer, ct);
                if (n == 0)
                {
                    break;
                }

                request.Append(Encoding.ASCII.GetString(buffer, 0, n));
            }

            Requests++;
            await stream.WriteAsync(answer, ct);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _loop;
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        _stop.Dispose();
    }
}
