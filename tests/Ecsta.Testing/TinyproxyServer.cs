using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Ecsta.Testing;

/// <summary>
/// A real tinyproxy (/usr/bin/tinyproxy) in the foreground on a free loopback port, logging to a temp folder; started
/// again on another port when another process took the chosen one first.
/// </summary>
public sealed class TinyproxyServer : IAsyncDisposable
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

        for (var attempt = 1; ; attempt++)
        {
            var server = await StartAsync(binary, folder, FreePorts.Tcp());
            try
            {
                await server.WaitUntilListeningAsync();
                return server;
            }
            catch (PortTakenException) when (attempt < 5)
            {
                await server.DisposeAsync();
            }
        }
    }

    private static async Task<TinyproxyServer> StartAsync(string binary, string folder, int port)
    {
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
        return new TinyproxyServer(process, port, logFile);
    }

    private async Task WaitUntilListeningAsync()
    {
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (_process.HasExited)
            {
                // tinyproxy ends at once when it cannot listen: the port was taken after it was chosen.
                throw new PortTakenException($"tinyproxy exited with code {_process.ExitCode} (port {Port} taken?)");
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
