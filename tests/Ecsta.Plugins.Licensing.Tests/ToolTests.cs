using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Tests.Support;
using Microsoft.Extensions.Time.Testing;

namespace Ecsta.Plugins.Licensing.Tests;

public sealed class ToolTests : IDisposable
{
    private readonly LicensingBed _bed = new();
    private readonly FakeTimeProvider _toolClock = new(new DateTimeOffset(2026, 2, 20, 12, 0, 0, TimeSpan.Zero));

    public void Dispose() => _bed.Dispose();

    private (int ExitCode, string Output, string Error) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = LicenseTool.LicenseTool.Run(args, output, error, _toolClock);
        return (exitCode, output.ToString().Trim(), error.ToString());
    }

    [Fact]
    public void The_license_tool_issues_a_code_the_plugin_accepts()
    {
        var keyPath = Path.Combine(_bed.Root, "private.pem");
        var keygen = Run("keygen", "--out", keyPath);
        Assert.Equal(0, keygen.ExitCode);
        var publicKey = keygen.Output;

        var issue = Run("issue", "--key", keyPath, "--licensee", "Beispiel AG", "--lines", "50", "--expires", "2027-12-31", "--id", "00000000000000FF");
        Assert.Equal(0, issue.ExitCode);
        Assert.StartsWith("ECSTA1-", issue.Output, StringComparison.Ordinal);

        var context = new LicensingContext(_bed.StateDirectory, _bed.Time, Serilog.Core.Logger.None, []) { MarkerDirectory = _bed.MarkerDirectory };
        var pool = new LicensingProvider(publicKey.Trim()).Open(context); // the tool's key in the vendor key's place
        var result = pool.AddCode(issue.Output);
        ((IDisposable)pool).Dispose();

        Assert.True(result.Accepted, result.Reason);
        Assert.Equal(new LicenseCodeInfo("00000000000000FF", "Beispiel AG", 50, new DateOnly(2026, 2, 20), new DateOnly(2027, 12, 31), true), result.Code);
    }

    [Fact]
    public void A_signing_key_certified_with_the_tool_by_the_vendor_key_is_trusted_and_the_bare_key_is_not()
    {
        var vendorPath = Path.Combine(_bed.Root, "vendor.pem");
        var resellerPath = Path.Combine(_bed.Root, "reseller.pem");
        var vendorKey = Run("keygen", "--out", vendorPath).Output.Trim();
        var resellerKey = Run("keygen", "--out", resellerPath).Output.Trim();
        var certify = Run("certify", "--key", vendorPath, "--public-key", resellerKey);
        Assert.Equal(0, certify.ExitCode);
        var code = Run("issue", "--key", resellerPath, "--licensee", "Reseller Kunde", "--lines", "7").Output;

        bool Accepted(string trusted)
        {
            var context = new LicensingContext(Path.Combine(_bed.Root, Guid.NewGuid().ToString("N")), _bed.Time, Serilog.Core.Logger.None, [trusted]) { MarkerDirectory = Path.Combine(_bed.Root, Guid.NewGuid().ToString("N")) };
            var pool = new LicensingProvider(vendorKey).Open(context);
            try
            {
                return pool.AddCode(code).Accepted;
            }
            finally
            {
                ((IDisposable)pool).Dispose();
            }
        }

        Assert.True(Accepted(certify.Output.Trim()));
        Assert.False(Accepted(resellerKey));
        Assert.Equal(2, Run("certify", "--key", vendorPath, "--public-key", "not-a-key").ExitCode);
    }

    [Fact]
    public void The_tool_prints_the_same_public_key_for_a_key_file_and_verifies_its_codes()
    {
        var keyPath = Path.Combine(_bed.Root, "private.pem");
        var publicKey = Run("keygen", "--out", keyPath).Output;
        var code = Run("issue", "--key", keyPath, "--licensee", "X", "--lines", "3").Output;

        Assert.Equal(publicKey, Run("pubkey", "--key", keyPath).Output);
        var verify = Run("verify", "--public-key", publicKey, "--code", code);
        Assert.Equal(0, verify.ExitCode);
        Assert.Contains("lines:    3", verify.Output, StringComparison.Ordinal);
        Assert.Equal(1, Run("verify", "--public-key", _bed.PublicKey, "--code", code).ExitCode);
    }

    [Fact]
    public void Keygen_refuses_to_overwrite_a_key_file_and_writes_it_owner_only()
    {
        var keyPath = Path.Combine(_bed.Root, "private.pem");
        Assert.Equal(0, Run("keygen", "--out", keyPath).ExitCode);
        var before = File.ReadAllText(keyPath);

        var again = Run("keygen", "--out", keyPath);

        Assert.Equal(1, again.ExitCode);
        Assert.Equal(before, File.ReadAllText(keyPath));
        Assert.StartsWith("-----BEGIN PRIVATE KEY-----", before, StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyPath));
        }
    }

    [Theory]
    [InlineData("issue", "--key", "k.pem", "--licensee", "X", "--line", "5")]
    [InlineData("issue", "--key", "k.pem", "--licensee", "X", "--lines", "0")]
    [InlineData("issue", "--key", "k.pem", "--licensee", "X", "--lines", "5", "--expires", "31.12.2027")]
    [InlineData("frobnicate")]
    public void Mistakes_on_the_command_line_print_the_usage_and_exit_with_2(params string[] args)
    {
        var result = Run(args);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("Usage:", result.Error, StringComparison.Ordinal);
        Assert.Empty(result.Output);
    }
}
