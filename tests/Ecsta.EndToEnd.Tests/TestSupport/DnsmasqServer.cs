using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DnsClient;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>A real dnsmasq on a free loopback port, serving the SRV records a test gives it (copied from Ecsta.Host.Tests).</summary>
internal sealed class DnsmasqServer : IAsyncDisposable
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
    public static async Task<DnsmasqServer> StartAsync(string localDomain, params string[] srvHosts)
    {
        var binary = new[] { "/usr/sbin/dnsmasq", "/usr/bin/dnsmasq" }.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("dnsmasq is not installed; ./test.sh installs it (apt-get install dnsmasq)");
        var port = FreeUdpPort();
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

        var process = Process.Start(info) ?? throw new InvalidOperationException("dnsmasq did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new DnsmasqServer(process, port);
        await server.WaitUntilAnsweringAsync(localDomain);
        return server;
    }

    private async Task WaitUntilAnsweringAsync(string domain)
    {
        var client = new LookupClient(new LookupClientOptions(new IPEndPoint(IPAddress.Loopback, Port)) { Timeout = TimeSpan.FromMilliseconds(200), Retries = 0, UseCache = false });
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"dnsmasq exited with code {_process.ExitCode}");
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

    private static int FreeUdpPort()
    {
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        return ((IPEndPoint)socket.LocalEndPoint!).Port;
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
