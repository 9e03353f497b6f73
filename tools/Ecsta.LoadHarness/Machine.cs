using System.Globalization;
using System.Runtime.InteropServices;

namespace Ecsta.LoadHarness;

/// <summary>The machine a run was measured on, and how busy it was when the run started.</summary>
internal static class Machine
{
    public static MachineInfo Describe() => new(
        Environment.ProcessorCount,
        RuntimeInformation.OSDescription,
        RuntimeInformation.FrameworkDescription,
        CpuModel(),
        LoadAverage(),
        DateTimeOffset.UtcNow.ToString("u", CultureInfo.InvariantCulture));

    private static string CpuModel()
    {
        try
        {
            return File.ReadLines("/proc/cpuinfo").FirstOrDefault(l => l.StartsWith("model name", StringComparison.Ordinal))?.Split(':', 2)[1].Trim() ?? "unknown";
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }

    private static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
        catch (UnauthorizedAccessException)
        {
            return "unknown";
        }
    }
}

/// <summary>Cores, OS, runtime, CPU model, load average (1, 5, 15 min) and time of the run.</summary>
internal sealed record MachineInfo(int Cores, string Os, string Runtime, string Cpu, string LoadAverage, string Utc);
