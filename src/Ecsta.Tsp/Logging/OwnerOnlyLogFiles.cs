using System.Text;
using Ecsta.Tsp.Configuration;
using Serilog.Sinks.File;

namespace Ecsta.Tsp.Logging;

/// <summary>
/// Log files hold names and numbers (protocol traces every document): each file the sink opens, and its folder, is
/// readable by the host's account only, like the rest of the state beside the configuration.
/// </summary>
internal sealed class OwnerOnlyLogFiles : FileLifecycleHooks
{
    public static readonly OwnerOnlyLogFiles Instance = new();

    /// <summary>Creates the log folder owner-only, and makes an existing one (and its files) owner-only.</summary>
    public static void PrepareDirectory(string logDirectory)
    {
        OwnerOnly.CreateDirectory(logDirectory);
        OwnerOnly.RestrictDirectoryTree(logDirectory);
    }

    public override Stream OnFileOpened(string path, Stream underlyingStream, Encoding encoding)
    {
        OwnerOnly.RestrictFile(path);
        return underlyingStream;
    }
}
