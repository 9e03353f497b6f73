using Serilog;
using Serilog.Events;

namespace Ecsta.Tsp.Logging;

/// <summary>
/// Serilog for the host: console plus a rolling file under <c>logs/</c> beside the configuration, and one protocol
/// trace file per instance (<c>logs/protocol-&lt;instance&gt;-.log</c>).
/// </summary>
public static class LogSetup
{
    private const string Template = "{Timestamp:yyyy-MM-dd HH:mm:ss.fff} [{Level:u3}] {SourceContext}{Instance} {Message:lj}{NewLine}{Exception}";

    public static string LogDirectory(string configurationFile) =>
        Path.Combine(Path.GetDirectoryName(configurationFile)!, "logs");

    public static Serilog.Core.Logger CreateHostLogger(string logDirectory, bool console, LogEventLevel consoleLevel = LogEventLevel.Information)
    {
        OwnerOnlyLogFiles.PrepareDirectory(logDirectory);
        var configuration = new LoggerConfiguration()
            .MinimumLevel.Debug()
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.File(
                Path.Combine(logDirectory, "ecsta-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 14,
                fileSizeLimitBytes: 50L * 1024 * 1024,
                rollOnFileSizeLimit: true,
                outputTemplate: Template,
                hooks: OwnerOnlyLogFiles.Instance);
        if (console)
        {
            configuration = configuration.WriteTo.Console(consoleLevel, outputTemplate: "[{Level:u3}] {Message:lj}{NewLine}{Exception}", formatProvider: System.Globalization.CultureInfo.InvariantCulture);
        }

        return configuration.CreateLogger();
    }

    /// <summary>A protocol trace for one instance: every document sent and received (passwords masked by the transports).</summary>
    public static Serilog.Core.Logger CreateProtocolTrace(string logDirectory, string instanceName)
    {
        OwnerOnlyLogFiles.PrepareDirectory(logDirectory);
        return new LoggerConfiguration()
            .MinimumLevel.Verbose()
            .WriteTo.File(
                Path.Combine(logDirectory, $"protocol-{instanceName}-.log"),
                rollingInterval: RollingInterval.Day,
                retainedFileCountLimit: 7,
                fileSizeLimitBytes: 100L * 1024 * 1024,
                rollOnFileSizeLimit: true,
                outputTemplate: "{Timestamp:HH:mm:ss.fff} {Message:lj}{NewLine}",
                hooks: OwnerOnlyLogFiles.Instance)
            .CreateLogger();
    }
}
