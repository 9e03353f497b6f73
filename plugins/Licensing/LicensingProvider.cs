using System.Composition;
using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;
using Ecsta.Plugins.Licensing.State;

namespace Ecsta.Plugins.Licensing;

/// <summary>
/// Per-line licensing (manual section 4.6): a 45-day trial with 25 lines, then signed license codes.
/// Open the pool once per process and share it with every instance.
/// </summary>
[Export(typeof(ILicensingProvider))]
public sealed class LicensingProvider : ILicensingProvider
{
    private readonly string _vendorKey;

    /// <summary>The provider the host composes: codes are checked against the built-in vendor key.</summary>
    public LicensingProvider()
        : this(VendorKey.PublicKey)
    {
    }

    /// <summary>Tests: another root key in place of the vendor's.</summary>
    internal LicensingProvider(string vendorKey) => _vendorKey = vendorKey;

    /// <summary>
    /// Opens the pool. The returned pool also implements <see cref="IDisposable"/>: disposing it writes the latest
    /// time seen and stops its check timer.
    /// </summary>
    public ILicensePool Open(LicensingContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentException.ThrowIfNullOrWhiteSpace(context.StateDirectory);
        var markerDirectory = context.MarkerDirectory ?? StateStore.DefaultMarkerDirectory();
        return new LicensePool(context, markerDirectory, _vendorKey, context.TrustedPublicKeys ?? []);
    }
}
