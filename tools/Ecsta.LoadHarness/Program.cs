using System.CommandLine;
using System.Text.Json;

namespace Ecsta.LoadHarness;

/// <summary>
/// <c>ecsta-load</c>: measures the design's scale, speed and resilience targets (docs/performance.md) on loopback and prints target vs
/// measured with PASS/MISS. Exit codes: 0 the run completed (whatever the verdicts), 1 it could not run, 2 bad usage.
/// </summary>
internal static class Program
{
    public static async Task<int> Main(string[] args)
    {
        var lines = new Option<int>("--lines") { Description = "Lines of the one server-mode instance (= simulator users)", DefaultValueFactory = _ => 20_000 };
        var transport = new Option<string>("--transport") { Description = "Connection type of the instance", DefaultValueFactory = _ => "cti" };
        transport.AcceptOnlyFromAmong("cti", "http");
        var rate = new Option<int>("--rate") { Description = "Target call events per second (received, answered, released)", DefaultValueFactory = _ => 2_000 };
        var seconds = new Option<int>("--seconds") { Description = "Seconds of driven calls (0 = none)", DefaultValueFactory = _ => 30 };
        var noFault = new Option<bool>("--no-fault") { Description = "Skip the link fault and recovery measurement" };
        var log = new Option<string?>("--log") { Description = "Write the host's and simulator's log (Information) to this file", HelpName = "PATH" };
        var holdIdle = new Option<int>("--hold-idle") { Description = "Stay idle this many seconds after start-up (attach dotnet-gcdump/dotnet-trace to the printed process id)", HelpName = "SECONDS" };
        var json = new Option<bool>("--json") { Description = "Print machine-readable JSON" };
        var root = new RootCommand("ecsta-load: the Ecsta load harness (simulator + host runtime on loopback; the design targets of docs/performance.md)")
        {
            lines, transport, rate, seconds, noFault, holdIdle, log, json,
        };
        AtLeast(lines, 1, "--lines must be at least 1");
        AtLeast(rate, 3, "--rate must be at least 3 (one call cycle is three call events)");
        AtLeast(seconds, 0, "--seconds must not be negative");
        root.SetAction(async (parse, cancellationToken) =>
        {
            var options = new HarnessOptions
            {
                Lines = parse.GetValue(lines),
                Transport = parse.GetValue(transport)!,
                Rate = parse.GetValue(rate),
                Seconds = parse.GetValue(seconds),
                Fault = !parse.GetValue(noFault),
                LogPath = parse.GetValue(log),
                HoldIdleSeconds = Math.Max(0, parse.GetValue(holdIdle)),
            };
            var asJson = parse.GetValue(json);
            try
            {
                var result = await new LoadRun(options, asJson ? Console.Error : Console.Out).RunAsync(cancellationToken).ConfigureAwait(false);
                if (asJson)
                {
                    var document = new { result, targets = TargetTable.Judge(result) };
                    await Console.Out.WriteLineAsync(JsonSerializer.Serialize(document, JsonOptions)).ConfigureAwait(false);
                }
                else
                {
                    TargetTable.Print(result, Console.Out);
                }

                return 0;
            }
            catch (Exception ex) when (ex is InvalidOperationException or IOException or System.Net.Sockets.SocketException)
            {
                await Console.Error.WriteLineAsync("ecsta-load: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                await Console.Error.WriteLineAsync("ecsta-load: " + error.Message).ConfigureAwait(false);
            }

            return 2;
        }

        return await parsed.InvokeAsync().ConfigureAwait(false);
    }

    private static void AtLeast(Option<int> option, int minimum, string message) =>
        option.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < minimum)
            {
                result.AddError(message);
            }
        });

    private static readonly JsonSerializerOptions JsonOptions = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.CamelCase };
}
