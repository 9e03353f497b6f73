using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Ecsta.Host.Cli;
using Ecsta.Host.Cli.Call;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Testing;
using Newtonsoft.Json.Linq;
using CliRunner = Ecsta.Host.Tests.TestSupport.Cli;

namespace Ecsta.Host.Tests.Hosting;

/// <summary>
/// `ecsta run` in-process with a real Kestrel listener: wss:// with the configured PEM pair (issued by a test-made CA
/// and checked by real clients against it), clear refusals of bad certificate files, and remote binds without TLS
/// refused unless explicitly allowed.
/// </summary>
public sealed partial class ListenerTlsTests : IDisposable
{
    private static readonly string Plugins = Path.Combine(AppContext.BaseDirectory, "fixture-plugins");
    private readonly TempDirectory _folder = new();
    private readonly X509Certificate2 _ca = TestCertificates.CreateCa("Ecsta Listener Test CA");

    private string ConfigPath => _folder.File("ecsta.json");

    [Fact]
    public async Task A_https_listener_serves_wss_with_the_configured_PEM_pair_to_a_client_that_checks_the_chain_against_the_test_CA()
    {
        WriteConfiguration(IssuedPem("localhost", "127.0.0.1"));
        await using var host = await StartAsync("--urls", "https://127.0.0.1:0");

        Assert.Equal("wss", host.Api.Scheme);
        await using var client = await TapiClient.ConnectAsync(host.Api, host.Token, CancellationToken.None,
            certificateValidation: (_, certificate, _, errors) => TestCertificates.ChainsTo(_ca, certificate, errors));
        var devices = await client.InvokeAsync<JArray>("lineGetDevices", null, CancellationToken.None);
        Assert.Empty(devices);
    }

    [Fact]
    public async Task A_client_that_trusts_another_CA_is_refused_by_the_wss_listener()
    {
        WriteConfiguration(IssuedPem("localhost", "127.0.0.1"));
        await using var host = await StartAsync("--urls", "https://127.0.0.1:0");
        using var other = TestCertificates.CreateCa("Some Other CA");

        var refused = await Assert.ThrowsAsync<TapiConnectException>(() => TapiClient.ConnectAsync(host.Api, host.Token, CancellationToken.None,
            certificateValidation: (_, certificate, _, errors) => TestCertificates.ChainsTo(other, certificate, errors)));
        Assert.Contains("SSL", refused.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Ecsta_call_reaches_an_https_listener_by_trusting_the_certificate_the_configuration_names()
    {
        // A wildcard listener is reached at 127.0.0.1, which this certificate does not name: the local file is the pin.
        WriteConfiguration(IssuedPem("ecsta.example.test"));
        await using var host = await StartAsync("--urls", "https://127.0.0.1:0");

        var status = await CliRunner.RunAsync(ConfigPath, null, "call", "--url", host.Api.ToString(), "status");

        Assert.True(status.ExitCode == 0, status.Error);
    }

    [Fact]
    public async Task Ecsta_call_refuses_an_https_listener_whose_certificate_is_neither_system_trusted_nor_the_configured_one()
    {
        WriteConfiguration(IssuedPem("localhost", "127.0.0.1"));
        await using var host = await StartAsync("--urls", "https://127.0.0.1:0");
        var otherFolder = Directory.CreateDirectory(_folder.File("other")).FullName;
        var otherConfig = Path.Combine(otherFolder, "ecsta.json");
        var otherPem = TestCertificates.WritePem(TestCertificates.IssueServer(_ca, "localhost", "127.0.0.1"), otherFolder);
        WriteConfiguration(otherPem, otherConfig);

        var status = await CliRunner.RunAsync(otherConfig, null, "call", "--url", host.Api.ToString(), "--token", host.Token, "status");

        Assert.Equal(ExitCodes.Failed, status.ExitCode);
        Assert.Contains("cannot reach the host", status.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_certificate_file_is_one_line_and_exit_1()
    {
        var (_, key) = IssuedPem("localhost");
        var missing = _folder.File("nowhere.pem");
        WriteConfiguration((missing, key));

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", "https://127.0.0.1:0");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal($"ecsta: cannot read the API listener's certificate: '{missing}' does not exist", run.Error.Trim());
    }

    [Fact]
    public async Task A_key_that_does_not_belong_to_the_certificate_is_one_line_and_exit_1()
    {
        var (certificate, _) = IssuedPem("localhost");
        var otherKey = TestCertificates.WritePem(TestCertificates.IssueServer(_ca, "localhost"), _folder.Path, "other").KeyPath;
        WriteConfiguration((certificate, otherKey));

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", "https://127.0.0.1:0");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        var line = Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"ecsta: cannot use the API listener's certificate '{certificate}' with the key '{otherKey}':", line, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_file_that_is_no_PEM_certificate_is_one_line_and_exit_1()
    {
        var (_, key) = IssuedPem("localhost");
        var garbage = _folder.File("garbage.pem");
        await File.WriteAllTextAsync(garbage, "not a certificate");
        WriteConfiguration((garbage, key));

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", "https://127.0.0.1:0");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"ecsta: cannot use the API listener's certificate '{garbage}'", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_https_listener_without_a_configured_certificate_is_one_line_and_exit_1()
    {
        WriteConfiguration(null);

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", "https://127.0.0.1:0");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Equal("ecsta: an https:// listener needs api.certificatePath and api.certificateKeyPath (PEM certificate and private key) in the configuration", run.Error.Trim());
    }

    [Theory]
    [InlineData("http://0.0.0.0:0")]
    [InlineData("http://*:0")]
    [InlineData("http://[::]:0")]
    public async Task A_listener_other_machines_can_reach_without_TLS_is_refused_without_the_explicit_flag(string url)
    {
        WriteConfiguration(null);

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", url);

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Contains("refusing to listen on http://", run.Error, StringComparison.Ordinal);
        Assert.Contains("--allow-insecure-remote", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listener_other_machines_can_reach_without_TLS_starts_with_a_warning_when_allow_insecure_remote_is_given()
    {
        WriteConfiguration(null);

        await using var host = await StartAsync("--urls", "http://0.0.0.0:0", "--allow-insecure-remote");

        Assert.Contains("WARNING:", host.Output, StringComparison.Ordinal);
        Assert.Contains("WITHOUT TLS", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_configuration_flag_allows_an_insecure_remote_listener_as_the_option_does()
    {
        WriteConfiguration(null, allowInsecureRemote: true);

        await using var host = await StartAsync("--urls", "http://0.0.0.0:0");

        Assert.Contains("WITHOUT TLS", host.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_malformed_allowed_host_or_origin_stops_the_start_with_one_line_naming_the_entry_and_exit_1()
    {
        WriteConfiguration(null);
        var file = JObject.Parse(File.ReadAllText(ConfigPath));
        file["api"]!["allowedHosts"] = new JArray("tapi.example.com", "*.example.com");
        file["api"]!["allowedOrigins"] = new JArray("https://crm.example.com/app");
        File.WriteAllText(ConfigPath, file.ToString());

        var run = await CliRunner.RunAsync(ConfigPath, null, "run", "--urls", "http://127.0.0.1:0");

        Assert.Equal(ExitCodes.Failed, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.Contains("api.allowedHosts[1]: '*.example.com' is a wildcard", run.Error, StringComparison.Ordinal);
        Assert.Contains("api.allowedOrigins[0]: 'https://crm.example.com/app' is not a browser origin", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_loopback_listener_without_TLS_starts_without_a_warning()
    {
        WriteConfiguration(null);

        await using var host = await StartAsync("--urls", "http://127.0.0.1:0");

        Assert.DoesNotContain("WARNING:", host.Output, StringComparison.Ordinal);
    }

    private (string CertificatePath, string KeyPath) IssuedPem(params string[] names)
    {
        using var server = TestCertificates.IssueServer(_ca, names);
        return TestCertificates.WritePem(server, _folder.Path);
    }

    private void WriteConfiguration((string CertificatePath, string KeyPath)? pem, string? path = null, bool allowInsecureRemote = false)
    {
        var api = new JObject { ["urls"] = "http://127.0.0.1:0" };
        if (pem is { } pair)
        {
            api["certificatePath"] = pair.CertificatePath;
            api["certificateKeyPath"] = pair.KeyPath;
        }

        if (allowInsecureRemote)
        {
            api["allowInsecureRemote"] = true;
        }

        File.WriteAllText(path ?? ConfigPath, new JObject { ["schemaVersion"] = 2, ["instances"] = new JArray(), ["api"] = api }.ToString());
    }

    private async Task<RunningCli> StartAsync(params string[] args)
    {
        var output = new StringWriter();
        var synchronized = TextWriter.Synchronized(output);
        var error = TextWriter.Synchronized(new StringWriter());
        var stop = new CancellationTokenSource();
        var run = Task.Run(() => CliApplication.RunAsync(["run", .. args, "--config", ConfigPath, "--plugins-dir", Plugins], new CliConsole(synchronized, error, new StringReader("")), stop.Token));
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            if (run.IsCompleted)
            {
                throw new InvalidOperationException($"ecsta run ended with {await run}: {error}");
            }

            var text = output.ToString();
            if (ApiLine().Match(text) is { Success: true } match && text.Contains("Press Ctrl+C", StringComparison.Ordinal))
            {
                var token = (await File.ReadAllTextAsync(_folder.File("api-token"), deadline.Token)).Trim();
                return new RunningCli(new Uri(match.Groups[1].Value), token, text, stop, run);
            }

            await Task.Delay(50, deadline.Token);
        }
    }

    [GeneratedRegex(@"Application API: (\S+)")]
    private static partial Regex ApiLine();

    public void Dispose()
    {
        _ca.Dispose();
        _folder.Dispose();
    }

    private sealed record RunningCli(Uri Api, string Token, string Output, CancellationTokenSource Stop, Task<int> Run) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await Stop.CancelAsync();
            await Run;
            Stop.Dispose();
        }
    }
}
