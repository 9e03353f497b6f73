using Ecsta.Host.Cli.Commands;

namespace Ecsta.Host.Tests.Cli;

/// <summary>The manual's lines file (4.4 "Leitungen importieren"): a number per line, optionally a comma and the name.</summary>
public sealed class LinesManualFormatTests
{
    [Theory]
    [InlineData("+4930123100\n")]
    [InlineData("\n  \r\n 030 123-100, Alice\n")]
    [InlineData("(030) 123100\n")]
    [InlineData("\uFEFF100,Alice")]
    public void A_file_whose_first_line_begins_with_a_phone_number_is_in_the_manual_format(string text) =>
        Assert.True(LinesManualFormat.Recognises(text));

    [Theory]
    [InlineData("userId;number;name\nalice@example.com;100;Alice\n")]
    [InlineData("\"userId\",\"number\"\n")]
    [InlineData("alice@example.com;100;Alice\n")]
    [InlineData("")]
    [InlineData(" \n\n")]
    public void A_file_that_begins_with_a_header_or_anything_but_a_number_is_not_in_the_manual_format(string text) =>
        Assert.False(LinesManualFormat.Recognises(text));

    [Fact]
    public void Every_line_gives_its_number_and_the_optional_name_trimmed_and_blank_lines_are_skipped()
    {
        var content = LinesManualFormat.Parse("\uFEFF+4930123100\r\n\r\n  +49 30 123-101 ,  Bob Brandt  \n   \n102,\n103,Müller, Hans\r104");

        Assert.Empty(content.Problems);
        Assert.Equal(
            [new(1, "+4930123100", null), new(3, "+49 30 123-101", "Bob Brandt"), new(5, "102", null), new(6, "103", "Müller, Hans"), new(7, "104", null)],
            content.Entries);
    }

    [Fact]
    public void Malformed_lines_are_reported_each_with_its_line_number()
    {
        var content = LinesManualFormat.Parse("+4930123100,Alice\nabc,Bob\n,Carol\n+49-30-12a\n100;Dora\n");

        Assert.Equal([2, 3, 4, 5], content.Problems.Select(p => p.LineNumber));
        Assert.Equal("line 2: 'abc' is not a phone number (digits, optional leading +; spaces and - ( ) . / are ignored)", content.Problems[0].ToString());
        Assert.Equal("line 3: the line does not begin with a phone number", content.Problems[1].ToString());
        Assert.Single(content.Entries);
    }

    [Fact]
    public void A_number_listed_twice_in_any_spelling_is_reported_on_its_second_line()
    {
        var content = LinesManualFormat.Parse("+4930123100,Alice\n100\n+49 (30) 123-100,Alice again\n");

        var problem = Assert.Single(content.Problems);
        Assert.Equal("line 3: number '+49 (30) 123-100' is listed twice (first on line 1)", problem.ToString());
    }

    [Theory]
    [InlineData("+49 (30) 123-100", "+4930123100")]
    [InlineData("030/123.100", "030123100")]
    [InlineData("100", "100")]
    public void The_dialable_form_of_a_number_drops_the_separators(string written, string dialable) =>
        Assert.Equal(dialable, LinesManualFormat.Dialable(written));
}
