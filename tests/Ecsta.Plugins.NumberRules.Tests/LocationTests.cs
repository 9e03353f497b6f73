using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class LocationTests
{
    private static readonly LocationSettings Munich = new(true, "+49(89)1234");

    [Fact]
    public void With_location_on_an_extension_is_reported_fully_international()
    {
        var formatter = Rules.With(NumberDirection.Incoming, Munich);

        Assert.Equal("+49(89)1234-100", formatter.Format(NumberDirection.Incoming, "100"));
        Assert.Equal("+49(89)1234-100", formatter.Format(NumberDirection.Outgoing, "100"));
    }

    [Theory]
    [InlineData("1", true)]
    [InlineData("100", true)]
    [InlineData("999999", true)]
    [InlineData("1000000", false)]
    [InlineData("0100", false)]
    [InlineData("0891234567", false)]
    [InlineData("+4989123", false)]
    [InlineData("*21#", false)]
    [InlineData("10a", false)]
    [InlineData("", false)]
    public void An_extension_is_one_to_six_digits_not_starting_with_0(string number, bool isExtension)
    {
        var formatter = Rules.With(NumberDirection.Incoming, Munich);

        var expected = isExtension ? "+49(89)1234-" + number : number;
        Assert.Equal(expected, formatter.Format(NumberDirection.Incoming, number));
    }

    [Fact]
    public void Location_is_not_applied_to_numbers_an_application_dials()
    {
        var formatter = Rules.With(NumberDirection.Dial, Munich);

        Assert.Equal("100", formatter.Format(NumberDirection.Dial, "100"));
    }

    [Fact]
    public void With_location_off_extensions_pass_unchanged()
    {
        var formatter = Rules.With(NumberDirection.Incoming, new LocationSettings(false, "+49(89)1234"));

        Assert.Equal("100", formatter.Format(NumberDirection.Incoming, "100"));
    }

    [Fact]
    public void Location_switched_on_without_a_location_changes_nothing()
    {
        var formatter = Rules.With(NumberDirection.Incoming, new LocationSettings(true, "  "));

        Assert.Equal("100", formatter.Format(NumberDirection.Incoming, "100"));
    }

    [Fact]
    public void Location_comes_first_and_the_rules_see_the_international_form()
    {
        var formatter = Rules.With(NumberDirection.Incoming, Munich, Rules.Regex(@"^\+49\((\d+)\)(.*)$", @"0\1\2"));

        Assert.Equal("0891234-100", formatter.Format(NumberDirection.Incoming, "100"));
    }

    [Fact]
    public void With_location_on_a_rule_for_three_digit_internal_numbers_no_longer_sees_them()
    {
        var formatter = Rules.With(NumberDirection.Outgoing, Munich, Rules.Regex("^[0-9][0-9][0-9]$", ""));

        Assert.Equal("+49(89)1234-100", formatter.Format(NumberDirection.Outgoing, "100"));
    }

    [Fact]
    public void Dial_rules_still_apply_when_location_is_on()
    {
        var formatter = Rules.With(NumberDirection.Dial, Munich, Rules.Regex("^80(.*)", @"0\1"));

        Assert.Equal("0123", formatter.Format(NumberDirection.Dial, "80123"));
    }
}
