namespace Ecsta.BroadWorks.Tests;

internal static class TestAssembly { }
