using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class RuleSemanticsTests
{
    [Fact]
    public void A_direct_comparison_matches_only_the_whole_number()
    {
        var formatter = Rules.Incoming(Rules.Direct("100", "Reception"));

        Assert.Equal("Reception", formatter.Format(NumberDirection.Incoming, "100"));
        Assert.Equal("1000", formatter.Format(NumberDirection.Incoming, "1000"));
        Assert.Equal("0100", formatter.Format(NumberDirection.Incoming, "0100"));
        Assert.Equal("10", formatter.Format(NumberDirection.Incoming, "10"));
    }

    [Fact]
    public void A_direct_comparison_treats_regular_expression_characters_literally()
    {
        var formatter = Rules.Incoming(Rules.Direct("+49.89", "x"));

        Assert.Equal("x", formatter.Format(NumberDirection.Incoming, "+49.89"));
        Assert.Equal("+49189", formatter.Format(NumberDirection.Incoming, "+49189"));
    }

    [Fact]
    public void A_direct_comparison_may_repeat_the_whole_number_with_backslash_0()
    {
        var formatter = Rules.Incoming(Rules.Direct("100", @"+4930-\0"));

        Assert.Equal("+4930-100", formatter.Format(NumberDirection.Incoming, "100"));
    }

    [Fact]
    public void The_first_matching_rule_wins_and_later_rules_are_not_tried()
    {
        var formatter = Rules.Incoming(
            Rules.Regex("^9(.*)", @"first\1"),
            Rules.Regex("^0(.*)", @"second\1"),
            Rules.Regex("^0(.*)", @"third\1"),
            Rules.Regex("^(.*)$", @"fourth\1"));

        var result = formatter.Explain(NumberDirection.Incoming, "0123");

        Assert.Equal("second123", result.Output);
        Assert.Equal(1, result.MatchedRule);
        Assert.Equal(2, result.Steps.Count);
    }

    [Fact]
    public void The_output_of_a_matching_rule_is_not_fed_to_the_next_rule()
    {
        var formatter = Rules.Incoming(Rules.Regex("^80(.*)", @"0\1"), Rules.Regex("^0(.*)", @"\1"));

        Assert.Equal("0123", formatter.Format(NumberDirection.Incoming, "80123"));
    }

    [Fact]
    public void A_number_no_rule_matches_passes_unchanged_as_the_same_string()
    {
        var formatter = Rules.Incoming(Rules.Regex("^80(.*)", @"0\1"), Rules.Direct("100", "x"));
        const string number = "0891234567";

        var output = formatter.Format(NumberDirection.Incoming, number);

        Assert.Same(number, output);
    }

    [Fact]
    public void Without_rules_every_number_passes_unchanged_in_every_direction()
    {
        var formatter = Rules.Factory().Create(NumberFormattingSettings.None);

        Assert.Equal("0891234567", formatter.Format(NumberDirection.Incoming, "0891234567"));
        Assert.Equal("100", formatter.Format(NumberDirection.Outgoing, "100"));
        Assert.Equal("80123", formatter.Format(NumberDirection.Dial, "80123"));
        Assert.Equal("", formatter.Format(NumberDirection.Dial, ""));
    }

    [Fact]
    public void An_empty_replacement_suppresses_the_number()
    {
        var formatter = Rules.Incoming(Rules.Direct("anonymous", ""), Rules.Regex("^[0-9]{3}$", ""));

        Assert.Null(formatter.Format(NumberDirection.Incoming, "anonymous"));
        Assert.Null(formatter.Format(NumberDirection.Incoming, "123"));
        Assert.Equal("1234", formatter.Format(NumberDirection.Incoming, "1234"));
    }

    [Fact]
    public void A_replacement_that_yields_an_empty_text_from_groups_is_an_empty_number_not_a_suppressed_one()
    {
        var formatter = Rules.Incoming(Rules.Regex("^0(.*)", @"\1"));

        Assert.Equal("", formatter.Format(NumberDirection.Incoming, "0"));
    }

    [Fact]
    public void A_search_is_found_anywhere_in_the_number_unless_anchored()
    {
        var formatter = Rules.Incoming(Rules.Regex("152$", "ends-152"), Rules.Regex("99", "has-99"));

        Assert.Equal("ends-152", formatter.Format(NumberDirection.Incoming, "0891152"));
        Assert.Equal("has-99", formatter.Format(NumberDirection.Incoming, "1995"));
        Assert.Equal("1520", formatter.Format(NumberDirection.Incoming, "1520"));
    }

    [Fact]
    public void The_output_is_the_replacement_alone_not_the_number_with_the_match_replaced()
    {
        var formatter = Rules.Incoming(Rules.Regex("^0", "X"));

        Assert.Equal("X", formatter.Format(NumberDirection.Incoming, "0891234"));
    }

    [Fact]
    public void Groups_are_placed_where_the_replacement_names_them_and_a_group_that_took_no_part_is_empty()
    {
        var formatter = Rules.Incoming(Rules.Regex(@"^(\d{3})(\d{4})(x(\d+))?$", @"\2-\1 \4"));

        Assert.Equal("4567-123 ", formatter.Format(NumberDirection.Incoming, "1234567"));
        Assert.Equal("4567-123 89", formatter.Format(NumberDirection.Incoming, "1234567x89"));
    }

    [Fact]
    public void A_doubled_backslash_in_the_replacement_is_one_backslash()
    {
        var formatter = Rules.Incoming(Rules.Regex("^(1)", @"a\\1\1"));

        Assert.Equal(@"a\11", formatter.Format(NumberDirection.Incoming, "1"));
    }

    [Fact]
    public void Each_direction_uses_only_its_own_rules()
    {
        var formatter = Rules.Factory().Create(NumberFormattingSettings.None with
        {
            Incoming = [Rules.Regex("^(.*)$", @"in\1")],
            Outgoing = [Rules.Regex("^(.*)$", @"out\1")],
            Dial = [Rules.Regex("^80(.*)", @"0\1")],
        });

        Assert.Equal("in80123", formatter.Format(NumberDirection.Incoming, "80123"));
        Assert.Equal("out80123", formatter.Format(NumberDirection.Outgoing, "80123"));
        Assert.Equal("0123", formatter.Format(NumberDirection.Dial, "80123"));
    }

    [Fact]
    public void A_formatter_is_safe_to_use_from_many_threads_at_once()
    {
        var formatter = Rules.Incoming(Rules.Regex("^0(.*)", @"\1"), Rules.Regex("^([1-9][0-9]{3,})$", @"08151\1"));

        var outputs = Enumerable.Range(0, 2000).AsParallel()
            .Select(i => (i, formatter.Format(NumberDirection.Incoming, (i % 2 == 0 ? "0" : "") + (1000 + i).ToString(System.Globalization.CultureInfo.InvariantCulture))))
            .ToList();

        Assert.All(outputs, o => Assert.Equal((o.i % 2 == 0 ? "" : "08151") + (1000 + o.i).ToString(System.Globalization.CultureInfo.InvariantCulture), o.Item2));
    }
}
