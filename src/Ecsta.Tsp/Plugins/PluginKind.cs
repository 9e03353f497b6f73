namespace Ecsta.Tsp.Plugins;

/// <summary>What a plugin contributes; one plugin may contribute several kinds.</summary>
[Flags]
public enum PluginKind
{
    None = 0,
    Transport = 1,
    Profiles = 2,
    Licensing = 4,
    NumberRules = 8,
}

public static class PluginKindNames
{
    public static string Describe(PluginKind kind)
    {
        if (kind == PluginKind.None)
        {
            return "none";
        }

        var names = new List<string>(4);
        if (kind.HasFlag(PluginKind.Transport)) names.Add("transport");
        if (kind.HasFlag(PluginKind.Profiles)) names.Add("profiles");
        if (kind.HasFlag(PluginKind.Licensing)) names.Add("licensing");
        if (kind.HasFlag(PluginKind.NumberRules)) names.Add("number-rules");
        return string.Join(",", names);
    }
}
