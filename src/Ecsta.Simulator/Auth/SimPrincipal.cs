using Ecsta.Simulator.CallEngine;

namespace Ecsta.Simulator.Auth;

/// <summary>An authenticated client: a user, or a group administrator.</summary>
/// <param name="LoginId">The login (user id or administrator id).</param>
/// <param name="User">The user, when a user logged in.</param>
/// <param name="Administrator">The administrator, when one logged in.</param>
public sealed record SimPrincipal(string LoginId, SimUser? User, GroupAdministrator? Administrator)
{
    /// <summary>Whether the principal may act on <paramref name="target"/>: itself, or a user of the administered group.</summary>
    public bool CanActOn(SimUser target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return User is not null
            ? string.Equals(User.UserId, target.UserId, StringComparison.OrdinalIgnoreCase)
            : Administrator is not null && ReferenceEquals(Administrator.Group, target.Group);
    }

    /// <summary>Whether the principal may act on the whole group (administrators only).</summary>
    public bool CanActOnGroup(SimGroup group) => Administrator is not null && ReferenceEquals(Administrator.Group, group);
}

/// <summary>Checks credentials against the engine's users and administrators.</summary>
public sealed class SimAuthenticator
{
    private readonly SimCallEngine _engine;

    /// <summary>Creates the authenticator.</summary>
    public SimAuthenticator(SimCallEngine engine) => _engine = engine;

    /// <summary>The principal for these credentials, or null.</summary>
    public SimPrincipal? Authenticate(string? login, string? password)
    {
        if (string.IsNullOrEmpty(login) || password is null)
        {
            return null;
        }

        if (_engine.FindUser(login) is { } user)
        {
            return FixedTimeEquals(user.Password, password) ? new SimPrincipal(user.UserId, user, null) : null;
        }

        var admin = _engine.Administrators.FirstOrDefault(a => string.Equals(a.UserId, login, StringComparison.OrdinalIgnoreCase));
        return admin is not null && FixedTimeEquals(admin.Password, password) ? new SimPrincipal(admin.UserId, null, admin) : null;
    }

    /// <summary>Parses <c>Basic base64(user:password)</c> (also the CTI credentials) and authenticates.</summary>
    public SimPrincipal? AuthenticateBasic(string? base64Credentials)
    {
        if (string.IsNullOrWhiteSpace(base64Credentials))
        {
            return null;
        }

        try
        {
            var text = System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(base64Credentials.Trim()));
            var colon = text.IndexOf(':', StringComparison.Ordinal);
            return colon <= 0 ? null : Authenticate(text[..colon], text[(colon + 1)..]);
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static bool FixedTimeEquals(string expected, string actual) =>
        System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(expected), System.Text.Encoding.UTF8.GetBytes(actual));
}
