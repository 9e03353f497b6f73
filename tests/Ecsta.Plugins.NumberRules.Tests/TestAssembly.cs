namespace Ecsta.Plugins.NumberRules.Tests;

internal static class TestAssembly { }
