using Ecsta.Abstractions.Transports;
using PublicApiGenerator;

namespace Ecsta.Abstractions.Tests;

/// <summary>
/// Freezes the plugin SDK's public surface: an accidental change fails here, so integrators are never broken
/// silently. After a deliberate change run the tests with ECSTA_APPROVE=1 and commit the updated approved file.
/// </summary>
public sealed class PublicApiApprovalTests
{
    private const string ApprovedFile = "Ecsta.Abstractions.approved.txt";

    [Fact]
    public void The_public_API_of_the_plugin_SDK_matches_the_approved_surface()
    {
        var actual = typeof(ITransportFactory).Assembly.GeneratePublicApi(new ApiGeneratorOptions
        {
            ExcludeAttributes = ["System.Runtime.Versioning.TargetFrameworkAttribute", "System.Reflection.AssemblyMetadataAttribute"],
        }).ReplaceLineEndings("\n");
        var approvedPath = Path.Combine(SourceDirectory(), ApprovedFile);

        if (Environment.GetEnvironmentVariable("ECSTA_APPROVE") == "1")
        {
            File.WriteAllText(approvedPath, actual);
        }

        var approved = File.Exists(approvedPath) ? File.ReadAllText(approvedPath).ReplaceLineEndings("\n") : "";
        if (approved != actual)
        {
            File.WriteAllText(Path.Combine(SourceDirectory(), "Ecsta.Abstractions.received.txt"), actual);
        }

        Assert.Equal(approved, actual);
    }

    private static string SourceDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;
}
