using Ecsta.Host.Configuration;

namespace Ecsta.Host.Tests.Configuration;

/// <summary><c>api.allowedHosts</c> and <c>api.allowedOrigins</c>: what a reverse proxy and a web application may name, and what is refused.</summary>
public sealed class ListenerAllowListTests
{
    [Theory]
    [InlineData("tapi.example.com")]
    [InlineData("tapi.example.com:8443")]
    [InlineData("192.0.2.10")]
    [InlineData("192.0.2.10:443")]
    [InlineData("[2001:db8::10]")]
    [InlineData("[2001:db8::10]:8443")]
    [InlineData("localhost")]
    public void A_host_name_or_address_with_an_optional_port_is_an_allowed_host(string entry)
    {
        var errors = ConfigurationValidator.ValidateApi(new ApiConfiguration { AllowedHosts = [entry] });

        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("*")]
    [InlineData("*.example.com")]
    [InlineData("tapi.example.com:0")]
    [InlineData("tapi.example.com:99999")]
    [InlineData("tapi.example.com:https")]
    [InlineData("https://tapi.example.com")]
    [InlineData("tapi.example.com/path")]
    [InlineData("2001:db8::10")]
    [InlineData("")]
    [InlineData("user@tapi.example.com")]
    public void Anything_else_is_refused_naming_the_entry_and_its_index(string entry)
    {
        var errors = ConfigurationValidator.ValidateApi(new ApiConfiguration { AllowedHosts = ["ok.example.com", entry] });

        var error = Assert.Single(errors);
        Assert.Equal("api.allowedHosts[1]", error.Field);
        Assert.Contains($"'{entry}'", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://crm.example.com")]
    [InlineData("https://crm.example.com/")]
    [InlineData("http://127.0.0.1:8080")]
    [InlineData("https://[2001:db8::1]:8443")]
    public void A_browser_origin_is_an_allowed_origin(string entry)
    {
        Assert.Empty(ConfigurationValidator.ValidateApi(new ApiConfiguration { AllowedOrigins = [entry] }));
    }

    [Theory]
    [InlineData("*")]
    [InlineData("null")]
    [InlineData("https://*.example.com")]
    [InlineData("crm.example.com")]
    [InlineData("ftp://crm.example.com")]
    [InlineData("https://crm.example.com/app")]
    [InlineData("https://crm.example.com?x=1")]
    [InlineData("https://user@crm.example.com")]
    [InlineData("file:///C:/crm.html")]
    public void A_wildcard_a_path_or_no_web_origin_is_refused_as_an_allowed_origin(string entry)
    {
        var error = Assert.Single(ConfigurationValidator.ValidateApi(new ApiConfiguration { AllowedOrigins = [entry] }));

        Assert.Equal("api.allowedOrigins[0]", error.Field);
    }
}
