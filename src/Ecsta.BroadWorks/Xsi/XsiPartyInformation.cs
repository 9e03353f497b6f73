using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>XSI <c>PartyInformation</c> (e.g. a call's <c>remoteParty</c>), as sent.</summary>
public sealed record XsiPartyInformation
{
    /// <summary>Display name.</summary>
    public string? Name { get; init; }

    /// <summary>Address such as <c>tel:1012</c> or <c>sip:user@host</c>.</summary>
    public string? Address { get; init; }

    /// <summary>The <c>countryCode</c> attribute of <c>address</c>.</summary>
    public string? AddressCountryCode { get; init; }

    /// <summary>BroadWorks user id of the party.</summary>
    public string? UserId { get; init; }

    /// <summary>Directory number such as <c>tel:+15006001012;ext=1012</c>.</summary>
    public string? UserDn { get; init; }

    /// <summary>The <c>countryCode</c> attribute of <c>userDN</c>.</summary>
    public string? UserDnCountryCode { get; init; }

    /// <summary>The empty <c>privacy</c> flag.</summary>
    public bool Privacy { get; init; }

    /// <summary><c>Group</c>, <c>Enterprise</c>, <c>Network</c>, … (see <see cref="XsiCallTypes"/>).</summary>
    public string? CallType { get; init; }

    internal static XsiPartyInformation Read(XmlReader r)
    {
        string? name = null, address = null, addressCc = null, userId = null, userDn = null, userDnCc = null, callType = null;
        var privacy = false;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (!XmlRead.IsXsi(r))
                {
                    r.Skip();
                    continue;
                }

                switch (r.LocalName)
                {
                    case "name": name = XmlRead.String(r); break;
                    case "address": addressCc = r.GetAttribute("countryCode"); address = XmlRead.String(r); break;
                    case "userId": userId = XmlRead.String(r); break;
                    case "userDN": userDnCc = r.GetAttribute("countryCode"); userDn = XmlRead.String(r); break;
                    case "privacy": privacy = XmlRead.Flag(r); break;
                    case "callType": callType = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiPartyInformation
        {
            Name = name,
            Address = address,
            AddressCountryCode = addressCc,
            UserId = userId,
            UserDn = userDn,
            UserDnCountryCode = userDnCc,
            Privacy = privacy,
            CallType = callType,
        };
    }

    internal void Write(XmlTextBuilder w, string? prefix, string elementName)
    {
        w.Start(prefix, elementName);
        w.Element(prefix, "name", Name);
        WriteWithCountryCode(w, prefix, "address", Address, AddressCountryCode);
        w.Element(prefix, "userId", UserId);
        WriteWithCountryCode(w, prefix, "userDN", UserDn, UserDnCountryCode);
        w.Flag(prefix, "privacy", Privacy);
        w.Element(prefix, "callType", CallType);
        w.End();
    }

    private static void WriteWithCountryCode(XmlTextBuilder w, string? prefix, string name, string? value, string? countryCode)
    {
        if (value is null)
        {
            return;
        }

        w.Start(prefix, name);
        if (countryCode is not null)
        {
            w.Attribute(null, "countryCode", countryCode);
        }

        if (value.Length > 0)
        {
            w.Value(value);
        }

        w.End();
    }
}
