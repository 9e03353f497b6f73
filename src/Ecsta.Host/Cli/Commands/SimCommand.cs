using System.CommandLine;
using Ecsta.Simulator;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta sim --users N --xsi-port P --https-port P --cti-port P --ctis-port P`: the XSP simulator alone.</summary>
internal static class SimCommand
{
    public static Command Create(CliConsole console)
    {
        var users = new Option<int>("--users") { Description = "Number of users in the simulated group", DefaultValueFactory = _ => 5 };
        var xsi = new Option<int>("--xsi-port") { Description = "XSI over HTTP (0 = a free port, -1 = off)", DefaultValueFactory = _ => 0 };
        var https = new Option<int>("--https-port") { Description = "XSI over HTTPS (0 = a free port, -1 = off)", DefaultValueFactory = _ => 0 };
        var cti = new Option<int>("--cti-port") { Description = "CTI over TCP (0 = a free port, -1 = off)", DefaultValueFactory = _ => 0 };
        var ctis = new Option<int>("--ctis-port") { Description = "CTI over TLS (0 = a free port, -1 = off)", DefaultValueFactory = _ => 0 };
        var prefix = new Option<string>("--prefix") { Description = "URL prefix before the XSI context paths", DefaultValueFactory = _ => "" };
        var caOut = new Option<string?>("--ca-out") { Description = "Write the generated CA certificate (PEM) to this file, for clients to trust", HelpName = "FILE" };
        var command = new Command("sim", "Run the BroadWorks XSP simulator alone (Ctrl+C stops it)") { users, xsi, https, cti, ctis, prefix, caOut };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var count = parseResult.GetValue(users);
            if (count is < 1 or > 100_000)
            {
                throw new CliFailure("users: must be between 1 and 100000");
            }

            static int? Port(int value) => value < 0 ? null : value;
            var options = new SimulatorOptions
            {
                Users = count,
                XsiPort = Port(parseResult.GetValue(xsi)),
                XsiHttpsPort = Port(parseResult.GetValue(https)),
                CtiPort = Port(parseResult.GetValue(cti)),
                CtisPort = Port(parseResult.GetValue(ctis)),
                UrlPrefix = parseResult.GetValue(prefix) ?? "",
            };
            await using var simulator = await XspSimulator.StartAsync(options, cancellationToken).ConfigureAwait(false);
            simulator.PrintUsers(console.Out);
            if (parseResult.GetValue(caOut) is { } path)
            {
                await File.WriteAllTextAsync(path, simulator.Certificates.CaCertificate.ExportCertificatePem(), cancellationToken).ConfigureAwait(false);
                await console.Out.WriteLineAsync($"CA certificate written to {path}").ConfigureAwait(false);
            }

            await console.Out.WriteLineAsync("Simulator running; press Ctrl+C to stop.").ConfigureAwait(false);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
