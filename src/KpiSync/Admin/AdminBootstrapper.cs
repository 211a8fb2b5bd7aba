using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Admin;

/// <summary>Creates the Admin:Bootstrap account at start-up when no account of that name exists (an existing one is
/// left alone, so a password changed with the CLI is not reset by a restart). Runs after the migrations.</summary>
internal sealed class AdminBootstrapper(AdminStore admins, IOptions<AdminOptions> options, ILogger<AdminBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var b = options.Value.Bootstrap;
        if (string.IsNullOrWhiteSpace(b.User) || string.IsNullOrWhiteSpace(b.PasswordHash))
        {
            return;
        }

        if (await admins.AddAsync(b.User.Trim(), b.PasswordHash.Trim(), replace: false, cancellationToken))
        {
            logger.LogInformation("Created the dashboard admin {User} from Admin:Bootstrap", b.User.Trim());
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
