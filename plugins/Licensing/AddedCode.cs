using Ecsta.Abstractions.Licensing;
using Ecsta.Plugins.Licensing.Codes;

namespace Ecsta.Plugins.Licensing;

/// <summary>A verified code held by the pool, with its canonical text for the state file.</summary>
/// <param name="Code">The decoded code.</param>
/// <param name="Text">The canonical typed form.</param>
internal sealed record AddedCode(LicenseCode Code, string Text)
{
    /// <summary>The code as the SDK shows it.</summary>
    public LicenseCodeInfo ToInfo(DateOnly today) =>
        new(Code.IdText, Code.Licensee, Code.Lines, Code.IssuedOn, Code.ExpiresOn, Code.IsValidOn(today));
}
