namespace Ecsta.Abstractions.Transports;

/// <summary>One step of a connection test.</summary>
/// <param name="Step">What was tried: <c>target</c>, <c>authentication</c>, <c>channel</c>, <c>subscription</c>, …</param>
/// <param name="Success">Whether it worked.</param>
/// <param name="Detail">The outcome in words (an error text on failure).</param>
/// <param name="Target">The SRV (or configured) target, for <c>target</c> steps.</param>
public sealed record ConnectionTestStep(string Step, bool Success, string Detail, ServiceTarget? Target = null);

/// <summary>The steps of a connection test in the order tried; <see cref="Success"/> only when the round trip worked.</summary>
/// <param name="Steps">The steps.</param>
public sealed record ConnectionTestResult(IReadOnlyList<ConnectionTestStep> Steps)
{
    /// <summary>Whether the whole round trip worked (a failed target is fine when a later one worked).</summary>
    public bool Success => Steps.Count > 0 && Steps.All(s => s.Success || s.Step == "target") && Steps[^1].Success;
}

/// <summary>
/// A link that can test its connection step by step for <c>ecsta connection test</c>: each SRV target tried with
/// its outcome, then authentication and an event channel + subscription round trip. Implemented by links, found by
/// a type check on <see cref="IPlatformLink"/>.
/// </summary>
public interface IConnectionTester
{
    /// <summary>Runs the test without starting the link's normal operation.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(CancellationToken cancellationToken);
}
