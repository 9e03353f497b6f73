namespace Ecsta.Host.Cli;

/// <summary>The CLI's exit codes (docs/command-line.md: a stable contract).</summary>
internal static class ExitCodes
{
    public const int Success = 0;
    public const int Failed = 1;
    public const int Usage = 2;
}
