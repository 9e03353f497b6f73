namespace Ecsta.EndToEnd.Tests;

internal static class TestAssembly { }
