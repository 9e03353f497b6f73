using Ecsta.Host.Cli;

namespace Ecsta.Host;

internal static class Program
{
    public static Task<int> Main(string[] args) =>
        CliApplication.RunAsync(args, new CliConsole(Console.Out, Console.Error, Console.In), CancellationToken.None);
}
