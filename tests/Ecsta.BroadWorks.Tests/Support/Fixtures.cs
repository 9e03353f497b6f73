namespace Ecsta.BroadWorks.Tests.Support;

/// <summary>The public captures copied beside the test assembly.</summary>
internal static class Fixtures
{
    public static string Root { get; } = Path.Combine(AppContext.BaseDirectory, "fixtures", "broadworks-public", "kimwinther-check_xsi");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Root, name));

    public static IEnumerable<string> XmlFiles() =>
        Directory.EnumerateFiles(Root, "*.xml").Select(Path.GetFileName).OfType<string>().Order(StringComparer.Ordinal);
}
