using System.CommandLine;
using System.Globalization;
using System.Text;
using Ecsta.Host.Configuration;
using Ecsta.Host.Runtime;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Cli.Commands;

/// <summary>
/// `ecsta lines list|read|import|export INSTANCE`: the lines an instance serves (the manual's section 4.4 "Einstellungen
/// Leitungen" with its Extras "Leitungen auslesen / exportieren / importieren").
/// </summary>
internal static class LinesCommand
{
    public static Command Create(CliConsole console)
    {
        var command = new Command("lines", "Manage the lines (BroadWorks users) of an instance");
        command.Subcommands.Add(List(console));
        command.Subcommands.Add(LinesReadCommand.Create(console));
        command.Subcommands.Add(Import(console));
        command.Subcommands.Add(Export(console));
        return command;
    }

    internal static Argument<string> Instance() => new("INSTANCE") { Description = "Instance name" };

    private static Command List(CliConsole console)
    {
        var instance = Instance();
        var json = GlobalOptions.Json();
        var command = new Command("list", "List the lines the instance serves (workstation mode: the login user's own line)") { instance, json };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var target = InstanceCommand.Find(InstanceCommand.LoadExisting(context), context.Value(instance));
            // Workstation mode serves the login user's own line whether or not it is configured.
            var lines = InstanceSettingsMapping.Lines(target);
            if (context.Value(json))
            {
                CliOutput.WriteJson(context.Out, lines.Select(ToJson));
            }
            else
            {
                CliOutput.WriteTable(
                    context.Out,
                    ["USERID", "NUMBER", "NAME"],
                    lines.Select(l => (IReadOnlyList<string>)[l.UserId, l.Number, l.Name]));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>A configured line as JSON: user id, number, name and any further stored settings of the line.</summary>
    private static JObject ToJson(LineConfiguration line)
    {
        var json = new JObject { ["userId"] = line.UserId, ["number"] = line.Number, ["name"] = line.Name };
        foreach (var (key, value) in line.Unknown)
        {
            json[key] = value.DeepClone();
        }

        return json;
    }

    private static Command Export(CliConsole console)
    {
        var instance = Instance();
        var file = new Argument<string?>("FILE") { Description = "CSV file to write (default: standard output)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("export", $"Write the configured lines as CSV ({LinesCsv.Header})") { instance, file };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var target = InstanceCommand.Find(InstanceCommand.LoadExisting(context), context.Value(instance));
            var text = LinesCsv.Write(target.Lines);
            if (context.Value(file) is not { Length: > 0 } path || path == "-")
            {
                context.Out.Write(text);
                return ExitCodes.Success;
            }

            try
            {
                // A byte order mark, so that Excel reads the names as UTF-8; `import` accepts files with or without it.
                File.WriteAllText(path, text, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                throw new CliFailure($"{path}: cannot be written: {ex.Message}");
            }

            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{target.Lines.Count} lines of '{target.Name}' written to {Path.GetFullPath(path)}"));
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command Import(CliConsole console)
    {
        var instance = Instance();
        var file = new Argument<string>("FILE") { Description = $"CSV file with the header {LinesCsv.Header} ('-' = standard input)" };
        var replace = new Option<bool>("--replace") { Description = "Make the file the whole line list (default: merge by user id)" };
        var command = new Command("import", "Add or update lines from a CSV file; nothing is saved unless every row is valid") { instance, file, replace };
        command.SetAction(parseResult =>
        {
            using var context = new CliContext(parseResult, console);
            var configuration = InstanceCommand.LoadExisting(context);
            var target = InstanceCommand.Find(configuration, context.Value(instance));
            var path = context.Value(file);
            var content = LinesCsv.Parse(ReadText(context, path));
            if (content.Problems.Count > 0)
            {
                throw new CliFailure($"{DisplayName(path)}: {LinesEditing.Summary([.. content.Problems.Select(p => p.ToString())])}; nothing was imported");
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
            throw new CliFailure($"{path}: is not UTF-8 text (save it from Excel as \"CSV UTF-8\")");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliFailure($"{path}: cannot be read: {ex.Message}");
        }
    }
}
