namespace Ecsta.Tsp.Configuration;

/// <summary>The configuration file cannot be used; the message names the file, the line and the reason.</summary>
public sealed class ConfigurationException : Exception
{
    public ConfigurationException(string message) : base(message) { }

    public ConfigurationException(string message, Exception innerException) : base(message, innerException) { }

    public ConfigurationException() { }
}
