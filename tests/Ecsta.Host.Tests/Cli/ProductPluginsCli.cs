using Ecsta.Host.Cli;
using Ecsta.Host.Tests.TestSupport;

namespace Ecsta.Host.Tests.Cli;

/// <summary>
/// Runs the `ecsta` command line in-process with the product's real plugins (the XSI and CTI transports), which the
/// host's build copies into its own output's plugins/ folder. This test project's fixture-plugins/ holds fake
/// transports for http/https, so the real ones are taken from the host's output beside this project's output.
/// </summary>
internal static class ProductPluginsCli
{
    private static readonly Lazy<string> Folder = new(Locate);

    /// <summary>The host's plugins/ folder of the same configuration and framework as this test build.</summary>
    public static string PluginsDirectory => Folder.Value;

    public static async Task<CliResult> RunAsync(string configPath, string? stdin, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await CliApplication.RunAsync([.. args, "--config", configPath, "--plugins-dir", PluginsDirectory], new CliConsole(output, error, new StringReader(stdin ?? "")), CancellationToken.None);
        return new CliResult(code, output.ToString(), error.ToString());
    }

    private static string Locate()
    {
        var baseDirectory = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = baseDirectory.Name;
        var configuration = baseDirectory.Parent!.Name;
        var candidates = new List<string>
        {
            // ECSTA_ARTIFACTS layout: <artifacts>/bin/<project>/<configuration>/<framework>/
            Path.Combine(baseDirectory.FullName, "..", "..", "..", "Ecsta.Host", configuration, framework, "plugins"),
        };
        for (var d = baseDirectory; d is not null; d = d.Parent)
        {
            if (File.Exists(Path.Combine(d.FullName, "Ecsta.sln")))
            {
                // In-tree layout: src/Ecsta.Host/bin/<configuration>/<framework>/
                candidates.Add(Path.Combine(d.FullName, "src", "Ecsta.Host", "bin", configuration, framework, "plugins"));
                break;
            }
        }

        return candidates.Select(Path.GetFullPath).FirstOrDefault(c => File.Exists(Path.Combine(c, "Transport.Xsi", "Transport.Xsi.dll")) && File.Exists(Path.Combine(c, "Transport.Cti", "Transport.Cti.dll")))
            ?? throw new InvalidOperationException($"The host's plugins folder with Transport.Xsi and Transport.Cti was not found; looked in: {string.Join(", ", candidates.Select(Path.GetFullPath))}");
    }
}
