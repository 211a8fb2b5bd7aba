using System.Data;
using Dapper;

namespace KpiSync.Storage;

/// <summary>Lets Dapper read text columns such as <c>base_url</c> straight into <see cref="Uri"/>.</summary>
internal sealed class UriTypeHandler : SqlMapper.TypeHandler<Uri>
{
    public override Uri Parse(object value) => new((string)value);

    public override void SetValue(IDbDataParameter parameter, Uri? value)
    {
        ArgumentNullException.ThrowIfNull(parameter);
        parameter.Value = value?.ToString() ?? (object)DBNull.Value;
    }
}
