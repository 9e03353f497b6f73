using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

/// <summary>The examples table of the product manual, section 5, row by row, with numbers each rule must and must not touch.</summary>
public sealed class ManualExamplesTests
{
    [Theory]
    [InlineData("0891234567", "891234567")]
    [InlineData("00498912345", "0498912345")]
    [InlineData("0", "")]
    [InlineData("891234567", "891234567")]
    [InlineData("100", "100")]
    public void Removing_a_leading_0_with_caret_0_group_gives_the_rest_of_the_number(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^0(.*)", @"\1")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("80123", "0123")]
    [InlineData("8008912345", "008912345")]
    [InlineData("80", "0")]
    [InlineData("0801234", "0801234")]
    [InlineData("8123", "8123")]
    public void Replacing_80_at_the_start_by_0_selects_the_trunk(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^80(.*)", @"0\1")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("501230891234567", "0891234567")]
    [InlineData("50999100", "100")]
    [InlineData("50123", "")]
    [InlineData("5012", "5012")]
    [InlineData("0501230891234567", "0501230891234567")]
    public void Removing_a_private_PIN_50xxx_at_the_start_keeps_what_follows(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^50[0-9][0-9][0-9](.*)", @"\1")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("100", null)]
    [InlineData("999", null)]
    [InlineData("10", "10")]
    [InlineData("1000", "1000")]
    [InlineData("0891234567", "0891234567")]
    public void Suppressing_internal_three_digit_numbers_reports_no_number_for_them(string number, string? expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^[0-9][0-9][0-9]$", "")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("1234", "01234")]
    [InlineData("0891234567", "00891234567")]
    [InlineData("123", "123")]
    [InlineData("12", "12")]
    public void Adding_a_trunk_prefix_0_to_numbers_longer_than_three_digits(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^([0-9][0-9][0-9].+)", @"0\1")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("1", "030123451")]
    [InlineData("12", "0301234512")]
    [InlineData("123", "03012345123")]
    [InlineData("1234", "1234")]
    [InlineData("0891234567", "0891234567")]
    public void Adding_the_base_number_03012345_to_internal_numbers_of_one_to_three_digits(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^([0-9][0-9]?[0-9]?)$", @"03012345\1")).Format(NumberDirection.Incoming, number));

    [Theory]
    [InlineData("1234", "081511234")]
    [InlineData("7654321", "081517654321")]
    [InlineData("0891234567", "0891234567")]
    [InlineData("123", "123")]
    [InlineData("0123", "0123")]
    public void Adding_the_area_code_08151_to_numbers_of_at_least_four_digits_not_starting_with_0(string number, string expected) =>
        Assert.Equal(expected, Rules.Incoming(Rules.Regex("^([^0][0-9][0-9][0-9].*)", @"08151\1")).Format(NumberDirection.Incoming, number));

    [Fact]
    public void Every_example_of_the_manual_is_accepted_when_saved()
    {
        var factory = Rules.Factory();
        NumberRule[] examples =
        [
            Rules.Regex("^0(.*)", @"\1"),
            Rules.Regex("^80(.*)", @"0\1"),
            Rules.Regex("^50[0-9][0-9][0-9](.*)", @"\1"),
            Rules.Regex("^[0-9][0-9][0-9]$", ""),
            Rules.Regex("^([0-9][0-9][0-9].+)", @"0\1"),
            Rules.Regex("^([0-9][0-9]?[0-9]?)$", @"03012345\1"),
            Rules.Regex("^([^0][0-9][0-9][0-9].*)", @"08151\1"),
        ];

        Assert.All(examples, rule => Assert.Null(factory.Validate(rule)));
    }
}
