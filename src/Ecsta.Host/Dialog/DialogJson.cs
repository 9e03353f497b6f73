using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Dialog;

/// <summary>
/// JSON in and out of the dialog's API: camelCase, request bodies read with a size bound, and a body that does not
/// fit the model answered as a field error (<c>$.advanced.snapshotIntervalSeconds</c> becomes
/// <c>advanced.snapshotIntervalSeconds</c>) so the page shows it beside the field.
/// </summary>
internal static class DialogJson
{
    /// <summary>Bound of an instance body (a server-mode instance may have 20,000 lines).</summary>
    public const int MaxInstanceBytes = 4 * 1024 * 1024;

    /// <summary>Bound of a small body (login, license code).</summary>
    public const int MaxSmallBytes = 8 * 1024;

    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
        RespectNullableAnnotations = true,
        MaxDepth = 16,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
    };

    /// <summary>A JSON answer.</summary>
    public static IResult Json(object value, int status = StatusCodes.Status200OK) =>
        Results.Json(value, Options, contentType: "application/json; charset=utf-8", statusCode: status);

    /// <summary>A problem without a field: <c>{"error": "..."}</c>.</summary>
    public static IResult Error(int status, string message) => Json(new { error = message }, status);

    /// <summary>HTTP 400 with <c>{"errors": [{"field", "message"}]}</c>.</summary>
    public static IResult FieldErrors(IEnumerable<ValidationError> errors) =>
        Json(new { errors = errors.Select(e => new { field = e.Field, message = e.Message }) }, StatusCodes.Status400BadRequest);

    /// <summary>Reads the body as <typeparamref name="T"/>; the failure is an answer to send (413, 415 or 400 with the field).</summary>
    public static async Task<(T? Value, IResult? Failure)> ReadAsync<T>(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
        where T : class
    {
        if (request.ContentType is not { } type || !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, Error(StatusCodes.Status415UnsupportedMediaType, "send application/json"));
        }

        if (request.ContentLength > maxBytes)
        {
            return (null, TooLarge(maxBytes));
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return (null, TooLarge(maxBytes));
            }

            buffer.Write(chunk, 0, read);
        }

        try
        {
            var value = JsonSerializer.Deserialize<T>(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), Options);
            return value is null ? (null, Error(StatusCodes.Status400BadRequest, "the body is empty")) : (value, null);
        }
        catch (JsonException ex)
        {
            var field = FieldOf(ex.Path);
            var message = field.Length == 0 ? "the body is not valid JSON" : "has the wrong type (a number, text, true/false or a list is expected here)";
            return (null, FieldErrors([new ValidationError(field.Length == 0 ? "body" : field, message)]));
        }
    }

    /// <summary><c>$.lines[2].userId</c> → <c>lines[2].userId</c>.</summary>
    internal static string FieldOf(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    private static IResult TooLarge(int maxBytes) =>
        Error(StatusCodes.Status413PayloadTooLarge, $"the body is larger than {maxBytes / 1024} KiB");
}
