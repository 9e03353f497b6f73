namespace Ecsta.Host.Cli;

/// <summary>The streams a CLI invocation reads and writes (the process's console, or a test's buffers).</summary>
internal sealed record CliConsole(TextWriter Out, TextWriter Error, TextReader In);
