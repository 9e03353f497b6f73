using System.Security.Cryptography;

namespace Ecsta.Host.Dialog;

/// <summary>
/// The dialog's logins: after the administrator presents the admin token, the browser holds a random session value in
/// an HttpOnly, SameSite=Strict cookie (never the token itself). Sessions live in memory only (a restart logs
/// everybody out), end after <see cref="IdleLifetime"/> without use, and at most <see cref="MaxSessions"/> exist.
/// </summary>
internal sealed class DialogSessions
{
    /// <summary>The cookie's name.</summary>
    public const string CookieName = "ecsta-dialog";

    /// <summary>How many sessions exist at most; a new login beyond it ends the least recently used one.</summary>
    public const int MaxSessions = 32;

    private readonly Dictionary<string, DateTimeOffset> _lastUse = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;

    public DialogSessions(TimeProvider time) => _time = time;

    /// <summary>A session ends after this long without a request.</summary>
    public static TimeSpan IdleLifetime { get; } = TimeSpan.FromHours(8);

    /// <summary>Starts a session and returns its value (32 random bytes, base64url).</summary>
    public string Start()
    {
        var value = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        lock (_gate)
        {
            RemoveExpired();
            if (_lastUse.Count >= MaxSessions)
            {
                _lastUse.Remove(_lastUse.MinBy(s => s.Value).Key);
            }

            _lastUse[value] = _time.GetUtcNow();
        }

        return value;
    }

    /// <summary>Whether <paramref name="value"/> is a live session; a live session's idle time starts again.</summary>
    public bool Touch(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        lock (_gate)
        {
            var now = _time.GetUtcNow();
            if (!_lastUse.TryGetValue(value, out var last))
            {
                return false;
            }

            if (now - last > IdleLifetime)
            {
                _lastUse.Remove(value);
                return false;
            }

            _lastUse[value] = now;
            return true;
        }
    }

    /// <summary>Ends a session (logout).</summary>
    public void End(string? value)
    {
        if (value is null)
        {
            return;
        }

        lock (_gate)
        {
            _lastUse.Remove(value);
        }
    }

    private void RemoveExpired()
    {
        var now = _time.GetUtcNow();
        foreach (var expired in _lastUse.Where(s => now - s.Value > IdleLifetime).Select(s => s.Key).ToList())
        {
            _lastUse.Remove(expired);
        }
    }
}
