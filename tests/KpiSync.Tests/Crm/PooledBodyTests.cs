using KpiSync.Crm;

namespace KpiSync.Tests.Crm;

public sealed class PooledBodyTests
{
    [Theory]
    [InlineData(0, true)]
    [InlineData(10, true)]
    [InlineData(65_536, false)]   // exactly the first buffer: it must still grow to see the end
    [InlineData(300_001, false)]  // no length sent: grows from 64 KB
    [InlineData(300_001, true)]
    public async Task ReadAsync_AnySizeWithOrWithoutALength_HoldsExactlyTheBody(int size, bool sendLength)
    {
        var bytes = Enumerable.Range(0, size).Select(i => (byte)(i * 31)).ToArray();
        using var content = new StreamContent(sendLength ? new MemoryStream(bytes) : new UnknownLength(bytes));

        using var body = await PooledBody.ReadAsync(content, TestContext.Current.CancellationToken);

        Assert.Equal(size, body.Length);
        Assert.True(body.Span.SequenceEqual(bytes));
    }

    /// <summary>A chunked response: the length is not known before the end.</summary>
    private sealed class UnknownLength(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
