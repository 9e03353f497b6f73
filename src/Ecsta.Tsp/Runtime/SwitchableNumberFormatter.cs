using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Tsp.Runtime;

/// <summary>A formatter whose rules can be replaced while the instance runs (a configuration change applies at once).</summary>
internal sealed class SwitchableNumberFormatter(INumberFormatter initial) : INumberFormatter
{
    private volatile INumberFormatter _current = initial;

    public INumberFormatter Current
    {
        get => _current;
        set => _current = value;
    }

    public string? Format(NumberDirection direction, string number) => _current.Format(direction, number);

    public FormatResult Explain(NumberDirection direction, string number) => _current.Explain(direction, number);
}
