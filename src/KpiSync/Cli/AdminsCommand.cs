using System.CommandLine;
using System.Globalization;
using KpiSync.Admin;
using KpiSync.Hosting;
using KpiSync.Storage;

namespace KpiSync.Cli;

/// <summary><c>admins add|list|remove|hash</c>: dashboard accounts. Passwords are read from stdin (typed without echo on a
/// terminal), hashed with ASP.NET Core Identity's hasher, and never printed or logged.</summary>
internal static class AdminsCommand
{
    public static Command Build() => new("admins", "Dashboard admin accounts") { Add(), List(), Remove(), Hash() };

    private static Command Add()
    {
        var user = new Option<string>("--user") { Description = "User name (case-insensitive)", Required = true };
        var stdin = PasswordStdin();
        var replace = new Option<bool>("--replace") { Description = "Set a new password when the account exists (its sessions end)" };
        var command = new Command("add", "Create an admin account; the password is read from stdin") { user, stdin, replace };
        command.SetAction(async (parse, ct) =>
        {
            var name = parse.GetValue(user)!.Trim();
            string? password = null;
            if (CliRunner.Check(parse, () =>
                {
                    if (name.Length is 0 or > 64 || name.Any(char.IsWhiteSpace))
                    {
                        throw new CliUsageException("--user must be 1 to 64 characters without spaces");
                    }

                    password = PasswordInput.Read(parse.GetValue(stdin), confirm: true);
                }) is { } failed)
            {
                return failed;
            }

            var hash = AdminPasswords.Hash(password!);
            return await CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
            {
                if (!await session.Services.GetRequiredService<AdminStore>().AddAsync(name, hash, parse.GetValue(replace), token))
                {
                    throw new CliUsageException($"An admin named '{name}' exists; use --replace to set a new password.");
                }

                await output.WriteLineAsync($"Admin '{name}' saved.");
                return 0;
            }, ct);
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List admin accounts");
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var admins = await session.Services.GetRequiredService<AdminStore>().ListAsync(token);
            await output.WriteLineAsync($"{"USER",-24} {"CREATED",-20} {"PASSWORD SET",-20} LAST SIGN-IN");
            foreach (var a in admins)
            {
                await output.WriteLineAsync($"{a.UserName,-24} {Time(a.CreatedAt),-20} {Time(a.PasswordSetAt),-20} {(a.LastSignInAt is { } s ? Time(s) : "never")}");
            }

            await output.WriteLineAsync(admins.Count == 1 ? "1 admin." : $"{admins.Count} admins.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Remove()
    {
        var user = new Option<string>("--user") { Description = "User name", Required = true };
        var command = new Command("remove", "Delete an admin account; its sessions end at their next request") { user };
        command.SetAction((parse, ct) => CliRunner.RunAsync(parse, HostMode.Cli, null, async (session, output, token) =>
        {
            var name = parse.GetValue(user)!.Trim();
            var store = session.Services.GetRequiredService<AdminStore>();
            if (!await store.RemoveAsync(name, token))
            {
                var names = (await store.ListAsync(token)).Select(a => a.UserName).ToList();
                throw new CliUsageException(names.Count == 0 ? $"no admin named '{name}': there are no admins"
                    : CliSuggestions.WithHint($"no admin named '{name}'", name, names, $"admins: {CliSuggestions.Quoted(names)}"));
            }

            await output.WriteLineAsync($"Admin '{name}' removed.");
            return 0;
        }, ct));
        return command;
    }

    private static Command Hash()
    {
        var stdin = PasswordStdin();
        var command = new Command("hash", "Print the hash of a password read from stdin, for Admin:Bootstrap:PasswordHash") { stdin };
        command.SetAction(async (parse, ct) =>
        {
            string? password = null;
            if (CliRunner.Check(parse, () => password = PasswordInput.Read(parse.GetValue(stdin), confirm: true)) is { } failed)
            {
                return failed;
            }

            await parse.InvocationConfiguration.Output.WriteLineAsync(AdminPasswords.Hash(password!).AsMemory(), ct);
            return 0;
        });
        return command;
    }

    private static Option<bool> PasswordStdin() => new("--password-stdin")
    {
        Description = "Read the password as one line from stdin, without a prompt (for scripts)",
    };

    private static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
}
