using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;

namespace KpiSync.Storage;

/// <summary>
/// Data Protection's key ring in <c>kpisync.data_protection_keys</c>, so every node decrypts what any node encrypted.
/// <see cref="IXmlRepository"/> is synchronous by design (the key ring is read rarely and cached), hence sync I/O here.
/// </summary>
internal sealed class DataProtectionKeyStore(NpgsqlDataSource dataSource) : IXmlRepository
{
    private const string SelectAll = "select xml from kpisync.data_protection_keys order by id";
    private const string Insert = "insert into kpisync.data_protection_keys (friendly_name, xml) values (@name, @xml) on conflict (friendly_name) do nothing";

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var conn = dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand(SelectAll, conn);
        using var reader = cmd.ExecuteReader();
        var keys = new List<XElement>();
        while (reader.Read())
        {
            keys.Add(XElement.Parse(reader.GetString(0)));
        }

        return keys;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        using var conn = dataSource.OpenConnection();
        using var cmd = new NpgsqlCommand(Insert, conn);
        cmd.Parameters.AddWithValue("name", friendlyName);
        cmd.Parameters.AddWithValue("xml", element.ToString(SaveOptions.DisableFormatting));
        cmd.ExecuteNonQuery();
    }
}
