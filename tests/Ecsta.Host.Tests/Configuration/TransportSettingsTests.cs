using System.Globalization;
using Ecsta.Abstractions.Transports;
using Ecsta.Host.Tests.TestSupport;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;
using Newtonsoft.Json.Linq;

namespace Ecsta.Host.Tests.Configuration;

/// <summary>An instance's <c>advanced.transportSettings</c>: stored, validated (names here, values by the transport), passed to the link.</summary>
public sealed class TransportSettingsTests : IDisposable
{
    private readonly TempDirectory _temp = new();

    private ConfigurationStore NewStore() => new(_temp.File("ecsta.json"));

    private static InstanceConfiguration Instance() => new()
    {
        Name = "office",
        Mode = InstanceMode.Server,
        Host = "xsp.example.com",
        ConnectionType = ConnectionTypes.Cti,
        User = "admin@example.com",
        Lines = { new LineConfiguration { UserId = "alice@example.com", Number = "100", Name = "Alice" } },
    };

    /// <summary>A transport that, like the real ones, judges its settings and says so in words.</summary>
    private sealed class JudgingTransport : ITransportFactory
    {
        public string Name => "judge";

        public IReadOnlyList<string> ConnectionTypes => ["cti"];

        public IReadOnlyList<string> Validate(PlatformLinkOptions options)
        {
            var problems = new List<string>();
            if (options.Host.Length == 0)
            {
                problems.Add("Host is required.");
            }

            if (options.Settings.TryGetValue("httpPort", out var port) && !int.TryParse(port, NumberStyles.Integer, CultureInfo.InvariantCulture, out _))
            {
                problems.Add($"Setting httpPort must be a whole number from 1 to 65535, not '{port}'.");
            }

            return problems;
        }

        public IPlatformLink Create(PlatformLinkOptions options, PlatformLinkContext context) => throw new InvalidOperationException("not used");
    }

    [Fact]
    public void Transport_settings_are_stored_and_read_back_and_a_file_without_them_keeps_no_empty_entry()
    {
        var store = NewStore();
        var configuration = new EcstaConfiguration { Instances = { Instance() } };
        store.Save(configuration);
        Assert.Null(JObject.Parse(File.ReadAllText(_temp.File("ecsta.json")))["instances"]![0]!["advanced"]!["transportSettings"]);

        configuration.Instances[0].Advanced.TransportSettings["httpPort"] = "8080";
        store.Save(configuration);

        Assert.Equal("8080", store.Load().Instances[0].Advanced.TransportSettings["httpPort"]);
    }

    [Fact]
    public void A_setting_name_that_is_not_a_name_is_refused_with_the_field()
    {
        var instance = Instance();
        instance.Advanced.TransportSettings["http port"] = "8080";

        var error = Assert.Single(new ConfigurationValidator().Validate(instance));

        Assert.Equal("advanced.transportSettings", error.Field);
        Assert.Contains("'http port' is not a setting name", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_transport_judges_the_values_and_only_the_problems_the_settings_cause_are_reported()
    {
        var instance = Instance();
        instance.Host = "";
        instance.Advanced.TransportSettings["httpPort"] = "eighty";
        var judge = new JudgingTransport();

        var errors = new ConfigurationValidator(findTransport: type => type == "cti" ? judge : null).Validate(instance);

        var setting = Assert.Single(errors, e => e.Field == "advanced.transportSettings");
        Assert.Equal("Setting httpPort must be a whole number from 1 to 65535, not 'eighty'.", setting.Message);
        Assert.Single(errors, e => e.Field == "host");
        instance.Advanced.TransportSettings["httpPort"] = "8080";
        Assert.DoesNotContain(new ConfigurationValidator(findTransport: _ => judge).Validate(instance), e => e.Field == "advanced.transportSettings");
    }

    [Fact]
    public void The_link_gets_the_settings_and_an_explicit_directory_user_wins_over_the_first_line()
    {
        var secrets = new SecretProtector(_temp.File("keys"));
        var instance = Instance();
        instance.Advanced.TransportSettings["httpPort"] = "8080";

        var options = InstanceSettingsMapping.ToLinkOptions(instance, secrets);
        Assert.Equal("8080", options.Settings["httpPort"]);
        Assert.Equal("alice@example.com", options.Settings["directoryUserId"]);

        instance.Advanced.TransportSettings["directoryUserId"] = "reader@example.com";
        Assert.Equal("reader@example.com", InstanceSettingsMapping.ToLinkOptions(instance, secrets).Settings["directoryUserId"]);
    }

    [Fact]
    public void A_changed_setting_or_password_needs_a_new_link_but_the_same_password_protected_again_does_not()
    {
        var secrets = new SecretProtector(_temp.File("keys"));
        var before = Instance();
        before.PasswordProtected = secrets.Protect("Secret-1");
        var after = Instance();
        after.PasswordProtected = secrets.Protect("Secret-1");
        Assert.NotEqual(before.PasswordProtected, after.PasswordProtected);

        Assert.False(InstanceSettingsMapping.LinkChanged(before, after, secrets));

        after.Advanced.TransportSettings["ctiKeepaliveSeconds"] = "5";
        Assert.True(InstanceSettingsMapping.LinkChanged(before, after, secrets));

        after.Advanced.TransportSettings.Clear();
        after.PasswordProtected = secrets.Protect("Secret-2");
        Assert.True(InstanceSettingsMapping.LinkChanged(before, after, secrets));
    }

    public void Dispose() => _temp.Dispose();
}
