using KpiSync.Hosting;

namespace KpiSync.Tests.Hosting;

public sealed class FailureReasonTests
{
    [Fact]
    public void Of_WrapperAroundTheCause_ReturnsTheCause()
    {
        var e = new HttpRequestException("Error while copying content to a stream.", new IOException("The response ended prematurely."));

        Assert.Equal("The response ended prematurely.", FailureReason.Of(e));
    }

    [Fact]
    public void Of_OuterMessageContainsTheInnerOne_ReturnsTheOuterWithItsDetail()
    {
        var e = new HttpRequestException("Connection refused (127.0.0.1:5)", new IOException("Connection refused"));

        Assert.Equal("Connection refused (127.0.0.1:5)", FailureReason.Of(e));
    }

    [Fact]
    public void Of_MultiLineMessage_ReturnsOneLine()
    {
        Assert.Equal("first second", FailureReason.Of(new InvalidOperationException("first\n  second\r\n")));
    }
}
