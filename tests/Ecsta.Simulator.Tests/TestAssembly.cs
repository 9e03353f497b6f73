namespace Ecsta.Simulator.Tests;

internal static class TestAssembly { }
