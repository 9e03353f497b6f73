namespace Ecsta.Plugins.Transport.Cti.Tests;

internal static class TestAssembly { }
