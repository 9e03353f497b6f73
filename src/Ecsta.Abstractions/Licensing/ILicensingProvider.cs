using Serilog;

namespace Ecsta.Abstractions.Licensing;

/// <summary>Where and how the licensing plugin keeps its state.</summary>
/// <param name="StateDirectory">Folder beside the configuration where license state lives.</param>
/// <param name="Time">Time, for trial days and expiry.</param>
/// <param name="Log">Log.</param>
/// <param name="TrustedPublicKeys">Extra signing keys from the options; each must be certified by the built-in vendor key
/// (<c>PUBLICKEY.CERTIFICATION</c> from <c>ecsta-license certify</c>), else it is ignored.</param>
public sealed record LicensingContext(string StateDirectory, TimeProvider Time, ILogger Log, IReadOnlyList<string> TrustedPublicKeys)
{
    /// <summary>
    /// Folder for the second, tamper-evident trial marker; null uses the user's local application data folder
    /// (XDG data dir on Unix). Hosts and tests set it to keep test runs out of the user's home.
    /// </summary>
    public string? MarkerDirectory { get; init; }
}

/// <summary>The licensing plugin's entry point, exported with <c>[Export(typeof(ILicensingProvider))]</c>.</summary>
public interface ILicensingProvider
{
    /// <summary>Opens the seat pool kept in <see cref="LicensingContext.StateDirectory"/>.</summary>
    ILicensePool Open(LicensingContext context);
}
