using Ecsta.Abstractions.Transports;

namespace Ecsta.Abstractions.Tests;

/// <summary>What holds a secret prints none (issue 14, item 9): records end up in logs through ToString().</summary>
public sealed class SecretPrintingTests
{
    [Fact]
    public void Proxy_settings_print_the_proxy_and_user_but_no_password_even_one_written_into_the_address()
    {
        var proxy = new ProxySettings(new Uri("http://scott:tiger-in-uri@proxy.example:3128/"), "scott", "tiger-field");

        var text = proxy.ToString();

        Assert.Contains("proxy.example:3128", text, StringComparison.Ordinal);
        Assert.Contains("scott", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tiger", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Link_options_print_where_and_as_whom_but_not_the_password_or_the_proxy_password()
    {
        var options = new PlatformLinkOptions
        {
            InstanceName = "office",
            Host = "xsp.example.com",
            ConnectionType = ConnectionTypes.Https,
            UserId = "admin@example.com",
            Password = "s3cret-password",
            Proxy = new ProxySettings(new Uri("http://proxy.example:3128"), "p", "proxy-secret"),
        };

        var text = options.ToString();

        Assert.Contains("admin@example.com", text, StringComparison.Ordinal);
        Assert.DoesNotContain("s3cret", text, StringComparison.Ordinal);
        Assert.DoesNotContain("proxy-secret", text, StringComparison.Ordinal);
    }
}
