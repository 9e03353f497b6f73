using Ecsta.Tsp.Discovery;

namespace Ecsta.Host.Tests.Discovery;

public sealed class SrvOrderingTests
{
    [Fact]
    public void Priorities_are_ordered_lowest_first_whatever_the_input_order()
    {
        var records = new[] { new SrvRecord(30, 5, 1, "c"), new SrvRecord(10, 5, 1, "a"), new SrvRecord(20, 5, 1, "b") };

        var ordered = SrvOrdering.Order(records, new Random(1));

        Assert.Equal(["a", "b", "c"], ordered.Select(r => r.Target));
    }

    [Fact]
    public void Within_a_priority_the_first_pick_follows_the_weights()
    {
        var records = new[] { new SrvRecord(10, 75, 1, "heavy"), new SrvRecord(10, 25, 1, "light"), new SrvRecord(10, 0, 1, "zero") };
        var random = new Random(12345);
        var firsts = new Dictionary<string, int> { ["heavy"] = 0, ["light"] = 0, ["zero"] = 0 };

        for (var i = 0; i < 10_000; i++)
        {
            firsts[SrvOrdering.Order(records, random)[0].Target]++;
        }

        // Expected shares: 75/101, 25/101 and 1/101 (the weight-0 record wins only when the random value is 0).
        Assert.InRange(firsts["heavy"], 7000, 7850);
        Assert.InRange(firsts["light"], 2150, 2800);
        Assert.InRange(firsts["zero"], 40, 180);
    }

    [Fact]
    public void Every_record_appears_exactly_once()
    {
        var records = Enumerable.Range(0, 20).Select(i => new SrvRecord(i % 3, i % 4 * 10, 1000 + i, $"t{i}")).ToList();

        var ordered = SrvOrdering.Order(records, new Random(3));

        Assert.Equal(records.OrderBy(r => r.Target), ordered.OrderBy(r => r.Target));
    }
}
