using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Tsp.Runtime;

/// <summary>The formatter used when no number rules plugin is loaded: numbers pass unchanged.</summary>
internal sealed class PassThroughNumberFormatter : INumberFormatter
{
    public static PassThroughNumberFormatter Instance { get; } = new();

    public string? Format(NumberDirection direction, string number) => number;

    public FormatResult Explain(NumberDirection direction, string number) => new(number, number, null, [new FormatStep("no number rules plugin", number)]);
}
