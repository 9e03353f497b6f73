using Ecsta.Abstractions.Tapi;
using Ecsta.Tsp.Provider;

namespace Ecsta.EndToEnd.Tests.TestSupport;

/// <summary>Builds the decoded texts of the expected messages and asserts ordered sequences on a hosted line.</summary>
internal static class LineExpectations
{
    public static string CS(uint call, string state) => $"LINE_CALLSTATE call={call} {state}";

    public static string Conferenced(uint call, uint conference) => $"LINE_CALLSTATE call={call} CONFERENCED conf={conference}";

    public static string CI(uint call, LineCallInfoState bits) => $"LINE_CALLINFO call={call} {TapiNames.Flags(bits)}";

    public static string NewCall(uint call) => $"LINE_NEWCALL call={call}";

    public static string AS(LineAddressState state) => $"LINE_ADDRESSSTATE {TapiNames.Flags(state)}";

    public static string DS(LineDevState state) => $"LINE_LINEDEVSTATE {TapiNames.Flags(state)}";

    public static string C(TspiResult request, LineErr result = LineErr.SUCCESS)
    {
        Assert.True(request.Accepted, $"request refused: {request.Result} {request.Reason}");
        return new AsyncCompletion(request.RequestId, result).Text;
    }

    public const string NumCalls = "LINE_ADDRESSSTATE NUMCALLS";
    public const string InUseOne = "LINE_ADDRESSSTATE INUSEONE";
    public const string InUseZero = "LINE_ADDRESSSTATE INUSEZERO";
    public const string Ringing = "LINE_LINEDEVSTATE RINGING";

    /// <summary>
    /// Waits until the last expected entry arrived after <paramref name="mark"/>, lets the instance's loop finish
    /// what it received, then asserts that exactly <paramref name="expected"/> arrived after the mark, in order.
    /// </summary>
    public static async Task ExpectAsync(this HostedLine line, int mark, params string[] expected)
    {
        await line.Sink.WaitForAsync(
            entries => entries.Count - mark >= expected.Length && entries.Skip(mark).Contains(expected[^1]),
            $"[{string.Join(", ", expected)}]");
        await line.SettleAsync();
        Assert.Equal(expected, line.Sink.Since(mark));
    }

    /// <summary>Waits for the next LINE_NEWCALL after <paramref name="mark"/> and returns its call handle.</summary>
    public static async Task<uint> NewCallAsync(this HostedLine line, int mark)
    {
        await line.Sink.WaitForAsync(entries => entries.Skip(mark).Any(e => e.StartsWith("LINE_NEWCALL", StringComparison.Ordinal)), "LINE_NEWCALL");
        return line.Sink.Messages.Skip(CountMessagesBefore(line, mark)).First(m => m.Message == LineMessage.LINE_NEWCALL).CallHandle;
    }

    private static int CountMessagesBefore(HostedLine line, int mark) =>
        line.Sink.Entries.Take(mark).Count(e => e.StartsWith("LINE_", StringComparison.Ordinal));
}
