namespace Ecsta.Host.Api;

/// <summary>
/// Ecsta's TAPI extension: the id an application checks with lineGetExtensionID before it relies on
/// <c>lineDevSpecific</c>, and the one version it is offered in. Under it, <c>lineDevSpecific</c> offers Remote Office
/// (<c>feature: "remoteOffice"</c>) and nothing else (docs/application-api.md).
/// </summary>
internal static class EcstaExtension
{
    /// <summary>The extension's id as a GUID (the four DWORDs of LINEEXTENSIONID are its bytes, little-endian).</summary>
    public static readonly Guid Id = new("6f1c2a3e-9b4d-4e7a-8c15-ec57a0000001");

    /// <summary>The only extension version (1.0).</summary>
    public const uint Version = 0x00010000;

    /// <summary>What lineDevSpecific offers under the extension.</summary>
    public static readonly IReadOnlyList<string> DevSpecificFeatures = ["remoteOffice"];

    /// <summary>LINEEXTENSIONID: the GUID's 16 bytes as four little-endian DWORDs.</summary>
    public static uint[] Dwords()
    {
        var bytes = Id.ToByteArray();
        return [.. Enumerable.Range(0, 4).Select(i => System.Buffers.Binary.BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(i * 4, 4)))];
    }
}
