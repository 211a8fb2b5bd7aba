using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.DataProtection;

namespace KpiSync.Crm.Auth;

/// <summary>Encrypts credentials for <c>connections.credentials</c> with ASP.NET Core Data Protection (keys shared in PostgreSQL).</summary>
public sealed class CredentialProtector(IDataProtectionProvider provider)
{
    private readonly IDataProtector _protector = provider.CreateProtector("KpiSync.Crm.Credentials.v1");

    public string Protect(CrmCredentials credentials) =>
        _protector.Protect(JsonSerializer.Serialize(credentials, CredentialsJsonContext.Default.CrmCredentials));

    public CrmCredentials Unprotect(string stored)
    {
        try
        {
            return JsonSerializer.Deserialize(_protector.Unprotect(stored), CredentialsJsonContext.Default.CrmCredentials)
                ?? throw new CryptographicException("empty credentials");
        }
        catch (CryptographicException e)
        {
            throw new CrmAuthorizationException(
                "The stored credentials cannot be decrypted (the data-protection keys in kpisync.data_protection_keys changed?). Authorize the connection again.", e);
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(CrmCredentials))]
internal sealed partial class CredentialsJsonContext : JsonSerializerContext;
