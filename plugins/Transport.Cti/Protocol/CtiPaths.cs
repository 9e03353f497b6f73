namespace Ecsta.Plugins.Transport.Cti.Protocol;

/// <summary>
/// The <c>uri</c> of a tunnelled command: the XSI path from the context on, with a leading slash and no URL prefix
/// (the prefix belongs to HTTP front ends, not to the XSP's CTI interface). The paths themselves are the link
/// library's <see cref="XsiPaths"/>, the same as over HTTP.
/// </summary>
internal static class CtiPaths
{
    /// <summary>The event channel (bound to the connection that posts it).</summary>
    public const string Channel = "/" + XsiPaths.Events + "/channel";

    /// <summary>Turns an XSI path (relative to the prefix) into a CTI uri.</summary>
    public static string Uri(string xsiPathAndQuery) => "/" + xsiPathAndQuery;
}
