namespace Ecsta.Tsp.Configuration;

/// <summary>A configuration value that is not acceptable.</summary>
/// <param name="Field">The field, as the CLI and the dialog name it (e.g. <c>port</c>, <c>lines[2].userId</c>).</param>
/// <param name="Message">What is wrong.</param>
public sealed record ValidationError(string Field, string Message)
{
    public override string ToString() => $"{Field}: {Message}";
}
