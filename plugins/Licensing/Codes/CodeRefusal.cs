namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>Why a license code does not count.</summary>
internal enum CodeRefusal
{
    /// <summary>The code counts.</summary>
    None = 0,
    /// <summary>Not a code: wrong prefix, bad characters, cut short or malformed content.</summary>
    WrongFormat,
    /// <summary>Well formed but not signed by a trusted key (altered, mistyped or foreign).</summary>
    BadSignature,
    /// <summary>Genuine but past its expiry date.</summary>
    Expired,
}
