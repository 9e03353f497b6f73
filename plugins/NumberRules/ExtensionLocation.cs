using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Plugins.NumberRules;

/// <summary>
/// Location formatting (manual 4.7): with "use location" on, an extension number is reported fully international as
/// <c>location-extension</c>, e.g. <c>+49(89)1234</c> and <c>100</c> give <c>+49(89)1234-100</c>.
/// An extension is 1 to <see cref="MaxExtensionDigits"/> ASCII digits, the first not <c>0</c>; anything else
/// (a leading <c>0</c> or <c>+</c>, more digits, <c>*</c>, <c>#</c>, letters, an empty number) is not an extension.
/// </summary>
internal sealed class ExtensionLocation
{
    /// <summary>The most digits an extension number has (BroadWorks group extensions are at most 6 digits long by default).</summary>
    public const int MaxExtensionDigits = 6;

    private ExtensionLocation(string location) => Location = location;

    /// <summary>The international prefix of the extensions.</summary>
    public string Location { get; }

    /// <summary>The location to apply, or <see langword="null"/> when it is off or empty.</summary>
    public static ExtensionLocation? From(LocationSettings? settings) =>
        settings is { Enabled: true } && !string.IsNullOrWhiteSpace(settings.Location)
            ? new ExtensionLocation(settings.Location.Trim())
            : null;

    /// <summary>Whether a number is an extension number.</summary>
    public static bool IsExtension(ReadOnlySpan<char> number)
    {
        if (number.Length is 0 or > MaxExtensionDigits || number[0] == '0')
        {
            return false;
        }

        foreach (var c in number)
        {
            if (!char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The number fully international when it is an extension, otherwise the same number.</summary>
    public string Apply(string number) => IsExtension(number) ? string.Concat(Location, "-", number) : number;
}
