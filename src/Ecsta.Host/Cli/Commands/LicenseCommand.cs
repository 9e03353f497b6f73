using System.CommandLine;
using Ecsta.Abstractions.Licensing;
using Ecsta.Tsp.Configuration;
using Serilog;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta license status|add CODE`: the license state shared by all instances.</summary>
internal static class LicenseCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("license", "Show the license state or add a license code");
        command.Subcommands.Add(Status(console));
        command.Subcommands.Add(Add(console));
        return command;
    }

    internal static ILicensePool OpenPool(CliContext context, EcstaConfiguration configuration)
    {
        var provider = context.Catalog.Licensing ?? throw new CliFailure("no licensing plugin is loaded (see `ecsta plugins`)");
        return provider.Open(new LicensingContext(
            ConfigurationPaths.StateDirectory(context.ConfigurationPath),
            TimeProvider.System,
            new LoggerConfiguration().CreateLogger(),
            configuration.Licensing.TrustedPublicKeys));
    }

    private static Command Status(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("status", "Mode (trial, licensed, expired), days left, seats, codes") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var pool = OpenPool(context, context.Store.LoadOrEmpty());
            try
            {
                var status = pool.GetStatus();
                if (context.Value(json))
                {
                    CliOutput.WriteJson(context.Out, ToJson(status));
                }
                else
                {
                    Write(context.Out, status);
                }
            }
            finally
            {
                (pool as IDisposable)?.Dispose();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Add(CliConsole console)
    {
        var code = new Argument<string>("CODE") { Description = "The license code (ECSTA1-…)" };
        var json = GlobalOptions.Json();
        var command = new Command("add", "Add a license code") { code, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var pool = OpenPool(context, context.Store.LoadOrEmpty());
            try
            {
                var result = pool.AddCode(context.Value(code));
                if (context.Value(json))
                {
                    CliOutput.WriteJson(context.Out, new { accepted = result.Accepted, reason = result.Reason, code = result.Code, status = ToJson(pool.GetStatus()) });
                }
                else if (result.Accepted)
                {
                    context.Out.WriteLine(result.Reason ?? $"code {result.Code?.Id} added: {result.Code?.Lines} lines for {result.Code?.Licensee}");
                    Write(context.Out, pool.GetStatus());
                }

                if (!result.Accepted)
                {
                    throw new CliFailure($"license code refused: {result.Reason}");
                }
            }
            finally
            {
                (pool as IDisposable)?.Dispose();
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static object ToJson(LicenseStatus s) => new
    {
        mode = s.Mode.ToString().ToLowerInvariant(),
        daysLeft = s.TrialDaysLeft,
        seatsTotal = s.SeatsTotal,
        seatsInUse = s.SeatsInUse,
        reason = s.Reason,
        codes = s.Codes,
    };

    private static void Write(TextWriter w, LicenseStatus s)
    {
        w.WriteLine($"mode:       {s.Mode.ToString().ToLowerInvariant()}");
        if (s.Mode == LicenseMode.Trial)
        {
            w.WriteLine($"days left:  {s.TrialDaysLeft}");
        }

        w.WriteLine($"seats:      {s.SeatsInUse} in use of {s.SeatsTotal}");
        if (s.Reason is not null)
        {
            w.WriteLine($"reason:     {s.Reason}");
        }

        foreach (var c in s.Codes)
        {
            w.WriteLine($"code {c.Id}: {c.Lines} lines for {c.Licensee}, issued {c.IssuedOn:yyyy-MM-dd}{(c.ExpiresOn is { } e ? $", expires {e:yyyy-MM-dd}" : "")}{(c.IsValid ? "" : " (not valid)")}");
        }
    }
}
