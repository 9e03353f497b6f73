using Ecsta.Host.Configuration;
using Ecsta.Host.Plugins;
using Ecsta.Host.Runtime;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Dialog;

/// <summary>
/// The dialog's edits of the configuration file: each one loads the file, changes one instance (or the DNS name
/// servers), validates it with the one validator the CLI uses, and saves atomically through the store only when
/// nothing is wrong. One edit at a time.
/// </summary>
internal sealed class DialogConfiguration
{
    private readonly ConfigurationStore _store;
    private readonly PluginCatalog _catalog;
    private readonly ConfigurationValidator _validator;
    private readonly Lock _gate = new();

    /// <summary>The instances as the dialog handed them out, by version, so a conflict can name what changed since.</summary>
    private readonly Dictionary<string, JObject> _handedOut = new(StringComparer.Ordinal);

    public DialogConfiguration(ConfigurationStore store, PluginCatalog catalog)
    {
        _store = store;
        _catalog = catalog;
        _validator = catalog.CreateValidator();
    }

    /// <summary>The configuration file.</summary>
    public string Path => _store.Path;

    /// <summary>The file's version (content hash; <c>none</c> without a file), which every save compares and swaps.</summary>
    public string FileVersion => _store.CurrentVersion();

    /// <summary>The instances, in file order.</summary>
    public IReadOnlyList<DialogInstanceSummary> List()
    {
        lock (_gate)
        {
            return [.. _store.LoadOrEmpty().Instances.Select(DialogInstanceSummary.Of)];
        }
    }

    /// <summary>One instance, or null when none has the name.</summary>
    public DialogInstance? Get(string name)
    {
        lock (_gate)
        {
            return _store.LoadOrEmpty().FindInstance(name) is { } instance ? HandOut(instance) : null;
        }
    }

    /// <summary>The file's configuration with the stored instance named <paramref name="name"/>, or null when none has the name.</summary>
    public (EcstaConfiguration Configuration, InstanceConfiguration Instance)? Find(string name)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            return configuration.FindInstance(name) is { } instance ? (configuration, instance) : null;
        }
    }

    /// <summary>The protector of the file's passwords.</summary>
    public SecretProtector Secrets => _store.Secrets;

    /// <summary>Adds an instance; refused with field errors when the name is taken or a value is wrong.</summary>
    public DialogSaveResult Create(DialogInstance source)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            var instance = new InstanceConfiguration();
            DialogInstanceMapping.Apply(source, instance, _store.Secrets, _catalog.FindProfile);
            if (configuration.FindInstance(instance.Name) is not null)
            {
                return DialogSaveResult.Refused([NameTaken(instance.Name)]);
            }

            configuration.Instances.Add(instance);
            return SaveValidated(configuration, instance);
        }
    }

    /// <summary>Changes the instance named <paramref name="name"/> (it may be renamed); an empty password keeps the stored one.</summary>
    /// <param name="name">The instance's stored name.</param>
    /// <param name="source">The dialog's instance.</param>
    /// <param name="ifMatch">The version the dialog read (<c>If-Match</c>); null or <c>*</c> for any.</param>
    public DialogSaveResult Update(string name, DialogInstance source, string? ifMatch = null)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            if (configuration.FindInstance(name) is not { } instance)
            {
                return DialogSaveResult.Missing;
            }

            if (Conflict(instance, ifMatch) is { } conflict)
            {
                return DialogSaveResult.Conflicted(conflict);
            }

            var before = StoredSecrets.Of(instance);
            DialogInstanceMapping.Apply(source, instance, _store.Secrets, _catalog.FindProfile);
            if (configuration.Instances.Any(other => !ReferenceEquals(other, instance) && string.Equals(other.Name, instance.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return DialogSaveResult.Refused([NameTaken(instance.Name)]);
            }

            var secretErrors = before.Unconfirmed(instance, source.KeepPassword, source.Advanced.Proxy?.KeepPassword == true);
            if (secretErrors.Count > 0)
            {
                return DialogSaveResult.Refused([.. secretErrors, .. _validator.Validate(instance)]);
            }

            return SaveValidated(configuration, instance);
        }
    }

    /// <summary>Removes the instance: <see cref="DialogSaveResult.Missing"/> when none has the name, a conflict when it changed since <paramref name="ifMatch"/>.</summary>
    public DialogSaveResult Delete(string name, string? ifMatch = null)
    {
        lock (_gate)
        {
            if (!_store.Exists)
            {
                return DialogSaveResult.Missing;
            }

            var configuration = _store.Load();
            if (configuration.FindInstance(name) is not { } instance)
            {
                return DialogSaveResult.Missing;
            }

            if (Conflict(instance, ifMatch) is { } conflict)
            {
                return DialogSaveResult.Conflicted(conflict);
            }

            configuration.Instances.Remove(instance);
            _store.Save(configuration);
            return DialogSaveResult.Saved(DialogInstanceMapping.ToDialog(instance));
        }
    }

    /// <summary>The version of a stored instance: the first 16 hex digits of the SHA-256 of its JSON as the file holds it.</summary>
    public static string VersionOf(InstanceConfiguration instance) =>
        ConfigurationStore.VersionOf(JObject.FromObject(instance).ToString(Newtonsoft.Json.Formatting.None));

    /// <summary>Why a change made against <paramref name="ifMatch"/> would lose an update, naming what changed since; null when it would not.</summary>
    private string? Conflict(InstanceConfiguration current, string? ifMatch)
    {
        if (string.IsNullOrWhiteSpace(ifMatch) || DialogPreconditions.Expected(ifMatch) is not { } expected)
        {
            return null;
        }

        var version = VersionOf(current);
        if (expected == version)
        {
            return null;
        }

        var changed = _handedOut.TryGetValue(expected, out var before) ? Changes(before, JObject.FromObject(current)) : [];
        return $"instance '{current.Name}' was changed since you read it (by the CLI or another administrator)"
            + (changed.Count > 0 ? ": " + string.Join("; ", changed) : "")
            + "; nothing was saved: reload it and make your change again";
    }

    /// <summary>What differs between two stored forms of an instance, as the dialog names the fields (lines: added and removed user ids).</summary>
    internal static List<string> Changes(JObject before, JObject after)
    {
        var changes = new List<string>();
        foreach (var property in before.Properties().Select(p => p.Name).Union(after.Properties().Select(p => p.Name)))
        {
            var a = before[property];
            var b = after[property];
            if (JToken.DeepEquals(a, b))
            {
                continue;
            }

            if (property == "lines" && a is JArray oldLines && b is JArray newLines)
            {
                var oldIds = oldLines.Select(l => ((string?)l["userId"])?.ToLowerInvariant() ?? "").ToList();
                var newIds = newLines.Select(l => ((string?)l["userId"])?.ToLowerInvariant() ?? "").ToList();
                var added = newIds.Except(oldIds).Count();
                var removed = oldIds.Except(newIds).Count();
                var edited = newLines.Count(l => oldLines.Any(o => string.Equals((string?)o["userId"], (string?)l["userId"], StringComparison.OrdinalIgnoreCase) && !JToken.DeepEquals(o, l)));
                var parts = new[] { (added, "added"), (removed, "removed"), (edited, "changed") }.Where(p => p.Item1 > 0).Select(p => $"{p.Item1} {p.Item2}");
                changes.Add("lines (" + string.Join(", ", parts.DefaultIfEmpty("reordered")) + ")");
            }
            else if (a is JObject oldObject && b is JObject newObject)
            {
                changes.AddRange(Changes(oldObject, newObject).Select(c => property + "." + c));
            }
            else
            {
                changes.Add(property == "passwordProtected" ? "password" : property);
            }
        }

        return changes;
    }

    private DialogInstance HandOut(InstanceConfiguration instance)
    {
        var dialog = DialogInstanceMapping.ToDialog(instance);
        dialog.Version = VersionOf(instance);
        if (_handedOut.Count >= 512)
        {
            _handedOut.Clear();
        }

        _handedOut[dialog.Version] = JObject.FromObject(instance);
        return dialog;
    }

    /// <summary>The DNS name servers (<c>dns.nameServers</c>; empty = the operating system's resolver) and their version.</summary>
    public DialogNameServers NameServers()
    {
        lock (_gate)
        {
            return DialogNameServers.Of(_store.LoadOrEmpty().Dns.NameServers);
        }
    }

    /// <summary>
    /// Replaces the DNS name servers read at version <paramref name="ifMatch"/>: the validator's errors
    /// (<c>dns.nameServers[1]</c>) when any entry is refused, a conflict naming the stored list when they changed since
    /// the read; nothing saved in either case.
    /// </summary>
    public DialogNameServersSave SaveNameServers(IReadOnlyList<string> nameServers, string ifMatch)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            var current = DialogNameServers.Of(configuration.Dns.NameServers);
            if (DialogPreconditions.Expected(ifMatch) is { } expected && expected != current.Version)
            {
                var now = current.NameServers.Count == 0 ? "the system's resolver" : string.Join(", ", current.NameServers);
                return new DialogNameServersSave(null, [], $"the DNS name servers were changed since you read them (now: {now}); nothing was saved: reload them and make your change again");
            }

            var dns = new DnsConfiguration { NameServers = [.. nameServers], Unknown = configuration.Dns.Unknown };
            var errors = ConfigurationValidator.ValidateDns(dns);
            if (errors.Count > 0)
            {
                return new DialogNameServersSave(null, errors, null);
            }

            configuration.Dns = dns;
            _store.Save(configuration);
            return new DialogNameServersSave(DialogNameServers.Of(dns.NameServers), [], null);
        }
    }

    private DialogSaveResult SaveValidated(EcstaConfiguration configuration, InstanceConfiguration instance)
    {
        var errors = _validator.Validate(instance);
        if (errors.Count > 0)
        {
            return DialogSaveResult.Refused(errors);
        }

        _store.Save(configuration);
        return DialogSaveResult.Saved(HandOut(instance));
    }

    private static ValidationError NameTaken(string name) =>
        new("name", $"an instance named '{name}' exists already");
}

/// <summary>What a save did: the saved instance, the field errors that stopped it, or that the instance is missing.</summary>
internal sealed record DialogSaveResult(DialogInstance? Instance, IReadOnlyList<ValidationError> Errors, bool NotFound, string? Conflict = null)
{
    public static DialogSaveResult Missing { get; } = new(null, [], true);

    public static DialogSaveResult Saved(DialogInstance instance) => new(instance, [], false);

    public static DialogSaveResult Refused(IReadOnlyList<ValidationError> errors) => new(null, errors, false);

    /// <summary>The instance changed since the version the change was made against (409).</summary>
    public static DialogSaveResult Conflicted(string message) => new(null, [], false, message);
}

/// <summary>One row of the instance list.</summary>
internal sealed record DialogInstanceSummary(string Name, string Mode, string ConnectionType, string Host, int Port, string User, int Lines)
{
    public static DialogInstanceSummary Of(InstanceConfiguration i) =>
        new(i.Name, i.Mode.ToString().ToLowerInvariant(), i.ConnectionType, i.Host, i.EffectivePort, i.User, InstanceSettingsMapping.Lines(i).Count);
}
