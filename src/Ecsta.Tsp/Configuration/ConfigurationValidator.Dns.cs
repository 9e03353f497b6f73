using Ecsta.Tsp.Discovery;

namespace Ecsta.Tsp.Configuration;

public sealed partial class ConfigurationValidator
{
    /// <summary>
    /// <c>dns.nameServers</c>: each entry an IP address with an optional port (<see cref="NameServerAddress"/>), none
    /// twice. Errors name the entry: <c>dns.nameServers[1]</c>.
    /// </summary>
    public static IReadOnlyList<ValidationError> ValidateDns(DnsConfiguration dns)
    {
        ArgumentNullException.ThrowIfNull(dns);
        var errors = new List<ValidationError>();
        var seen = new HashSet<System.Net.IPEndPoint>();
        for (var i = 0; i < dns.NameServers.Count; i++)
        {
            var field = $"dns.nameServers[{i}]";
            if (!NameServerAddress.TryParse(dns.NameServers[i], out var endPoint, out var problem))
            {
                errors.Add(new ValidationError(field, problem));
            }
            else if (!seen.Add(endPoint))
            {
                errors.Add(new ValidationError(field, $"'{dns.NameServers[i]}' is listed twice"));
            }
        }

        return errors;
    }
}
