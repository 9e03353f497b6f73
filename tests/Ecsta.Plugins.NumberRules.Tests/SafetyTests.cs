using System.Text.RegularExpressions;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Plugins.NumberRules.Tests.Support;
using Serilog;
using Serilog.Events;

namespace Ecsta.Plugins.NumberRules.Tests;

public sealed class SafetyTests
{
    private const string Pathological = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!";

    [Fact]
    public void A_nested_quantifier_runs_on_the_linear_engine_and_finishes_with_no_match()
    {
        var formatter = Rules.Incoming(Rules.Regex("(a+)+$", "x"));

        var result = formatter.Explain(NumberDirection.Incoming, Pathological);

        Assert.Equal(Pathological, result.Output);
        Assert.Null(result.MatchedRule);
    }

    [Fact]
    public void Expressions_without_backreferences_or_lookarounds_are_compiled_for_the_non_backtracking_engine()
    {
        var compiler = new SearchCompiler(NumberFormatterFactory.DefaultMatchTimeout);

        var search = compiler.Compile("(a+)+$", out var problem);

        Assert.Null(problem);
        Assert.NotNull(search);
        Assert.True(search.Linear);
        Assert.Equal(RegexOptions.NonBacktracking, search.Regex.Options & RegexOptions.NonBacktracking);
    }

    [Fact]
    public void An_expression_the_linear_engine_cannot_run_gets_the_backtracking_engine_with_a_timeout()
    {
        var compiler = new SearchCompiler(NumberFormatterFactory.DefaultMatchTimeout);

        var search = compiler.Compile(@"^(\d)\1", out var problem);

        Assert.Null(problem);
        Assert.NotNull(search);
        Assert.False(search.Linear);
        Assert.Equal(NumberFormatterFactory.DefaultMatchTimeout, search.Regex.MatchTimeout);
    }

    [Fact]
    public void A_catastrophic_backtracking_expression_times_out_leaves_the_number_unchanged_and_is_logged()
    {
        var sink = new CollectingSink();
        var logger = new LoggerConfiguration().WriteTo.Sink(sink).CreateLogger();
        var factory = Rules.Factory(logger);
        var formatter = factory.Create(NumberFormattingSettings.None with
        {
            Incoming = [Rules.Regex("^(a|aa)+(?=b)", "x"), Rules.Regex("(.*)", "never")],
        });

        var result = formatter.Explain(NumberDirection.Incoming, Pathological);

        Assert.Equal(Pathological, result.Output);
        Assert.Null(result.MatchedRule);
        Assert.Contains("timed out", result.Steps[^1].Step, StringComparison.Ordinal);
        var warning = Assert.Single(sink.Events);
        Assert.Equal(LogEventLevel.Warning, warning.Level);
        Assert.Equal("1", warning.Properties["Rule"].ToString());
    }

    [Fact]
    public void A_timed_out_rule_is_reported_to_the_log_the_settings_name_and_never_to_the_global_logger()
    {
        var instanceSink = new CollectingSink();
        var globalSink = new CollectingSink();
        var previous = Log.Logger;
        Log.Logger = new LoggerConfiguration().WriteTo.Sink(globalSink).CreateLogger();
        try
        {
            var formatter = new NumberFormatterFactory().Create(NumberFormattingSettings.None with
            {
                Incoming = [Rules.Regex("^(a|aa)+(?=b)", "x")],
                Log = new LoggerConfiguration().WriteTo.Sink(instanceSink).CreateLogger(),
            });
            var quiet = new NumberFormatterFactory().Create(NumberFormattingSettings.None with { Incoming = [Rules.Regex("^(a|aa)+(?=b)", "x")] });

            formatter.Explain(NumberDirection.Incoming, Pathological);
            quiet.Explain(NumberDirection.Incoming, Pathological);

            Assert.Single(instanceSink.Events);
            Assert.Empty(globalSink.Events);
        }
        finally
        {
            Log.Logger = previous;
        }
    }

    [Fact]
    public void The_same_search_expression_is_compiled_once_and_shared()
    {
        var compiler = new SearchCompiler(NumberFormatterFactory.DefaultMatchTimeout);

        var first = compiler.Compile("^0(.*)", out _);
        var second = compiler.Compile("^0(.*)", out _);

        Assert.Same(first, second);
    }

    [Fact]
    public void Formatting_a_number_no_rule_matches_allocates_nothing()
    {
        var formatter = Rules.Factory().Create(NumberFormattingSettings.None with
        {
            Location = new LocationSettings(true, "+49(89)1234"),
            Incoming = [Rules.Regex("^80(.*)", @"0\1"), Rules.Regex("^50[0-9]{3}(.*)", @"\1"), Rules.Direct("100", "x"), Rules.Regex(@"^(\d)\1", "dup"), Rules.Regex("^([1-9][0-9]{4,})$", @"08151\1"), Rules.Regex("^(00)?([1-9][0-9]*)$", @"+\2")],
        });
        const string number = "+4989123456";
        formatter.Format(NumberDirection.Incoming, number);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 100; i++)
        {
            formatter.Format(NumberDirection.Incoming, number);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
