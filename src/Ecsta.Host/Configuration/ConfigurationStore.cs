using System.Security.Cryptography;
using System.Text;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Configuration;

/// <summary>
/// Reads and writes the configuration file. Writes are atomic (temp file + rename) and keep the previous file as
/// <c>.bak</c>; a malformed file is refused with its path, line and reason and is never overwritten. Every
/// read-modify-write is a compare-and-swap: a configuration remembers the version (content hash) of the file it was
/// read from, and <see cref="Save"/> refuses it, under the lock file <c>ecsta.json.lock</c>, when another writer (the
/// CLI, the dialog) saved the file in between, so no change is silently lost.
/// </summary>
internal sealed class ConfigurationStore
{
    private static readonly JsonSerializerSettings SerializerSettings = new()
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Include,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 32,
        Formatting = Formatting.Indented,
    };

    /// <summary>
    /// Reading: a JSON null leaves a property at its default (an empty list stays a list), so no null reaches the
    /// validator or the runtime.
    /// </summary>
    private static readonly JsonSerializerSettings ReadSettings = new()
    {
        MissingMemberHandling = MissingMemberHandling.Ignore,
        NullValueHandling = NullValueHandling.Ignore,
        DateParseHandling = DateParseHandling.None,
        MaxDepth = 32,
    };

    private readonly Lazy<SecretProtector> _secrets;

    public ConfigurationStore(string path)
    {
        Path = System.IO.Path.GetFullPath(path);
        _secrets = new Lazy<SecretProtector>(() => new SecretProtector(ConfigurationPaths.KeyRingDirectory(Path)));
    }

    /// <summary>The configuration file.</summary>
    public string Path { get; }

    /// <summary>Protects and reveals passwords.</summary>
    public SecretProtector Secrets => _secrets.Value;

    /// <summary>Test seam: runs after the temporary file is complete and before it replaces the file.</summary>
    internal Action? BeforeReplace { get; set; }

    public bool Exists => File.Exists(Path);

    /// <summary>How long <see cref="Save"/> waits for another writer's lock.</summary>
    internal static TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The lock file beside the configuration that writers hold while they compare and replace it.</summary>
    public string LockPath => Path + ".lock";

    /// <summary>The version of configuration text: the first 16 hex digits of its SHA-256.</summary>
    public static string VersionOf(string text) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)))[..16];

    /// <summary>The version of the file as it is now; <see cref="EcstaConfiguration.NoFile"/> when there is none.</summary>
    public string CurrentVersion() => File.Exists(Path) ? VersionOf(File.ReadAllText(Path, Encoding.UTF8)) : EcstaConfiguration.NoFile;

    /// <summary>Loads the file, or returns an empty configuration when there is none. An older schema is migrated and saved (the old file kept as .bak).</summary>
    public EcstaConfiguration LoadOrEmpty() => Exists ? Load() : new EcstaConfiguration { LoadedVersion = EcstaConfiguration.NoFile };

    /// <summary>Loads the file; throws <see cref="ConfigurationException"/> naming the path, line and reason when it is malformed.</summary>
    public EcstaConfiguration Load()
    {
        string text;
        try
        {
            text = File.ReadAllText(Path, Encoding.UTF8);
        }
        catch (IOException ex)
        {
            throw new ConfigurationException($"{Path}: cannot be read: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new ConfigurationException($"{Path}: cannot be read: {ex.Message}", ex);
        }

        var (configuration, migratedFrom) = Parse(text, Path);
        configuration.LoadedVersion = VersionOf(text);
        if (migratedFrom < EcstaConfiguration.CurrentSchemaVersion)
        {
            Save(configuration);
        }

        return configuration;
    }

    /// <summary>Parses configuration text; returns the configuration and the schema version the text had.</summary>
    public static (EcstaConfiguration Configuration, int SchemaVersion) Parse(string text, string path)
    {
        JObject root;
        try
        {
            using var reader = new JsonTextReader(new StringReader(text)) { DateParseHandling = DateParseHandling.None, MaxDepth = 32 };
            var token = JToken.ReadFrom(reader, new JsonLoadSettings
            {
                LineInfoHandling = LineInfoHandling.Load,
                DuplicatePropertyNameHandling = DuplicatePropertyNameHandling.Error,
                CommentHandling = CommentHandling.Ignore,
            });
            if (reader.Read() && reader.TokenType != JsonToken.Comment)
            {
                throw new ConfigurationException($"{path} line {reader.LineNumber}, position {reader.LinePosition}: unexpected content after the configuration object");
            }

            root = token as JObject ?? throw new ConfigurationException($"{path} line 1: the configuration must be a JSON object");
        }
        catch (JsonReaderException ex)
        {
            throw new ConfigurationException($"{path} line {ex.LineNumber}, position {ex.LinePosition}: {FirstSentence(ex.Message)}", ex);
        }

        var version = ConfigurationMigrations.Migrate(root, path);
        RefuseNullEntries(root, path);
        using var tokenReader = new JTokenReader(root);
        try
        {
            var serializer = JsonSerializer.Create(ReadSettings);
            var configuration = serializer.Deserialize<EcstaConfiguration>(tokenReader)
                ?? throw new ConfigurationException($"{path} line 1: the configuration is empty");
            return (configuration, version);
        }
        catch (JsonException ex)
        {
            var line = ex is JsonSerializationException s ? s.LineNumber : (ex as JsonReaderException)?.LineNumber ?? 0;
            var position = ex is JsonSerializationException s2 ? s2.LinePosition : (ex as JsonReaderException)?.LinePosition ?? 0;
            throw new ConfigurationException($"{path} line {line}, position {position}: {FirstSentence(ex.Message)}", ex);
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException or ArgumentException)
        {
            // A value of the wrong kind that the serializer converts itself (e.g. a number too large for its field).
            var at = tokenReader.CurrentToken as IJsonLineInfo;
            var where = at is { } info && info.HasLineInfo() ? $" line {info.LineNumber}, position {info.LinePosition}" : "";
            throw new ConfigurationException($"{path}{where}: {tokenReader.Path} has a value of the wrong kind ({FirstSentence(ex.Message)})", ex);
        }
    }

    /// <summary>
    /// A null inside a list (e.g. <c>"lines": [null]</c>) or an empty entry between two commas (<c>[{…},,{…}]</c>,
    /// which the reader takes as "undefined") is refused with its line: no entry may be missing.
    /// </summary>
    private static void RefuseNullEntries(JObject root, string path)
    {
        var entry = root.Descendants().FirstOrDefault(t => t.Type is JTokenType.Null or JTokenType.Undefined && t.Parent is JArray);
        if (entry is not null)
        {
            var info = (IJsonLineInfo)entry;
            throw new ConfigurationException($"{path} line {info.LineNumber}, position {info.LinePosition}: {entry.Parent!.Path} holds an empty (null) entry");
        }
    }

    /// <summary>Serializes a configuration the way the store writes it.</summary>
    public static string Serialize(EcstaConfiguration configuration)
    {
        configuration.SchemaVersion = EcstaConfiguration.CurrentSchemaVersion;
        return JsonConvert.SerializeObject(configuration, SerializerSettings) + "\n";
    }

    /// <summary>
    /// Writes the configuration atomically: a complete temporary file beside the target, flushed to disk, then renamed
    /// over it; the previous file is kept as <c>.bak</c>. A crash at any point leaves either the old or the new file.
    /// </summary>
    /// <exception cref="ConfigurationException">The file changed since <paramref name="configuration"/> was read from it
    /// (nothing is written), or another writer holds the lock longer than <see cref="LockWait"/>.</exception>
    public void Save(EcstaConfiguration configuration)
    {
        var directory = System.IO.Path.GetDirectoryName(Path)!;
        OwnerOnly.CreateDirectory(directory);
        using var writerLock = AcquireLock();
        if (configuration.LoadedVersion is { } loaded && CurrentVersion() is var current && current != loaded)
        {
            throw new ConfigurationException(
                $"{Path}: changed since it was read (by another `ecsta` command or the dialog; version {loaded}, now {current}); nothing was saved: run the command again");
        }

        var text = Serialize(configuration);
        var temp = System.IO.Path.Combine(directory, $".{System.IO.Path.GetFileName(Path)}.{Guid.NewGuid():N}.tmp");
        try
        {
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                OwnerOnly.RestrictFile(temp);
                var bytes = new UTF8Encoding(false).GetBytes(text);
                stream.Write(bytes);
                stream.Flush(flushToDisk: true);
            }

            BeforeReplace?.Invoke();
            if (File.Exists(Path))
            {
                var backup = ConfigurationPaths.BackupFile(Path);
                File.Copy(Path, backup, overwrite: true);
                OwnerOnly.RestrictFile(backup);
            }

            File.Move(temp, Path, overwrite: true);
            configuration.LoadedVersion = VersionOf(text);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    /// <summary>Holds the lock file exclusively (an advisory lock on POSIX, a share lock on Windows) until disposed.</summary>
    private FileStream AcquireLock()
    {
        var deadline = DateTime.UtcNow + LockWait;
        while (true)
        {
            try
            {
                var options = new FileStreamOptions { Mode = FileMode.OpenOrCreate, Access = FileAccess.ReadWrite, Share = FileShare.None };
                if (!OperatingSystem.IsWindows())
                {
                    options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
                }

                return new FileStream(LockPath, options);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                Thread.Sleep(20);
            }
            catch (IOException ex)
            {
                throw new ConfigurationException($"{LockPath}: another writer holds the configuration longer than {LockWait.TotalSeconds} s; nothing was saved", ex);
            }
        }
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path '", StringComparison.Ordinal);
        var text = cut > 0 ? message[..cut] : message;
        return text.TrimEnd('.', ' ').Replace(Environment.NewLine, " ", StringComparison.Ordinal);
    }
}
