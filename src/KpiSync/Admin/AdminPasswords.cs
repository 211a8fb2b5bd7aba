using KpiSync.Storage;
using Microsoft.AspNetCore.Identity;

namespace KpiSync.Admin;

/// <summary>ASP.NET Core Identity's password hasher (PBKDF2 with a random salt, format v3) for dashboard accounts.</summary>
internal static class AdminPasswords
{
    public const int MinLength = 8;

    private static readonly PasswordHasher<AdminAccount> Hasher = new();

    // Verified when the user name is unknown, so a wrong name costs as long as a wrong password (no account probing by timing).
    private static readonly string Decoy = Hasher.HashPassword(null!, "decoy-password-never-matches");

    public static string Hash(string password) => Hasher.HashPassword(null!, password);

    /// <summary>Whether <paramref name="password"/> matches; <paramref name="rehash"/> is set when the hash should be upgraded.</summary>
    public static bool Verify(AdminAccount? account, string password, out string? rehash)
    {
        rehash = null;
        var result = Hasher.VerifyHashedPassword(account!, account?.PasswordHash ?? Decoy, password);
        if (account is null)
        {
            return false;
        }

        if (result == PasswordVerificationResult.SuccessRehashNeeded)
        {
            rehash = Hash(password);
        }

        return result != PasswordVerificationResult.Failed;
    }

    /// <summary>Whether <paramref name="hash"/> looks like a hash this hasher made (base64, format marker 0x01 = v3).</summary>
    public static bool IsHash(string hash)
    {
        var bytes = new byte[hash.Length];
        return Convert.TryFromBase64String(hash.Trim(), bytes, out var n) && n > 13 && bytes[0] == 0x01;
    }
}
