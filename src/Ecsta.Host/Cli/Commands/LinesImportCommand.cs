using System.CommandLine;
using System.Globalization;
using System.Text;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta lines import INSTANCE FILE [--replace] [--directory-user USERID]`: the manual's "Extras - Leitungen
/// importieren". The file is CSV with a header (<see cref="LinesCsv"/>) or, recognised by its missing header, the
/// manual's format (<see cref="LinesManualFormat"/>: number[,name] per line), whose numbers are matched to user ids in
/// the group directory read once from BroadWorks (<see cref="LinesDirectoryMatch"/>). All or nothing: every line is
/// checked first and nothing is saved unless all are good.
/// </summary>
internal static class LinesImportCommand
{
    public static Command Create(CliConsole console)
    {
        var instance = LinesCommand.Instance();
        var file = new Argument<string>("FILE")
        {
            Description = $"CSV with the header {LinesCsv.Header}, or the manual's format (a number per line, optionally ',name') ('-' = standard input)",
        };
        var replace = new Option<bool>("--replace") { Description = "Make the file the whole line list (default: merge by user id)" };
        var directoryUser = new Option<string>("--directory-user")
        {
            Description = "Manual format in server mode: a user of the group whose group directory gives the user ids (default: the transport setting directoryUserId, else the first configured line)",
            HelpName = "USERID",
        };
        var command = new Command("import", "Add or update lines from a file (CSV, or the manual's number[,name] lines); nothing is saved unless every line is valid")
        {
            instance, file, replace, directoryUser,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            var path = context.Value(file);
            var text = ReadText(context, path);
            var chosenUser = context.Given(directoryUser) ? context.Value(directoryUser).Trim() : null;
            LinesCsvContent content;
            if (LinesManualFormat.Recognises(text))
            {
                content = await FromManualFormatAsync(context, configuration, target, path, text, chosenUser, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                content = chosenUser is null
                    ? LinesCsv.Parse(text)
                    : throw new CliFailure("--directory-user: only a file in the manual's format (number[,name]) is matched against the group directory; a CSV file names the user ids", ExitCodes.Usage);
                FailOn(path, content.Problems);
            }

            var (change, sourceLines) = LinesEditing.Merge(target, content, context.Value(replace));
            try
            {
                LinesEditing.SaveValidated(context, configuration, target, sourceLines);
            }
            catch (CliFailure failure)
            {
                throw new CliFailure($"{DisplayName(path)}: {failure.Message}; nothing was imported");
            }

            var removed = change.Removed > 0 ? string.Create(CultureInfo.InvariantCulture, $", {change.Removed} removed") : "";
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"'{target.Name}': {change.Added} lines added, {change.Updated} updated{removed}; {target.Lines.Count} lines configured"));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>
    /// Parses the manual's format (a malformed line fails before connecting), reads the lines from BroadWorks once as
    /// <c>lines read</c> does, and matches every number to its user.
    /// </summary>
    private static async Task<LinesCsvContent> FromManualFormatAsync(
        CliContext context, EcstaConfiguration configuration, InstanceConfiguration target, string path, string text, string? directoryUser, CancellationToken cancellationToken)
    {
        var manual = LinesManualFormat.Parse(text);
        FailOn(path, manual.Problems);
        var options = LinesReadCommand.LinkOptions(context, target, directoryUser);
        IReadOnlyList<PlatformLine> lines;
        try
        {
            lines = await InstanceLinks.ReadLinesAsync(context.Catalog, configuration, target, options, TimeProvider.System, cancellationToken).ConfigureAwait(false);
        }
        catch (InstanceLinkException ex)
        {
            throw new CliFailure($"{DisplayName(path)}: {ex.Message}; nothing was imported", ex);
        }

        var source = target.Mode == InstanceMode.Server ? "the group directory" : $"the profile of {target.User}";
        var content = LinesDirectoryMatch.Resolve(manual.Entries, lines, source);
        FailOn(path, content.Problems);
        return content;
    }

    private static void FailOn(string path, IReadOnlyList<LinesCsvProblem> problems)
    {
        if (problems.Count > 0)
        {
            throw new CliFailure($"{DisplayName(path)}: {LinesEditing.Summary([.. problems.Select(p => p.ToString())])}; nothing was imported");
        }
    }

    private static string DisplayName(string path) => path == "-" ? "standard input" : path;

    private static string ReadText(CliContext context, string path)
    {
        try
        {
            if (path == "-")
            {
                return context.Console.In.ReadToEnd();
            }

            var info = new FileInfo(path);
            if (!info.Exists)
            {
                throw new CliFailure($"{path}: no such file");
            }

            if (info.Length > LinesCsv.MaxChars * 4L)
            {
                throw new CliFailure($"{path}: the file is too large for a list of lines");
            }

            return File.ReadAllText(path, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true));
        }
        catch (DecoderFallbackException)
        {
            throw new CliFailure($"{path}: is not UTF-8 text (save it as UTF-8, from Excel as \"CSV UTF-8\")");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"{path}: cannot be read: {ex.Message}");
        }
    }
}
