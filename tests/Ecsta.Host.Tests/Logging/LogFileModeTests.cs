using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Logging;

namespace Ecsta.Host.Tests.Logging;

/// <summary>Logs hold names and numbers: their folder and files are the host account's alone (issue 14, item 8).</summary>
public sealed class LogFileModeTests : IDisposable
{
    private const UnixFileMode GroupOrOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private readonly TempDirectory _temp = new();

    [Fact]
    public void The_host_log_and_a_protocol_trace_are_created_owner_only_and_an_existing_open_folder_is_closed()
    {
        if (OperatingSystem.IsWindows())
        {
            return; // Unix modes only; Windows ACLs are not set (docs/security.md)
        }

        var logs = _temp.File("logs");
        Directory.CreateDirectory(logs, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
        File.WriteAllText(Path.Combine(logs, "ecsta-20260101.log"), "old\n");
        File.SetUnixFileMode(Path.Combine(logs, "ecsta-20260101.log"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.OtherRead);

        using (var host = LogSetup.CreateHostLogger(logs, console: false))
        using (var trace = LogSetup.CreateProtocolTrace(logs, "office"))
        {
            host.Information("line {Number} rang", "+4930100");
            trace.Information("<CallReceivedEvent/>");
        }

        Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(logs) & GroupOrOther);
        var files = Directory.GetFiles(logs);
        Assert.Equal(3, files.Length);
        foreach (var file in files)
        {
            Assert.Equal(UnixFileMode.None, File.GetUnixFileMode(file) & GroupOrOther);
        }
    }

    public void Dispose() => _temp.Dispose();
}
