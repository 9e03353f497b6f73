using Newtonsoft.Json.Linq;

namespace Ecsta.Tsp.Configuration;

/// <summary>
/// Upgrades configuration files written by older hosts, one schema version at a time, so an update never loses an
/// instance. Each step works on the raw JSON so that fields this host does not know survive.
/// </summary>
internal static class ConfigurationMigrations
{
    /// <summary>Migrates <paramref name="root"/> in place to <see cref="EcstaConfiguration.CurrentSchemaVersion"/>; returns the version it had.</summary>
    public static int Migrate(JObject root, string path)
    {
        var version = SchemaVersion(root, path);
        if (version > EcstaConfiguration.CurrentSchemaVersion)
        {
            throw new ConfigurationException($"{path}: schema version {version} was written by a newer Ecsta (this one reads up to {EcstaConfiguration.CurrentSchemaVersion}); the file is left unchanged");
        }

        if (version < 1)
        {
            throw new ConfigurationException($"{path}: schema version {version} is not valid");
        }

        var original = version;
        if (version == 1)
        {
            FromVersion1(root);
            version = 2;
        }

        root["schemaVersion"] = version;
        return original;
    }

    /// <summary>The file's <c>schemaVersion</c>: absent (or null) is version 1; anything but a whole number is refused.</summary>
    private static int SchemaVersion(JObject root, string path)
    {
        var token = root["schemaVersion"];
        if (token is null || token.Type == JTokenType.Null)
        {
            return 1;
        }

        if (token is JValue { Type: JTokenType.Integer, Value: long value } && value is >= int.MinValue and <= int.MaxValue)
        {
            return (int)value;
        }

        var where = token is Newtonsoft.Json.IJsonLineInfo info && info.HasLineInfo() ? $" line {info.LineNumber}, position {info.LinePosition}" : "";
        throw new ConfigurationException($"{path}{where}: schemaVersion must be a whole number such as {EcstaConfiguration.CurrentSchemaVersion}, not {Shorten(token.ToString(Newtonsoft.Json.Formatting.None))}");
    }

    private static string Shorten(string text) => text.Length <= 40 ? text : text[..40] + "…";

    /// <summary>
    /// Version 1 (the 0.0 previews) called the connection type <c>type</c> and the login <c>login</c>, and its lines
    /// had no user id (the number was the user id).
    /// </summary>
    private static void FromVersion1(JObject root)
    {
        if (root["instances"] is not JArray instances)
        {
            return;
        }

        foreach (var instance in instances.OfType<JObject>())
        {
            Rename(instance, "type", "connectionType");
            Rename(instance, "login", "user");
            if (instance["lines"] is JArray lines)
            {
                foreach (var line in lines.OfType<JObject>())
                {
                    if (line["userId"] is null && line["number"] is JValue number)
                    {
                        line["userId"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                    }
                }
            }
        }
    }

    private static void Rename(JObject obj, string from, string to)
    {
        if (obj[from] is { } value && obj[to] is null)
        {
            obj.Remove(from);
            obj[to] = value;
        }
    }
}
