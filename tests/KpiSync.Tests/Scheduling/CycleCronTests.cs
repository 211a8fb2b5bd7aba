using KpiSync.Scheduling;

namespace KpiSync.Tests.Scheduling;

public sealed class CycleCronTests
{
    private const string Key = "Scheduling:CycleCron";

    [Theory]
    [InlineData("*/15 * * * *")]
    [InlineData("0 3 1 1 *")]
    [InlineData("30 2 * * MON-FRI")]
    [InlineData("0 12 * * 1,5")]
    [InlineData("0 9 ? * *")]
    public void Explain_ValidFiveFieldCron_IsNull(string cron) => Assert.Null(CycleCron.Explain(Key, cron));

    [Theory]
    [InlineData("0 0/15 * * * ?", "*/15 * * * *")]
    [InlineData("0 0/15 * * * ? *", "*/15 * * * *")]
    [InlineData("0 30 2 ? * MON-FRI", "30 2 * * MON-FRI")]
    [InlineData("0 0 12 ? * 2,6", "0 12 * * 1,5")]
    [InlineData("0 0 12 ? * 1-7", "0 12 * * 0-6")]
    [InlineData("0 0 12 ? * 6#3", "0 12 * * 5#3")]
    public void Explain_QuartzExpression_NamesTheFiveFieldEquivalent(string quartz, string equivalent)
    {
        var message = CycleCron.Explain(Key, quartz);

        Assert.NotNull(message);
        Assert.StartsWith($"{Key} '{quartz}' is a Quartz-style expression", message, StringComparison.Ordinal);
        Assert.EndsWith($"Use '{equivalent}'.", message, StringComparison.Ordinal);
        // The equivalent really is what Hangfire takes.
        Assert.Null(CycleCron.Explain(Key, equivalent));
    }

    [Theory]
    [InlineData("0 0 3 1 1 ? 2099")]   // a year cannot be said in 5 fields
    [InlineData("30 */15 * * * ?")]    // nor a second other than 0
    [InlineData("*/5 * * * * *")]
    public void Explain_QuartzExpressionWithoutEquivalent_SaysSo(string quartz)
    {
        var message = CycleCron.Explain(Key, quartz);

        Assert.NotNull(message);
        Assert.StartsWith($"{Key} '{quartz}' is a Quartz-style expression", message, StringComparison.Ordinal);
        Assert.EndsWith("this one has no 5-field equivalent.", message, StringComparison.Ordinal);
        Assert.DoesNotContain("Use '", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_QuartzExpressionWithYear_SaysYearLast() =>
        Assert.Contains("(seconds first, year last)", CycleCron.Explain(Key, "0 0 3 1 1 ? 2099"), StringComparison.Ordinal);

    [Theory]
    [InlineData("61 * * * *")]
    [InlineData("* 25 * * *")]
    [InlineData("* * * * FOO")]
    public void Explain_InvalidFiveFieldCron_NamesTheKeyAndTheValue(string cron)
    {
        var message = CycleCron.Explain(Key, cron);

        Assert.NotNull(message);
        Assert.StartsWith($"{Key} '{cron}' is not a valid cron expression: ", message, StringComparison.Ordinal);
        Assert.EndsWith("e.g. '*/15 * * * *'.", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("* * *")]
    [InlineData("0 0 0 0 0 0 0 0")]
    public void Explain_WrongNumberOfFields_NamesTheKey(string cron) =>
        Assert.StartsWith($"{Key} '{cron}' is not a cron expression: it takes 5 fields", CycleCron.Explain(Key, cron), StringComparison.Ordinal);

    [Fact]
    public void Validate_QuartzCron_FailsWithTheKeyAndTheEquivalent()
    {
        var result = new SchedulingOptionsValidator().Validate(null, new SchedulingOptions { CycleCron = "0 0/15 * * * ?" });

        Assert.True(result.Failed);
        Assert.StartsWith("Scheduling:CycleCron '0 0/15 * * * ?'", result.FailureMessage, StringComparison.Ordinal);
        Assert.EndsWith("Use '*/15 * * * *'.", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_DefaultCron_Succeeds() => Assert.True(new SchedulingOptionsValidator().Validate(null, new SchedulingOptions()).Succeeded);
}
