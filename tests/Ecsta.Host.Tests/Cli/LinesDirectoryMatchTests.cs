using Ecsta.Abstractions.Transports;
using Ecsta.Host.Cli.Commands;

namespace Ecsta.Host.Tests.Cli;

/// <summary>Numbers of a manual-format file matched to the users of a group directory as BroadWorks lists them.</summary>
public sealed class LinesDirectoryMatchTests
{
    private static readonly PlatformLine[] Directory =
    [
        new("alice@example.com", "+1-2403645100", "5100", "Alice Albers"),
        new("bob@example.com", "+4930123101", "101", "Bob Brandt"),
        new("carol@example.com", null, "102", "Carol Conrad"),
    ];

    private static LinesCsvContent Resolve(params LinesManualEntry[] entries) => LinesDirectoryMatch.Resolve(entries, Directory, "the group directory");

    [Fact]
    public void A_number_matches_as_shown_without_separators_with_or_without_plus_or_as_the_extension()
    {
        var content = Resolve(
            new(1, "+1-2403645100", null),
            new(2, "4930123101", "Bob B."),
            new(4, "102", null));

        Assert.Empty(content.Problems);
        Assert.Equal(
            [new(1, "alice@example.com", "+12403645100", "Alice Albers"), new(2, "bob@example.com", "4930123101", "Bob B."), new(4, "carol@example.com", "102", "Carol Conrad")],
            content.Rows);
        Assert.True(content.HasNumber && content.HasName);
    }

    [Fact]
    public void A_number_the_directory_does_not_know_is_a_problem_of_its_line()
    {
        var content = Resolve(new(1, "+4930123101", null), new(3, "+4930999", null), new(4, "999", null));

        Assert.Equal(["line 3: number '+4930999' is not in the group directory", "line 4: number '999' is not in the group directory"], content.Problems.Select(p => p.ToString()));
        Assert.Single(content.Rows);
    }

    [Fact]
    public void Two_numbers_of_the_same_user_are_a_problem_of_the_second_line()
    {
        var content = Resolve(new(2, "+4930123101", null), new(5, "101", null));

        Assert.Equal("line 5: number '101' is the line of bob@example.com again (first on line 2)", Assert.Single(content.Problems).ToString());
    }

    [Fact]
    public void A_number_that_matches_several_users_is_ambiguous()
    {
        PlatformLine[] directory = [new("a@example.com", "+49301", "7", "A"), new("b@example.com", "+49301", "8", "B")];

        var content = LinesDirectoryMatch.Resolve([new(1, "+49301", null)], directory, "the group directory");

        Assert.Equal("line 1: number '+49301' is ambiguous in the group directory: a@example.com, b@example.com", Assert.Single(content.Problems).ToString());
    }
}
