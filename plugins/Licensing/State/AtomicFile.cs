using System.Text;

namespace Ecsta.Plugins.Licensing.State;

/// <summary>Small owner-only files written atomically (temp file in the same folder, then rename).</summary>
internal static class AtomicFile
{
    /// <summary>Files larger than this are not license state and are not read.</summary>
    public const int MaxBytes = 64 * 1024;

    private const UnixFileMode OwnerOnlyFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerOnlyFolder = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Replaces <paramref name="path"/> with <paramref name="content"/> so readers see the old or the new file, never half.</summary>
    public static void Write(string path, string content)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(folder, $".{Path.GetFileName(path)}.{Guid.NewGuid():N}.tmp");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnlyFile;
        }

        try
        {
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(Encoding.UTF8.GetBytes(content));
                stream.Flush(flushToDisk: true);
            }

            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            TryDelete(temp);
            throw;
        }
    }

    /// <summary>Reads a file, or null when it does not exist or is too large to be ours.</summary>
    public static string? ReadOrNull(string path)
    {
        try
        {
            var info = new FileInfo(path);
            if (!info.Exists || info.Length > MaxBytes)
            {
                return null;
            }

            return File.ReadAllText(path, Encoding.UTF8);
        }
        catch (FileNotFoundException)
        {
            return null;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }

    /// <summary>Creates a folder; on Unix a new folder is owner-only when <paramref name="ownerOnly"/>.</summary>
    public static void EnsureFolder(string folder, bool ownerOnly)
    {
        if (Directory.Exists(folder))
        {
            return;
        }

        if (ownerOnly && !OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder, OwnerOnlyFolder);
        }
        else
        {
            Directory.CreateDirectory(folder);
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
