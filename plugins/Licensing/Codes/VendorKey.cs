namespace Ecsta.Plugins.Licensing.Codes;

/// <summary>
/// The public half of the vendor key that signs license codes sold for Ecsta. The private half is held by
/// the vendor and is never in the repository.
/// </summary>
internal static class VendorKey
{
    /// <summary>Base64 SubjectPublicKeyInfo of the vendor's ECDSA P-256 key.</summary>
    public const string PublicKey = "MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEl+zDE7+I+ILY8NmvASOboCQbm7j9HYuF2KHU+uFAW4rRmqkQQNCJL3agC6j8vUS7vzUzh6MMXGtWfOR4DfXmGQ==";
}
