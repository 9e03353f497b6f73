using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>A real tinyproxy (/usr/bin/tinyproxy) in the foreground on a free loopback port, logging to a temp folder.</summary>
internal sealed class TinyproxyServer : IAsyncDisposable
{
    private readonly Process _process;

    private TinyproxyServer(Process process, int port, string logFile)
    {
        _process = process;
        Port = port;
        LogFile = logFile;
    }

    public int Port { get; }

    public string LogFile { get; }

    public string Address => $"http://127.0.0.1:{Port.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>What tinyproxy logged so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static async Task<TinyproxyServer> StartAsync(string folder)
    {
        const string binary = "/usr/bin/tinyproxy";
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException("tinyproxy is not installed; ./test.sh installs it (apt-get install tinyproxy)");
        }

        var port = FreeTcpPort();
        var logFile = Path.Combine(folder, "tinyproxy.log");
        var config = Path.Combine(folder, "tinyproxy.conf");
        await File.WriteAllTextAsync(config, string.Join('\n',
            "Port " + port.ToString(CultureInfo.InvariantCulture),
            "Listen 127.0.0.1",
            "Allow 127.0.0.1",
            $"LogFile \"{logFile}\"",
            "LogLevel Info",
            "MaxClients 50",
            "Timeout 600",
            ""));
        var info = new ProcessStartInfo(binary) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        info.ArgumentList.Add("-d");
        info.ArgumentList.Add("-c");
        info.ArgumentList.Add(config);
        var process = Process.Start(info) ?? throw new InvalidOperationException("tinyproxy did not start");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new TinyproxyServer(process, port, logFile);
        await server.WaitUntilListeningAsync();
        return server;
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"tinyproxy exited with code {_process.ExitCode}");
            }

            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(IPAddress.Loopback, Port);
                return;
            }
            catch (SocketException)
            {
                await Task.Delay(50);
            }
        }

        throw new TimeoutException("tinyproxy did not listen");
    }

    private static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
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
