using KpiSync.Kpis.Indicators;
using KpiSync.Publishing;

namespace KpiSync.Tests.Publishing;

public sealed class PublishingOptionsValidatorTests
{
    [Theory]
    [InlineData("all")]
    [InlineData(" ALL ")]
    [InlineData("calls")]
    [InlineData("calls, meetings ,conversion,kpi_index")]
    public void Validate_KnownIndicators_Succeeds(string indicators) =>
        Assert.True(Validate(indicators).Succeeded);

    [Fact]
    public void Validate_MisspelledIndicator_NamesTheKeyAndTheCloseMatches()
    {
        var result = Validate("calls, conversoin");

        Assert.True(result.Failed);
        Assert.StartsWith("Publishing:Indicators: unknown indicator 'conversoin'. Did you mean 'conversion'?", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("Use 'all' or a comma-separated list of: calls, calls_out,", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_PartOfAKey_OffersTheKeysContainingIt()
    {
        var result = Validate("receivable");

        Assert.Contains("Did you mean 'receivables' or 'receivables_overdue'?", result.FailureMessage, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData(" , ")]
    public void Validate_Empty_Fails(string indicators) =>
        Assert.True(Validate(indicators).Failed);

    [Fact]
    public void Validate_PayInTheList_PointsToIncludePay()
    {
        var result = Validate("calls, pay_total");

        Assert.Equal("Publishing:Indicators lists 'pay_total': pay is pushed by Publishing:IncludePay=true, not by this list.", result.FailureMessage);
    }

    [Fact]
    public void Of_ListAndPay_KeepsDisplayOrder()
    {
        var keys = PublishedIndicators.Of(new PublishingOptions { Indicators = "kpi_index, calls", IncludePay = true });

        Assert.Equal([IndicatorKeys.Calls, IndicatorKeys.KpiIndex, IndicatorKeys.PayTotal], keys);
        Assert.DoesNotContain(IndicatorKeys.PayTotal, PublishedIndicators.Of(new PublishingOptions()));
        Assert.Contains(IndicatorKeys.KpiIndex, PublishedIndicators.Of(new PublishingOptions()));
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string indicators) =>
        new PublishingOptionsValidator().Validate(null, new PublishingOptions { Indicators = indicators });
}
