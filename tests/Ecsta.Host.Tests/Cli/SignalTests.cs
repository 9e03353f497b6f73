using System.Diagnostics;

namespace Ecsta.Host.Tests.Cli;

/// <summary>The `ecsta` process stops cleanly when a service manager sends SIGTERM (not killed mid-way).</summary>
public sealed class SignalTests
{
    [Fact]
    public async Task Ecsta_sim_stops_on_SIGTERM_with_exit_code_0()
    {
        if (!OperatingSystem.IsLinux() && !OperatingSystem.IsMacOS())
        {
            throw new PlatformNotSupportedException("POSIX signals are tested on Linux and macOS");
        }

        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in new[] { Path.Combine(AppContext.BaseDirectory, "ecsta.dll"), "sim", "--users", "1", "--https-port", "-1", "--cti-port", "-1", "--ctis-port", "-1" })
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info)!;
        using var ready = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        string? line;
        while ((line = await process.StandardOutput.ReadLineAsync(ready.Token)) is not null && !line.Contains("Simulator running", StringComparison.Ordinal))
        {
        }

        Assert.NotNull(line);
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync(ready.Token);
        }

        using var stopped = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await process.WaitForExitAsync(stopped.Token);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }

        Assert.Equal(0, process.ExitCode);
    }
}
