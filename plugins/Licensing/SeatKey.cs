namespace Ecsta.Plugins.Licensing;

/// <summary>One line of one instance; the unit a seat is held by (compared ordinally).</summary>
/// <param name="Instance">The instance name.</param>
/// <param name="Line">The line within the instance.</param>
internal readonly record struct SeatKey(string Instance, string Line);
