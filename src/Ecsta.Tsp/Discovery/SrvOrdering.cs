namespace Ecsta.Tsp.Discovery;

/// <summary>
/// RFC 2782 target selection: records sorted by priority (lowest first); within one priority, repeatedly pick by
/// weighted random (running sum of weights, random in [0, sum], the first record whose running sum reaches it),
/// with weight-0 records placed first so that they keep a small chance.
/// </summary>
internal static class SrvOrdering
{
    public static IReadOnlyList<SrvRecord> Order(IEnumerable<SrvRecord> records, Random random)
    {
        var result = new List<SrvRecord>();
        foreach (var group in records.GroupBy(r => r.Priority).OrderBy(g => g.Key))
        {
            // Weight-0 records first, as RFC 2782 asks, then the others in the order received.
            var remaining = group.Where(r => r.Weight == 0).Concat(group.Where(r => r.Weight > 0)).ToList();
            while (remaining.Count > 0)
            {
                var sum = remaining.Sum(r => r.Weight);
                var pick = random.Next(0, sum + 1);
                var running = 0;
                var chosen = remaining.Count - 1;
                for (var i = 0; i < remaining.Count; i++)
                {
                    running += remaining[i].Weight;
                    if (running >= pick)
                    {
                        chosen = i;
                        break;
                    }
                }

                result.Add(remaining[chosen]);
                remaining.RemoveAt(chosen);
            }
        }

        return result;
    }
}
