using System.Runtime.InteropServices;
using Ecsta.Host.Cli;

namespace Ecsta.Host;

internal static class Program
{
    /// <summary>
    /// Runs the CLI; SIGTERM (a service manager's stop), SIGINT (Ctrl+C) and SIGQUIT cancel the running verb so it
    /// stops cleanly (the host closes its lines and links, the simulator its sockets) instead of being killed.
    /// </summary>
    public static async Task<int> Main(string[] args)
    {
        using var stop = new CancellationTokenSource();
        void Stop(PosixSignalContext context)
        {
            context.Cancel = true;
            stop.Cancel();
        }

        using var term = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
        using var quit = PosixSignalRegistration.Create(PosixSignal.SIGQUIT, Stop);
        return await CliApplication.RunAsync(args, new CliConsole(Console.Out, Console.Error, Console.In, IsTerminal: !Console.IsOutputRedirected), stop.Token).ConfigureAwait(false);
    }
}
