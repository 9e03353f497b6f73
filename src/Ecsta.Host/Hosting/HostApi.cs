using Ecsta.Host.Api;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;
using Serilog;

namespace Ecsta.Host.Hosting;

/// <summary>
/// Maps the application API onto the host's listener, with the application token kept beside the configuration, and
/// loads (or creates) the administrator token beside it: two principals, two credentials.
/// </summary>
internal static class HostApi
{
    public static (TapiApiHub Hub, ApiAccess Access, ApiAccess Admin) Map(WebApplication app, TelephonyRuntime runtime, string stateDirectory, ILogger log)
    {
        var access = ApiAccess.LoadOrCreate(stateDirectory);
        if (access.Created)
        {
            log.Information("Created the application API token in {File}", access.TokenFile);
        }

        var admin = LoadAdmin(stateDirectory, access);
        if (admin.Created)
        {
            log.Information("Created the administrator token in {File}", admin.TokenFile);
        }

        return (app.MapTapiApi(runtime, access, log), access, admin);
    }

    /// <summary>
    /// The administrator token from <c>admin-token</c>. A file that holds the application token (copied by hand) would
    /// make the two principals one again: the host refuses to start with it rather than accept it.
    /// </summary>
    public static ApiAccess LoadAdmin(string stateDirectory, ApiAccess applications)
    {
        var admin = ApiAccess.LoadOrCreate(stateDirectory, ApiAccess.AdminTokenFileName);
        if (applications.Matches(admin.Token))
        {
            throw new ConfigurationException(
                $"{admin.TokenFile} holds the application API token: the administrator needs a credential of its own; delete the file and the host makes a new one");
        }

        return admin;
    }
}
