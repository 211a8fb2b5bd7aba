using System.Data;
using Dapper;

namespace KpiSync.Storage;

/// <summary>
/// Lets Dapper read <c>timestamptz</c> into <see cref="DateTimeOffset"/>: Npgsql hands it over as a UTC
/// <see cref="DateTime"/>, which Dapper will not convert on its own.
/// </summary>
internal sealed class DateTimeOffsetTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset d => d,
        DateTime d => new DateTimeOffset(DateTime.SpecifyKind(d, DateTimeKind.Utc)),
        _ => throw new InvalidCastException($"Cannot read {value.GetType().Name} as a timestamp."),
    };

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Value = value.ToUniversalTime();
    }
}
