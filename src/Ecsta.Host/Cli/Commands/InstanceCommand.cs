using System.CommandLine;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Cli.Commands;

/// <summary>`ecsta instance add|list|show|set|remove`: the driver instances in the configuration file.</summary>
internal static class InstanceCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("instance", "Manage driver instances");
        command.Subcommands.Add(Add(console));
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(Show(console));
        command.Subcommands.Add(Set(console));
        command.Subcommands.Add(Remove(console));
        return command;
    }

    private static Argument<string> NameArgument() => new("NAME") { Description = "Instance name" };

    private static Command Add(CliConsole console)
    {
        var name = NameArgument();
        var options = new InstanceOptions();
        var command = new Command("add", "Add an instance") { name };
        options.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = context.Store.LoadOrEmpty();
            var instanceName = context.Value(name);
            if (configuration.FindInstance(instanceName) is not null)
            {
                throw new CliFailure($"name: an instance named '{instanceName}' exists already (use `ecsta instance set`)");
            }

            var instance = new InstanceConfiguration { Name = instanceName };
            options.Apply(context, instance);
            configuration.Instances.Add(instance);
            SaveValidated(context, configuration, instance);
            context.Out.WriteLine($"instance '{instance.Name}' added to {context.Store.Path}");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Set(CliConsole console)
    {
        var name = NameArgument();
        var options = new InstanceOptions();
        var keepPassword = new Option<bool>("--keep-password") { Description = "Send the stored password (and proxy password) to a changed host, port, type, prefix or proxy" };
        var command = new Command("set", "Change an instance's settings (only the options given)") { name, keepPassword };
        options.AddTo(command);
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = LoadExisting(context);
            var instance = Find(configuration, context.Value(name));
            var before = StoredSecrets.Of(instance);
            options.Apply(context, instance);

            // A stored password follows a changed destination only when given again or kept on purpose: otherwise a
            // changed host would receive it from the running host and the connection test without anyone typing it.
            var keep = context.Value(keepPassword);
            if (before.Unconfirmed(instance, keep, keep, "--keep-password", "--keep-password") is { Count: > 0 } unconfirmed)
            {
                throw new CliFailure($"'{instance.Name}' not saved: {string.Join("; ", unconfirmed.Select(e => $"{e.Field}: {e.Message}"))}; give it with --password-stdin (--proxy-password-stdin)");
            }

            SaveValidated(context, configuration, instance);
            context.Out.WriteLine($"instance '{instance.Name}' updated");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List(CliConsole console)
    {
        var json = GlobalOptions.Json();
        var command = new Command("list", "List the instances") { json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = context.Store.LoadOrEmpty();
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, configuration.Instances.Select(InstanceView.ToJson));
            }
            else
            {
                CliOutput.WriteTable(
                    context.Out,
                    ["NAME", "MODE", "CONNECTION", "USER", "LINES"],
                    configuration.Instances.Select(i => (IReadOnlyList<string>)[
                        i.Name, i.Mode.ToString().ToLowerInvariant(), $"{i.ConnectionType}://{i.Host}:{i.EffectivePort}/{i.UrlPrefix}", i.User, CliOutput.Text(InstanceSettingsMapping.Lines(i).Count)]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Show(CliConsole console)
    {
        var name = NameArgument();
        var json = GlobalOptions.Json();
        var command = new Command("show", "Show every setting of an instance") { name, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var instance = Find(LoadExisting(context), context.Value(name));
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, InstanceView.ToJson(instance));
            }
            else
            {
                InstanceView.WriteText(context.Out, instance);
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Remove(CliConsole console)
    {
        var name = NameArgument();
        var command = new Command("remove", "Remove an instance") { name };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = LoadExisting(context);
            var instance = Find(configuration, context.Value(name));
            configuration.Instances.Remove(instance);
            context.Store.Save(configuration);
            context.Out.WriteLine($"instance '{instance.Name}' removed");
            return ExitCodes.Success;
        });
        return command;
    }

    internal static EcstaConfiguration LoadExisting(CliContext context) =>
        context.Store.Exists
            ? context.Store.Load()
            : throw new CliFailure($"{context.Store.Path}: no configuration file (add an instance with `ecsta instance add`)");

    internal static InstanceConfiguration Find(EcstaConfiguration configuration, string name) =>
        configuration.FindInstance(name)
            ?? throw new CliFailure($"no instance is named '{name}' (see `ecsta instance list`)");

    private static void SaveValidated(CliContext context, EcstaConfiguration configuration, InstanceConfiguration instance)
    {
        var errors = context.Validator.Validate(instance);
        if (errors.Count > 0)
        {
            throw new CliFailure(string.Join("; ", errors));
        }

        context.Store.Save(configuration);
    }
}
