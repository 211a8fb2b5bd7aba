using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

/// <summary>Admin:Bootstrap needs both keys or neither, and a hash in the format <c>admins hash</c> prints.
/// The message never repeats the hash.</summary>
internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var b = options.Bootstrap;
        var hasUser = !string.IsNullOrWhiteSpace(b.User);
        var hasHash = !string.IsNullOrWhiteSpace(b.PasswordHash);
        if (hasUser != hasHash)
        {
            return ValidateOptionsResult.Fail("Admin:Bootstrap:User and Admin:Bootstrap:PasswordHash go together: set both or neither.");
        }

        if (hasHash && !AdminPasswords.IsHash(b.PasswordHash!))
        {
            return ValidateOptionsResult.Fail("Admin:Bootstrap:PasswordHash is not a password hash made by 'kpisync admins hash'.");
        }

        if (options.PublicUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttp && url.Scheme != Uri.UriSchemeHttps)))
        {
            return ValidateOptionsResult.Fail($"Admin:PublicUrl '{url}' is not an absolute http(s) URL.");
        }

        return ValidateOptionsResult.Success;
    }
}
