using System.Net;
using System.Net.Sockets;

namespace KpiSync.IntegrationTests.Support;

/// <summary>A loopback server that accepts every connection, reads the request and never answers: a CRM that hangs.</summary>
public sealed class SilentHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<TcpClient> _clients = [];
    private readonly Task _loop;
    private int _requests;

    public SilentHttpServer()
    {
        _listener.Start();
        _loop = AcceptAsync(_stop.Token);
    }

    public Uri BaseUrl => new($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");

    /// <summary>Connections opened: each attempt of a client opens one, as the previous one was never answered.</summary>
    public int Requests => Volatile.Read(ref _requests);

    private async Task AcceptAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(ct);
            lock (_clients)
            {
                _clients.Add(client);
            }

            Interlocked.Increment(ref _requests);
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

        lock (_clients)
        {
            _clients.ForEach(c => c.Dispose());
        }

        _stop.Dispose();
    }
}
