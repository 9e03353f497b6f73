using Ecsta.Host.Hosting;
using Newtonsoft.Json.Linq;

namespace Ecsta.Dialog.Tests.TestSupport;

/// <summary>
/// The real host (EcstaHost.RunAsync, as `ecsta run`) with its real plugins, its configuration in a temporary folder
/// and its listener on a free loopback port (port 0). The dialog's address is the one the start banner prints.
/// </summary>
public sealed class DialogHost : IAsyncDisposable
{
    private static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);
    private readonly CancellationTokenSource _stop;
    private readonly Task<int> _run;

    private DialogHost(string folder, CancellationTokenSource stop, Task<int> run, Uri dialog, string apiToken, string adminToken, string banner)
    {
        Folder = folder;
        _stop = stop;
        _run = run;
        Dialog = dialog;
        ApiToken = apiToken;
        AdminToken = adminToken;
        Banner = banner;
    }

    /// <summary>The folder of the configuration file, the api-token and admin-token files, the key ring and the logs.</summary>
    public string Folder { get; }

    /// <summary>The configuration file.</summary>
    public string ConfigurationPath => Path.Combine(Folder, "ecsta.json");

    /// <summary>The dialog's page as the banner printed it (http://127.0.0.1:PORT/dialog/).</summary>
    public Uri Dialog { get; }

    /// <summary>The applications' API token from the api-token file (the dialog refuses it).</summary>
    public string ApiToken { get; }

    /// <summary>The administrator token from the admin-token file: the dialog's login.</summary>
    public string AdminToken { get; }

    /// <summary>The listener's address (http://127.0.0.1:PORT/).</summary>
    public Uri Listener => new(Dialog, "/");

    /// <summary>What the host printed at start.</summary>
    public string Banner { get; }

    /// <summary>
    /// Starts the host. With <paramref name="demo"/> there is no configuration file (demo mode); otherwise an empty
    /// configuration file is written first.
    /// </summary>
    /// <param name="demo">Start without a configuration file (demo mode).</param>
    /// <param name="interactive">Whether the banner goes to an interactive terminal.</param>
    /// <param name="api">The configuration's <c>api</c> object as JSON (allowedHosts, allowedOrigins), if any.</param>
    public static async Task<DialogHost> StartAsync(bool demo = false, bool interactive = false, string? api = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "ecsta-dialog-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var configuration = Path.Combine(folder, "ecsta.json");
        if (!demo)
        {
            await File.WriteAllTextAsync(configuration, "{ \"schemaVersion\": 2, \"instances\": []" + (api is null ? "" : ", \"api\": " + api) + " }\n");
        }

        var console = new BannerWriter();
        var options = new EcstaHostOptions(configuration, Path.Combine(AppContext.BaseDirectory, "plugins"), "http://127.0.0.1:0", Demo: false, DemoCalls: false, InteractiveConsole: interactive);
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => EcstaHost.RunAsync(options, console, stop.Token));
        try
        {
            var ready = await Task.WhenAny(console.DialogLine, run, Task.Delay(StartWait));
            if (ready != console.DialogLine)
            {
                throw new InvalidOperationException(run.IsCompleted
                    ? $"the host stopped before printing the dialog's address: {(run.IsFaulted ? run.Exception!.GetBaseException().Message : $"exit code {run.Result}")}"
                    : $"the host printed no dialog address within {StartWait.TotalSeconds} s; it printed:\n{console.Text}");
            }

            var line = await console.DialogLine;
            var address = line["Dialog:".Length..].Trim().Split(' ')[0];
            var apiToken = (await File.ReadAllTextAsync(Path.Combine(folder, "api-token"))).Trim();
            var adminToken = (await File.ReadAllTextAsync(Path.Combine(folder, "admin-token"))).Trim();
            return new DialogHost(folder, stop, run, new Uri(address), apiToken, adminToken, console.Text);
        }
        catch
        {
            await StopAsync(stop, run, folder);
            throw;
        }
    }

    /// <summary>The configuration file as JSON.</summary>
    public JObject ReadConfiguration() => JObject.Parse(File.ReadAllText(ConfigurationPath));

    /// <summary>The instance named <paramref name="name"/> in the file, or null.</summary>
    public JObject? InstanceInFile(string name) =>
        ReadConfiguration()["instances"]!.Children<JObject>().FirstOrDefault(i => (string?)i["name"] == name);

    /// <summary>Everything the host logged to its log files so far.</summary>
    public string ReadLogs()
    {
        var logs = Path.Combine(Folder, "logs");
        if (!Directory.Exists(logs))
        {
            return "";
        }

        return string.Concat(Directory.GetFiles(logs, "ecsta-*.log").Select(file =>
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }));
    }

    public async ValueTask DisposeAsync() => await StopAsync(_stop, _run, Folder);

    private static async Task StopAsync(CancellationTokenSource stop, Task<int> run, string folder)
    {
        await stop.CancelAsync();
        try
        {
            await run;
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            stop.Dispose();
            try
            {
                Directory.Delete(folder, recursive: true);
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
