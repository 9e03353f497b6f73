using Ecsta.Host.Configuration;
using Newtonsoft.Json;

namespace Ecsta.Host.Dialog;

/// <summary>The stored DNS name servers as the dialog reads them, with their version (the ETag a save sends back).</summary>
internal sealed record DialogNameServers(IReadOnlyList<string> NameServers, string Version)
{
    /// <summary>The list and its version: the first 16 hex digits of the SHA-256 of the list as JSON.</summary>
    public static DialogNameServers Of(IReadOnlyList<string> nameServers) =>
        new([.. nameServers], ConfigurationStore.VersionOf(JsonConvert.SerializeObject(nameServers)));
}

/// <summary>What a save of the name servers did: saved (<see cref="Saved"/>), refused with field errors, or refused as a conflict.</summary>
internal sealed record DialogNameServersSave(DialogNameServers? Saved, IReadOnlyList<ValidationError> Errors, string? Conflict);
