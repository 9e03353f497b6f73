using Ecsta.Abstractions.Licensing;

namespace Ecsta.Plugins.Licensing.Tests.Support;

internal static class PoolExtensions
{
    /// <summary>Opens lines line-1..line-N of an instance and returns how many got a seat.</summary>
    public static int OpenLines(this ILicensePool pool, string instance, int count, int firstLine = 1)
    {
        var granted = 0;
        for (var i = firstLine; i < firstLine + count; i++)
        {
            if (pool.TryAcquireSeat(instance, $"line-{i}").Granted)
            {
                granted++;
            }
        }

        return granted;
    }
}
