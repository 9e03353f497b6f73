using Ecsta.Host.Runtime;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>Maps the application API onto the host's listener.</summary>
internal static class HostApi
{
    public static void Map(WebApplication app, TelephonyRuntime runtime, string stateDirectory, ILogger log)
    {
        _ = app;
        _ = runtime;
        _ = stateDirectory;
        log.Warning("The application API is not available in this build");
    }
}
