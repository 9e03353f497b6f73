namespace Ecsta.Plugins.Licensing.Tests;

internal static class TestAssembly { }
