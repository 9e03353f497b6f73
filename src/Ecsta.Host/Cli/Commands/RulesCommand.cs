using System.CommandLine;
using Ecsta.Abstractions.NumberFormatting;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta rules add|list|remove|test INSTANCE --direction incoming|outgoing|dial`: the number formatting rules of the
/// manual's section 5. A rule that does not compile is refused when it is added, with the position and reason.
/// </summary>
internal static class RulesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("rules", "Manage the number formatting rules of an instance");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Remove(console));
        command.Subcommands.Add(Test(console));
        return command;
    }

    private static Argument<string> Instance() => new("INSTANCE") { Description = "Instance name" };

    private static Option<string> Direction(bool required = true) => new Option<string>("--direction")
    {
        Description = "Which list: incoming (numbers of incoming calls), outgoing (numbers of outgoing calls), dial (numbers applications dial)",
        Required = required,
        HelpName = "incoming|outgoing|dial",
    }.AcceptOnlyFromAmong("incoming", "outgoing", "dial");

    private static NumberDirection Parse(string direction) => Enum.Parse<NumberDirection>(direction, ignoreCase: true);

    private static Command Add(CliConsole console)
    {
        var instance = Instance();
        var direction = Direction();
        var search = new Option<string>("--search") { Description = "Search: a whole number (direct comparison) or a regular expression", Required = true };
        var replace = new Option<string>("--replace") { Description = @"Replacement; \1, \2 … stand for the search's groups; empty suppresses the number", Required = true };
        var regex = new Option<bool>("--regex") { Description = "The search is a regular expression (default: direct comparison)" };
        var position = new Option<int?>("--position") { Description = "Insert at this 1-based position (default: last)" };
        var command = new Command("add", "Add a rule") { instance, direction, search, replace, regex, position };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            var rule = new NumberRuleConfiguration { Search = context.Value(search), Replace = context.Value(replace), IsRegex = context.Value(regex) };
            if (rule.Search.Length == 0)
            {
                throw new CliFailure("search: is required");
            }

            var problem = context.Validator.CheckRule(new NumberRule(rule.Search, rule.Replace, rule.IsRegex));
            if (problem is not null)
            {
                throw new CliFailure($"search: {problem}");
            }

            var list = NumberRulesMapping.ListFor(target, Parse(context.Value(direction)));
            var at = context.Value(position) is { } p ? Math.Clamp(p - 1, 0, list.Count) : list.Count;
            list.Insert(at, rule);
            context.Store.Save(configuration);
            context.Out.WriteLine($"rule {at + 1} added to the {context.Value(direction)} rules of '{target.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var instance = Instance();
        var direction = Direction(required: false);
        var json = GlobalOptions.Json();
        var command = new Command("list", "List the rules") { instance, direction, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var target = InstanceCommand.Find(InstanceCommand.LoadExisting(context), context.Value(instance));
            var directions = context.Given(direction) ? [Parse(context.Value(direction))] : Enum.GetValues<NumberDirection>();
            var rows = directions.SelectMany(d => NumberRulesMapping.ListFor(target, d).Select((r, i) => (Direction: d, Index: i + 1, Rule: r))).ToList();
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, rows.Select(r => new { direction = r.Direction.ToString().ToLowerInvariant(), index = r.Index, search = r.Rule.Search, replace = r.Rule.Replace, regex = r.Rule.IsRegex }));
            }
            else
            {
                CliOutput.WriteTable(
                    context.Out,
                    ["DIRECTION", "#", "KIND", "SEARCH", "REPLACE"],
                    rows.Select(r => (IReadOnlyList<string>)[r.Direction.ToString().ToLowerInvariant(), CliOutput.Text(r.Index), r.Rule.IsRegex ? "regex" : "exact", r.Rule.Search, r.Rule.Replace]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var instance = Instance();
        var direction = Direction();
        var index = new Option<int>("--index") { Description = "1-based position as `rules list` shows it", Required = true };
        var command = new Command("remove", "Remove a rule") { instance, direction, index };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            var list = NumberRulesMapping.ListFor(target, Parse(context.Value(direction)));
            var at = context.Value(index);
            if (at < 1 || at > list.Count)
            {
                throw new CliFailure($"index: there is no {context.Value(direction)} rule {at} (there are {list.Count})");
            }

            list.RemoveAt(at - 1);
            context.Store.Save(configuration);
            context.Out.WriteLine($"{context.Value(direction)} rule {at} removed from '{target.Name}'");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Test(CliConsole console)
    {
        var instance = Instance();
        var direction = Direction();
        var number = new Argument<string>("NUMBER") { Description = "The number to format" };
        var json = GlobalOptions.Json();
        var command = new Command("test", "Format a number with the instance's location and rules and show each step") { instance, direction, number, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var target = InstanceCommand.Find(InstanceCommand.LoadExisting(context), context.Value(instance));
            var factory = context.Catalog.NumberRules ?? throw new CliFailure("no number rules plugin is loaded (see `ecsta plugins`)");
            var settings = NumberRulesMapping.ToSettings(target);
            var rules = settings.RulesFor(Parse(context.Value(direction)));
            for (var i = 0; i < rules.Count; i++)
            {
                if (factory.Validate(rules[i]) is { } problem)
                {
                    throw new CliFailure($"rule {i + 1} is broken: {problem.Message}{(problem.Position is { } p ? $" (at position {p})" : "")}");
                }
            }

            var result = factory.Create(settings).Explain(Parse(context.Value(direction)), context.Value(number));
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, new
                {
                    input = result.Input,
                    output = result.Output,
                    suppressed = result.Output is null,
                    matchedRule = result.MatchedRule is { } m ? m + 1 : (int?)null,
                    steps = result.Steps.Select(s => new { step = s.Step, output = s.Output }),
                });
            }
            else
            {
                foreach (var step in result.Steps)
                {
                    context.Out.WriteLine($"  {step.Step}: {step.Output ?? "(suppressed)"}");
                }

                context.Out.WriteLine($"rule:   {(result.MatchedRule is { } m ? $"{m + 1} ({rules[m].Search} -> {rules[m].Replace})" : "none matched")}");
                context.Out.WriteLine($"output: {result.Output ?? "(suppressed)"}");
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
