using System.Globalization;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules;

namespace Ecsta.Benchmarks;

/// <summary>
/// Number formatting with 20 rules (the target: at least one million numbers per second per core).
/// Each benchmark formats the whole set of 1,000 numbers; BenchmarkDotNet reports the time per number.
/// Run: <c>dotnet run -c Release --project tests/Ecsta.Benchmarks -- --filter *NumberFormatting*</c>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(ShortInProcess))]
public class NumberFormattingBenchmarks
{
    /// <summary>A short run inside this process (no generated project to build under a moved artifacts folder).</summary>
    private sealed class ShortInProcess : ManualConfig
    {
        public ShortInProcess() => AddJob(Job.ShortRun.WithToolchain(InProcessEmitToolchain.Instance));
    }

    private const int Count = 1000;

    private INumberFormatter _formatter = null!;
    private string[] _mixed = null!;
    private string[] _unmatched = null!;

    /// <summary>Twenty rules: fourteen regular expressions in the manual's style and six direct comparisons.</summary>
    private static readonly NumberRule[] TwentyRules =
    [
        new("^80(.*)", @"0\1", true),
        new("^50[0-9][0-9][0-9](.*)", @"\1", true),
        new("110", "110", false),
        new("112", "112", false),
        new(@"^\*31#(.*)", @"\1", true),
        new("^0049(.*)", @"0\1", true),
        new(@"^\+4930(.*)", @"030\1", true),
        new("^0800(.*)", @"0800\1", true),
        new("anonymous", "", false),
        new("^9([0-9]{2})$", @"+4930123459\1", true),
        new("restricted", "", false),
        new("^#31#(.*)", @"\1", true),
        new("^00([1-9][0-9]*)$", @"+\1", true),
        new("unavailable", "", false),
        new("^(7[0-9]{3})$", @"0301234\1", true),
        new("^0180([0-9]+)", @"0180\1", true),
        new("^(11[0-9]{3})$", @"\1", true),
        new("99999", "", false),
        new(@"^\+49\(89\)1234-(.*)$", @"\1", true),
        new("^([1-9][0-9]{4,})$", @"08151\1", true),
    ];

    [GlobalSetup]
    public void Setup()
    {
        _formatter = new NumberFormatterFactory().Create(NumberFormattingSettings.None with
        {
            Location = new LocationSettings(true, "+49(89)1234"),
            Incoming = TwentyRules,
            Dial = TwentyRules,
        });

        var random = new Random(8);
        _unmatched = [.. Enumerable.Range(0, Count).Select(_ => "+4989" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture))];
        _mixed = [.. Enumerable.Range(0, Count).Select(i => (i % 5) switch
        {
            0 => "+4989" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            1 => "089" + random.Next(1_000_000, 9_999_999).ToString(CultureInfo.InvariantCulture),
            2 => "80" + random.Next(100_000, 999_999).ToString(CultureInfo.InvariantCulture),
            3 => random.Next(100, 999).ToString(CultureInfo.InvariantCulture),
            _ => random.Next(10_000, 99_999).ToString(CultureInfo.InvariantCulture),
        })];
    }

    /// <summary>No rule matches: every number is tried against all twenty rules and passes unchanged.</summary>
    [Benchmark(OperationsPerInvoke = Count, Baseline = true)]
    public int Dial_numbers_no_rule_matches()
    {
        var length = 0;
        foreach (var number in _unmatched)
        {
            length += _formatter.Format(NumberDirection.Dial, number)?.Length ?? 0;
        }

        return length;
    }

    /// <summary>A mix of international, national, trunk-prefixed, internal and local numbers, with location on.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    public int Incoming_numbers_mixed_with_location()
    {
        var length = 0;
        foreach (var number in _mixed)
        {
            length += _formatter.Format(NumberDirection.Incoming, number)?.Length ?? 0;
        }

        return length;
    }
}
