using Serilog;

namespace Ecsta.Abstractions.Licensing;

/// <summary>Where and how the licensing plugin keeps its state.</summary>
/// <param name="StateDirectory">Folder beside the configuration where license state lives.</param>
/// <param name="Time">Time, for trial days and expiry.</param>
/// <param name="Log">Log.</param>
/// <param name="TrustedPublicKeys">Extra vendor public keys (base64 SubjectPublicKeyInfo) from the options.</param>
public sealed record LicensingContext(string StateDirectory, TimeProvider Time, ILogger Log, IReadOnlyList<string> TrustedPublicKeys);

/// <summary>The licensing plugin's entry point, exported with <c>[Export(typeof(ILicensingProvider))]</c>.</summary>
public interface ILicensingProvider
{
    /// <summary>Opens the seat pool kept in <see cref="LicensingContext.StateDirectory"/>.</summary>
    ILicensePool Open(LicensingContext context);
}
