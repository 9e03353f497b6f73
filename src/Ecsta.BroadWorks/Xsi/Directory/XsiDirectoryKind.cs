namespace Ecsta.BroadWorks.Xsi.Directory;

/// <summary>Which directory a <see cref="XsiDirectoryPage"/> is a page of.</summary>
public enum XsiDirectoryKind
{
    /// <summary><c>directories/Group</c>: root <c>Group</c>, list <c>groupDirectory</c>.</summary>
    Group,

    /// <summary><c>directories/Enterprise</c>: root <c>Enterprise</c>, list <c>enterpriseDirectory</c>.</summary>
    Enterprise,
}
