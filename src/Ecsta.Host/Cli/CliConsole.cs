namespace Ecsta.Host.Cli;

/// <summary>The streams a CLI invocation reads and writes (the process's console, or a test's buffers).</summary>
/// <param name="Out">Standard output.</param>
/// <param name="Error">Standard error.</param>
/// <param name="In">Standard input.</param>
/// <param name="IsTerminal">Whether standard output is an interactive terminal (not a file, pipe or a service's journal).</param>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In, bool IsTerminal = false);
