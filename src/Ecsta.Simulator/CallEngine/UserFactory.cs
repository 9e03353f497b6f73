namespace Ecsta.Simulator.CallEngine;

/// <summary>Generates the simulator's users and group administrator.</summary>
public static class UserFactory
{
    private static readonly string[] FirstNames = ["Anna", "Ben", "Clara", "David", "Eva", "Felix", "Greta", "Hannes", "Ida", "Jonas"];
    private static readonly string[] LastNames = ["Albers", "Brandt", "Conrad", "Dietz", "Engel", "Fischer", "Graf", "Hahn", "Imhof", "Jung"];

    /// <summary>Creates <paramref name="count"/> users of one group and its administrator.</summary>
    public static (IReadOnlyList<SimUser> Users, GroupAdministrator Administrator) Create(int count, CallEngineOptions options)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentNullException.ThrowIfNull(options);
        var group = new SimGroup { GroupId = options.GroupId, ServiceProviderId = options.EnterpriseId, IsEnterprise = true };
        var users = new List<SimUser>(count);
        for (var i = 0; i < count; i++)
        {
            var extension = (options.FirstExtension + i).ToString(System.Globalization.CultureInfo.InvariantCulture);
            users.Add(new SimUser
            {
                UserId = "u" + extension + "@" + options.Domain,
                Number = options.NumberPrefix + extension,
                Extension = extension,
                FirstName = FirstNames[i % FirstNames.Length],
                LastName = LastNames[i / FirstNames.Length % LastNames.Length] + (i >= 100 ? " " + extension : string.Empty),
                Password = "Sim-" + extension + "!",
                Group = group,
                AutoAnswerDelay = options.AutoAnswerDelay,
            });
        }

        var administrator = new GroupAdministrator { UserId = "admin@" + options.Domain, Password = "Admin-Sim-1!", Group = group };
        return (users, administrator);
    }
}
