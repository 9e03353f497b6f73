namespace Ecsta.Host.Cli;

/// <summary>An operation failed for a reason the user can act on; the CLI prints the message and exits 1.</summary>
internal sealed class CliFailure : Exception
{
    public CliFailure(string message, int exitCode = ExitCodes.Failed) : base(message) => ExitCode = exitCode;

    public CliFailure() : this("the operation failed") { }

    public CliFailure(string message, Exception innerException) : base(message, innerException) => ExitCode = ExitCodes.Failed;

    public int ExitCode { get; }
}
