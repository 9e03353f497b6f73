using System.CommandLine;
using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;

namespace Ecsta.Host.Cli.Commands;

/// <summary>The options of `instance add` and `instance set`, and how they change an instance.</summary>
internal sealed class InstanceOptions
{
    public Option<string> Mode { get; } = new Option<string>("--mode") { Description = "workstation (one user's phone) or server (lines of a group)", HelpName = "MODE" }.AcceptOnlyFromAmong("workstation", "server");
    public Option<string> Profile { get; } = new("--profile") { Description = "Provider profile to follow (see `ecsta profiles`); 'Individual' or '' for none", HelpName = "NAME" };
    public Option<string> Host { get; } = new("--host") { Description = "XSP host (also the DNS SRV domain)" };
    public Option<int> Port { get; } = new("--port") { Description = "Port (0 = the connection type's default)" };
    public Option<string> Type { get; } = new Option<string>("--type") { Description = "Connection type", HelpName = "cti|ctis|http|https" }.AcceptOnlyFromAmong([.. ConnectionTypes.All]);
    public Option<string> Prefix { get; } = new("--prefix") { Description = "URL prefix before the XSI context paths (e.g. nl.cai)" };
    public Option<string> User { get; } = new("--user") { Description = "BroadWorks login: user id (workstation) or group administrator (server)" };
    public Option<bool> PasswordStdin { get; } = new("--password-stdin") { Description = "Read the password from the first line of standard input" };
    public Option<string> Notes { get; } = new("--notes") { Description = "Notes" };
    public Option<string[]> Lines { get; } = new("--line") { Description = "A line as USERID[,NUMBER[,NAME]]; repeat for several (replaces the list)", AllowMultipleArgumentsPerToken = false };
    public Option<bool> ReturnToHeld { get; } = new("--return-to-held") { Description = "Retrieve the held call when a consultation call ends (true|false)" };
    public Option<string> Proxy { get; } = new("--proxy") { Description = "HTTP proxy for XSI, e.g. http://proxy:3128 ('' removes it)", HelpName = "URL" };
    public Option<string> ProxyUser { get; } = new("--proxy-user") { Description = "Proxy user" };
    public Option<bool> ProxyPasswordStdin { get; } = new("--proxy-password-stdin") { Description = "Read the proxy password from standard input (after the instance password, if both)" };
    public Option<string> LineNameFormat { get; } = new Option<string>("--line-name-format") { Description = "How line names are shown", HelpName = "standard|number|name" }.AcceptOnlyFromAmong("standard", "number", "name");
    public Option<int> SnapshotInterval { get; } = new("--snapshot-interval") { Description = "Seconds between snapshots of active calls (0 = off)", HelpName = "SECONDS" };
    public Option<int> MonitorRetry { get; } = new("--monitor-retry") { Description = "Seconds between retries of a line whose monitoring could not start", HelpName = "SECONDS" };
    public Option<string> TrustedCa { get; } = new("--trusted-ca") { Description = "Extra CA certificate (PEM file) trusted for TLS to the XSP ('' removes it)", HelpName = "FILE" };
    public Option<string> PinSha256 { get; } = new("--pin-sha256") { Description = "SHA-256 thumbprint (hex) of a pinned XSP certificate ('' removes it)", HelpName = "HEX" };
    public Option<bool> UseLocation { get; } = new("--use-location") { Description = "Report extension numbers fully international (true|false)" };
    public Option<string> Location { get; } = new("--location") { Description = "International prefix of the extensions, e.g. +49(89)1234" };

    public Option<string[]> Settings { get; } = new("--setting") { Description = "A transport setting as NAME=VALUE (NAME= removes it); repeat for several, e.g. httpPort=8080", HelpName = "NAME=VALUE", AllowMultipleArgumentsPerToken = false };

    public IEnumerable<Option> All =>
    [
        Mode, Profile, Host, Port, Type, Prefix, User, PasswordStdin, Notes, Lines, ReturnToHeld, Proxy, ProxyUser,
        ProxyPasswordStdin, LineNameFormat, SnapshotInterval, MonitorRetry, TrustedCa, PinSha256, UseLocation, Location,
        Settings,
    ];

    public void AddTo(Command command)
    {
        foreach (var option in All)
        {
            command.Options.Add(option);
        }
    }

    /// <summary>Applies the given options to <paramref name="instance"/> (profile first, explicit options after it).</summary>
    public void Apply(CliContext context, InstanceConfiguration instance)
    {
        if (context.Given(Profile))
        {
            ApplyProfile(context, instance, context.Value(Profile));
        }

        if (context.Given(Mode)) instance.Mode = context.Value(Mode) == "server" ? InstanceMode.Server : InstanceMode.Workstation;
        if (context.Given(Host)) instance.Host = context.Value(Host).Trim();
        if (context.Given(Port)) instance.Port = context.Value(Port);
        if (context.Given(Type)) instance.ConnectionType = context.Value(Type);
        if (context.Given(Prefix)) instance.UrlPrefix = context.Value(Prefix).Trim('/');
        if (context.Given(User)) instance.User = context.Value(User).Trim();
        if (context.Given(Notes)) instance.Notes = context.Value(Notes);
        if (context.Given(Lines)) instance.Lines = context.Value(Lines).Select(ParseLine).ToList();
        if (context.Given(ReturnToHeld)) instance.Advanced.ReturnToHeldOnConsultationEnd = context.Value(ReturnToHeld);
        if (context.Given(LineNameFormat)) instance.Advanced.LineNameFormat = Enum.Parse<Tsp.Configuration.LineNameFormat>(context.Value(LineNameFormat), ignoreCase: true);
        if (context.Given(SnapshotInterval)) instance.Advanced.SnapshotIntervalSeconds = context.Value(SnapshotInterval);
        if (context.Given(MonitorRetry)) instance.Advanced.MonitorStartRetrySeconds = context.Value(MonitorRetry);
        if (context.Given(TrustedCa)) instance.Advanced.TrustedCaPath = NullIfEmpty(context.Value(TrustedCa)) is { } ca ? Path.GetFullPath(ca) : null;
        if (context.Given(PinSha256)) instance.Advanced.PinnedCertificateSha256 = NullIfEmpty(context.Value(PinSha256).Replace(":", "", StringComparison.Ordinal));
        if (context.Given(UseLocation)) instance.Location.Enabled = context.Value(UseLocation);
        if (context.Given(Location)) instance.Location.Location = context.Value(Location).Trim();
        if (context.Given(Settings)) ApplySettings(context.Value(Settings), instance.Advanced.TransportSettings);
        ApplySecrets(context, instance);
    }

    /// <summary>NAME=VALUE sets, NAME= removes; the names and values are judged by the validator on save.</summary>
    private static void ApplySettings(string[] assignments, Dictionary<string, string> settings)
    {
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new CliFailure($"--setting '{assignment}' must be NAME=VALUE (NAME= removes the setting)", ExitCodes.Usage);
            }

            var name = assignment[..equals].Trim();
            var value = assignment[(equals + 1)..].Trim();
            if (value.Length == 0)
            {
                settings.Remove(name);
            }
            else
            {
                settings[name] = value;
            }
        }
    }

    private static string? NullIfEmpty(string value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private void ApplySecrets(CliContext context, InstanceConfiguration instance)
    {
        if (context.Given(PasswordStdin) && context.Value(PasswordStdin))
        {
            var password = ReadSecret(context, "password");
            instance.PasswordProtected = context.Store.Secrets.Protect(password);
        }

        if (context.Given(Proxy))
        {
            var address = context.Value(Proxy).Trim();
            instance.Advanced.Proxy = address.Length == 0 ? null : new ProxyConfiguration { Address = address, User = instance.Advanced.Proxy?.User, PasswordProtected = instance.Advanced.Proxy?.PasswordProtected };
        }

        if (context.Given(ProxyUser) || (context.Given(ProxyPasswordStdin) && context.Value(ProxyPasswordStdin)))
        {
            var proxy = instance.Advanced.Proxy ?? throw new CliFailure("advanced.proxy: set --proxy before a proxy user or password");
            if (context.Given(ProxyUser))
            {
                var user = context.Value(ProxyUser).Trim();
                proxy.User = user.Length == 0 ? null : user;
            }

            if (context.Given(ProxyPasswordStdin) && context.Value(ProxyPasswordStdin))
            {
                proxy.PasswordProtected = context.Store.Secrets.Protect(ReadSecret(context, "proxy password"));
            }
        }
    }

    private static string ReadSecret(CliContext context, string what)
    {
        var line = context.Console.In.ReadLine();
        if (string.IsNullOrEmpty(line))
        {
            throw new CliFailure($"no {what} on standard input");
        }

        return line.TrimEnd('\r');
    }

    private static void ApplyProfile(CliContext context, InstanceConfiguration instance, string name)
    {
        if (name.Length == 0 || string.Equals(name, "Individual", StringComparison.OrdinalIgnoreCase))
        {
            instance.Profile = null;
            return;
        }

        var profile = context.Catalog.FindProfile(name)
            ?? throw new CliFailure($"profile: no provider profile is named '{name}' (see `ecsta profiles`)");
        instance.Profile = profile.Name;
        instance.Host = profile.Host;
        instance.Port = profile.Port;
        instance.ConnectionType = profile.ConnectionType;
        instance.UrlPrefix = profile.UrlPrefix;
    }

    private static LineConfiguration ParseLine(string text)
    {
        var parts = text.Split(',', 3, StringSplitOptions.TrimEntries);
        if (parts[0].Length == 0)
        {
            throw new CliFailure($"line: '{text}' has no user id (USERID[,NUMBER[,NAME]])");
        }

        return new LineConfiguration
        {
            UserId = parts[0],
            Number = parts.Length > 1 ? parts[1] : "",
            Name = parts.Length > 2 ? parts[2] : "",
        };
    }
}
