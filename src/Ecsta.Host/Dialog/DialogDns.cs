using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>
/// <c>/dialog/api/dns</c>: the name servers (<c>dns.nameServers</c>) that answer the SRV lookups and the addresses of
/// their targets and of the instances' hosts, as <c>ecsta dns</c> shows and sets them, checked by the same validator.
/// Like an instance, the list has a version (ETag): a save sends it back as <c>If-Match</c> and is refused (409) when
/// the list changed since it was read, so a change made meanwhile with <c>ecsta dns set</c> is never overwritten unseen.
/// </summary>
internal sealed class DialogDns(DialogConfiguration configuration, ILogger log)
{
    /// <summary>The save body.</summary>
    public sealed class SaveRequest
    {
        public List<string> NameServers { get; set; } = [];
    }

    public IResult Get(HttpContext context) => Tagged(configuration.NameServers(), context);

    public async Task<IResult> SaveAsync(HttpContext context)
    {
        var (ifMatch, precondition) = DialogPreconditions.Require(context, "the DNS name servers");
        if (precondition is not null)
        {
            return precondition;
        }

        var (body, failure) = await DialogJson.ReadAsync<SaveRequest>(context.Request, DialogJson.MaxSmallBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var result = configuration.SaveNameServers(body!.NameServers, ifMatch!);
        if (result.Conflict is { } conflict)
        {
            log.Warning("Dialog: a change of the DNS name servers was refused: they changed since they were read");
            return DialogJson.Error(StatusCodes.Status409Conflict, conflict);
        }

        if (result.Saved is not { } saved)
        {
            return DialogJson.FieldErrors(result.Errors);
        }

        log.Information("Dialog: DNS name servers set to {NameServers}", saved.NameServers.Count == 0 ? "the system's" : string.Join(", ", saved.NameServers));
        return Tagged(saved, context);
    }

    private static IResult Tagged(DialogNameServers dns, HttpContext context)
    {
        DialogPreconditions.Tag(context, dns.Version);
        return DialogJson.Json(new { nameServers = dns.NameServers, systemResolver = dns.NameServers.Count == 0, version = dns.Version });
    }
}
