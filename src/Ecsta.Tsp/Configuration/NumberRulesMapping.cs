using Ecsta.Abstractions.NumberFormatting;

namespace Ecsta.Tsp.Configuration;

/// <summary>Turns an instance's stored location and rules into the number formatting contract's settings.</summary>
public static class NumberRulesMapping
{
    public static NumberFormattingSettings ToSettings(InstanceConfiguration instance) => new(
        new LocationSettings(instance.Location.Enabled, instance.Location.Location),
        ToRules(instance.NumberRules.Incoming),
        ToRules(instance.NumberRules.Outgoing),
        ToRules(instance.NumberRules.Dial));

    public static List<NumberRuleConfiguration> ListFor(InstanceConfiguration instance, NumberDirection direction) => direction switch
    {
        NumberDirection.Incoming => instance.NumberRules.Incoming,
        NumberDirection.Outgoing => instance.NumberRules.Outgoing,
        _ => instance.NumberRules.Dial,
    };

    private static NumberRule[] ToRules(List<NumberRuleConfiguration> rules) =>
        [.. rules.Select(r => new NumberRule(r.Search, r.Replace, r.IsRegex))];
}
