namespace Ecsta.Host.Tests;

internal static class TestAssembly { }
