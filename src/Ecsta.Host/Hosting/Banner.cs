using Ecsta.Host.Api;
using Ecsta.Host.Dialog;
using Ecsta.Tsp.Plugins;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Hosting;

/// <summary>What `ecsta run` prints once the host is up: lines, API and dialog addresses, and in demo mode how to try it.</summary>
internal static class Banner
{
    public static void Write(TextWriter console, ICollection<string> urls, TelephonyRuntime runtime, DemoMode? demo, PluginCatalog catalog, string configurationPath, ApiAccess access, ApiAccess admin, bool interactive, IReadOnlyList<string> warnings)
    {
        var url = urls.FirstOrDefault() ?? "(none)";
        console.WriteLine();
        console.WriteLine(demo is null ? $"Ecsta is running (configuration {configurationPath})." : "Ecsta is running in DEMO mode (no configuration file): an embedded BroadWorks simulator with five lines.");
        foreach (var provider in runtime.Providers)
        {
            foreach (var deviceId in provider.DeviceIds)
            {
                if (provider.GetDevCaps(deviceId) is { } caps)
                {
                    console.WriteLine($"  line {deviceId,3}  {caps.LineName}  [{provider.InstanceName}]");
                }
            }
        }

        var ws = url.Replace("http://", "ws://", StringComparison.Ordinal).Replace("https://", "wss://", StringComparison.Ordinal).TrimEnd('/') + "/tapi";
        console.WriteLine($"Application API: {ws}");
        // The token opens every line: shown on an interactive terminal only, never written into a journal or a log file.
        console.WriteLine(interactive
            ? $"API token:       {access.Token}  (also in {access.TokenFile}; `ecsta call` reads it from there)"
            : $"API token:       in {access.TokenFile} (readable by this account only; `ecsta call` reads it from there)");
        console.WriteLine(interactive
            ? $"Admin token:     {admin.Token}  (also in {admin.TokenFile}; only the dialog takes it)"
            : $"Admin token:     in {admin.TokenFile} (readable by this account only; only the dialog takes it)");
        console.WriteLine($"Dialog:          {url.TrimEnd('/')}{DialogEndpoints.PagePath}  (log in with the admin token)");
        foreach (var warning in warnings)
        {
            console.WriteLine($"WARNING:         {warning}");
        }

        console.WriteLine($"Plugins: {string.Join(", ", catalog.Plugins.Select(p => p.Name))}");
        if (demo is not null)
        {
            console.WriteLine("Try, in a second terminal:");
            console.WriteLine("  dotnet run --project src/Ecsta.Host -- call watch");
            console.WriteLine($"  dotnet run --project src/Ecsta.Host -- call dial --line 0 +4930123456");
        }

        console.WriteLine("Press Ctrl+C to stop.");
    }
}
