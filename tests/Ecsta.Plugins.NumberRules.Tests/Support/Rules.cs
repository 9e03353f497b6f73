using Ecsta.Abstractions.NumberFormatting;
using Serilog;

namespace Ecsta.Plugins.NumberRules.Tests.Support;

/// <summary>Builders for rules, settings and formatters.</summary>
internal static class Rules
{
    public static NumberRule Regex(string search, string replace) => new(search, replace, IsRegex: true);

    public static NumberRule Direct(string search, string replace) => new(search, replace, IsRegex: false);

    public static NumberFormatterFactory Factory(ILogger? logger = null) =>
        new(NumberFormatterFactory.DefaultMatchTimeout, logger ?? new LoggerConfiguration().CreateLogger());

    public static INumberFormatter Incoming(params NumberRule[] rules) =>
        Factory().Create(NumberFormattingSettings.None with { Incoming = rules });

    public static INumberFormatter With(NumberDirection direction, LocationSettings location, params NumberRule[] rules)
    {
        var settings = NumberFormattingSettings.None with { Location = location };
        settings = direction switch
        {
            NumberDirection.Incoming => settings with { Incoming = rules },
            NumberDirection.Outgoing => settings with { Outgoing = rules },
            _ => settings with { Dial = rules },
        };
        return Factory().Create(settings);
    }
}
