using Ecsta.Abstractions.Licensing;
using Ecsta.Tsp.Configuration;
using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary><c>/dialog/api/license</c>: the running host's license state (the manual's "Lizenzen") and adding a code.</summary>
internal sealed class DialogLicense(ILicensePool? pool, ILogger log)
{
    /// <summary>The add-code body.</summary>
    public sealed class AddCodeRequest
    {
        public string Code { get; set; } = "";
    }

    public IResult Status() =>
        pool is null ? NoPlugin() : DialogJson.Json(ToJson(pool.GetStatus()));

    public async Task<IResult> AddCodeAsync(HttpContext context)
    {
        if (pool is null)
        {
            return NoPlugin();
        }

        var (body, failure) = await DialogJson.ReadAsync<AddCodeRequest>(context.Request, DialogJson.MaxSmallBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var result = pool.AddCode(body!.Code.Trim());
        if (!result.Accepted)
        {
            return DialogJson.FieldErrors([new ValidationError("code", result.Reason ?? "the code was refused")]);
        }

        log.Information("Dialog: license code {Code} added", result.Code?.Id);
        return DialogJson.Json(new { accepted = true, reason = result.Reason, status = ToJson(pool.GetStatus()) });
    }

    private static object ToJson(LicenseStatus s) => new
    {
        mode = s.Mode.ToString().ToLowerInvariant(),
        daysLeft = s.TrialDaysLeft,
        seatsTotal = s.SeatsTotal,
        seatsInUse = s.SeatsInUse,
        reason = s.Reason,
        codes = s.Codes.Select(c => new
        {
            id = c.Id,
            licensee = c.Licensee,
            lines = c.Lines,
            issuedOn = c.IssuedOn.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            expiresOn = c.ExpiresOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            valid = c.IsValid,
        }),
    };

    private static IResult NoPlugin() =>
        DialogJson.Error(StatusCodes.Status503ServiceUnavailable, "no licensing plugin is loaded (see `ecsta plugins`)");
}
