namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>The outcome of checking a typed code.</summary>
/// <param name="Refusal">Why it does not count, or <see cref="CodeRefusal.None"/>.</param>
/// <param name="Detail">What exactly is wrong, for the reason shown to the user.</param>
/// <param name="Code">The decoded code when the format was right.</param>
/// <param name="NormalizedText">The code in its canonical typed form when the signature verified.</param>
internal sealed record CodeCheck(CodeRefusal Refusal, string? Detail, LicenseCode? Code, string? NormalizedText);
