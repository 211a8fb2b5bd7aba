using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>amoCRM's bracketed query parameters: filter[x], filter[x][], filter[x][0], filter[x][from|to], order[x].</summary>
internal static class QueryFilters
{
    public static readonly (long From, long To) Unbounded = (long.MinValue, long.MaxValue);

    /// <summary>Values of <paramref name="name"/>, <c>name[]</c> and <c>name[N]</c>; comma-separated values are split.</summary>
    public static IReadOnlyList<string> Values(IQueryCollection query, string name)
    {
        var values = new List<string>();
        foreach (var (key, raw) in query)
        {
            if (!IsListKey(key, name))
            {
                continue;
            }

            foreach (var value in raw)
            {
                values.AddRange((value ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
            }
        }

        return values;
    }

    public static HashSet<string>? StringSet(IQueryCollection query, string name)
    {
        var values = Values(query, name);
        return values.Count == 0 ? null : new HashSet<string>(values, StringComparer.Ordinal);
    }

    public static HashSet<long>? LongSet(IQueryCollection query, string name)
    {
        var values = Values(query, name);
        return values.Count == 0 ? null : [.. values.Select(value => ParseLong(value) ?? long.MinValue)];
    }

    /// <summary>Inclusive unix-second range from <c>name[from]</c>/<c>name[to]</c>; a bare <c>name=ts</c> means "from".</summary>
    public static (long From, long To) Range(IQueryCollection query, string name)
    {
        var from = ParseLong(query[name + "[from]"]) ?? ParseLong(query[name]) ?? long.MinValue;
        var to = ParseLong(query[name + "[to]"]) ?? long.MaxValue;
        return (from, to);
    }

    public static bool InRange(this (long From, long To) range, DateTimeOffset moment)
    {
        var seconds = moment.ToUnixTimeSeconds();
        return seconds >= range.From && seconds <= range.To;
    }

    /// <summary>The first <c>order[field]=asc|desc</c> whose field is allowed, or null.</summary>
    public static (string Field, bool Descending)? Order(IQueryCollection query, params ReadOnlySpan<string> allowedFields)
    {
        foreach (var (key, value) in query)
        {
            if (!key.StartsWith("order[", StringComparison.Ordinal) || !key.EndsWith(']'))
            {
                continue;
            }

            var field = key["order[".Length..^1];
            foreach (var allowed in allowedFields)
            {
                if (string.Equals(field, allowed, StringComparison.Ordinal))
                {
                    return (field, string.Equals(value.ToString(), "desc", StringComparison.OrdinalIgnoreCase));
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The request's path and query without page and limit: what a cached list result is keyed by. With
    /// <paramref name="range"/> (a name given to <see cref="Range"/>), that range's parameters are left out
    /// too: the cached list is built without it and the range is found in it by binary search.
    /// </summary>
    public static string CacheKey(HttpContext context, string? range = null)
    {
        var key = new System.Text.StringBuilder(context.Request.Path.Value);
        foreach (var (name, values) in context.Request.Query)
        {
            if (name is "page" or "limit" || (range is not null && IsRangeKey(name, range)))
            {
                continue;
            }

            foreach (var value in values)
            {
                key.Append('&').Append(name).Append('=').Append(value);
            }
        }

        return key.ToString();
    }

    public static long? ParseLong(string? value) =>
        long.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var parsed) ? parsed : null;

    /// <summary>The keys <see cref="Range"/> reads (case-insensitively, as the query collection does).</summary>
    private static bool IsRangeKey(string key, string name) =>
        key.StartsWith(name, StringComparison.OrdinalIgnoreCase)
        && (key.Length == name.Length
            || key.AsSpan(name.Length).Equals("[from]", StringComparison.OrdinalIgnoreCase)
            || key.AsSpan(name.Length).Equals("[to]", StringComparison.OrdinalIgnoreCase));

    private static bool IsListKey(string key, string name)
    {
        if (string.Equals(key, name, StringComparison.Ordinal))
        {
            return true;
        }

        if (!key.StartsWith(name, StringComparison.Ordinal) || key.Length < name.Length + 2 || key[name.Length] != '[' || key[^1] != ']')
        {
            return false;
        }

        var inner = key.AsSpan(name.Length + 1, key.Length - name.Length - 2);
        foreach (var ch in inner)
        {
            if (!char.IsAsciiDigit(ch))
            {
                return false;
            }
        }

        return true;
    }
}
