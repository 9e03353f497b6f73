using Ecsta.Host.Api;
using Ecsta.Host.Runtime;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>Maps the application API onto the host's listener, with the token kept beside the configuration.</summary>
internal static class HostApi
{
    public static (TapiApiHub Hub, ApiAccess Access) Map(WebApplication app, TelephonyRuntime runtime, string stateDirectory, ILogger log)
    {
        var access = ApiAccess.LoadOrCreate(stateDirectory);
        if (access.Created)
        {
            log.Information("Created the application API token in {File}", access.TokenFile);
        }

        return (app.MapTapiApi(runtime, access, log), access);
    }
}
