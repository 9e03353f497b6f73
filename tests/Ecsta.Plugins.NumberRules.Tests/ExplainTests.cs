using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class ExplainTests
{
    [Fact]
    public void Explain_lists_location_then_every_rule_tried_up_to_the_one_that_matched()
    {
        var formatter = Rules.With(
            NumberDirection.Incoming,
            new LocationSettings(true, "+49(89)1234"),
            Rules.Direct("200", "x"),
            Rules.Regex(@"^\+49\(89\)(.*)$", @"089\1"),
            Rules.Regex("(.*)", "never"));

        var result = formatter.Explain(NumberDirection.Incoming, "100");

        Assert.Equal("100", result.Input);
        Assert.Equal("0891234-100", result.Output);
        Assert.Equal(1, result.MatchedRule);
        Assert.Collection(
            result.Steps,
            s => Assert.Equal(("location: extension '100' at +49(89)1234", "+49(89)1234-100"), (s.Step, s.Output)),
            s => Assert.Equal(("rule 1 (direct '200' -> 'x'): no match", "+49(89)1234-100"), (s.Step, s.Output)),
            s => Assert.Equal((@"rule 2 (regex '^\+49\(89\)(.*)$' -> '089\1'): matched", "0891234-100"), (s.Step, s.Output)));
    }

    [Fact]
    public void Explain_says_when_no_rule_matched_and_the_number_is_unchanged()
    {
        var formatter = Rules.Incoming(Rules.Regex("^80(.*)", @"0\1"));

        var result = formatter.Explain(NumberDirection.Incoming, "0891234");

        Assert.Equal("0891234", result.Output);
        Assert.Null(result.MatchedRule);
        Assert.Equal(new FormatStep("no rule matched: unchanged", "0891234"), result.Steps[^1]);
    }

    [Fact]
    public void Explain_reports_a_suppressed_number_with_a_null_output()
    {
        var formatter = Rules.Incoming(Rules.Regex("^[0-9]{3}$", ""));

        var result = formatter.Explain(NumberDirection.Incoming, "123");

        Assert.Null(result.Output);
        Assert.Equal(0, result.MatchedRule);
        var step = Assert.Single(result.Steps);
        Assert.Null(step.Output);
        Assert.EndsWith("matched, suppressed", step.Step, StringComparison.Ordinal);
    }

    [Fact]
    public void Explain_shows_that_location_does_not_touch_a_number_that_is_not_an_extension()
    {
        var formatter = Rules.With(NumberDirection.Outgoing, new LocationSettings(true, "+49(89)1234"));

        var result = formatter.Explain(NumberDirection.Outgoing, "0891234567");

        Assert.Equal("location: '0891234567' is not an extension, unchanged", result.Steps[0].Step);
        Assert.Equal("no rules: unchanged", result.Steps[1].Step);
    }

    [Fact]
    public void Explain_and_format_agree()
    {
        var formatter = Rules.Factory().Create(NumberFormattingSettings.None with
        {
            Location = new LocationSettings(true, "+4930"),
            Incoming = [Rules.Regex("^0(.*)", @"\1"), Rules.Regex("^[0-9]{3}$", "")],
            Dial = [Rules.Regex("^80(.*)", @"0\1")],
        });

        foreach (var direction in Enum.GetValues<NumberDirection>())
        {
            foreach (var number in new[] { "0123", "123", "80123", "+4930100", "" })
            {
                Assert.Equal(formatter.Format(direction, number), formatter.Explain(direction, number).Output);
            }
        }
    }
}
