using Ecsta.Host.Configuration;
using Ecsta.Host.Plugins;
using Ecsta.Host.Runtime;

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

    public DialogConfiguration(ConfigurationStore store, PluginCatalog catalog)
    {
        _store = store;
        _catalog = catalog;
        _validator = catalog.CreateValidator();
    }

    /// <summary>The configuration file.</summary>
    public string Path => _store.Path;

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
            return _store.LoadOrEmpty().FindInstance(name) is { } instance ? DialogInstanceMapping.ToDialog(instance) : null;
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
    public DialogSaveResult Update(string name, DialogInstance source)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            if (configuration.FindInstance(name) is not { } instance)
            {
                return DialogSaveResult.Missing;
            }

            DialogInstanceMapping.Apply(source, instance, _store.Secrets, _catalog.FindProfile);
            if (configuration.Instances.Any(other => !ReferenceEquals(other, instance) && string.Equals(other.Name, instance.Name, StringComparison.OrdinalIgnoreCase)))
            {
                return DialogSaveResult.Refused([NameTaken(instance.Name)]);
            }

            return SaveValidated(configuration, instance);
        }
    }

    /// <summary>Removes the instance; false when none has the name.</summary>
    public bool Delete(string name)
    {
        lock (_gate)
        {
            if (!_store.Exists)
            {
                return false;
            }

            var configuration = _store.Load();
            if (configuration.FindInstance(name) is not { } instance)
            {
                return false;
            }

            configuration.Instances.Remove(instance);
            _store.Save(configuration);
            return true;
        }
    }

    /// <summary>The DNS name servers (<c>dns.nameServers</c>); empty = the operating system's resolver.</summary>
    public IReadOnlyList<string> NameServers()
    {
        lock (_gate)
        {
            return [.. _store.LoadOrEmpty().Dns.NameServers];
        }
    }

    /// <summary>Replaces the DNS name servers; the validator's errors (<c>dns.nameServers[1]</c>) when any entry is refused, nothing saved then.</summary>
    public IReadOnlyList<ValidationError> SaveNameServers(IReadOnlyList<string> nameServers)
    {
        lock (_gate)
        {
            var configuration = _store.LoadOrEmpty();
            var dns = new DnsConfiguration { NameServers = [.. nameServers], Unknown = configuration.Dns.Unknown };
            var errors = ConfigurationValidator.ValidateDns(dns);
            if (errors.Count == 0)
            {
                configuration.Dns = dns;
                _store.Save(configuration);
            }

            return errors;
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
        return DialogSaveResult.Saved(DialogInstanceMapping.ToDialog(instance));
    }

    private static ValidationError NameTaken(string name) =>
        new("name", $"an instance named '{name}' exists already");
}

/// <summary>What a save did: the saved instance, the field errors that stopped it, or that the instance is missing.</summary>
internal sealed record DialogSaveResult(DialogInstance? Instance, IReadOnlyList<ValidationError> Errors, bool NotFound)
{
    public static DialogSaveResult Missing { get; } = new(null, [], true);

    public static DialogSaveResult Saved(DialogInstance instance) => new(instance, [], false);

    public static DialogSaveResult Refused(IReadOnlyList<ValidationError> errors) => new(null, errors, false);
}

/// <summary>One row of the instance list.</summary>
internal sealed record DialogInstanceSummary(string Name, string Mode, string ConnectionType, string Host, int Port, string User, int Lines)
{
    public static DialogInstanceSummary Of(InstanceConfiguration i) =>
        new(i.Name, i.Mode.ToString().ToLowerInvariant(), i.ConnectionType, i.Host, i.EffectivePort, i.User, InstanceSettingsMapping.Lines(i).Count);
}
