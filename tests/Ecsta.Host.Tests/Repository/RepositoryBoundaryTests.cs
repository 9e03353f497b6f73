using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Ecsta.Host.Tests.Repository;

/// <summary>
/// A clone of the repository alone builds and tests: no build file, script or test points outside it (issue 13,
/// item 5). The repository root is baked into this assembly at build time (<c>RepoRoot</c> metadata), so the check
/// also works when the outputs live elsewhere (<c>ECSTA_ARTIFACTS</c>).
/// </summary>
public sealed partial class RepositoryBoundaryTests
{
    private static readonly string[] PathElements = ["ProjectReference", "Import", "None", "Content", "Compile", "EmbeddedResource", "EcstaPluginProject"];
    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "TestResults", "BenchmarkDotNet.Artifacts"];

    private static string Root { get; } = Path.GetFullPath(
        typeof(RepositoryBoundaryTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "RepoRoot").Value!);

    [Fact]
    public void Every_path_in_the_build_files_stays_inside_the_repository()
    {
        var outside = new List<string>();
        foreach (var file in Files(".csproj", ".props", ".targets"))
        {
            var directory = Path.GetDirectoryName(file)!;
            foreach (var element in XDocument.Load(file).Descendants().Where(e => PathElements.Contains(e.Name.LocalName)))
            {
                foreach (var attribute in new[] { "Include", "Project", "Update" }.Select(n => element.Attribute(n)).OfType<XAttribute>())
                {
                    foreach (var value in attribute.Value.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                    {
                        var resolved = Resolve(value, directory);
                        if (resolved is not null && !Inside(resolved))
                        {
                            outside.Add($"{Path.GetRelativePath(Root, file)}: {element.Name.LocalName} {attribute.Name}=\"{value}\"");
                        }
                    }
                }
            }
        }

        Assert.Empty(outside);
    }

    [Fact]
    public void No_script_test_or_source_file_reads_the_shared_reference_folder()
    {
        var offenders = Files(".cs", ".sh", ".csproj", ".props", ".targets")
            .Append(Path.Combine(Root, ".ci", "run"))
            .Where(File.Exists)
            .Where(f => f != typeof(RepositoryBoundaryTests).Assembly.Location && !f.EndsWith(nameof(RepositoryBoundaryTests) + ".cs", StringComparison.Ordinal))
            .Where(f => SharedFolder().IsMatch(File.ReadAllText(f)))
            .Select(f => Path.GetRelativePath(Root, f))
            .ToList();

        Assert.Empty(offenders);
    }

    [Fact]
    public void The_captured_fixtures_are_in_the_repository_with_their_licence()
    {
        var folder = Path.Combine(Root, "tests", "fixtures", "broadworks-public");
        Assert.True(File.Exists(Path.Combine(folder, "kimwinther-check_xsi", "05-event-CallSubscriptionEvent-onhook.xml")));
        var readme = File.ReadAllText(Path.Combine(folder, "README.md"));
        Assert.Contains("BSD 2-Clause License", readme, StringComparison.Ordinal);
        Assert.Contains("kimwinther/check_xsi", readme, StringComparison.Ordinal);
    }

    private static string? Resolve(string value, string directory)
    {
        var text = value
            .Replace("$(RepoRoot)", Root + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            .Replace("$(MSBuildThisFileDirectory)", directory + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            .Replace("$(MSBuildProjectDirectory)", directory, StringComparison.Ordinal);
        if (text.Contains("$(", StringComparison.Ordinal) || text.Contains("@(", StringComparison.Ordinal) || text.Contains("%(", StringComparison.Ordinal))
        {
            return null; // a computed path (outputs, item transforms): not a reference to source
        }

        var wildcard = text.IndexOfAny(['*', '?']);
        if (wildcard >= 0)
        {
            text = text[..wildcard];
        }

        return Path.GetFullPath(Path.Combine(directory, text));
    }

    private static bool Inside(string path) =>
        path.Equals(Root, StringComparison.Ordinal) || path.StartsWith(Root.TrimEnd(Path.DirectorySeparatorChar) + Path.DirectorySeparatorChar, StringComparison.Ordinal);

    private static IEnumerable<string> Files(params string[] extensions)
    {
        var pending = new Stack<string>([Root]);
        while (pending.Count > 0)
        {
            var directory = pending.Pop();
            foreach (var sub in Directory.EnumerateDirectories(directory).Where(d => !SkippedFolders.Contains(Path.GetFileName(d))))
            {
                pending.Push(sub);
            }

            foreach (var file in Directory.EnumerateFiles(directory).Where(f => extensions.Contains(Path.GetExtension(f))))
            {
                yield return file;
            }
        }
    }

    [GeneratedRegex(@"\.\.[/\\]shared\b", RegexOptions.None, matchTimeoutMilliseconds: 1000)]
    private static partial Regex SharedFolder();
}
