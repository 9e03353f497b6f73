using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>
/// <c>/dialog/api/dns</c>: the name servers (<c>dns.nameServers</c>) that answer the SRV lookups and the addresses of
/// their targets and of the instances' hosts, as <c>ecsta dns</c> shows and sets them, checked by the same validator.
/// </summary>
internal sealed class DialogDns(DialogConfiguration configuration, ILogger log)
{
    /// <summary>The save body.</summary>
    public sealed class SaveRequest
    {
        public List<string> NameServers { get; set; } = [];
    }

    public IResult Get() => DialogJson.Json(ToJson(configuration.NameServers()));

    public async Task<IResult> SaveAsync(HttpContext context)
    {
        var (body, failure) = await DialogJson.ReadAsync<SaveRequest>(context.Request, DialogJson.MaxSmallBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var errors = configuration.SaveNameServers(body!.NameServers);
        if (errors.Count > 0)
        {
            return DialogJson.FieldErrors(errors);
        }

        log.Information("Dialog: DNS name servers set to {NameServers}", body.NameServers.Count == 0 ? "the system's" : string.Join(", ", body.NameServers));
        return DialogJson.Json(ToJson(body.NameServers));
    }

    private static object ToJson(IReadOnlyList<string> nameServers) => new { nameServers, systemResolver = nameServers.Count == 0 };
}
