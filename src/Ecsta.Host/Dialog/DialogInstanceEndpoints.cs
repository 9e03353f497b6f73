using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary><c>/dialog/api/instances</c>: list, read, create, change and delete instances.</summary>
internal sealed class DialogInstanceEndpoints(DialogConfiguration configuration, ILogger log)
{
    public IResult List() => DialogJson.Json(configuration.List());

    public IResult Get(string name) =>
        configuration.Get(name) is { } instance ? DialogJson.Json(instance) : NotFound(name);

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
            return DialogJson.Json(saved, StatusCodes.Status201Created);
        }

        return DialogJson.FieldErrors(result.Errors);
    }

    public async Task<IResult> UpdateAsync(string name, HttpContext context)
    {
        var (body, failure) = await DialogJson.ReadAsync<DialogInstance>(context.Request, DialogJson.MaxInstanceBytes, context.RequestAborted).ConfigureAwait(false);
        if (failure is not null)
        {
            return failure;
        }

        var result = configuration.Update(name, body!);
        if (result.NotFound)
        {
            return NotFound(name);
        }

        if (result.Instance is { } saved)
        {
            log.Information("Dialog: instance {Name} changed", saved.Name);
            return DialogJson.Json(saved);
        }

        return DialogJson.FieldErrors(result.Errors);
    }

    public IResult Delete(string name)
    {
        if (!configuration.Delete(name))
        {
            return NotFound(name);
        }

        log.Information("Dialog: instance {Name} removed", name);
        return Results.NoContent();
    }

    private static IResult NotFound(string name) =>
        DialogJson.Error(StatusCodes.Status404NotFound, $"no instance is named '{name}'");
}
