namespace Ecsta.Host.Hosting;

/// <summary>How `ecsta run` was asked to start.</summary>
/// <param name="ConfigurationPath">The configuration file.</param>
/// <param name="PluginsDirectory">The plugin folder.</param>
/// <param name="Urls">Listener URLs overriding the configuration's, if given.</param>
/// <param name="Demo">Demo mode was asked for explicitly.</param>
/// <param name="DemoCalls">In demo mode, whether an external caller rings a demo line every 30 s.</param>
/// <param name="InteractiveConsole">Whether the banner goes to an interactive terminal: only there does it show the API token
/// itself; a service's journal (or any redirected output) gets where the token file is.</param>
/// <param name="AllowInsecureRemote">A listener other machines can reach may run without TLS (<c>--allow-insecure-remote</c>).</param>
/// <param name="DemoTransport">In demo mode, the demo instance's connection type: <c>http</c> (XSI, default) or <c>cti</c>.</param>
public sealed record EcstaHostOptions(string ConfigurationPath, string PluginsDirectory, string? Urls, bool Demo, bool DemoCalls = true, bool InteractiveConsole = false, bool AllowInsecureRemote = false,
    string DemoTransport = Ecsta.Abstractions.Transports.ConnectionTypes.Http);
