using System.Xml;
using Ecsta.BroadWorks.Xml;

namespace Ecsta.BroadWorks.Xsi.Directory;

/// <summary>One <c>directoryDetails</c> entry of a Group or Enterprise directory page.</summary>
public sealed record XsiDirectoryEntry
{
    /// <summary>The user id.</summary>
    public required string UserId { get; init; }

    /// <summary>First name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Last name.</summary>
    public string? LastName { get; init; }

    /// <summary>The group id.</summary>
    public string? GroupId { get; init; }

    /// <summary>The phone number.</summary>
    public string? Number { get; init; }

    /// <summary>The extension.</summary>
    public string? Extension { get; init; }

    /// <summary><c>additionalDetails/emailAddress</c>.</summary>
    public string? EmailAddress { get; init; }

    internal static XsiDirectoryEntry Read(XmlReader r)
    {
        string? userId = null, first = null, last = null, group = null, number = null, extension = null, email = null;
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
                    case "number": number = XmlRead.String(r); break;
                    case "extension": extension = XmlRead.String(r); break;
                    case "additionalDetails": email = ReadEmail(r); break;
                    default: r.Skip(); break;
                }
            }
        }

        return new XsiDirectoryEntry
        {
            UserId = userId ?? throw XmlRead.Missing("userId", "directoryDetails"),
            FirstName = first,
            LastName = last,
            GroupId = group,
            Number = number,
            Extension = extension,
            EmailAddress = email,
        };
    }

    internal void Write(XmlTextBuilder w, string? prefix)
    {
        w.Start(prefix, "directoryDetails");
        w.Element(prefix, "userId", UserId);
        w.Element(prefix, "firstName", FirstName);
        w.Element(prefix, "lastName", LastName);
        w.Element(prefix, "groupId", GroupId);
        w.Element(prefix, "number", Number);
        w.Element(prefix, "extension", Extension);
        if (EmailAddress is not null)
        {
            w.Start(prefix, "additionalDetails");
            w.Element(prefix, "emailAddress", EmailAddress);
            w.End();
        }

        w.End();
    }

    private static string? ReadEmail(XmlReader r)
    {
        string? email = null;
        if (XmlRead.Enter(r, out var depth))
        {
            while (XmlRead.NextChild(r, depth))
            {
                if (XmlRead.IsXsi(r) && r.LocalName == "emailAddress")
                {
                    email = XmlRead.String(r);
                }
                else
                {
                    r.Skip();
                }
            }
        }

        return email;
    }
}
