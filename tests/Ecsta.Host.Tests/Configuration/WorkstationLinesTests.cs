using Ecsta.Abstractions.Transports;
using Ecsta.Tsp.Configuration;
using Ecsta.Tsp.Runtime;

namespace Ecsta.Host.Tests.Configuration;

/// <summary>Workstation mode serves exactly the login user's own line (manual 4.4), configured or not.</summary>
public sealed class WorkstationLinesTests
{
    private static InstanceConfiguration Workstation(params LineConfiguration[] lines)
    {
        var instance = new InstanceConfiguration
        {
            Name = "ws",
            Mode = InstanceMode.Workstation,
            Host = "xsp.example.com",
            ConnectionType = ConnectionTypes.Https,
            User = "alice@example.com",
        };
        instance.Lines.AddRange(lines);
        return instance;
    }

    [Fact]
    public void A_workstation_instance_without_lines_serves_the_login_users_line_with_number_and_name_left_to_BroadWorks()
    {
        var line = Assert.Single(InstanceSettingsMapping.Lines(Workstation()));

        Assert.Equal("alice@example.com", line.UserId);
        Assert.Equal("", line.Number);
        Assert.Equal("", line.Name);
        Assert.Equal("alice@example.com", Assert.Single(InstanceSettingsMapping.ToTspSettings(Workstation()).Lines).UserId);
    }

    [Fact]
    public void A_configured_entry_for_the_login_user_gives_the_workstation_line_its_number_and_name()
    {
        var line = Assert.Single(InstanceSettingsMapping.Lines(Workstation(new LineConfiguration { UserId = "Alice@Example.com", Number = "100", Name = "Front desk" })));

        Assert.Equal("alice@example.com", line.UserId);
        Assert.Equal("100", line.Number);
        Assert.Equal("Front desk", line.Name);
    }

    [Fact]
    public void Another_users_line_in_a_workstation_instance_is_refused_on_save_with_the_reason()
    {
        var instance = Workstation(new LineConfiguration { UserId = "alice@example.com" }, new LineConfiguration { UserId = "bob@example.com", Number = "101" });

        var error = Assert.Single(new ConfigurationValidator().Validate(instance));

        Assert.Equal("lines[1].userId", error.Field);
        Assert.Contains("another user's line", error.Message, StringComparison.Ordinal);
        Assert.Contains("alice@example.com", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Server_mode_serves_exactly_the_configured_lines()
    {
        var instance = Workstation(new LineConfiguration { UserId = "bob@example.com" }, new LineConfiguration { UserId = "carol@example.com" });
        instance.Mode = InstanceMode.Server;

        Assert.Equal(["bob@example.com", "carol@example.com"], InstanceSettingsMapping.Lines(instance).Select(l => l.UserId));
        Assert.Empty(new ConfigurationValidator().Validate(instance));
    }
}
