namespace Ecsta.Plugins.Transport.Xsi.Tests;

internal static class TestAssembly { }
