namespace Ecsta.Plugins.ProviderProfiles.Tests;

internal static class TestAssembly { }
