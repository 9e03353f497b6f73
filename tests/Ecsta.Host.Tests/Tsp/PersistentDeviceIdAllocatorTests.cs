using Ecsta.Host.Configuration;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Host.Tsp;

namespace Ecsta.Host.Tests.Tsp;

/// <summary>Permanent line ids: kept across restarts and removals, never given twice, and a damaged record never guessed around.</summary>
public sealed class PersistentDeviceIdAllocatorTests : IDisposable
{
    private readonly TempDirectory _folder = new();

    private string Journal => _folder.File(PersistentDeviceIdAllocator.FileName);

    private PersistentDeviceIdAllocator Open() => new(Journal, Serilog.Core.Logger.None);

    [Fact]
    public void A_line_keeps_its_id_after_a_restart_in_which_an_earlier_line_was_removed()
    {
        var first = Open();
        Assert.Equal(0u, first.GetOrAssign("office", "alice@example.com"));
        Assert.Equal(1u, first.GetOrAssign("office", "bob@example.com"));
        Assert.Equal(2u, first.GetOrAssign("office", "carol@example.com"));

        var restarted = Open(); // bob removed from the configuration: nobody asks for his id any more

        Assert.Equal(2u, restarted.GetOrAssign("office", "carol@example.com"));
        Assert.Equal(0u, restarted.GetOrAssign("OFFICE", "Alice@Example.com"));
        Assert.Equal(3u, restarted.GetOrAssign("office", "dave@example.com")); // bob's 1 is never given again
        Assert.Equal(1u, Open().GetOrAssign("office", "bob@example.com")); // and bob, back, gets his own
    }

    [Fact]
    public void The_same_user_in_two_instances_is_two_lines()
    {
        var ids = Open();

        Assert.NotEqual(ids.GetOrAssign("berlin", "alice@example.com"), ids.GetOrAssign("munich", "alice@example.com"));
    }

    [Fact]
    public void The_journal_is_owner_only_and_holds_one_assignment_per_line()
    {
        var ids = Open();
        ids.GetOrAssign("office", "alice@example.com");
        ids.GetOrAssign("office", "bob@example.com");

        Assert.Equal(
            ["{\"instance\":\"office\",\"userId\":\"alice@example.com\",\"id\":0}", "{\"instance\":\"office\",\"userId\":\"bob@example.com\",\"id\":1}"],
            File.ReadAllLines(Journal));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Journal));
        }
    }

    [Fact]
    public void An_unfinished_last_line_is_dropped_and_the_next_assignment_starts_a_line_of_its_own()
    {
        File.WriteAllText(Journal, "{\"instance\":\"office\",\"userId\":\"alice@example.com\",\"id\":0}\n{\"instance\":\"office\",\"us");

        var ids = Open();
        Assert.Equal(1u, ids.GetOrAssign("office", "bob@example.com"));

        Assert.Equal(0u, Open().GetOrAssign("office", "alice@example.com"));
        Assert.Equal(1u, Open().GetOrAssign("office", "bob@example.com"));
        Assert.Equal(2, File.ReadAllLines(Journal).Length);
    }

    [Theory]
    [InlineData("not json\n{\"instance\":\"office\",\"userId\":\"a@x\",\"id\":0}\n")]
    [InlineData("{\"instance\":\"office\",\"userId\":\"a@x\",\"id\":0}\n{\"instance\":\"office\",\"userId\":\"b@x\",\"id\":0}\n")]
    [InlineData("{\"instance\":\"office\",\"userId\":\"a@x\",\"id\":0}\n{\"instance\":\"OFFICE\",\"userId\":\"A@x\",\"id\":1}\n")]
    [InlineData("{\"instance\":\"office\",\"userId\":\"a@x\",\"id\":-1}\n{\"instance\":\"office\",\"userId\":\"b@x\",\"id\":1}\n")]
    [InlineData("{\"instance\":\"office\",\"id\":3}\n{\"instance\":\"office\",\"userId\":\"b@x\",\"id\":1}\n")]
    public void A_damaged_record_stops_the_start_naming_the_file_and_the_line_and_is_left_as_it_was(string text)
    {
        File.WriteAllText(Journal, text);

        var refused = Assert.Throws<ConfigurationException>(Open);

        Assert.Contains(Journal, refused.Message, StringComparison.Ordinal);
        Assert.Contains("line ", refused.Message, StringComparison.Ordinal);
        Assert.Equal(text, File.ReadAllText(Journal));
    }

    public void Dispose() => _folder.Dispose();
}
