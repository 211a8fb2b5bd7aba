using System.Text;
using KpiSync.Admin;

namespace KpiSync.Cli;

/// <summary>Reads a password: one line from stdin when it is redirected (or with --password-stdin), otherwise typed on
/// the terminal without echo, twice. Never echoed, never logged.</summary>
internal static class PasswordInput
{
    public static string Read(bool fromStdin, bool confirm)
    {
        string? password;
        if (fromStdin || Console.IsInputRedirected)
        {
            password = Console.In.ReadLine();
        }
        else
        {
            password = Prompt("Password: ");
            if (confirm && Prompt("Again: ") != password)
            {
                throw new CliUsageException("the passwords differ");
            }
        }

        if (string.IsNullOrEmpty(password))
        {
            throw new CliUsageException("no password on stdin (give it as one line, e.g. with --password-stdin)");
        }

        return password.Length < AdminPasswords.MinLength
            ? throw new CliUsageException($"the password must have at least {AdminPasswords.MinLength} characters")
            : password;
    }

    private static string Prompt(string label)
    {
        Console.Error.Write(label);
        var text = new StringBuilder();
        for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
        {
            if (key.Key == ConsoleKey.Backspace)
            {
                text.Length = Math.Max(0, text.Length - 1);
            }
            else if (!char.IsControl(key.KeyChar))
            {
                text.Append(key.KeyChar);
            }
        }

        Console.Error.WriteLine();
        return text.ToString();
    }
}
