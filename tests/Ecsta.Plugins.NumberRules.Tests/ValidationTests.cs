using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class ValidationTests
{
    private readonly NumberFormatterFactory _factory = Rules.Factory();

    [Fact]
    public void A_search_with_an_unclosed_group_is_refused_with_the_position_and_the_reason()
    {
        var problem = _factory.Validate(Rules.Regex("^0(12", @"\1"));

        Assert.NotNull(problem);
        Assert.Equal(5, problem.Position);
        Assert.Equal("The search expression does not compile at position 5: insufficient closing parentheses.", problem.Message);
    }

    [Fact]
    public void A_search_with_an_unterminated_set_is_refused_with_its_position()
    {
        var problem = _factory.Validate(Rules.Regex("^[0-9", ""));

        Assert.NotNull(problem);
        Assert.Equal(5, problem.Position);
        Assert.Contains("unterminated bracket", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_quantifier_with_nothing_before_it_is_refused_at_the_quantifier()
    {
        var problem = _factory.Validate(Rules.Regex("^0*+1", ""));

        Assert.NotNull(problem);
        Assert.Equal(4, problem.Position);
        Assert.Contains("position 4", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_replacement_naming_a_group_the_search_does_not_have_is_refused()
    {
        var problem = _factory.Validate(Rules.Regex("^0(.*)", @"\1\2"));

        Assert.NotNull(problem);
        Assert.Equal(@"The replacement refers to group \2, but the search has only 1 group.", problem.Message);
    }

    [Fact]
    public void A_replacement_naming_a_group_of_a_search_without_groups_is_refused()
    {
        var problem = _factory.Validate(Rules.Regex("^0.*", @"\1"));

        Assert.NotNull(problem);
        Assert.Equal(@"The replacement refers to group \1, but the search has no groups.", problem.Message);
    }

    [Fact]
    public void A_direct_comparison_whose_replacement_names_a_group_is_refused()
    {
        var problem = _factory.Validate(Rules.Direct("100", @"0\1"));

        Assert.NotNull(problem);
        Assert.Contains("direct comparison has no groups", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_direct_comparison_is_not_parsed_as_a_regular_expression()
    {
        Assert.Null(_factory.Validate(Rules.Direct("(12", "x")));
    }

    [Fact]
    public void A_lone_backslash_in_the_replacement_is_refused_with_its_position()
    {
        var problem = _factory.Validate(Rules.Regex("^0(.*)", @"0\x\1"));

        Assert.NotNull(problem);
        Assert.Contains("backslash at position 1", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void When_search_and_replacement_are_both_broken_the_search_is_reported_first()
    {
        var problem = _factory.Validate(Rules.Regex("^0(", @"\x"));

        Assert.NotNull(problem);
        Assert.Equal(3, problem.Position);
    }

    [Fact]
    public void An_empty_search_is_refused()
    {
        Assert.Equal("The search is empty.", _factory.Validate(Rules.Regex("", "x"))?.Message);
        Assert.Equal("The search is empty.", _factory.Validate(Rules.Direct("", "x"))?.Message);
    }

    [Fact]
    public void A_search_longer_than_the_limit_is_refused()
    {
        var problem = _factory.Validate(Rules.Regex(new string('1', 1001), ""));

        Assert.NotNull(problem);
        Assert.Contains("longer than 1000", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_search_with_named_groups_may_be_referred_to_by_number()
    {
        Assert.Null(_factory.Validate(Rules.Regex("^(?<area>0[0-9]+)-(?<number>[0-9]+)$", @"\1\2")));
    }

    [Fact]
    public void Creating_a_formatter_with_a_broken_rule_throws_and_names_the_direction_and_the_rule()
    {
        var settings = NumberFormattingSettings.None with { Dial = [Rules.Regex("^80(.*)", @"0\1"), Rules.Regex("(", "")] };

        var error = Assert.Throws<ArgumentException>(() => _factory.Create(settings));

        Assert.Contains("Dial rule 2 is refused: The search expression does not compile at position 1", error.Message, StringComparison.Ordinal);
    }
}
