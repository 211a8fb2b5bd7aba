using System.Buffers;

namespace KpiSync.Crm;

/// <summary>
/// A response body read into a pooled buffer. A list page is 100–400 KB: a fresh array per page lands on the large
/// object heap and forces a full garbage collection every few dozen pages. Valid until disposed; what is parsed from
/// it must not keep a reference to it.
/// </summary>
internal sealed class PooledBody : IDisposable
{
    private const int FirstSize = 64 * 1024;
    private byte[] _buffer;

    private PooledBody(byte[] buffer, int length)
    {
        _buffer = buffer;
        Length = length;
    }

    public int Length { get; }

    public ReadOnlySpan<byte> Span => _buffer.AsSpan(0, Length);

    public ReadOnlyMemory<byte> Memory => _buffer.AsMemory(0, Length);

    public static async Task<PooledBody> ReadAsync(HttpContent content, CancellationToken ct)
    {
        var buffer = ArrayPool<byte>.Shared.Rent((int)Math.Clamp(content.Headers.ContentLength ?? FirstSize, 1, int.MaxValue - 1) + 1);
        var length = 0;
        try
        {
            await using var stream = await content.ReadAsStreamAsync(ct);
            int read;
            while ((read = await stream.ReadAsync(buffer.AsMemory(length), ct)) > 0)
            {
                length += read;
                if (length == buffer.Length)
                {
                    var larger = ArrayPool<byte>.Shared.Rent(buffer.Length * 2);
                    buffer.AsSpan(0, length).CopyTo(larger);
                    ArrayPool<byte>.Shared.Return(buffer);
                    buffer = larger;
                }
            }

            return new PooledBody(buffer, length);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(buffer);
            throw;
        }
    }

    public void Dispose()
    {
        if (_buffer.Length > 0)
        {
            ArrayPool<byte>.Shared.Return(_buffer);
            _buffer = [];
        }
    }
}
