using System.Security.Cryptography;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Microsoft.Extensions.Time.Testing;

namespace Ecsta.Plugins.Licensing.Tests.Support;

/// <summary>
/// A temporary state folder, a separate marker folder, a fake clock and a vendor key pair made for the test.
/// Pools opened here are disposed and the folders deleted at the end.
/// </summary>
internal sealed class LicensingBed : IDisposable
{
    public static readonly DateTimeOffset FirstStart = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly List<IDisposable> _opened = [];

    public LicensingBed()
    {
        Root = Path.Combine(Path.GetTempPath(), "ecsta-lic-" + Guid.NewGuid().ToString("N"));
        StateDirectory = Path.Combine(Root, "config");
        MarkerDirectory = Path.Combine(Root, "home", ".local", "share", "ecsta", "license");
        Directory.CreateDirectory(StateDirectory);
        Key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        PublicKey = Convert.ToBase64String(Key.ExportSubjectPublicKeyInfo());
    }

    public string Root { get; }

    public string StateDirectory { get; }

    public string MarkerDirectory { get; }

    public FakeTimeProvider Time { get; } = new(FirstStart);

    public ECDsa Key { get; }

    public string PublicKey { get; }

    public string StatePath => Path.Combine(StateDirectory, "license-state.json");

    public string MarkerPath => Directory.GetFiles(MarkerDirectory).Single();

    /// <summary>Opens a pool as the host would, with the test key in the vendor key's place.</summary>
    public ILicensePool Open(TimeProvider? time = null, string? stateDirectory = null, IReadOnlyList<string>? trustedPublicKeys = null)
    {
        var context = new LicensingContext(stateDirectory ?? StateDirectory, time ?? Time, Serilog.Core.Logger.None, trustedPublicKeys ?? [])
        {
            MarkerDirectory = MarkerDirectory,
        };
        var pool = new LicensingProvider(PublicKey).Open(context);
        _opened.Add((IDisposable)pool);
        return pool;
    }

    /// <summary>Issues a code signed with the test key.</summary>
    public string Issue(int lines, DateOnly? expires = null, ulong? id = null, string licensee = "Beispiel GmbH", ECDsa? key = null) =>
        LicenseCodeSigner.Issue(
            new LicenseCode(id ?? LicenseCodeSigner.NewId(), licensee, lines, new DateOnly(2026, 2, 1), expires),
            key ?? Key);

    public void Dispose()
    {
        foreach (var pool in _opened)
        {
            pool.Dispose();
        }

        Key.Dispose();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
