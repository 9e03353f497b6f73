namespace Ecsta.Tsp.Configuration;

/// <summary>Where the configuration lives.</summary>
public static class ConfigurationPaths
{
    public const string EnvironmentVariable = "ECSTA_CONFIG";
    public const string FileName = "ecsta.json";

    /// <summary>
    /// The configuration file: <paramref name="explicitPath"/>, else <c>ECSTA_CONFIG</c>, else the OS configuration
    /// folder (<c>$XDG_CONFIG_HOME/ecsta</c> or <c>~/.config/ecsta</c> on Linux, <c>%APPDATA%\Ecsta</c> on Windows,
    /// <c>~/Library/Application Support/Ecsta</c> on macOS).
    /// </summary>
    public static string Resolve(string? explicitPath)
    {
        if (!string.IsNullOrWhiteSpace(explicitPath))
        {
            return Path.GetFullPath(explicitPath);
        }

        var fromEnvironment = Environment.GetEnvironmentVariable(EnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment))
        {
            return Path.GetFullPath(fromEnvironment);
        }

        return Path.Combine(DefaultFolder(), FileName);
    }

    private static string DefaultFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.ApplicationData), "Ecsta");
        }

        if (OperatingSystem.IsMacOS())
        {
            return Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), "Library", "Application Support", "Ecsta");
        }

        var xdg = Environment.GetEnvironmentVariable("XDG_CONFIG_HOME");
        var root = string.IsNullOrWhiteSpace(xdg)
            ? Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".config")
            : xdg;
        return Path.Combine(root, "ecsta");
    }

    /// <summary>The Data Protection key ring beside the file.</summary>
    public static string KeyRingDirectory(string configurationFile) =>
        Path.Combine(Path.GetDirectoryName(configurationFile)!, "keys");

    /// <summary>The backup of the previous version of the file.</summary>
    public static string BackupFile(string configurationFile) => configurationFile + ".bak";

    /// <summary>Folder for state kept beside the configuration (license state, API token).</summary>
    public static string StateDirectory(string configurationFile) => Path.GetDirectoryName(configurationFile)!;
}
