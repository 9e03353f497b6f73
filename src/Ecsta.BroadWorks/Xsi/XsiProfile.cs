using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi;

/// <summary>The XSI <c>Profile</c> document (<c>GET user/{userId}/profile</c>), the parts the TSP uses.</summary>
/// <param name="Details">The <c>details</c> element.</param>
/// <param name="CountryCode">The user's <c>countryCode</c>, if any.</param>
public sealed record XsiProfile(XsiProfileDetails Details, string? CountryCode = null) : XsiDocument
{
    internal override string RootName => "Profile";

    internal static XsiProfile Read(XmlReader r)
    {
        XsiProfileDetails? details = null;
        string? countryCode = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "details": details = XsiProfileDetails.Read(r); break;
                    case "countryCode": countryCode = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiProfile(details ?? throw XmlRead.Missing("details", "Profile"), countryCode);
    }

    internal override void WriteContent(XmlTextBuilder w, string? prefix)
    {
        Details.Write(w, prefix);
        w.Element(prefix, "countryCode", CountryCode);
    }
}

/// <summary>The <c>details</c> of a <see cref="XsiProfile"/>.</summary>
public sealed record XsiProfileDetails
{
    /// <summary>The user id.</summary>
    public required string UserId { get; init; }

    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The group id.</summary>
    public string? GroupId { get; init; }

    /// <summary>The service provider or enterprise id.</summary>
    public string? ServiceProvider { get; init; }

    /// <summary>The <c>isEnterprise</c> attribute of <c>serviceProvider</c>.</summary>
    public bool? IsEnterprise { get; init; }

    /// <summary>The phone number.</summary>
    public string? Number { get; init; }

    /// <summary>The extension.</summary>
    public string? Extension { get; init; }

    internal static XsiProfileDetails Read(XmlReader r)
    {
        string? userId = null, first = null, last = null, group = null, sp = null, number = null, extension = null;
        bool? isEnterprise = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                switch (XmlRead.IsXsi(r) ? r.LocalName : string.Empty)
                {
                    case "userId": userId = XmlRead.String(r); break;
                    case "firstName": first = XmlRead.String(r); break;
                    case "lastName": last = XmlRead.String(r); break;
                    case "groupId": group = XmlRead.String(r); break;
                    case "serviceProvider":
                        isEnterprise = r.GetAttribute("isEnterprise") switch
                        {
                            null => null,
                            "true" or "1" => true,
                            _ => false,
                        };
                        sp = XmlRead.String(r);
                        break;
                    case "number": number = XmlRead.String(r); break;
                    case "extension": extension = XmlRead.String(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiProfileDetails
        {
            UserId = userId ?? throw XmlRead.Missing("userId", "details"),
            FirstName = first,
            LastName = last,
            GroupId = group,
            ServiceProvider = sp,
            IsEnterprise = isEnterprise,
            Number = number,
            Extension = extension,
        };
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "details");
        w.Element(prefix, "userId", UserId);
        w.Element(prefix, "firstName", FirstName);
        w.Element(prefix, "lastName", LastName);
        w.Element(prefix, "groupId", GroupId);
        if (ServiceProvider is not null)
        {
            w.Start(prefix, "serviceProvider");
            if (IsEnterprise is { } isEnterprise)
            {
                w.Attribute(null, "isEnterprise", isEnterprise ? "true" : "false");
            }

            if (ServiceProvider.Length > 0)
            {
                w.Value(ServiceProvider);
            }

            w.End();
        }

        w.Element(prefix, "number", Number);
        w.Element(prefix, "extension", Extension);
        w.End();
    }
}
