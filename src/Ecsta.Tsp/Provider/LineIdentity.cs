using Ecsta.Abstractions.Transports;

namespace Ecsta.Tsp.Provider;

/// <summary>
/// A line's number and name: what the configuration gives wins; what it leaves empty comes from the user's BroadWorks
/// profile (number, else extension; first and last name) once that has been read.
/// </summary>
internal static class LineIdentity
{
    /// <summary>Whether the configuration leaves the number or the name to BroadWorks.</summary>
    public static bool WantsProfile(TspLineSettings configured) =>
        string.IsNullOrWhiteSpace(configured.Number) || string.IsNullOrWhiteSpace(configured.Name);

    /// <summary>The line's effective settings: the configured values, the profile's where the configuration is empty.</summary>
    public static TspLineSettings Merge(TspLineSettings configured, PlatformLine? profile)
    {
        if (profile is null || !WantsProfile(configured))
        {
            return configured;
        }

        var number = string.IsNullOrWhiteSpace(configured.Number) ? Dialable(profile) : configured.Number;
        var name = string.IsNullOrWhiteSpace(configured.Name) ? profile.Name.Trim() : configured.Name;
        return configured with { Number = number, Name = name };
    }

    /// <summary>
    /// The number a line gets from BroadWorks: the user's number, else its extension, without the separators
    /// BroadWorks may show (<c>+1-2403645021</c> becomes <c>+12403645021</c>).
    /// </summary>
    public static string Dialable(PlatformLine line)
    {
        ArgumentNullException.ThrowIfNull(line);
        return WithoutSeparators(string.IsNullOrWhiteSpace(line.Number) ? line.Extension ?? "" : line.Number);
    }

    /// <summary>A number without the separators BroadWorks and people write: spaces and <c>- ( ) . /</c>.</summary>
    public static string WithoutSeparators(string number)
    {
        ArgumentNullException.ThrowIfNull(number);
        return string.Concat(number.Where(c => c is not ('-' or ' ' or '(' or ')' or '.' or '/')));
    }
}
