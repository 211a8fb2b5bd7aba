using System.Security.Cryptography;
using System.Text;

namespace KpiSync.Webhooks;

/// <summary>Webhook URL secrets: random, shown once, stored as SHA-256, compared in constant time.</summary>
internal static class WebhookSecrets
{
    public static string New() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    public static bool Matches(string presented, string? storedHash) =>
        storedHash is not null && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));
}
