namespace Ecsta.Abstractions.Tests;

internal static class TestAssembly { }
