namespace Ecsta.Host.Dialog;

/// <summary>
/// The page's files (HTML, CSS, JavaScript), embedded in the host so the dialog needs nothing from outside:
/// no CDN, no build step, no files beside the executable.
/// </summary>
internal sealed class DialogAssets
{
    private const string ResourcePrefix = "Ecsta.Host.Dialog.Assets.";

    private static readonly Dictionary<string, string> ContentTypes = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".svg"] = "image/svg+xml",
    };

    private readonly Dictionary<string, (byte[] Content, string ContentType)> _files;

    private DialogAssets(Dictionary<string, (byte[] Content, string ContentType)> files) => _files = files;

    /// <summary>The file names served (e.g. <c>index.html</c>).</summary>
    public IEnumerable<string> Names => _files.Keys;

    /// <summary>Reads every embedded asset once.</summary>
    public static DialogAssets Load()
    {
        var assembly = typeof(DialogAssets).Assembly;
        var files = new Dictionary<string, (byte[], string)>(StringComparer.Ordinal);
        foreach (var resource in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)))
        {
            var name = resource[ResourcePrefix.Length..];
            if (!ContentTypes.TryGetValue(Path.GetExtension(name), out var contentType))
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(resource)!;
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[name] = (copy.ToArray(), contentType);
        }

        return files.ContainsKey("index.html")
            ? new DialogAssets(files)
            : throw new InvalidOperationException("the dialog's page (index.html) is not embedded in the host");
    }

    /// <summary>The answer for one file, or 404.</summary>
    public IResult Serve(string name) =>
        _files.TryGetValue(name, out var file) ? Results.Bytes(file.Content, file.ContentType) : Results.NotFound();
}
