using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Host.Tests.Support;

/// <summary>A number formatter that changes nothing, or adds a prefix per direction to prove which rules were used.</summary>
internal sealed class PassThroughFormatter(string incomingPrefix = "", string outgoingPrefix = "", string dialPrefix = "") : INumberFormatter
{
    public string? Format(NumberDirection direction, string number) => direction switch
    {
        NumberDirection.Incoming => incomingPrefix + number,
        NumberDirection.Outgoing => outgoingPrefix + number,
        _ => dialPrefix + number,
    };

    public FormatResult Explain(NumberDirection direction, string number) =>
        new(number, Format(direction, number), null, []);
}
