using System.CommandLine;
using System.Globalization;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta lines read INSTANCE [--directory-user USERID] [--add all|USERID...]`: reads the lines from BroadWorks (the
/// manual's "Extras - Leitungen auslesen"). Server mode reads every page of the group directory as seen by one user of
/// the group (BroadWorks has no directory for the administrator itself); workstation mode reads the login user's own
/// profile, so the one line it can serve. With <c>--add</c> the chosen lines are added to the instance and saved.
/// </summary>
internal static class LinesReadCommand
{
    private const string All = "all";

    public static Command Create(CliConsole console)
    {
        var instance = LinesCommand.Instance();
        var json = GlobalOptions.Json();
        var directoryUser = new Option<string>("--directory-user")
        {
            Description = "Server mode: a user of the group whose group directory lists the lines (default: the transport setting directoryUserId, else the first configured line)",
            HelpName = "USERID",
        };
        var add = new Option<string[]>("--add")
        {
            Description = "Add these lines to the instance and save: 'all' (every line not yet configured) or user ids",
            HelpName = "all|USERID",
            AllowMultipleArgumentsPerToken = true,
        };
        var command = new Command("read", "Read the lines from BroadWorks and show which are configured; --add adds them") { instance, json, directoryUser, add };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            var addRequested = context.Given(add);
            var wanted = addRequested ? Wanted(context.Value(add)) : null;
            var options = LinkOptions(context, target, context.Given(directoryUser) ? context.Value(directoryUser).Trim() : null);

            var lines = await ReadAsync(context, configuration, target, options, cancellationToken).ConfigureAwait(false);
            var configured = target.Lines.Select(l => l.UserId).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var added = addRequested ? Add(context, configuration, target, lines, configured, wanted) : [];
            Print(context, context.Value(json), target, options, lines, configured, added, addRequested);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>The user ids <c>--add</c> names, or null for all; 'all' together with user ids is bad usage.</summary>
    private static HashSet<string>? Wanted(string[] values)
    {
        var ids = values.SelectMany(v => v.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToList();
        if (ids.Count == 0)
        {
            throw new CliFailure("--add: name 'all' or one or more user ids", ExitCodes.Usage);
        }

        if (ids.Any(id => string.Equals(id, All, StringComparison.OrdinalIgnoreCase)))
        {
            return ids.Count == 1 ? null : throw new CliFailure("--add: give either 'all' or user ids, not both", ExitCodes.Usage);
        }

        return ids.ToHashSet(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The instance's link options; in server mode with the user whose group directory is read.</summary>
    internal static PlatformLinkOptions LinkOptions(CliContext context, InstanceConfiguration target, string? directoryUser)
    {
        var options = InstanceLinks.Options(target, context.Store.Secrets);
        if (target.Mode != InstanceMode.Server)
        {
            return directoryUser is null
                ? options
                : throw new CliFailure($"--directory-user: '{target.Name}' is in workstation mode, which reads only its own user's line", ExitCodes.Usage);
        }

        if (directoryUser is { Length: > 0 })
        {
            options = InstanceLinks.WithDirectoryUser(options, directoryUser);
        }

        if (InstanceLinks.DirectoryUser(options) is null)
        {
            throw new CliFailure(
                $"'{target.Name}' is in server mode: BroadWorks lists a group's lines to a user of the group, not to the administrator; name one with --directory-user USERID (or --setting directoryUserId=USERID on the instance)",
                ExitCodes.Usage);
        }

        return options;
    }

    private static async Task<IReadOnlyList<PlatformLine>> ReadAsync(CliContext context, EcstaConfiguration configuration, InstanceConfiguration target, PlatformLinkOptions options, CancellationToken cancellationToken)
    {
        try
        {
            return await InstanceLinks.ReadLinesAsync(context.Catalog, configuration, target, options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceLinkException ex)
        {
            throw new CliFailure(ex.Message, ex);
        }
    }

    /// <summary>Adds the wanted lines (null = all not yet configured) and saves; an id that was not read fails and saves nothing.</summary>
    private static List<string> Add(CliContext context, EcstaConfiguration configuration, InstanceConfiguration target, IReadOnlyList<PlatformLine> lines, HashSet<string> configured, HashSet<string>? wanted)
    {
        if (wanted is not null)
        {
            var unknown = wanted.Where(id => !lines.Any(l => LinesEditing.SameUser(l.UserId, id))).ToList();
            if (unknown.Count > 0)
            {
                throw new CliFailure($"--add: {string.Join(", ", unknown.Select(u => $"'{u}'"))} {(unknown.Count == 1 ? "is" : "are")} not among the {lines.Count} lines read from BroadWorks; nothing was added");
            }
        }

        var added = new List<string>();
        foreach (var line in lines)
        {
            if (configured.Contains(line.UserId) || (wanted is not null && !wanted.Contains(line.UserId)))
            {
                continue;
            }

            target.Lines.Add(new LineConfiguration { UserId = line.UserId, Number = Dialable(line), Name = line.Name });
            added.Add(line.UserId);
        }

        if (added.Count > 0)
        {
            LinesEditing.SaveValidated(context, configuration, target);
        }

        return added;
    }

    /// <summary>
    /// The number a new line gets: the user's number, else its extension, without the separators BroadWorks may show
    /// (<c>+1-2403645021</c> becomes <c>+12403645021</c>).
    /// </summary>
    internal static string Dialable(PlatformLine line) => InstanceLinks.Dialable(line);

    private static void Print(CliContext context, bool json, InstanceConfiguration target, PlatformLinkOptions options, IReadOnlyList<PlatformLine> lines, HashSet<string> configured, List<string> added, bool addRequested)
    {
        var addedSet = added.ToHashSet(StringComparer.OrdinalIgnoreCase);
        if (json)
        {
            CliOutput.WriteJson(context.Out, new
            {
                instance = target.Name,
                mode = target.Mode.ToString().ToLowerInvariant(),
                directoryUser = target.Mode == InstanceMode.Server ? InstanceLinks.DirectoryUser(options) : null,
                lines = lines.Select(l => new { userId = l.UserId, number = l.Number, extension = l.Extension, name = l.Name, configured = configured.Contains(l.UserId) }),
                added,
            });
            return;
        }

        CliOutput.WriteTable(
            context.Out,
            ["USERID", "NUMBER", "EXTENSION", "NAME", "CONFIGURED"],
            lines.Select(l => (IReadOnlyList<string>)[l.UserId, l.Number ?? "", l.Extension ?? "", l.Name, configured.Contains(l.UserId) ? "yes" : addedSet.Contains(l.UserId) ? "added" : ""]));
        var already = lines.Count(l => configured.Contains(l.UserId));
        context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{lines.Count} lines read, {already} of them configured already"));
        if (addRequested)
        {
            context.Out.WriteLine(added.Count > 0
                ? string.Create(CultureInfo.InvariantCulture, $"{added.Count} lines added to '{target.Name}'; {target.Lines.Count} lines configured")
                : "no lines added: the chosen lines are configured already");
        }
    }
}
