namespace Ecsta.BroadWorks.Xsi;

/// <summary>Limits applied when reading wire documents.</summary>
public sealed record XsiReaderOptions
{
    /// <summary>The default maximum size of one document: 1 MiB.</summary>
    public const int DefaultMaxDocumentBytes = 1024 * 1024;

    /// <summary>The default options.</summary>
    public static XsiReaderOptions Default { get; } = new();

    /// <summary>The largest document accepted, in bytes (characters for string input). Larger ones throw <see cref="XsiFormatException"/>.</summary>
    public int MaxDocumentBytes { get; init; } = DefaultMaxDocumentBytes;
}
