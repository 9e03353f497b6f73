using System.Diagnostics;
using System.Net;
using DnsClient;

namespace Ecsta.Testing;

/// <summary>
/// A real dnsmasq on a free loopback port, serving the SRV and host (A/AAAA) records a test gives it. A port another
/// process takes between choosing and binding (test projects run in parallel) makes dnsmasq exit with code 2: it is
/// started again on another port.
/// </summary>
public sealed class DnsmasqServer : IAsyncDisposable
{
    private readonly Process _process;

    private DnsmasqServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    public string NameServer => $"127.0.0.1:{Port}";

    /// <param name="localDomain">Domain dnsmasq answers for with authority (unknown names get NXDOMAIN).</param>
    /// <param name="srvHosts">dnsmasq <c>--srv-host</c> values, e.g. <c>_ecsta._tls.example.test,web1.example.test,443,20,20</c>.</param>
    public static Task<DnsmasqServer> StartAsync(string localDomain, params string[] srvHosts) =>
        StartAsync(localDomain, srvHosts, []);

    /// <param name="localDomain">Domain dnsmasq answers for with authority (unknown names get NXDOMAIN).</param>
    /// <param name="srvHosts">dnsmasq <c>--srv-host</c> values, e.g. <c>_ecsta._tls.example.test,web1.example.test,443,20,20</c>.</param>
    /// <param name="hostRecords">dnsmasq <c>--host-record</c> values (A and AAAA records), e.g. <c>web1.example.test,127.0.0.1</c>.</param>
    public static async Task<DnsmasqServer> StartAsync(string localDomain, IReadOnlyList<string> srvHosts, IReadOnlyList<string> hostRecords)
    {
        var binary = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dnsmasq is not installed; ./test.sh installs it (apt-get install dnsmasq)");
        for (var attempt = 1; ; attempt++)
        {
            var server = Start(binary, FreePorts.TcpAndUdp(), localDomain, srvHosts, hostRecords);
            try
            {
                await server.WaitUntilAnsweringAsync(localDomain);
                return server;
            }
            catch (PortTakenException) when (attempt < 5)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static DnsmasqServer Start(string binary, int port, string localDomain, IReadOnlyList<string> srvHosts, IReadOnlyList<string> hostRecords)
    {
        var info = new ProcessStartInfo(binary)
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            "--keep-in-foreground", "--conf-file=/dev/null", $"--port={port}", "--listen-address=127.0.0.1", "--bind-interfaces",
            "--no-resolv", "--no-hosts", "--pid-file=", "--user=root", "--log-facility=-", $"--local=/{localDomain}/",
        })
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var srv in srvHosts)
        {
            info.ArgumentList.Add($"--srv-host={srv}");
        }

        foreach (var record in hostRecords)
        {
            info.ArgumentList.Add($"--host-record={record}");
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dnsmasq did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new DnsmasqServer(process, port);
    }

    private async Task WaitUntilAnsweringAsync(string domain)
    {
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port)) { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, UseCache = false });
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                // dnsmasq's exit code 2 is a network error: the port was taken after it was chosen.
                throw _process.ExitCode == 2
                    ? new PortTakenException($"dnsmasq could not listen on port {Port}")
                    : new InvalidOperationException($"dnsmasq exited with code {_process.ExitCode}");
            }

            try
            {
                await client.QueryAsync("probe." + domain, QueryType.A);
                return;
            }
            catch (DnsResponseException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("dnsmasq did not answer");
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
