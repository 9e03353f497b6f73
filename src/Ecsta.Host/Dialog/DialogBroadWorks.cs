using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Plugins;
using Ecsta.Tsp.Runtime;
using Serilog;

namespace Ecsta.Host.Dialog;

/// <summary>
/// <c>/dialog/api/instances/{name}/lines/read</c> and <c>/connection-test</c>: the saved instance talks to BroadWorks
/// once through its transport plugin (the same code as `ecsta lines read` and `ecsta connection test`). Nothing is
/// saved; a failure is HTTP 400 (the instance cannot be used as it is) or 502 (BroadWorks refused or did not answer)
/// with a one-line reason; each call is bounded by <see cref="TimeLimit"/>.
/// </summary>
internal sealed class DialogBroadWorks(DialogConfiguration configuration, PluginCatalog catalog, TimeProvider time, ILogger log)
{
    /// <summary>How long one call may talk to BroadWorks.</summary>
    public static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(30);

    /// <summary>The optional body of a read: the user whose group directory lists the lines (server mode).</summary>
    public sealed class ReadLinesRequest
    {
        public string? DirectoryUser { get; set; }
    }

    public async Task<IResult> ReadLinesAsync(string name, HttpContext context)
    {
        var directoryUser = (string?)null;
        if (context.Request.ContentType is not null)
        {
            var (body, failure) = await DialogJson.ReadAsync<ReadLinesRequest>(context.Request, DialogJson.MaxSmallBytes, context.RequestAborted).ConfigureAwait(false);
            if (failure is not null)
            {
                return failure;
            }

            directoryUser = string.IsNullOrWhiteSpace(body!.DirectoryUser) ? null : body.DirectoryUser.Trim();
        }

        if (configuration.Find(name) is not { } found)
        {
            return NotFound(name);
        }

        var (file, instance) = found;

        var options = InstanceLinks.Options(instance, configuration.Secrets);
        if (instance.Mode == InstanceMode.Server)
        {
            if (directoryUser is not null)
            {
                options = InstanceLinks.WithDirectoryUser(options, directoryUser);
            }

            if (InstanceLinks.DirectoryUser(options) is null)
            {
                return DialogJson.FieldErrors([new ValidationError(
                    "directoryUser",
                    $"'{instance.Name}' is in server mode: BroadWorks lists a group's lines to a user of the group, not to the administrator; name a user of the group whose directory lists the lines")]);
            }
        }
        else if (directoryUser is not null)
        {
            return DialogJson.FieldErrors([new ValidationError("directoryUser", $"'{instance.Name}' is in workstation mode, which reads only its own user's line")]);
        }

        var lines = await RunAsync(instance, "read the lines", token => InstanceLinks.ReadLinesAsync(catalog, file, instance, options, time, token), context.RequestAborted).ConfigureAwait(false);
        if (lines.Failure is not null)
        {
            return lines.Failure;
        }

        var configured = instance.Lines.Select(l => l.UserId).ToHashSet(StringComparer.OrdinalIgnoreCase);
        log.Information("Dialog: {Count} lines of instance {Name} read from BroadWorks", lines.Value!.Count, instance.Name);
        return DialogJson.Json(new
        {
            instance = instance.Name,
            mode = instance.Mode.ToString().ToLowerInvariant(),
            directoryUser = instance.Mode == InstanceMode.Server ? InstanceLinks.DirectoryUser(options) : null,
            lines = lines.Value.Select(l => new
            {
                userId = l.UserId,
                number = InstanceLinks.Dialable(l),
                extension = l.Extension,
                name = l.Name,
                configured = configured.Contains(l.UserId),
            }),
        });
    }

    public async Task<IResult> TestConnectionAsync(string name, HttpContext context)
    {
        if (configuration.Find(name) is not { } found)
        {
            return NotFound(name);
        }

        var (file, instance) = found;

        var test = await RunAsync(instance, "test the connection", token => InstanceLinks.TestConnectionAsync(catalog, file, instance, configuration.Secrets, time, token), context.RequestAborted).ConfigureAwait(false);
        if (test.Failure is not null)
        {
            return test.Failure;
        }

        var result = test.Value!;
        log.Information("Dialog: connection test of instance {Name}: {Outcome}", instance.Name, result.Success ? "passed" : "failed");
        return DialogJson.Json(new
        {
            success = result.Success,
            steps = result.Steps.Select(s => new
            {
                step = s.Step,
                success = s.Success,
                detail = s.Detail,
                target = s.Target is { } t ? new { host = t.Host, port = t.Port, priority = t.Priority, weight = t.Weight, fromSrv = t.FromSrv } : null,
            }),
        });
    }

    private async Task<(T? Value, IResult? Failure)> RunAsync<T>(InstanceConfiguration instance, string what, Func<CancellationToken, Task<T>> work, CancellationToken aborted)
        where T : class
    {
        using var limit = new CancellationTokenSource(TimeLimit, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(limit.Token, aborted);
        try
        {
            return (await work(linked.Token).ConfigureAwait(false), null);
        }
        catch (InstanceLinkException ex)
        {
            log.Warning("Dialog: could not {What} of instance {Name}: {Reason}", what, instance.Name, ex.Message);
            return (null, DialogJson.Error(ex.FromPlatform ? StatusCodes.Status502BadGateway : StatusCodes.Status400BadRequest, ex.Message));
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested && !aborted.IsCancellationRequested)
        {
            log.Warning("Dialog: could not {What} of instance {Name}: no answer within {Seconds} s", what, instance.Name, TimeLimit.TotalSeconds);
            return (null, DialogJson.Error(StatusCodes.Status502BadGateway, $"'{instance.Name}': BroadWorks did not answer within {TimeLimit.TotalSeconds:0} s"));
        }
        catch (PlatformException ex)
        {
            log.Warning("Dialog: could not {What} of instance {Name}: {Reason}", what, instance.Name, ex.Message);
            return (null, DialogJson.Error(StatusCodes.Status502BadGateway, $"'{instance.Name}': {ex.Message}"));
        }
    }

    private static IResult NotFound(string name) =>
        DialogJson.Error(StatusCodes.Status404NotFound, $"no instance is named '{name}'");
}
