using Ecsta.Abstractions.Tapi;

namespace Ecsta.Tsp.Provider;

// TSPI_lineGenerateDigits over BroadWorks TransmitDTMF (docs/tsp-core.md, "DTMF").
public sealed partial class TspProvider
{
    /// <summary>LINEDIGITMODE_DTMF: the only digit mode BroadWorks sends.</summary>
    public const uint DigitModeDtmf = 0x2;

    /// <summary>The most digits one request sends.</summary>
    public const int MaxDigits = 64;

    /// <summary>
    /// lineGenerateDigits: sends DTMF <paramref name="digits"/> (0-9, * and #; a comma is a pause) on a connected call.
    /// As TAPI says, characters that are no such digit are ignored (A-D too: BroadWorks does not send them); a string
    /// with no digit at all is refused with LINEERR_INVALDIGITS.
    /// Asynchronous here: the request completes when BroadWorks took the digits (there is no event for them); the
    /// Windows TSP turns that completion into TAPI's LINE_GENERATE (DONE, or CANCEL when it failed). The digits are not
    /// logged by the core: they may be a PIN.
    /// </summary>
    public TspiResult GenerateDigits(uint lineHandle, uint callHandle, uint digitMode, string? digits)
    {
        lock (_gate)
        {
            var what = $"lineGenerateDigits(call={callHandle}, {digits?.Length ?? 0} digits)";
            var error = CheckCall(lineHandle, callHandle, LineCallFeature.GENERATEDIGITS, out var handle, out var call);
            if (error != LineErr.SUCCESS) return Reject(what, error);
            if (digitMode != DigitModeDtmf) return Reject(what, LineErr.INVALDIGITMODE);
            var tones = new string([.. (digits ?? "").Where(IsDtmf)]);
            if (tones.Trim(',').Length == 0 || tones.Length > MaxDigits) return Reject(what, LineErr.INVALDIGITS);
            var userId = call.Line.UserId;
            var callId = call.CallId ?? "";
            var request = new TspRequest(_services.Ids.NextRequestId(), RequestKind.GenerateDigits, call.Line, handle) { Call = call, AwaitsEvent = false };
            request.Steps.Add(Step((link, ct) => link.SendDtmfAsync(userId, callId, tones, ct)));
            return Enqueue(request, what);
        }
    }

    private static bool IsDtmf(char digit) => char.IsAsciiDigit(digit) || digit is '*' or '#' or ',';
}
