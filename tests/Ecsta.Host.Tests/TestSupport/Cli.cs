using Ecsta.Host.Cli;

namespace Ecsta.Host.Tests.TestSupport;

/// <summary>Runs the `ecsta` command line in-process with captured output.</summary>
internal static class Cli
{
    public static async Task<CliResult> RunAsync(string configPath, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var plugins = Path.Combine(AppContext.BaseDirectory, "fixture-plugins");
        var code = await CliApplication.RunAsync([.. args, "--config", configPath, "--plugins-dir", plugins], new CliConsole(output, error, new StringReader(stdin ?? "")), CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }
}

internal sealed record CliResult(int ExitCode, string Output, string Error);
