namespace Ecsta.BroadWorks.Cti;

/// <summary>One request parameter, written as <c>&lt;param&gt;&lt;name/&gt;&lt;value/&gt;&lt;/param&gt;</c> inside <c>params</c>.</summary>
/// <param name="Name">The parameter name, e.g. <c>address</c>.</param>
/// <param name="Value">Its value.</param>
public sealed record XspParam(string Name, string Value);
