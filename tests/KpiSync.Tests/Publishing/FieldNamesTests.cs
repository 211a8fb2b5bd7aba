using KpiSync.Publishing;

namespace KpiSync.Tests.Publishing;

public sealed class FieldNamesTests
{
    [Fact]
    public void Of_EveryPublishedKey_HasDistinctRussianAndEnglishNames()
    {
        string[] keys = [.. KpiPublisher.PublishedKeys, KpiPublisher.PeriodField, KpiPublisher.AsOfField];

        Assert.All(keys, k => Assert.True(FieldNames.Has(k), k));
        Assert.Equal(keys.Length, keys.Select(k => FieldNames.Of(k, FieldNames.Russian)).Distinct().Count());
        Assert.Equal(keys.Length, keys.Select(k => FieldNames.Of(k, FieldNames.English)).Distinct().Count());
        Assert.Equal("Средний чек", FieldNames.Of("average_check", FieldNames.Russian));
        Assert.Equal("Average check", FieldNames.Of("average_check", FieldNames.English));
    }

    [Theory]
    [InlineData(new[] { "ru", "ru", "en" }, "US", "ru")]
    [InlineData(new[] { "en", "ru", "en" }, "RU", "en")]
    [InlineData(new[] { "es" }, "RU", "en")]
    [InlineData(new string[0], "RU", "ru")]
    [InlineData(new string[0], "KZ", "ru")]
    [InlineData(new string[0], "BR", "en")]
    [InlineData(new string[0], null, "en")]
    public void LanguageOf_UsersFirstThenCountry(string[] users, string? country, string expected) =>
        Assert.Equal(expected, FieldNames.LanguageOf(users, country));
}
