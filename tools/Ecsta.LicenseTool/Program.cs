namespace Ecsta.LicenseTool;

internal static class Program
{
    public static int Main(string[] args) => LicenseTool.Run(args, Console.Out, Console.Error, TimeProvider.System);
}
