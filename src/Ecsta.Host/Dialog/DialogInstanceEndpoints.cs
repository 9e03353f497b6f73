using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary><c>/dialog/api/instances</c>: list, read, create, change and delete instances.</summary>
internal sealed class DialogInstanceEndpoints(DialogConfiguration configuration, ILogger log)
{
    public IResult List() => DialogJson.Json(configuration.List());

    public IResult Get(string name, HttpContext context) =>
        configuration.Get(name) is { } instance ? Tagged(instance, context) : NotFound(name);

    public async Task<IResult> CreateAsync(HttpContext context)
    {
        var (body, failure) = await DialogJson.ReadAsync<DialogInstance>(context.Request, DialogJson.MaxInstanceBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var result = configuration.Create(body!);
        if (result.Instance is { } saved)
        {
            log.Information("Dialog: instance {Name} added", saved.Name);
            return Tagged(saved, context, StatusCodes.Status201Created);
        }

        return DialogJson.FieldErrors(result.Errors);
    }

    public async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var (ifMatch, precondition) = DialogPreconditions.Require(context, $"instance '{name}'");
        if (precondition is not null)
        {
            return precondition;
        }

        var (body, failure) = await DialogJson.ReadAsync<DialogInstance>(context.Request, DialogJson.MaxInstanceBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var result = configuration.Update(name, body!, ifMatch);
        if (result.NotFound)
        {
            return NotFound(name);
        }

        if (result.Conflict is { } conflict)
        {
            log.Warning("Dialog: a change of instance {Name} was refused: it changed since it was read", name);
            return DialogJson.Error(StatusCodes.Status409Conflict, conflict);
        }

        if (result.Instance is { } saved)
        {
            log.Information("Dialog: instance {Name} changed", saved.Name);
            return Tagged(saved, context);
        }

        return DialogJson.FieldErrors(result.Errors);
    }

    public IResult Delete(string name, HttpContext context)
    {
        var (ifMatch, precondition) = DialogPreconditions.Require(context, $"instance '{name}'");
        if (precondition is not null)
        {
            return precondition;
        }

        var result = configuration.Delete(name, ifMatch);
        if (result.NotFound)
        {
            return NotFound(name);
        }

        if (result.Conflict is { } conflict)
        {
            return DialogJson.Error(StatusCodes.Status409Conflict, conflict);
        }

        log.Information("Dialog: instance {Name} removed", name);
        return Results.NoContent();
    }

    /// <summary>The instance with its version as the ETag, which a change sends back as If-Match.</summary>
    private static IResult Tagged(DialogInstance instance, HttpContext context, int status = StatusCodes.Status200OK)
    {
        DialogPreconditions.Tag(context, instance.Version);
        return DialogJson.Json(instance, status);
    }

    private static IResult NotFound(string name) =>
        DialogJson.Error(StatusCodes.Status404NotFound, $"no instance is named '{name}'");
}
