namespace Ecsta.Plugins.Licensing.State;

/// <summary>What the licensing plugin remembers between starts.</summary>
/// <param name="TrialStart">The first start of this installation.</param>
/// <param name="LastSeen">The latest time ever seen; a clock earlier than this is treated as this.</param>
/// <param name="TrialVoid">Why the trial was ended early (its state was altered), or null.</param>
/// <param name="Codes">The added codes, in their typed form (each verified again when loaded).</param>
internal sealed record PersistedState(DateTimeOffset TrialStart, DateTimeOffset LastSeen, string? TrialVoid, IReadOnlyList<string> Codes);
