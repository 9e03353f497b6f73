using System.Text.RegularExpressions;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class LiteralPrefixTests
{
    [Theory]
    [InlineData("^80(.*)", "80")]
    [InlineData(@"^\+4930(.*)", "+4930")]
    [InlineData(@"^\*31#(.*)", "*31#")]
    [InlineData("^50[0-9][0-9][0-9](.*)", "50")]
    [InlineData("^0049", "0049")]
    [InlineData("^80?1", "8")]
    [InlineData("^801*", "80")]
    [InlineData("^80{2}", "8")]
    [InlineData("^80+1", "80")]
    [InlineData(@"^0\d", "0")]
    [InlineData("^(80)", "")]
    [InlineData("^80|^90", "")]
    [InlineData("^8(0|9)", "")]
    [InlineData("80(.*)", "")]
    [InlineData("^", "")]
    [InlineData("^.1", "")]
    [InlineData("^[0-9]", "")]
    public void The_required_prefix_is_the_plain_literal_text_after_the_anchor(string pattern, string prefix) =>
        Assert.Equal(prefix, LiteralPrefix.Of(pattern));

    [Theory]
    [InlineData("^80?1")]
    [InlineData("^801*")]
    [InlineData("^80{0,2}1")]
    [InlineData("^80+1")]
    [InlineData(@"^\+49(.*)")]
    [InlineData("^0(.*)")]
    public void The_prefix_check_never_changes_whether_a_rule_matches(string pattern)
    {
        var formatter = Rules.Incoming(Rules.Regex(pattern, "hit"));
        var reference = new Regex(pattern, RegexOptions.CultureInvariant);

        foreach (var number in new[] { "1", "81", "801", "8001", "80001", "8011", "80111", "+4989", "+49", "0", "0123", "", "+", "9801" })
        {
            var expected = reference.IsMatch(number) ? "hit" : number;
            Assert.Equal(expected, formatter.Format(NumberDirection.Incoming, number));
        }
    }
}
